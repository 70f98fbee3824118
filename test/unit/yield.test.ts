// The yield between tokens (shared/yield.ts): a task, so timers and messages run; and in Node it must neither keep
// a finished process alive nor let the process exit while a yield is pending (a plain Node script awaiting it).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yieldToEventLoop } from '../../src/shared/yield';
import { importTsForNode } from '../../scripts/node-import.mjs';

describe('yieldToEventLoop', () => {
  it('lets a timer that is due run before the loop continues, and does not wait for the 4 ms timer clamp', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const t = performance.now();
    while (!fired && performance.now() - t < 1000) await yieldToEventLoop();
    expect(fired).toBe(true);
    // A microtask would never let the timer run: the loop above would spin for the whole second.
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('in a plain Node process: awaited yields complete, and the process then exits by itself', async () => {
    // Built here, then imported by a bare Node process: nothing else (no bundler) keeps its event loop alive.
    await importTsForNode(process.cwd(), join(process.cwd(), 'src/shared/yield.ts'), 'yield-test');
    const built = pathToFileURL(join(process.cwd(), 'dist-node/yield-test/yield-test.mjs')).href;
    const script = `const { yieldToEventLoop } = await import(${JSON.stringify(built)});
      for (let i = 0; i < 100; i++) await yieldToEventLoop();
      console.log('yielded 100 times');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    // Exit code 13: the loop emptied while a yield was pending ("unsettled top-level await").
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('yielded 100 times');
  }, 60_000);
});
