// Train a LoRA adapter in this tab: dataset, base model, settings, the estimate,
// the run with its live loss chart, and the stored runs (resume, download, delete).
import type { TrainingRunRecord } from '../../../finetune/records';
import type { Services } from '../../actions';
import { baseChoices } from '../../chat-state';
import { datasets } from '../../finetune-state';
import { deleteRun, discard, downloadAdapter, estimateTraining, resumeRun, startTraining } from '../../train-actions';
import { isTraining, trainBaseId, trainDatasetId, trainingElsewhere, trainName, trainRuns, trainTask } from '../../train-state';
import { EstimateSummary, RunLossChart, TrainProgress } from './train-progress';
import { TrainSettingsForm } from './train-settings';

function statusText(r: TrainingRunRecord, current: string | undefined): string {
  const at = r.checkpoint ? `step ${r.checkpoint.step} of ${r.checkpoint.totalSteps}` : 'no checkpoint yet';
  if (r.id === current && isTraining()) return `training now (last checkpoint: ${at})`;
  switch (r.status) {
    case 'running': return trainingElsewhere.value ? `training in another tab (${at})` : `stopped by a reload or a closed tab (${at})`;
    case 'paused': return `paused (${at})`;
    case 'failed': return `stopped: ${r.message ?? 'failed'}`;
    case 'done': return r.mergedId ? `done: merged as ${r.baseLabel.split(' — ')[0]} + ${r.name}` : 'done (not merged)';
  }
}

function Runs({ services }: { services: Services }) {
  if (!trainRuns.value.length) return null;
  const busy = isTraining() || trainingElsewhere.value;
  const current = (trainTask.value as { runId?: string }).runId;
  return (
    <div class="table-wrap">
      <table aria-label="Training runs">
        <thead><tr><th>Adapter</th><th>Base · dataset</th><th>Status</th><th>Latest loss</th><th /></tr></thead>
        <tbody>
          {trainRuns.value.map((r) => {
            // A run that just failed or paused here can be resumed at once; only the one training now cannot.
            const canResume = r.status !== 'done' && !!r.checkpoint && !(r.id === current && isTraining());
            return (
              <tr key={r.id} data-run={r.id} data-status={r.status}>
                <td>{r.name}</td>
                <td class="small">{r.baseLabel.split(' — ')[0]} · {r.dataset.name}</td>
                <td class="small">{statusText(r, current)}</td>
                <td>{r.checkpoint?.losses.at(-1)?.loss.toFixed(4) ?? '–'}</td>
                <td class="row-actions">
                  {canResume && !r.diverged && <button type="button" class="link" disabled={busy} onClick={() => void resumeRun(services, r.id)} aria-label={`Resume ${r.name}`}>Resume</button>}
                  {canResume && r.diverged && (
                    <button type="button" class="link" disabled={busy} onClick={() => void resumeRun(services, r.id, 0.1)} aria-label={`Resume ${r.name} at learning rate ${r.settings.lr / 10}`}>
                      Resume at learning rate {r.settings.lr / 10}
                    </button>
                  )}
                  {r.checkpoint && <button type="button" class="link" onClick={() => void downloadAdapter(r.id)} aria-label={`Download ${r.name}`}>Download PEFT files</button>}
                  <button type="button" class="link danger" disabled={r.id === current && isTraining()} onClick={() => void deleteRun(r.id)} aria-label={`Delete run ${r.name}`}>Delete</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function TrainPanel({ services }: { services: Services }) {
  const t = trainTask.value;
  const busy = isTraining() || t.state === 'merging';
  const models = baseChoices.value.filter((m) => !m.unavailable);
  const datasetId = trainDatasetId.value ?? datasets.value[0]?.id ?? '';
  const baseId = trainBaseId.value ?? models[0]?.id ?? '';
  return (
    <section class="card" aria-labelledby="train-title">
      <h2 id="train-title">Train a LoRA adapter</h2>
      <p class="muted">
        Train on this device's GPU (WebGPU; the CPU if there is none): no Python, no server. Pick a dataset built above and an unquantized
        base model (q0f16 / q0f32). The chat and eval models are unloaded first. A checkpoint is saved every few steps and at Pause, so a
        reload or a closed tab can resume. When it ends, the adapter is merged and appears in Chat, Compare and Evaluate as "base + adapter".
      </p>
      <Runs services={services} />
      {!datasets.value.length && <p class="notice">No dataset yet: build one in Training data above.</p>}
      <div class="search-settings">
        <label>Dataset <select value={datasetId} disabled={busy} onChange={(e) => (trainDatasetId.value = e.currentTarget.value)}>
          {datasets.value.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.stats.examples} examples)</option>)}
        </select></label>
        <label>Base to train <select value={baseId} disabled={busy} onChange={(e) => (trainBaseId.value = e.currentTarget.value)}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
        </select></label>
        <label>Name of the new adapter <input type="text" value={trainName.value} placeholder="from the dataset" disabled={busy} onInput={(e) => (trainName.value = e.currentTarget.value)} /></label>
      </div>
      <TrainSettingsForm disabled={busy} />
      <div class="actions">
        <button type="button" disabled={busy || !datasetId || !baseId || trainingElsewhere.value} onClick={() => void estimateTraining(services)}>Check and estimate</button>
        {trainingElsewhere.value && <span class="muted small">Another tab is training now.</span>}
      </div>
      {t.state === 'opening' && <div class="progress" role="status"><progress aria-label="Preparing the run" /><span>{t.label}</span></div>}
      {t.state === 'ready' && (
        <div class="notice" role="status">
          <EstimateSummary e={t.estimate} />
          <div class="actions">
            <button type="button" onClick={() => void startTraining(services)}>Start training</button>
            <button type="button" class="secondary" onClick={() => discard(services)}>Discard</button>
          </div>
        </div>
      )}
      <TrainProgress services={services} />
      <RunLossChart />
      {t.state === 'merging' && <div class="progress" role="status"><progress aria-label="Merging" /><span>{t.label}</span></div>}
      {t.state === 'paused' && <p class="notice" role="status">Paused at step {t.step}; the checkpoint is saved. Resume it from the list above.</p>}
      {t.state === 'done' && (
        <div class="notice" role="status" data-testid="train-done">
          {t.mergedLabel ? <p>Trained and merged: <strong>{t.mergedLabel}</strong> is now in Chat, Compare and Evaluate.</p> : null}
          {t.message && <p class="error">{t.message}</p>}
          <button type="button" class="secondary" onClick={() => void downloadAdapter(t.runId)}>Download PEFT files</button>
        </div>
      )}
      {t.state === 'failed' && <p class="error pre" role="alert" data-testid="train-error">{t.message}</p>}
    </section>
  );
}
