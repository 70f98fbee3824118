// Browser entry of `npm run bench:rerank`: the fixture pack is served under /models/.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { EmbedDevice } from '../../shared/embed-api';
import { runRerankBench, type RerankMeasurement } from '../rerank-core';

type Options = { devices: EmbedDevice[]; models: { path: string; label: string }[]; ns: number[]; reps: number };
type BenchWindow = { rerankBench: (o: Options) => Promise<RerankMeasurement[]>; reportMeasurement?: (m: RerankMeasurement) => Promise<void> };

(window as unknown as BenchWindow).rerankBench = async (o) => {
  const baseUrl = new URL('models/', document.baseURI).href;
  const words = Object.keys(((await (await fetch(new URL('tiny-reranker/tokenizer.json', baseUrl))).json()) as { model: { vocab: Record<string, number> } }).model.vocab).filter((w) => /^[a-z]{2,}$/.test(w));
  const out: RerankMeasurement[] = [];
  // Each figure goes out as soon as it is measured (when the script listens), so a slow device loses nothing already done.
  const send = (window as unknown as BenchWindow).reportMeasurement;
  await runRerankBench({ ...o, platform: 'Chromium', baseUrl, words, ortWasmUrl: new URL(ortWasmUrl, document.baseURI).href }, (m) => {
    out.push(m);
    void send?.(m);
  });
  return out;
};
