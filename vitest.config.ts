import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The slowest files (measured: 10–26 s each, most under 1 s) start first, so that no long one is left running alone on
// one core at the end. Vitest orders by its cached durations when it has them, but a fresh clone has none and it falls
// back to file size, which put the 3-line train-run-<family> files last (≈ 18 s lost per run).
const slowestFirst = [
  'finetune/train-run-qwen3', 'finetune/train-run-llama', 'finetune/train-run-qwen2', 'reader-model', 'finetune/train-cli',
  'bench/device-bench', 'jax-model', 'lab-engine', 'pack', 'finetune/train-run',
].map((f) => `test/unit/${f}.test.ts`);

/**
 * Files that need a module graph of their own: one replaces a module with vi.mock; the UI tests render views that read
 * the app's global signals, which other UI files set (a shared graph once gave one a half-made merged model).
 */
const isolated = ['test/unit/lab-engine-wasm-memory.test.ts', 'test/unit/ui/**/*.test.ts'];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = slowestFirst.findIndex((s) => f.moduleId.endsWith(s));
      return i < 0 ? slowestFirst.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    environment: 'node',
    globalSetup: ['test/unit/global-setup.ts'],
    testTimeout: 60_000,
    // Both cores: Vitest's default leaves one free.
    maxWorkers: 2,
    // Worker threads, not forked processes: measured 123 s against 141 s for the whole unit suite on two cores.
    pool: 'threads',
    sequence: { sequencer: SlowestFirst },
    projects: [
      // Files share their worker's module graph (measured: 107 s against 120 s, a third of it re-importing the same
      // modules per file); each file still sets up its own stores. The files listed above run isolated.
      { extends: true, test: { name: 'shared', include: ['test/unit/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
