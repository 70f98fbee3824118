// The engine benchmark, shared by Node and Chromium (scripts/bench-engine.mjs): the lab
// engine's prefill and decode tokens/s, time to first token, first-call (compile) time and
// peak memory on a jax-js device, next to the plain-TypeScript reference (the CPU path)
// measured in the same run. Two kinds of model: the tiny fixtures, through the whole engine
// (tokenizer, conv_template, sampling), and one with SmolLM2-135M's shape and random
// weights made in memory (never written to disk), through the forward passes directly.
import { useJaxDevice } from '../llm/lab/jax-device';
import { JaxModel } from '../llm/lab/jax-model';
import { LabEngine, type LabDevice, type ModelFileReader } from '../llm/lab/lab-engine';
import { ReferenceModel } from '../llm/reference/model';
import { argmax } from '../llm/sampling';
import { randomWeights, smolLm2Shape } from '../llm/lab/synthetic-model';
import { yieldToEventLoop } from '../shared/yield';

export { randomWeights, smolLm2Shape };

export interface EngineMeasurement {
  bench: 'engine';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

/** Bytes the platform reports in use (Node: resident set; Chromium: the JS heap, which leaves out GPU buffers). */
export type MemoryProbe = { what: string; bytes: () => number };

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const question = [{ role: 'user' as const, content: 'When is the kelp harvest season, and who is the seed warden of the cooperative?' }];

/** Samples memory every 10 ms while `work` runs (the engines yield between tokens); returns its peak in MB. */
async function peakMb<T>(memory: MemoryProbe, work: () => Promise<T>): Promise<[T, number]> {
  let peak = memory.bytes();
  const timer = setInterval(() => (peak = Math.max(peak, memory.bytes())), 10);
  try {
    const out = await work();
    peak = Math.max(peak, memory.bytes());
    return [out, round(peak / 2 ** 20)];
  } finally {
    clearInterval(timer);
  }
}

/** One generation of up to `newTokens` tokens after the benchmark's chat prompt, with the engine's default options (greedy). */
async function generateOnce(engine: LabEngine, newTokens: number) {
  const t = performance.now();
  for await (const c of engine.chat(question, { maxTokens: newTokens })) {
    if (c.type === 'done') return { total: performance.now() - t, usage: c.usage };
  }
  throw new Error('The engine finished without a usage report.');
}

type Run = Awaited<ReturnType<typeof generateOnce>>;

function summarise(runs: Run[]) {
  const totals = runs.map((r) => r.total);
  const s = [...totals].sort((x, y) => x - y);
  return {
    p50_ms: round(med(totals)), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!),
    prefill_tokens_per_s: round(med(runs.map((r) => r.usage.prefillTokensPerS))), decode_tokens_per_s: round(med(runs.map((r) => r.usage.decodeTokensPerS))),
    ttft_ms: round(med(runs.map((r) => r.usage.timeToFirstTokenMs))), prompt_tokens: runs[0]!.usage.promptTokens, completion_tokens: runs[0]!.usage.completionTokens,
  };
}

/**
 * The fixture models through the whole engine: `newTokens` new tokens after a ~60-token chat prompt.
 * The reference and the jax-js path run in turns (reference, ours, reference, ours, …), so that
 * whatever else the machine does at the time weighs on both; each side's figures are medians.
 */
export async function runEngineBench(read: ModelFileReader, device: Exclude<LabDevice, 'cpu'>, where: string, log: (m: EngineMeasurement) => void, memory: MemoryProbe, runs = 7, newTokens = 64) {
  for (const model of ['tiny-llama', 'tiny-qwen2', 'tiny-qwen3']) {
    const reference = new LabEngine(read);
    await reference.load(model);
    await reference.setDevice('cpu');
    const engine = new LabEngine(read);
    await engine.load(model);
    await engine.setDevice(device);
    // The first call compiles the prefill and decode programs; the difference to a warm call is the compile cost.
    const [first, firstPeak] = await peakMb(memory, () => generateOnce(engine, newTokens));
    await generateOnce(reference, newTokens); // and warms the reference's JavaScript the same way
    const refRuns: Run[] = [];
    const ourRuns: Run[] = [];
    let referencePeak = 0;
    let oursPeak = firstPeak;
    for (let i = 0; i < runs; i++) {
      const [r, rp] = await peakMb(memory, () => generateOnce(reference, newTokens));
      refRuns.push(r);
      referencePeak = Math.max(referencePeak, rp);
      const [o, op] = await peakMb(memory, () => generateOnce(engine, newTokens));
      ourRuns.push(o);
      oursPeak = Math.max(oursPeak, op);
    }
    await reference.unload();
    await engine.unload();
    const ours = summarise(ourRuns);
    const base = summarise(refRuns);
    log({
      bench: 'engine', case: `${model}, ${newTokens} new tokens, lab engine on ${device} (jax-js, jit) in ${where}`, n: runs, ...ours,
      decode_vs_reference: round(ours.decode_tokens_per_s / base.decode_tokens_per_s, 2), prefill_vs_reference: round(ours.prefill_tokens_per_s / base.prefill_tokens_per_s, 2),
      first_call_ms: round(first.total), compile_ms: round(first.total - ours.p50_ms), peak_mb: oursPeak, memory: memory.what,
      baseline: { what: 'plain-TypeScript reference (CPU), run in turns with ours', ...base, peak_mb: referencePeak },
    });
  }
}

