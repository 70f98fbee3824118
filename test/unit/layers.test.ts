// The layer rule of src/ (docs/architecture.md): a folder imports only from its
// own layer or lower ones, and shared/ imports nothing. Type-only imports count
// too: a lower layer that names a higher layer's type depends on it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Lowest first. A folder may import from any folder of a lower or equal rank. */
export const layers: Record<string, number> = {
  shared: 0,
  platform: 1, catalog: 1, demo: 1, embed: 1,
  ingest: 2, llm: 2,
  rag: 3, graph: 3,
  eval: 4,
  finetune: 5,
  store: 6,
  library: 7, retrieval: 7,
  bridges: 8, bench: 8,
  workers: 9, sw: 9,
  ui: 10,
  // The entry, and the test hooks it installs only behind a flag (they reach into ui/).
  'main.ts': 11, 'debug-hooks.ts': 11,
};

const src = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.mts') ? [path] : [];
  });
}

/** The top-level folder, or the top-level file with its extension (an import names `./debug-hooks`, the file is debug-hooks.ts). */
const layerOf = (path: string) => {
  const top = relative(src, path).split('/')[0]!;
  return top in layers || !(`${top}.ts` in layers) ? top : `${top}.ts`;
};

/** Every edge from a source file into another top-level folder of src/. */
function crossImports(): { from: string; to: string; file: string }[] {
  const edges: { from: string; to: string; file: string }[] = [];
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const target = resolve(dirname(file), (m[1] ?? m[2])!);
      const from = layerOf(file);
      const to = layerOf(target);
      if (from !== to) edges.push({ from, to, file: relative(src, file) });
    }
  }
  return edges;
}

describe('layers of src/', () => {
  const edges = crossImports();

  it('knows every top-level folder of src/', () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory() || /^[^.]+\.tsx?$/.test(n));
    expect(folders.filter((f) => !(f in layers))).toEqual([]);
  });

  it('finds the imports it checks (the scan itself works)', () => {
    expect(edges.some((e) => e.from === 'ui' && e.to === 'llm')).toBe(true);
    expect(edges.length).toBeGreaterThan(100);
  });

  it('shared/ imports nothing outside itself', () => {
    expect(edges.filter((e) => e.from === 'shared')).toEqual([]);
  });

  it('no folder imports from a higher layer', () => {
    const upward = edges.filter((e) => (layers[e.to] ?? 99) > (layers[e.from] ?? -1)).map((e) => `${e.file} → ${e.to}/`);
    expect(upward).toEqual([]);
  });
});
