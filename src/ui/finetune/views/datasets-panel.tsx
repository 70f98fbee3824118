import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DatasetKind } from '../../../finetune/datasets';
import type { Services } from '../../actions';
import { baseChoices } from '../../chat/chat-state';
import { buildDataset, cancelDataset, deleteDataset, exportDataset, renderSamples, updateDatasetForm } from '../dataset-actions';
import { InterruptedNotice } from '../../components/interrupted-notice';
import { rich } from '../../components/rich-text';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';
import { qaSets } from '../../evaluate/eval-state';
import { datasetForm, datasets, datasetTask, selectedDatasetId } from '../finetune-state';

const kindKeys: Record<DatasetKind, string> = {
  raft: 'finetune:datasets.kinds.raft',
  'self-gen': 'finetune:datasets.kinds.selfGen',
  sft: 'finetune:datasets.kinds.sft',
  'rog-planning': 'finetune:datasets.kinds.rogPlanning',
  'rog-reasoning': 'finetune:datasets.kinds.rogReasoning',
};
const pct = (x: number | null) => (x === null ? '–' : formatNumber(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));

function Samples({ id }: { id: string }) {
  const samples = useSignal<Awaited<ReturnType<typeof renderSamples>>>([]);
  useEffect(() => {
    // A quicker switch to another dataset must not be overwritten by this one's late result.
    let current = true;
    void renderSamples(id).then((s) => current && (samples.value = s));
    return () => void (current = false);
  }, [id]);
  return (
    <details class="advanced">
      <summary>{t('finetune:datasets.samples')}</summary>
      {samples.value.map((s, i) => (
        <div key={i}>
          <p class="muted small">{s.meta.target}{s.meta.oracle !== undefined ? (s.meta.oracle ? t('finetune:datasets.oraclePresent') : t('finetune:datasets.distractorsOnly')) : ''}{s.meta.abstain ? t('finetune:datasets.abstention') : ''}</p>
          <details><summary class="small">{t('finetune:datasets.prompt', { count: s.prompt.length })}</summary><pre class="prompt">{s.prompt}</pre></details>
          <pre class="prompt target" aria-label={t('finetune:datasets.target')}>{s.completion}</pre>
        </div>
      ))}
    </details>
  );
}