interface PassTimes { ttftMs: number; decodeTokensPerS: number; prefillTokensPerS: number; tokens: number[] }

/** Greedy: a prompt, then `steps` decode steps; times the prefill (TTFT: prompt in, first token chosen) and the decode. */
async function timePasses(prefill: (t: number[]) => Promise<Float32Array>, step: (t: number) => Promise<Float32Array>, prompt: number[], steps: number, yieldToLoop: () => Promise<void>): Promise<PassTimes> {
  let t = performance.now();
  let logits = await prefill(prompt);
  const tokens = [argmax(logits)];
  const ttftMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < steps; i++) {
    logits = await step(tokens.at(-1)!);
    tokens.push(argmax(logits));
    await yieldToLoop(); // lets the memory sampler run, as the engine does between tokens
  }
  return { ttftMs, prefillTokensPerS: prompt.length / (ttftMs / 1000), decodeTokensPerS: steps / ((performance.now() - t) / 1000), tokens };
}

/**
 * SmolLM2-135M's shape with random weights: jax-js (jit) on `device` against the reference,
 * same prompt, same greedy decode. The reference is slow at this size, so the prompt is short.
 */
export async function runSyntheticBench(device: Exclude<LabDevice, 'cpu'>, where: string, log: (m: EngineMeasurement) => void, memory: MemoryProbe, { promptTokens = 32, steps = 16 } = {}) {
  // JaxModel takes jax-js's default device: set it here, whatever ran before.
  if (!(await useJaxDevice(device))) throw new Error(`${device} is not available here.`);
  const shape = smolLm2Shape;
  const weights = randomWeights(shape);
  const prompt = Array.from({ length: promptTokens }, (_, i) => (i * 7919 + 13) % shape.vocab);
  const yieldToLoop = yieldToEventLoop; // as the engine yields between tokens (a timer would add a 1–4 ms clamp)
  const reference = new ReferenceModel(shape, weights);
  const [ref, refPeak] = await peakMb(memory, async () => {
    const cache = reference.newCache();
    return timePasses(async (ts) => {
      let last: Float32Array = new Float32Array(0);
      for (const t of ts) (last = reference.step(t, cache)), await yieldToLoop();
      return last;
    }, async (t) => reference.step(t, cache), prompt, steps, yieldToLoop);
  });
  let compileMs = 0;
  let firstCallMs = 0;
  const [ours, oursPeak] = await peakMb(memory, async () => {
    const model = new JaxModel(shape, weights);
    try {
      // First run: compiles the prefill (padded to 32) and decode programs. Second run: warm.
      const t = performance.now();
      const cold = model.newCache();
      await timePasses((ts) => model.prefill(ts, cold), (tk) => model.step(tk, cold), prompt, 2, yieldToLoop);
      firstCallMs = performance.now() - t;
      compileMs = model.compileMs;
      model.disposeCache(cold);
      const warm = model.newCache();
      const out = await timePasses((ts) => model.prefill(ts, warm), (tk) => model.step(tk, warm), prompt, steps, yieldToLoop);
      model.disposeCache(warm);
      return out;
    } finally {
      model.dispose();
    }
  });
  log({
    bench: 'engine', case: `SmolLM2-135M shape (random weights, ${round([...weights.values()].reduce((n, t) => n + t.data.length, 0) / 1e6)}M params), ${promptTokens}-token prompt + ${steps} greedy tokens, jax-js (jit) on ${device} in ${where}`, n: 1,
    p50_ms: round(ours.ttftMs + (steps / ours.decodeTokensPerS) * 1000), p95_ms: round(ours.ttftMs + (steps / ours.decodeTokensPerS) * 1000),
    prefill_tokens_per_s: round(ours.prefillTokensPerS), decode_tokens_per_s: round(ours.decodeTokensPerS, 2), ttft_ms: round(ours.ttftMs),
    decode_vs_reference: round(ours.decodeTokensPerS / ref.decodeTokensPerS, 2), prefill_vs_reference: round(ours.prefillTokensPerS / ref.prefillTokensPerS, 2),
    first_call_ms: round(firstCallMs), compile_ms: round(compileMs), peak_mb: oursPeak, memory: memory.what, same_greedy_tokens: ours.tokens.join() === ref.tokens.join(),
    baseline: { what: 'plain-TypeScript reference (CPU)', prefill_tokens_per_s: round(ref.prefillTokensPerS, 2), decode_tokens_per_s: round(ref.decodeTokensPerS, 2), ttft_ms: round(ref.ttftMs), peak_mb: refPeak },
  });
}
