// Entry: creates the worker bridges, mounts the UI, then probes the platform.
import { h, render } from 'preact';
import { EmbedBridge } from './bridges/embed-bridge';
import { IngestBridge } from './bridges/ingest-bridge';
import { LabLlmBridge } from './bridges/lab-llm-bridge';
import { DeviceBenchBridge } from './bridges/device-bench-bridge';
import { SearchBridge } from './bridges/search-bridge';
import { RerankBridge } from './bridges/rerank-bridge';
import { FinetuneBridge } from './bridges/finetune-bridge';
import { TrainBridge } from './bridges/train-bridge';
import { WebLlmEngine } from './llm/web-llm/web-llm-engine';
import { Retriever } from './retrieval/retriever';
import { labModelSpec } from './llm/model-registry';
import { registryInputs, webLlmConfig } from './ui/chat/chat-state';
import { ensureEmbedder, probeEnvironment, type Services } from './ui/actions';
import { selectedEmbedder } from './ui/state';
import { openLibrary } from './ui/library/library-actions';
import { openEval } from './ui/evaluate/eval-actions';
import { rerankPairs } from './ui/models/rerank-actions';
import { openFinetune } from './ui/finetune/finetune-actions';
import { refreshTrainingRuns } from './ui/finetune/train-actions';
import { findInterruptedJobs } from './ui/job-journal';
import { App } from './ui/app';
import { registerServiceWorker } from './platform/network';
import './ui/styles.css';
// The same file the onnxruntime-web bundle references, so Vite emits it once.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

const embed = new EmbedBridge(() => new Worker(new URL('./workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' }));
const search = new SearchBridge(() => new Worker(new URL('./workers/search.worker.ts', import.meta.url), { type: 'module', name: 'search' }));
const services: Services = {
  embed,
  ingest: new IngestBridge(() => new Worker(new URL('./workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' })),
  search,
  rerank: new RerankBridge(() => new Worker(new URL('./workers/rerank.worker.ts', import.meta.url), { type: 'module', name: 'rerank' })),
  llm: {
    lab: new LabLlmBridge(
      () => new Worker(new URL('./workers/lab-llm.worker.ts', import.meta.url), { type: 'module', name: 'lab-llm' }),
      (id) => labModelSpec(id, registryInputs.value),
    ),
    webllm: new WebLlmEngine(
      () => new Worker(new URL('./workers/web-llm.worker.ts', import.meta.url), { type: 'module', name: 'web-llm' }),
      () => webLlmConfig.value,
    ),
  },
  finetune: new FinetuneBridge(() => new Worker(new URL('./workers/finetune.worker.ts', import.meta.url), { type: 'module', name: 'finetune' })),
  deviceBench: new DeviceBenchBridge(() => new Worker(new URL('./workers/device-bench.worker.ts', import.meta.url), { type: 'module', name: 'device-bench' })),
  train: new TrainBridge(() => new Worker(new URL('./workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' })),
  retriever: new Retriever({
    embedderId: () => selectedEmbedder.value?.entry.id ?? null,
    embedQuery: async (text) => {
      await ensureEmbedder(services);
      return (await embed.embed([text], 'query')).vectors;
    },
    embedTexts: async (texts) => {
      await ensureEmbedder(services);
      return (await embed.embed(texts, 'query')).vectors;
    },
    search,
    rerank: (modelId, query, passages, signal) => rerankPairs(services, modelId, query, passages, signal),
  }),
  baseUrl: document.baseURI,
  ortWasmUrl: new URL(ortWasmUrl, document.baseURI).href,
};

render(h(App, { services }), document.getElementById('app')!);
// Test hooks (crash a worker, hold a training run, read gradients): installed only when the page was opened with
// the flag set (the browser tests set it before the page loads; test/browser/helpers.ts debugHooks), and loaded on
// demand, so an ordinary visit neither downloads nor exposes them.
if (localStorage.getItem('rag-lab-debug-hooks') === '1') void import('./debug-hooks').then((m) => m.installDebugHooks(services, embed));
// The service worker caches the app shell for offline use (production builds; tests opt in).
if (import.meta.env.PROD) void registerServiceWorker(document.baseURI);
// The catalog decides the default embedder, so the library opens after it; an
// interrupted eval run resumes once both are ready.
void openFinetune();
// A training run cut off by a reload or a closed tab is offered for resume in Fine-tune.
void refreshTrainingRuns(3000);
// Dataset building and QA synthesis cannot resume: say what a reload or a closed tab cut off.
void findInterruptedJobs();
void probeEnvironment(services)
  .then(() => openLibrary(services))
  .finally(() => openEval(services));
