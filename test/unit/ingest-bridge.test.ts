// The ingest bridge when its worker dies: calls in flight reject instead of
// hanging (comlink alone would wait for ever), and the next call gets a fresh worker.
import { afterEach, describe, expect, it } from 'vitest';
import { IngestBridge } from '../../src/bridges/ingest-bridge';
import { WorkerCrashError } from '../../src/shared/errors';
import { fakeWorkers } from './helpers';

const tokenizer = {} as never;
const options = { chunkTokens: 64, overlapTokens: 8 };

/** Workers whose prepareText never answers until `answer` is set: a job that is "in flight". */
function factory(answer: () => boolean) {
  return fakeWorkers(() => ({ prepareText: (name: string) => (answer() ? { name } : new Promise(() => undefined)) }));
}

const bridges: IngestBridge[] = [];
afterEach(() => bridges.splice(0).forEach((b) => b.terminate()));

describe('IngestBridge', () => {
  it('rejects the calls in flight with a WorkerCrashError when the worker crashes, then starts a fresh one', async () => {
    let answers = false;
    const { create, made } = factory(() => answers);
    const bridge = new IngestBridge(create);
    bridges.push(bridge);
    const a = bridge.prepareText('a', 'text a', tokenizer, options);
    const b = bridge.prepareText('b', 'text b', tokenizer, options);
    bridge.crash('out of memory');
    for (const call of [a, b]) {
      const e = await call.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkerCrashError);
      expect((e as Error).message).toMatch(/file-reading worker stopped \(out of memory\)/);
    }
    expect(made[0]!.terminated).toBe(true);
    answers = true;
    await expect(bridge.prepareText('c', 'text c', tokenizer, options)).resolves.toEqual({ name: 'c' });
    expect(made).toHaveLength(2);
  });
});
