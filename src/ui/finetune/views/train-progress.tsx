// The run in progress: estimate, progress bar, pace, live loss chart, Pause/Cancel.
import type { TrainEstimate } from '../../../shared/train-api';
import type { Services } from '../../actions';
import { LossChart } from '../../components/loss-chart';
import { cancelTraining, pauseTraining } from '../train-actions';
import { lossCurve, trainTask } from '../train-state';
import { rich } from '../../components/rich-text';
import { formatNumber } from '../../format';
import { t as tr } from '../../i18n/i18n';

const fixed = (x: number, digits: number) => formatNumber(x, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
// Binary GB and MB, as the estimate has always shown them (not formatBytes's decimal units).
const mb = (b: number) => (b >= 2 ** 30 ? `${fixed(b / 2 ** 30, 2)} GB` : `${fixed(b / 2 ** 20, 1)} MB`);
/** A rough duration ("45 s", "3 min", "1.5 h"). */
export const duration = (ms: number) => (ms < 60_000 ? tr('finetune:progress.seconds', { n: Math.max(1, Math.round(ms / 1000)) })
  : ms < 3_600_000 ? tr('finetune:progress.minutes', { n: Math.round(ms / 60_000) }) : tr('finetune:progress.hours', { n: fixed(ms / 3_600_000, 1) }));

export function EstimateSummary({ e }: { e: TrainEstimate }) {
  return (
    <div data-testid="train-estimate">
      <p>
        {tr('finetune:estimate.steps', { steps: e.totalSteps, train: e.train, validation: e.validation, device: tr(e.device === 'webgpu' ? 'finetune:estimate.webgpu' : 'finetune:estimate.cpu') })}
        {tr('common:sentenceSeparator')}
        {rich(tr('finetune:estimate.memory', { total: mb(e.memory.total), budget: mb(e.budget.bytes), weights: mb(e.memory.weights), adapter: mb(e.memory.adapter), activations: mb(e.memory.activations) }), 'strong')}
        {tr('common:sentenceSeparator')}
        {rich(tr('finetune:estimate.time', { time: duration(e.estimatedMs), tokens: e.probe.tokens, ms: Math.round(e.probe.ms) }), 'strong')}
      </p>
      {(e.truncatedExamples > 0 || e.droppedExamples > 0) && (
        <p class="muted small">{tr('finetune:estimate.truncated', { truncated: e.truncatedExamples, tokens: e.truncatedTokens, dropped: e.droppedExamples })}</p>
      )}
      {e.fallbackNote && <p class="notice">{e.fallbackNote}</p>}
    </div>
  );
}

/** The loss chart of the run shown: live while it trains, and kept after it ends. */
export function RunLossChart() {
  const curve = lossCurve.value;
  return <LossChart curve={curve} totalSteps={curve.totalSteps} caption={tr('finetune:progress.lossCaption')} testId="loss-chart" />;
}

export function TrainProgress({ services }: { services: Services }) {
  const t = trainTask.value;
  if (t.state !== 'training' && t.state !== 'pausing' && t.state !== 'cancelling') return null;
  const p = t.progress;
  const total = p?.totalSteps ?? t.estimate.totalSteps;
  const step = p?.step ?? t.resumedFrom ?? 0;
  const status = t.state === 'pausing' ? tr('finetune:progress.pausing') : t.state === 'cancelling' ? tr('finetune:progress.cancelling')
    : p ? tr('finetune:progress.step', { step: p.step, total }) : t.resumedFrom !== null ? tr('finetune:progress.resuming', { step: t.resumedFrom }) : tr('finetune:progress.compiling');
  return (
    <div class="train-run" data-testid="train-progress" data-step={step}>
      <div class="progress" role="status">
        <progress aria-label={tr('finetune:progress.label')} max={total} value={step} />
        <span>{status}</span>
      </div>
      {p && (
        <p class="small" data-testid="train-stats">
          {tr('finetune:progress.loss', { loss: fixed(p.loss, 4) })}{lossCurve.value.validation.length ? tr('finetune:progress.validation', { loss: fixed(lossCurve.value.validation.at(-1)!.loss, 4) }) : ''}
          {tr('finetune:progress.stats', { tokens: Math.round(p.tokensPerSecond), ms: Math.round(p.stepMs), lr: p.lr.toExponential(2), eta: duration(p.etaMs) })}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={t.state !== 'training'} onClick={() => pauseTraining(services)}>{tr('finetune:progress.pause')}</button>
        <button type="button" class="secondary danger" disabled={t.state === 'cancelling'} onClick={cancelTraining}>{tr('finetune:progress.cancel')}</button>
      </div>
    </div>
  );
}
