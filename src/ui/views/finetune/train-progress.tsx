// The run in progress: estimate, progress bar, pace, live loss chart, Pause/Cancel.
import type { TrainEstimate } from '../../../shared/train-api';
import type { Services } from '../../actions';
import { LossChart } from '../../components/loss-chart';
import { cancelTraining, pauseTraining } from '../../train-actions';
import { lossCurve, trainTask } from '../../train-state';

const mb = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GB` : `${(b / 2 ** 20).toFixed(1)} MB`);
export const duration = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

export function EstimateSummary({ e }: { e: TrainEstimate }) {
  return (
    <div data-testid="train-estimate">
      <p>
        {e.totalSteps} steps on {e.train} training examples ({e.validation} held out for validation), on {e.device === 'webgpu' ? 'WebGPU' : 'the CPU (WebAssembly)'}.
        {' '}Memory about <strong>{mb(e.memory.total)}</strong> of the {mb(e.budget.bytes)} this device may use
        {' '}(weights {mb(e.memory.weights)}, adapter and optimiser {mb(e.memory.adapter)}, activations {mb(e.memory.activations)}).
        {' '}Time about <strong>{duration(e.estimatedMs)}</strong> (one measured step of {e.probe.tokens} tokens took {Math.round(e.probe.ms)} ms).
      </p>
      {(e.truncatedExamples > 0 || e.droppedExamples > 0) && (
        <p class="muted small">{e.truncatedExamples} examples lose {e.truncatedTokens} prompt tokens from the left to fit the maximum length; {e.droppedExamples} whose target alone does not fit are left out.</p>
      )}
      {e.fallbackNote && <p class="notice">{e.fallbackNote}</p>}
    </div>
  );
}

/** The loss chart of the run shown: live while it trains, and kept after it ends. */
export function RunLossChart() {
  const curve = lossCurve.value;
  return <LossChart curve={curve} totalSteps={curve.totalSteps} caption="Loss (train per step; validation every few steps)" testId="loss-chart" />;
}

export function TrainProgress({ services }: { services: Services }) {
  const t = trainTask.value;
  if (t.state !== 'training' && t.state !== 'pausing' && t.state !== 'cancelling') return null;
  const p = t.progress;
  const total = p?.totalSteps ?? t.estimate.totalSteps;
  const step = p?.step ?? t.resumedFrom ?? 0;
  const status = t.state === 'pausing' ? 'Pausing after this step (saving a checkpoint)…' : t.state === 'cancelling' ? 'Cancelling after this step…'
    : p ? `Step ${p.step} of ${total}` : t.resumedFrom !== null ? `Resuming at step ${t.resumedFrom}: compiling the first step…` : 'Compiling the first step…';
  return (
    <div class="train-run" data-testid="train-progress" data-step={step}>
      <div class="progress" role="status">
        <progress aria-label="Training progress" max={total} value={step} />
        <span>{status}</span>
      </div>
      {p && (
        <p class="small" data-testid="train-stats">
          loss {p.loss.toFixed(4)}{lossCurve.value.validation.length ? ` · validation ${lossCurve.value.validation.at(-1)!.loss.toFixed(4)}` : ''}
          {' '}· {Math.round(p.tokensPerSecond)} tokens/s · {Math.round(p.stepMs)} ms per step · learning rate {p.lr.toExponential(2)} · about {duration(p.etaMs)} left
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={t.state !== 'training'} onClick={() => pauseTraining(services)}>Pause</button>
        <button type="button" class="secondary danger" disabled={t.state === 'cancelling'} onClick={cancelTraining}>Cancel</button>
      </div>
    </div>
  );
}
