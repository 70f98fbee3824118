// Runs once before the browser specs: builds each demo pack's library as an
// export (.zip, the Library's own format) with the app's real ingestion,
// embedding (the fixture embedder on onnxruntime-node), graph rules and store,
// in Node (scripts/pack/library-node.ts). Specs whose subject is not indexing
// import it (helpers.ts importDemoLibrary) instead of indexing the pack again
// in the page, which took most of the suite's time. Indexing in the page stays
// where it is the subject: foundation, library, ingest-queue, one Chinese test.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTsForNode } from '../../scripts/node-import.mjs';
import { demoLibraries, seededLibraryPath } from './seed-paths';

const root = join(import.meta.dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  const started = performance.now();
  const { buildLibrary, demoPackFiles } = await importTsForNode(root, join(root, 'scripts', 'pack', 'library-node.ts'), 'test-library');
  const modelsDir = join(root, 'test', 'fixtures', 'models');
  const catalog = JSON.parse(readFileSync(join(modelsDir, 'catalog.json'), 'utf8'));
  const entry = catalog.embedders[0];
  for (const pack of demoLibraries) {
    const built = await buildLibrary(await demoPackFiles(join(root, 'public', pack.folder)), entry, modelsDir);
    if (built.failed.length) throw new Error(`Seeding the ${pack.id} demo library failed: ${JSON.stringify(built.failed)}`);
    const out = seededLibraryPath(pack.id);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, built.zip);
  }
  console.log(`global set-up: demo libraries (${demoLibraries.map((p) => p.id).join(', ')}) built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