function DatasetList() {
  if (!datasets.value.length) return null;
  const selected = datasets.value.find((d) => d.id === selectedDatasetId.value) ?? datasets.value[0]!;
  return (
    <>
      <div class="table-wrap">
        <table aria-label={t('finetune:datasets.table')}>
          <thead><tr><th>{t('finetune:datasets.dataset')}</th><th>{t('finetune:datasets.examples')}</th><th>{t('finetune:datasets.oracle')}</th><th>{t('finetune:datasets.abstentions')}</th><th>{t('finetune:datasets.tokens')}</th><th /></tr></thead>
          <tbody>
            {datasets.value.map((d) => (
              <tr key={d.id} data-dataset={d.id} data-kind={d.kind} aria-selected={d.id === selected.id}>
                <td><button type="button" class="link" onClick={() => (selectedDatasetId.value = d.id)}>{d.name}</button><div class="muted small">{t('finetune:datasets.forModelId', { kind: t(kindKeys[d.kind]), model: d.modelId })}</div></td>
                <td>{d.skipped.length ? t('finetune:datasets.skippedCount', { examples: d.stats.examples, skipped: d.skipped.length }) : d.stats.examples}</td>
                <td data-stat="oracle">{pct(d.stats.oracleRate)}</td>
                <td data-stat="abstention">{pct(d.stats.abstentionShare)}</td>
                <td>{d.stats.promptTokens ? t('finetune:datasets.tokenMeans', { prompt: Math.round(d.stats.promptTokens.mean), target: Math.round(d.stats.completionTokens!.mean) }) : '–'}</td>
                <td class="row-actions">
                  <button type="button" class="link" onClick={() => void exportDataset(d.id)} aria-label={t('finetune:datasets.exportLabel', { name: d.name })}>{t('finetune:datasets.export')}</button>
                  <button type="button" class="link danger" onClick={() => void deleteDataset(d.id)} aria-label={t('finetune:datasets.deleteLabel', { name: d.name })}>{t('finetune:datasets.delete')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected.skipped.length > 0 && (
        <details><summary>{t('finetune:datasets.skipped', { count: selected.skipped.length })}</summary><ul>{selected.skipped.map((s) => <li key={s.itemId}>{s.itemId}: {s.reason}</li>)}</ul></details>
      )}
      <Samples id={selected.id} />
    </>
  );
}

export function DatasetsPanel({ services }: { services: Services }) {
  const models = baseChoices.value.filter((m) => !m.unavailable);
  const f = datasetForm.value;
  const set = updateDatasetForm;
  const qaSetId = f.qaSetId || qaSets.value[0]?.id || '';
  const modelId = f.modelId || models[0]?.id || '';
  const task = datasetTask.value;
  const running = task.state === 'running';
  return (
    <section class="card" aria-labelledby="datasets-title">
      <h2 id="datasets-title">{t('finetune:datasets.title')}</h2>
      <p class="muted">{rich(t('finetune:datasets.intro'), 'strong')}</p>
      <InterruptedNotice kind="dataset" />
      {!qaSets.value.length && <p class="notice">{t('finetune:datasets.noQaSet')}</p>}
      <div class="search-settings">
        <label>{t('finetune:datasets.kind')} <select value={f.kind} disabled={running} onChange={(e) => set({ kind: e.currentTarget.value as DatasetKind })}>
          {Object.entries(kindKeys).map(([k, key]) => <option key={k} value={k}>{t(key)}</option>)}
        </select></label>
        <label>{t('finetune:datasets.qaSet')} <select value={qaSetId} disabled={running} onChange={(e) => set({ qaSetId: e.currentTarget.value })}>
          {qaSets.value.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select></label>
        <label>{t('finetune:datasets.forModel')} <select value={modelId} disabled={running} onChange={(e) => set({ modelId: e.currentTarget.value })}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
        </select></label>
        <label>{t('finetune:datasets.limit')} <input type="number" min={1} value={f.limit ?? 0} disabled={running} onChange={(e) => set({ limit: e.currentTarget.valueAsNumber })} /></label>
        <label>{t('finetune:datasets.seed')} <input type="number" min={0} value={f.seed} disabled={running} onChange={(e) => set({ seed: e.currentTarget.valueAsNumber })} /></label>
      </div>
      {f.kind === 'raft' && (
        <div class="search-settings">
          <label>{t('finetune:datasets.oracleShare')} <input type="number" min={0} max={1} step={0.05} value={f.raft.p} disabled={running} onChange={(e) => set({ raft: { ...f.raft, p: e.currentTarget.valueAsNumber } })} /></label>
          <label>{t('finetune:datasets.distractors')} <input type="number" min={1} max={10} value={f.raft.distractors} disabled={running} onChange={(e) => set({ raft: { ...f.raft, distractors: e.currentTarget.valueAsNumber } })} /></label>
          <label class="check"><input type="checkbox" checked={f.raft.llmTargets} disabled={running} onChange={(e) => set({ raft: { ...f.raft, llmTargets: e.currentTarget.checked } })} /> {t('finetune:datasets.llmTargets')}</label>
        </div>
      )}
      {f.kind === 'self-gen' && (
        <div class="search-settings">
          <label>{t('finetune:datasets.threshold')} <input type="number" min={0} max={1} step={0.05} value={f.selfGen.threshold} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, threshold: e.currentTarget.valueAsNumber } })} /></label>
          <label>{t('finetune:datasets.noContextShare')} <input type="number" min={0} max={1} step={0.05} value={f.selfGen.noContextShare} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, noContextShare: e.currentTarget.valueAsNumber } })} /></label>
          <label>{t('finetune:datasets.maxAnswerTokens')} <input type="number" min={8} max={512} value={f.selfGen.maxTokens} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, maxTokens: e.currentTarget.valueAsNumber } })} /></label>
        </div>
      )}
      <div class="actions">
        <label class="grow">{t('finetune:datasets.name')} <input type="text" value={f.name} placeholder={t('finetune:datasets.namePlaceholder')} disabled={running} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
        <button type="button" disabled={running || !qaSetId || !modelId} onClick={() => void buildDataset(services, { ...f, qaSetId, modelId })}>{t('finetune:datasets.build')}</button>
        {running && <button type="button" class="secondary" onClick={cancelDataset}>{t('finetune:datasets.stop')}</button>}
      </div>
      {running && <div class="progress"><progress aria-label={t('finetune:datasets.progress')} max={task.total} value={task.done} /><span>{say(task.label)}</span></div>}
      {task.state === 'failed' && <p class="error" role="alert">{say(task.message)}</p>}
      <DatasetList />
    </section>
  );
}
