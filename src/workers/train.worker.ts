// The trainer worker: one LoRA training session at a time, on jax-js WebGPU (read only
// with awaited data(); the trainer never calls dataSync) or WebAssembly as the fallback.
// Model files come from web-llm's caches first, then the site (a pack).
import { expose } from 'comlink';
import { getWebGPUDevice } from '@jax-js/jax';
import { useJaxDevice } from '../llm/lab/jax-device';
import type { PromptCompletion } from '../finetune/train/data';
import { checkGradients, type GradientCheckResult, type GradientCheckSpec } from '../finetune/train/gradient-check';
import { runTraining, type Checkpoint, type StepProgress } from '../finetune/train/run';
import { openSession, type TrainingSession } from '../finetune/train/session';
import type { TrainSettings } from '../finetune/train/settings';
import { readCachedOrFetch } from '../llm/web-llm/model-cache';
import { gpuBudget, wasmBudget, type TrainBudget } from '../platform/train-budget';
import { TrainingError, isAbortError, tKey } from '../shared/errors';
import { installErrorTransport } from '../bridges/error-transport';
import type { TrainApi, TrainSpec } from '../shared/train-api';

type Api = TrainApi<TrainSettings, PromptCompletion, Checkpoint, StepProgress, GradientCheckSpec, GradientCheckResult>;

interface GpuDeviceLike {
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  lost: Promise<{ message: string }>;
  addEventListener(type: 'uncapturederror', listener: (e: { error: { message: string } }) => void): void;
}

let session: TrainingSession | null = null;
let settings: TrainSettings | null = null;
let pauseAsked = false;
let controller: AbortController | null = null;
/** Set when the GPU reports the device lost or an error outside any call (out of memory). */
let gpuFailure: string | null = null;

/** WebGPU when asked and available, else WebAssembly (with the reason). */
async function pickDevice(asked: 'webgpu' | 'wasm'): Promise<{ device: 'webgpu' | 'wasm'; note: string | null; budget: TrainBudget }> {
  if (asked === 'webgpu') {
    if (await useJaxDevice('webgpu')) {
      const gpu = getWebGPUDevice() as unknown as GpuDeviceLike;
      gpuFailure = null;
      void gpu.lost.then((info) => (gpuFailure = `the GPU device was lost (${info.message || 'no reason given'})`));
      gpu.addEventListener('uncapturederror', (e) => (gpuFailure ??= `the GPU reported an error (${e.error.message})`));
      const adapter = await (navigator as unknown as { gpu: { requestAdapter(o: object): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> } }).gpu.requestAdapter({ powerPreference: 'high-performance' });
      const memory = (navigator as { deviceMemory?: number }).deviceMemory;
      return { device: 'webgpu', note: null, budget: gpuBudget(gpu.limits, !!adapter?.info?.isFallbackAdapter, memory) };
    }
  }
  if (!(await useJaxDevice('wasm'))) throw new TrainingError(tKey('errors:training.noBackend'));
  const note = asked === 'webgpu' ? 'WebGPU is not available to the trainer here, so it trains on the CPU (WebAssembly): expect it to be many times slower.' : null;
  return { device: 'wasm', note, budget: wasmBudget };
}

/** Reads a model's files from web-llm's caches first, then the site (a pack). */
function modelReader(baseUrl: string): (file: string) => Promise<ArrayBuffer> {
  const folder = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return (file) => readCachedOrFetch(new URL(file, folder).href);
}

const api: Api = {
  async open(spec: TrainSpec<TrainSettings, PromptCompletion>) {
    api.close();
    const { device, note, budget } = await pickDevice(spec.device);
    const read = modelReader(spec.baseUrl);
    session = await openSession(read, spec.baseLabel, spec.examples, spec.settings, { device, budget });
    settings = spec.settings;
    const p = session.prepared;
    return {
      device, fallbackNote: note, totalSteps: session.totalSteps, train: session.data.train.length, validation: session.data.validation.length,
      truncatedExamples: p.truncatedExamples, truncatedTokens: p.truncatedTokens, droppedExamples: p.droppedExamples,
      memory: { ...session.memory }, budget, probe: session.probe, estimatedMs: session.estimatedMs,
    };
  },

  async run(resume, onStep, onCheckpoint) {
    if (!session || !settings) throw new TrainingError(tKey('errors:training.noSession'));
    pauseAsked = false;
    controller = new AbortController();
    let last = resume?.step ?? null;
    try {
      return await runTraining(session.trainer, session.data, settings, {
        onStep: (p) => {
          // A GPU error arrives as an event, not an exception: stop before a bad step is saved.
          if (gpuFailure) throw new TrainingError(gpuFailure);
          onStep(p);
        },
        onCheckpoint: async (c) => {
          if (gpuFailure) throw new TrainingError(gpuFailure);
          await onCheckpoint(c);
          last = c.step;
        },
        shouldPause: () => pauseAsked,
        signal: controller.signal,
      }, resume);
    } catch (e) {
      if (isAbortError(e)) throw e;
      if (e instanceof TrainingError && !gpuFailure) throw e;
      const why = gpuFailure ?? (e as Error).message ?? String(e);
      api.close();
      throw new TrainingError(last === null ? tKey('errors:training.stoppedNoCheckpoint', { why }) : tKey('errors:training.stoppedCheckpoint', { why, step: last }));
    } finally {
      controller = null;
    }
  },

  pause() {
    pauseAsked = true;
  },

  cancel() {
    controller?.abort();
  },

  close() {
    try {
      session?.dispose();
    } catch {
      // A lost device cannot free its buffers; the worker is stopped next anyway.
    }
    session = null;
    settings = null;
  },

  async gradients(baseUrl, baseLabel, asked, check) {
    api.close();
    const { device } = await pickDevice(asked);
    const result = await checkGradients(modelReader(baseUrl), baseLabel, check, device);
    if (gpuFailure) throw new TrainingError(gpuFailure);
    return { ...result, device };
  },
};

installErrorTransport();
expose(api);
