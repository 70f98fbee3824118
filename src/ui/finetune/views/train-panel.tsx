// Train a LoRA adapter in this tab: dataset, base model, settings, the estimate,
// the run with its live loss chart, and the stored runs (resume, download, delete).
import type { TrainingRunRecord } from '../../../finetune/records';
import type { Services } from '../../actions';
import { baseChoices } from '../../chat/chat-state';
import { datasets } from '../finetune-state';
import { baseFit, deleteRun, discard, downloadAdapter, estimateTraining, refreshBaseConfigs, resumeRun, startTraining } from '../train-actions';
import { isTraining, trainBaseId, trainDatasetId, trainingElsewhere, trainName, trainRuns, trainSettings, trainTask } from '../train-state';
import { EstimateSummary, RunLossChart, TrainProgress } from './train-progress';
import { TrainSettingsForm } from './train-settings';
import { rich } from '../../components/rich-text';
import { formatBytes, formatNumber } from '../../format';
import { useEffect } from 'preact/hooks';
import { say, t as tr } from '../../i18n/i18n';

const loss4 = (x: number | undefined) => (x === undefined ? '–' : formatNumber(x, { minimumFractionDigits: 4, maximumFractionDigits: 4, useGrouping: false }));

function statusText(r: TrainingRunRecord, current: string | undefined): string {
  const at = r.checkpoint ? tr('finetune:train.at', { step: r.checkpoint.step, total: r.checkpoint.totalSteps }) : tr('finetune:train.noCheckpoint');
  if (r.id === current && isTraining()) return tr('finetune:train.trainingNow', { at });
  switch (r.status) {
    case 'running': return trainingElsewhere.value ? tr('finetune:train.trainingElsewhere', { at }) : tr('finetune:train.cutOff', { at });
    case 'paused': return tr('finetune:train.pausedStatus', { at });
    case 'failed': return tr('finetune:train.stopped', { message: r.message ?? tr('finetune:train.failed') });
    case 'done': return r.mergedId ? tr('finetune:train.doneMerged', { label: `${r.baseLabel.split(' — ')[0]} + ${r.name}` }) : tr('finetune:train.doneNotMerged');
  }
}

