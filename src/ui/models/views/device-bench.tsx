import type { Services } from '../../actions';
import { benchReport, benchState, benchSynthetic, cancelDeviceBench, exportDeviceBench, runDeviceBench } from '../device-bench-actions';
import type { DecodeMeasurement, EmbedMeasurement, TrainMeasurement } from '../../../shared/device-bench-api';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';

const num = (x: number | undefined, d = 0) => (x === undefined || !Number.isFinite(x) ? '–' : formatNumber(x, { maximumFractionDigits: d }));

function TrainRow({ m }: { m: TrainMeasurement }) {
  const mode = t('models:bench.mode', { jit: t(m.jit ? 'models:bench.jit' : 'models:bench.eager'), gradient: t(m.recompute ? 'models:bench.recompute' : 'models:bench.wholeModel') });
  if (m.error) {
    return (
      <tr data-bench="train" data-error="true">
        <td class="nowrap">{m.model}</td><td class="nowrap">{t('models:bench.tokens', { n: m.seq_len })}</td><td>{mode}</td><td colSpan={5} class="error">{m.error}</td>
      </tr>
    );
  }
  const memory = Number.isFinite(m.peak_mb)
    ? t('models:bench.memory', { peak: num(m.peak_mb), estimate: num(m.estimate_mb) })
    : t('models:bench.estimate', { estimate: num(m.estimate_mb) });
  return (
    <tr data-bench="train" data-tokens-per-s={m.tokens_per_s} data-gflops={m.gflop_per_s} data-ratio={m.ratio_to_matmul}>
      <td class="nowrap">{m.model}</td><td class="nowrap">{t('models:bench.tokens', { n: m.seq_len })}</td><td>{mode}</td>
      <td>{num(m.p50_ms)}</td><td>{num(m.tokens_per_s)}</td><td>{num(m.gflop_per_s, 2)}</td>
      <td title={`${m.baseline.what}: ${m.baseline.gflop_per_s} GFLOP/s`}>{t('models:bench.ratio', { percent: num((m.ratio_to_matmul ?? NaN) * 100), gflops: num(m.baseline.gflop_per_s, 1) })}</td>
      <td title={m.memory}>{memory}</td>
    </tr>
  );
}

function OtherRow({ m }: { m: DecodeMeasurement | EmbedMeasurement }) {
  const figure = m.error
    ? <span class="error">{m.error}</span>
    : m.bench === 'decode'
      ? t(m.reference ? 'models:bench.decodeFigureVsReference' : 'models:bench.decodeFigure', {
        decode: num(m.decode_tokens_per_s, 1), prefill: num(m.prefill_tokens_per_s), decodeRatio: num(m.decode_vs_reference, 2), prefillRatio: num(m.prefill_vs_reference, 2),
      })
      : t('models:bench.embedFigure', { passages: num(m.passages_per_s, 1), tokens: num(m.tokens_per_s) });
  const rate = m.bench === 'decode' ? m.decode_tokens_per_s : m.passages_per_s;
  return (
    <tr data-bench={m.bench} data-rate={rate} data-vs-reference={m.bench === 'decode' ? m.decode_vs_reference : undefined}>
      <td>{t(m.bench === 'decode' ? 'models:bench.decodeWhat' : 'models:bench.embedWhat')}</td><td>{m.model}</td><td class="nowrap">{m.device}</td><td>{figure}</td>
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
      <h2 id="bench-title">{t('models:bench.title')}</h2>
      <p class="muted">{t('models:bench.intro')}</p>
      <label class="check">
        <input type="checkbox" checked={benchSynthetic.value} disabled={running} onChange={(e) => (benchSynthetic.value = e.currentTarget.checked)} />{' '}
        {t('models:bench.synthetic')}
      </label>
      <div class="actions">
        <button type="button" onClick={() => void runDeviceBench(services)} disabled={running}>{t('models:bench.run')}</button>{' '}
        {running && <><button type="button" onClick={cancelDeviceBench}>{t('common:actions.cancel')}</button>{' '}</>}
        <button type="button" onClick={exportDeviceBench} disabled={!r || running || !r.results.length}>{t('models:bench.export')}</button>
      </div>
      <p role="status" data-testid="bench-status" data-state={s.state}>
        {s.state === 'running'
          ? say(s.status)
          : s.state === 'done'
            ? t(r?.device === 'webgpu' ? 'models:bench.doneWebGpu' : 'models:bench.doneWasm', { gpu: r?.gpu ?? t('models:bench.thisDevice') })
            : ''}
      </p>
      {s.state === 'error' && <p class="error" role="alert">{say(s.error)}</p>}
      {train.length > 0 && (
        <div class="scroll">
          <table aria-label={t('models:bench.trainTable')} class="files">
            <thead>
              <tr>
                <th>{t('models:bench.col.model')}</th><th>{t('models:bench.col.sequence')}</th><th>{t('models:bench.col.mode')}</th>
                <th class="nowrap">{t('models:bench.col.step')}</th><th class="nowrap">{t('models:bench.col.tokensPerS')}</th><th class="nowrap">GFLOP/s</th>
                <th>{t('models:bench.col.ofMatmul')}</th><th>{t('models:bench.col.peak')}</th>
              </tr>
            </thead>
            <tbody>{train.map((m) => <TrainRow key={m.case} m={m} />)}</tbody>
          </table>
        </div>
      )}
      {train.length > 0 && (
        <p class="muted">{t('models:bench.trainNote')}</p>
      )}
      {other.length > 0 && (
        <table aria-label={t('models:bench.inferenceTable')} class="files">
          <thead><tr><th>{t('models:bench.col.what')}</th><th>{t('models:bench.col.model')}</th><th class="nowrap">{t('models:bench.col.device')}</th><th>{t('models:bench.col.figure')}</th></tr></thead>
          <tbody>{other.map((m) => <OtherRow key={m.case} m={m} />)}</tbody>
        </table>
      )}
    </section>
  );
}
