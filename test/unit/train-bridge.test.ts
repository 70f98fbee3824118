// The trainer's bridge over a fake worker (comlink on a MessageChannel): progress and awaited
// checkpoints reach the page, Pause and an AbortSignal reach the worker, a TrainingError keeps
// its class, a crash becomes a TrainingError, and the worker stops when a run ends.
import { describe, expect, it } from 'vitest';
import { TrainBridge } from '../../src/bridges/train-bridge';
import { DivergedError, TrainingError } from '../../src/shared/errors';
import { fakeWorkers } from './helpers';

type Ckpt = { step: number };

function fakeWorker(opts: { failAt?: number; failAs?: typeof TrainingError; crashAt?: number } = {}) {
  const { create, made } = fakeWorkers(() => {
    let pause = false;
    let cancel = false;
    return {
      open: async () => ({ totalSteps: 6 }),
      run: async (resume: Ckpt | null, onStep: (p: { step: number }) => void, onCheckpoint: (c: Ckpt) => Promise<void>) => {
        for (let step = (resume?.step ?? 0) + 1; step <= 6; step++) {
          await new Promise((r) => setTimeout(r, 5));
          if (cancel) throw new DOMException('Training was cancelled.', 'AbortError');
          if (step === opts.failAt) throw new (opts.failAs ?? TrainingError)('The loss became NaN');
          if (step === opts.crashAt) made.at(-1)!.crash('out of memory');
          onStep({ step });
          if (step % 2 === 0 || pause) await onCheckpoint({ step });
          if (pause) return { status: 'paused', checkpoint: { step } };
        }
        return { status: 'done', checkpoint: { step: 6 } };
      },
      pause: () => void (pause = true),
      cancel: () => void (cancel = true),
      close: () => undefined,
    };
  });
  return { bridge: new TrainBridge(create), state: { get terminated() { return made.filter((w) => w.terminated).length; } } };
}

const spec = { baseUrl: '/m/', baseLabel: 'm', examples: [], settings: {} as never, device: 'wasm' as const };

describe('TrainBridge', () => {
  it('passes every step and awaits every checkpoint, then stops the worker', async () => {
    const { bridge, state } = fakeWorker();
    await bridge.open(spec);
    const steps: number[] = [];
    const saved: number[] = [];
    const out = await bridge.run(null, {
      onStep: (p) => steps.push(p.step),
      onCheckpoint: async (c) => {
        await new Promise((r) => setTimeout(r, 10));
        saved.push(c.step);
      },
    });
    expect(out.status).toBe('done');
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved).toEqual([2, 4, 6]);
    expect(state.terminated).toBeGreaterThanOrEqual(1);
  });

  it('Pause saves a checkpoint and resolves paused; an AbortSignal cancels with an AbortError', async () => {
    const a = fakeWorker();
    await a.bridge.open(spec);
    const paused = a.bridge.run(null, { onStep: (p) => p.step === 2 && a.bridge.pause(), onCheckpoint: async () => undefined });
    expect((await paused).status).toBe('paused');
    const b = fakeWorker();
    await b.bridge.open(spec);
    const controller = new AbortController();
    const cancelled = b.bridge.run({ step: 2 } as never, { onStep: (p) => p.step === 3 && controller.abort(), onCheckpoint: async () => undefined, signal: controller.signal });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a TrainingError keeps its class across the thread; a crashed worker becomes a TrainingError that says what to do', async () => {
    const nan = fakeWorker({ failAt: 3 });
    await nan.bridge.open(spec);
    await expect(nan.bridge.run(null, { onStep: () => undefined, onCheckpoint: async () => undefined })).rejects.toBeInstanceOf(TrainingError);
    const diverged = fakeWorker({ failAt: 3, failAs: DivergedError });
    await diverged.bridge.open(spec);
    await expect(diverged.bridge.run(null, { onStep: () => undefined, onCheckpoint: async () => undefined })).rejects.toBeInstanceOf(DivergedError);
    const oom = fakeWorker({ crashAt: 3 });
    await oom.bridge.open(spec);
    const err = await oom.bridge.run(null, { onStep: () => undefined, onCheckpoint: async () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as Error).message).toMatch(/out of memory.*last saved checkpoint is kept/);
  });
});