function Runs({ services }: { services: Services }) {
  if (!trainRuns.value.length) return null;
  const busy = isTraining() || trainingElsewhere.value;
  const current = (trainTask.value as { runId?: string }).runId;
  return (
    <div class="table-wrap">
      <table aria-label={tr('finetune:train.runs')}>
        <thead><tr><th>{tr('finetune:train.adapter')}</th><th>{tr('finetune:train.baseDataset')}</th><th>{tr('finetune:train.status')}</th><th>{tr('finetune:train.latestLoss')}</th><th /></tr></thead>
        <tbody>
          {trainRuns.value.map((r) => {
            // A run that just failed or paused here can be resumed at once; only the one training now cannot.
            const canResume = r.status !== 'done' && !!r.checkpoint && !(r.id === current && isTraining());
            return (
              <tr key={r.id} data-run={r.id} data-status={r.status}>
                <td>{r.name}</td>
                <td class="small">{r.baseLabel.split(' — ')[0]} · {r.dataset.name}</td>
                <td class="small">{statusText(r, current)}</td>
                <td>{loss4(r.checkpoint?.losses.at(-1)?.loss)}</td>
                <td class="row-actions">
                  {canResume && !r.diverged && <button type="button" class="link" disabled={busy} onClick={() => void resumeRun(services, r.id)} aria-label={tr('finetune:train.resumeLabel', { name: r.name })}>{tr('finetune:train.resume')}</button>}
                  {canResume && r.diverged && (
                    <button type="button" class="link" disabled={busy} onClick={() => void resumeRun(services, r.id, 0.1)} aria-label={tr('finetune:train.resumeLowerLabel', { name: r.name, lr: r.settings.lr / 10 })}>
                      {tr('finetune:train.resumeLower', { lr: r.settings.lr / 10 })}
                    </button>
                  )}
                  {r.checkpoint && <button type="button" class="link" onClick={() => void downloadAdapter(r.id)} aria-label={tr('finetune:train.downloadLabel', { name: r.name })}>{tr('finetune:train.download')}</button>}
                  <button type="button" class="link danger" disabled={r.id === current && isTraining()} onClick={() => void deleteRun(r.id)} aria-label={tr('finetune:train.deleteLabel', { name: r.name })}>{tr('finetune:train.delete')}</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A base in the list, with its quantization and what training it would need with the current settings. */
function baseOptionLabel(id: string, label: string): string {
  const fit = baseFit(id, trainSettings.value);
  if (!fit) return label;
  if (fit.bytes === null) return tr('finetune:train.baseRefused', { label, quantization: fit.quantization || '?' });
  return tr('finetune:train.baseOption', { label, quantization: fit.quantization, size: formatBytes(fit.bytes) });
}

export function TrainPanel({ services }: { services: Services }) {
  const t = trainTask.value;
  const busy = isTraining() || t.state === 'merging';
  const models = baseChoices.value.filter((m) => !m.unavailable);
  useEffect(() => void refreshBaseConfigs(models), [models.map((m) => m.id).join()]);
  const datasetId = trainDatasetId.value ?? datasets.value[0]?.id ?? '';
  const baseId = trainBaseId.value ?? models[0]?.id ?? '';
  return (
    <section class="card" aria-labelledby="train-title">
      <h2 id="train-title">{tr('finetune:train.title')}</h2>
      <p class="muted">{tr('finetune:train.intro')}</p>
      <Runs services={services} />
      {!datasets.value.length && <p class="notice">{tr('finetune:train.noDataset')}</p>}
      <div class="search-settings">
        <label>{tr('finetune:train.dataset')} <select value={datasetId} disabled={busy} onChange={(e) => (trainDatasetId.value = e.currentTarget.value)}>
          {datasets.value.map((d) => <option key={d.id} value={d.id}>{tr('finetune:train.datasetOption', { name: d.name, count: d.stats.examples })}</option>)}
        </select></label>
        <label>{tr('finetune:train.base')} <select value={baseId} disabled={busy} onChange={(e) => (trainBaseId.value = e.currentTarget.value)}>
          {models.map((m) => <option key={m.id} value={m.id}>{baseOptionLabel(m.id, m.label)}</option>)}
        </select></label>
        <label>{tr('finetune:train.name')} <input type="text" value={trainName.value} placeholder={tr('finetune:train.namePlaceholder')} disabled={busy} onInput={(e) => (trainName.value = e.currentTarget.value)} /></label>
      </div>
      <TrainSettingsForm disabled={busy} />
      <div class="actions">
        <button type="button" disabled={busy || !datasetId || !baseId || trainingElsewhere.value} onClick={() => void estimateTraining(services)}>{tr('finetune:train.estimate')}</button>
        {trainingElsewhere.value && <span class="muted small">{tr('finetune:train.elsewhere')}</span>}
      </div>
      {t.state === 'opening' && <div class="progress" role="status"><progress aria-label={tr('finetune:train.preparing')} /><span>{say(t.label)}</span></div>}
      {t.state === 'ready' && (
        <div class="notice" role="status">
          <EstimateSummary e={t.estimate} />
          <div class="actions">
            <button type="button" onClick={() => void startTraining(services)}>{tr('finetune:train.start')}</button>
            <button type="button" class="secondary" onClick={() => discard(services)}>{tr('finetune:train.discard')}</button>
          </div>
        </div>
      )}
      <TrainProgress services={services} />
      <RunLossChart />
      {t.state === 'merging' && <div class="progress" role="status"><progress aria-label={tr('finetune:train.merging')} /><span>{say(t.label)}</span></div>}
      {t.state === 'paused' && <p class="notice" role="status">{tr('finetune:train.paused', { step: t.step })}</p>}
      {t.state === 'done' && (
        <div class="notice" role="status" data-testid="train-done">
          {t.mergedLabel ? <p>{rich(tr('finetune:train.mergedAs', { label: t.mergedLabel }), 'strong')}</p> : null}
          {t.message && <p class="error">{say(t.message)}</p>}
          <button type="button" class="secondary" onClick={() => void downloadAdapter(t.runId)}>{tr('finetune:train.download')}</button>
        </div>
      )}
      {t.state === 'failed' && <p class="error pre" role="alert" data-testid="train-error">{say(t.message)}</p>}
    </section>
  );
}
