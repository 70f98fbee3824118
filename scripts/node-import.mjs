// Builds one TypeScript entry for Node with Vite (the app's own resolution, no
// separate TS toolchain) and imports it. Used by the benchmarks' Node halves and
// by `npm run pack -- --docs`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `entry` is a path to a .ts file; the bundle goes to dist-node/<name>/. */
export async function importTsForNode(root, entry, name) {
  const { build } = await import('vite');
  const outDir = join(root, 'dist-node', name);
  await build({
    root, logLevel: 'error', configFile: false,
    build: { ssr: entry, outDir, emptyOutDir: true, target: 'node20', rollupOptions: { output: { entryFileNames: `${name}.mjs` } } },
  });
  return import(pathToFileURL(join(outDir, `${name}.mjs`)).href);
}
