import type { Services } from '../actions';
import { benchReport, benchState, benchSynthetic, cancelDeviceBench, exportDeviceBench, runDeviceBench } from '../device-bench-actions';
import type { DecodeMeasurement, EmbedMeasurement, TrainMeasurement } from '../../shared/device-bench-api';

const num = (x: number | undefined, d = 0) => (x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en', { maximumFractionDigits: d }));

function TrainRow({ m }: { m: TrainMeasurement }) {
  const mode = `${m.jit ? 'compiled (jit)' : 'eager'}, ${m.recompute ? 'recompute per layer' : 'whole-model gradient'}`;
  if (m.error) {
    return (
      <tr data-bench="train" data-error="true">
        <td class="nowrap">{m.model}</td><td class="nowrap">{m.seq_len} tokens</td><td>{mode}</td><td colSpan={5} class="error">{m.error}</td>
      </tr>
    );
  }
  const memory = Number.isFinite(m.peak_mb) ? `${num(m.peak_mb)} MB (estimate ${num(m.estimate_mb)} MB)` : `estimate ${num(m.estimate_mb)} MB`;
  return (
    <tr data-bench="train" data-tokens-per-s={m.tokens_per_s} data-gflops={m.gflop_per_s} data-ratio={m.ratio_to_matmul}>
      <td class="nowrap">{m.model}</td><td class="nowrap">{m.seq_len} tokens</td><td>{mode}</td>
      <td>{num(m.p50_ms)}</td><td>{num(m.tokens_per_s)}</td><td>{num(m.gflop_per_s, 2)}</td>
      <td title={`${m.baseline.what}: ${m.baseline.gflop_per_s} GFLOP/s`}>{num((m.ratio_to_matmul ?? NaN) * 100)}% of {num(m.baseline.gflop_per_s, 1)} GFLOP/s</td>
      <td title={m.memory}>{memory}</td>
    </tr>
  );
}

function OtherRow({ m }: { m: DecodeMeasurement | EmbedMeasurement }) {
  const figure = m.error
    ? <span class="error">{m.error}</span>
    : m.bench === 'decode'
      ? `${num(m.decode_tokens_per_s, 1)} tokens/s decoding (prompt: ${num(m.prefill_tokens_per_s)} tokens/s)`
      : `${num(m.passages_per_s, 1)} passages/s (${num(m.tokens_per_s)} tokens/s)`;
  const rate = m.bench === 'decode' ? m.decode_tokens_per_s : m.passages_per_s;
  return (
    <tr data-bench={m.bench} data-rate={rate}>
      <td>{m.bench === 'decode' ? 'Lab engine, greedy decode' : 'Embedder'}</td><td>{m.model}</td><td>{m.device}</td><td>{figure}</td>
    </tr>
  );
}

/** Models' "Benchmark this device": the figures of this browser's GPU, as a table and as JSON. */
export function DeviceBench({ services }: { services: Services }) {
  const s = benchState.value;
  const r = benchReport.value;
  const running = s.state === 'running';
  const train = (r?.results ?? []).filter((m): m is TrainMeasurement => m.bench === 'train');
  const other = (r?.results ?? []).filter((m): m is DecodeMeasurement | EmbedMeasurement => m.bench !== 'train');
  return (
    <section class="card" aria-labelledby="bench-title">
      <h2 id="bench-title">Benchmark this device</h2>
      <p class="muted">
        Measures what this browser's GPU does with RAG Lab's own work: LoRA training steps (the pack's lab models; "Quick look"
        settings, one sequence of 128 tokens), the lab engine's decoding, and the embedder. Nothing leaves the browser; export the
        figures to compare devices. With the tiny pack models it takes about a minute; unload chat models first for clean figures.
      </p>
      <label class="check">
        <input type="checkbox" checked={benchSynthetic.value} disabled={running} onChange={(e) => (benchSynthetic.value = e.currentTarget.checked)} />{' '}
        Also a SmolLM2-135M-sized model (random weights made in memory; 128 and 256 tokens): seconds on a real GPU, many minutes without one
      </label>
      <div class="actions">
        <button type="button" onClick={() => void runDeviceBench(services)} disabled={running}>Benchmark this device</button>{' '}
        {running && <><button type="button" onClick={cancelDeviceBench}>Cancel</button>{' '}</>}
        <button type="button" onClick={exportDeviceBench} disabled={!r || running || !r.results.length}>Export JSON</button>
      </div>
      <p role="status" data-testid="bench-status" data-state={s.state}>
        {s.state === 'running' ? s.status : s.state === 'done' ? `Done: ${r?.gpu ?? 'this device'}, jax-js on ${r?.device === 'webgpu' ? 'WebGPU' : 'Wasm (no WebGPU: CPU figures)'}.` : ''}
      </p>
      {s.state === 'error' && <p class="error" role="alert">{s.error}</p>}
      {train.length > 0 && (
        <div class="scroll">
          <table aria-label="Training benchmark" class="files">
            <thead>
              <tr><th>Model</th><th>Sequence</th><th>Mode</th><th class="nowrap">Step (ms)</th><th class="nowrap">Tokens/s</th><th class="nowrap">GFLOP/s</th><th>Of this GPU's matmul rate</th><th>Peak memory</th></tr>
            </thead>
            <tbody>{train.map((m) => <TrainRow key={m.case} m={m} />)}</tbody>
          </table>
        </div>
      )}
      {train.length > 0 && (
        <p class="muted">
          GFLOP/s counts the matrix multiplications a step performs; the next column compares it with a plain matrix multiplication
          measured on this GPU just before (target: 35% or more at the 135M size; tiny models stay far below, their steps are mostly
          overhead). Peak memory is what jax-js held on the GPU (including its pool of reusable buffers), next to the
          trainer's own estimate, which it uses to refuse runs that would not fit.
        </p>
      )}
      {other.length > 0 && (
        <table aria-label="Inference benchmark" class="files">
          <thead><tr><th>What</th><th>Model</th><th>Device</th><th>Figure</th></tr></thead>
          <tbody>{other.map((m) => <OtherRow key={m.case} m={m} />)}</tbody>
        </table>
      )}
    </section>
  );
}
