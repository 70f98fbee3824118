// The one cancellable-task shape of ui/*-actions.ts: a fresh signal per run, cancel() aborts it,
// an AbortError reaches the handler as a cancellation, another error as a failure.
import { describe, expect, it } from 'vitest';
import { CancellableTask } from '../../../src/ui/cancellable-task';

describe('CancellableTask', () => {
  it('tells a cancellation from a failure, and a new run gets a fresh signal', async () => {
    const task = new CancellableTask();
    const ended: [string, boolean][] = [];
    const running = task.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')))),
      (e, cancelled) => void ended.push([(e as Error).name, cancelled]));
    task.cancel();
    await running;
    await task.run(async (signal) => {
      expect(signal.aborted).toBe(false);
      throw new TypeError('broken');
    }, (e, cancelled) => void ended.push([(e as Error).name, cancelled]));
    expect(ended).toEqual([['AbortError', true], ['TypeError', false]]);
  });

  it('rethrows without a handler, and cancel() with nothing running does nothing', async () => {
    const task = new CancellableTask();
    task.cancel();
    await expect(task.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    let done = false;
    await task.run(async () => void (done = true));
    expect(done).toBe(true);
  });
});
