// The engine benchmark, shared by Node and Chromium (scripts/bench-engine.mjs): the lab
// engine's prefill and decode tokens/s on the fixture models, on a jax-js device, next to
// the plain-TypeScript reference (the CPU path) measured in the same run.
import { LabEngine, type LabDevice, type ModelFileReader } from '../src/llm/lab/lab-engine';

export interface EngineMeasurement {
  bench: 'engine';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const question = [{ role: 'user' as const, content: 'When is the kelp harvest season, and who is the seed warden of the cooperative?' }];

async function measure(engine: LabEngine, runs: number) {
  const prefill: number[] = [];
  const decode: number[] = [];
  const totals: number[] = [];
  let prompt = 0;
  let completion = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for await (const c of engine.chat(question, { maxTokens: 32 })) {
      if (c.type === 'done') {
        prefill.push(c.usage.prefillTokensPerS);
        decode.push(c.usage.decodeTokensPerS);
        prompt = c.usage.promptTokens;
        completion = c.usage.completionTokens;
      }
    }
    totals.push(performance.now() - t);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const s = [...totals].sort((x, y) => x - y);
  return {
    p50_ms: round(med(totals)), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!),
    prefill_tokens_per_s: round(med(prefill)), decode_tokens_per_s: round(med(decode)), prompt_tokens: prompt, completion_tokens: completion,
  };
}

export async function runEngineBench(read: ModelFileReader, device: Exclude<LabDevice, 'cpu'>, where: string, log: (m: EngineMeasurement) => void, runs = 3) {
  for (const model of ['tiny-llama', 'tiny-qwen2']) {
    const engine = new LabEngine(read);
    await engine.load(model);
    await engine.setDevice('cpu');
    const reference = await measure(engine, runs);
    await engine.setDevice(device);
    await measure(engine, 1); // warm-up: kernel compilation
    const ours = await measure(engine, runs);
    log({
      bench: 'engine', case: `${model}, 32 new tokens, lab engine on ${device} (jax-js) in ${where}`, n: runs, ...ours,
      baseline: { what: 'plain-TypeScript reference (CPU)', ...reference },
    });
  }
}
