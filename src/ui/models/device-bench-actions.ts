// Models' "Benchmark this device": training steps and the lab engine's decode in the
// device-bench worker, the embedder through its own bridge; the figures go into one
// signal as they come, and "Export JSON" saves them with the browser and GPU they came from.
import { signal } from '@preact/signals';
import type { Services } from '../actions';
import { ensureEmbedder } from '../actions';
import { llmChoices, registryInputs } from '../chat/chat-state';
import { saveFile } from '../save-file';
import { embedStatus, gpu } from '../state';
import { labModelSpec } from '../../llm/model-registry';
import type { DeviceBenchReport, EmbedMeasurement } from '../../shared/device-bench-api';
import { errorMessage, isAbortError, tKey } from '../../shared/errors';
import { messageOf, type Message } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';

export type DeviceBenchState =
  | { state: 'idle' }
  | { state: 'running'; status: Message }
  | { state: 'done' }
  | { state: 'error'; error: Message };

export const benchState = signal<DeviceBenchState>({ state: 'idle' });
export const benchReport = signal<DeviceBenchReport | null>(null);
/** Also run SmolLM2-135M's shape (random weights): minutes without a real GPU. */
export const benchSynthetic = signal(false);
/** A short run for the browser test (set through the test hook window.ragLabDebug.shortDeviceBench): that many models, configurations and steps. */
let shortRun: { models: number; configs: number; steps: number } | null = null;
export function shortDeviceBench(run: { models: number; configs: number; steps: number }): void {
  shortRun = run;
}
const task = new CancellableTask();

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Fixed passages of about 60 words, so that every device embeds the same text. */
function passages(n: number): string[] {
  const words = 'the cooperative harvests kelp in late spring while the seed warden keeps records of every plot and its yield across the coastal villages'.split(' ');
  return Array.from({ length: n }, (_, i) => Array.from({ length: 60 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '));
}

async function embedBench(services: Services, signal: AbortSignal): Promise<EmbedMeasurement> {
  const texts = passages(64);
  try {
    const choice = await ensureEmbedder(services);
    const head = { bench: 'embed' as const, case: `${choice.entry.label}, 64 passages of ~60 words`, model: choice.entry.id, device: embedStatus.value.device ?? '?' };
    await services.embed.embed(texts.slice(0, 4), 'passage', { signal }); // warm-up: kernels compiled, buffers sized
    const t = performance.now();
    const r = await services.embed.embed(texts, 'passage', { signal });
    const s = (performance.now() - t) / 1000;
    return { ...head, passages: r.count, passages_per_s: round(r.count / s), tokens_per_s: round(r.tokenCounts.reduce((a, b) => a + b, 0) / s) };
  } catch (e) {
    if (isAbortError(e)) throw e;
    return { bench: 'embed', case: 'embedder', model: embedStatus.value.modelId ?? '?', device: embedStatus.value.device ?? '?', error: errorMessage(e) };
  }
}

/** Runs the whole bench; the table fills in as figures arrive. */
export async function runDeviceBench(services: Services): Promise<void> {
  const g = gpu.value;
  const report: DeviceBenchReport = {
    app: 'rag-lab', kind: 'device-bench', at: new Date().toISOString(), userAgent: navigator.userAgent,
    gpu: g?.available ? g.adapterName : 'no WebGPU', device: '?', results: [],
  };
  const publish = () => (benchReport.value = { ...report, results: [...report.results] });
  publish();
  benchState.value = { state: 'running', status: tKey('models:bench.starting') };
  await task.run(async (signal) => {
    const models = llmChoices.value
      .filter((m) => m.engine === 'lab' && !m.adapter)
      .map((m) => labModelSpec(m.id, registryInputs.value))
      .filter((s) => s !== null)
      .map((s) => ({ id: s.id, baseUrl: s.baseUrl }))
      .slice(0, shortRun?.models);
    const short = shortRun ? { configs: shortRun.configs, steps: shortRun.steps } : undefined;
    const { device } = await services.deviceBench.run({ models, synthetic: benchSynthetic.value, ...(short ? { short } : {}) }, (e) => {
      if (e.kind === 'status') benchState.value = { state: 'running', status: e.text };
      else (report.results.push(e.result), publish());
    }, signal);
    report.device = device;
    benchState.value = { state: 'running', status: tKey('models:bench.embedding', { count: 64 }) };
    report.results.push(await embedBench(services, signal));
    publish();
    benchState.value = { state: 'done' };
  }, (e, cancelled) => void (benchState.value = cancelled ? { state: 'idle' } : { state: 'error', error: messageOf(e) }));
}

export function cancelDeviceBench(): void {
  task.cancel();
}

export function exportDeviceBench(): void {
  const r = benchReport.value;
  if (r) saveFile(new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' }), `rag-lab-device-bench-${r.at.slice(0, 10)}.json`);
}
