import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DatasetKind } from '../../../finetune/datasets';
import type { Services } from '../../actions';
import { baseChoices } from '../../chat-state';
import { buildDataset, cancelDataset, deleteDataset, exportDataset, renderSamples, updateDatasetForm } from '../../dataset-actions';
import { InterruptedNotice } from '../../components/interrupted-notice';
import { qaSets } from '../../eval-state';
import { datasetForm, datasets, datasetTask, selectedDatasetId } from '../../finetune-state';

const kinds: Record<DatasetKind, string> = {
  raft: 'RAFT: oracle + distractors, quoted reasoning',
  'self-gen': 'Self-generated demonstrations',
  sft: 'Plain SFT: question → answer',
};
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

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
      <summary>Examples as the model will see them</summary>
      {samples.value.map((s, i) => (
        <div key={i}>
          <p class="muted small">{s.meta.target}{s.meta.oracle !== undefined ? (s.meta.oracle ? ' · oracle present' : ' · distractors only') : ''}{s.meta.abstain ? ' · abstention' : ''}</p>
          <details><summary class="small">Prompt ({s.prompt.length} characters)</summary><pre class="prompt">{s.prompt}</pre></details>
          <pre class="prompt target" aria-label="Target">{s.completion}</pre>
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
        <table aria-label="Datasets">
          <thead><tr><th>Dataset</th><th>Examples</th><th>Oracle present</th><th>Abstentions</th><th>Tokens (prompt / target, mean)</th><th /></tr></thead>
          <tbody>
            {datasets.value.map((d) => (
              <tr key={d.id} data-dataset={d.id} data-kind={d.kind} aria-selected={d.id === selected.id}>
                <td><button type="button" class="link" onClick={() => (selectedDatasetId.value = d.id)}>{d.name}</button><div class="muted small">{kinds[d.kind]} · for {d.modelId}</div></td>
                <td>{d.stats.examples}{d.skipped.length ? ` (${d.skipped.length} skipped)` : ''}</td>
                <td data-stat="oracle">{pct(d.stats.oracleRate)}</td>
                <td data-stat="abstention">{pct(d.stats.abstentionShare)}</td>
                <td>{d.stats.promptTokens ? `${Math.round(d.stats.promptTokens.mean)} / ${Math.round(d.stats.completionTokens!.mean)}` : '–'}</td>
                <td class="row-actions">
                  <button type="button" class="link" onClick={() => void exportDataset(d.id)} aria-label={`Export ${d.name}`}>Export JSONL</button>
                  <button type="button" class="link danger" onClick={() => void deleteDataset(d.id)} aria-label={`Delete ${d.name}`}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected.skipped.length > 0 && (
        <details><summary>Skipped questions ({selected.skipped.length})</summary><ul>{selected.skipped.map((s) => <li key={s.itemId}>{s.itemId}: {s.reason}</li>)}</ul></details>
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
      <h2 id="datasets-title">Training data</h2>
      <p class="muted">
        Build a fine-tuning dataset from a QA set's <strong>train split</strong> and your library, rendered with the chosen model's own prompt
        format. The questions it uses are recorded, and Evaluate refuses to test on them.
      </p>
      <InterruptedNotice kind="dataset" />
      {!qaSets.value.length && <p class="notice">No QA set yet: add the demo pack's QA set, or import one, in Evaluate.</p>}
      <div class="search-settings">
        <label>Kind <select value={f.kind} disabled={running} onChange={(e) => set({ kind: e.currentTarget.value as DatasetKind })}>
          {Object.entries(kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select></label>
        <label>QA set <select value={qaSetId} disabled={running} onChange={(e) => set({ qaSetId: e.currentTarget.value })}>
          {qaSets.value.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select></label>
        <label>For model <select value={modelId} disabled={running} onChange={(e) => set({ modelId: e.currentTarget.value })}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
        </select></label>
        <label>Questions (at most) <input type="number" min={1} value={f.limit ?? 0} disabled={running} onChange={(e) => set({ limit: e.currentTarget.valueAsNumber })} /></label>
        <label>Dataset seed <input type="number" min={0} value={f.seed} disabled={running} onChange={(e) => set({ seed: e.currentTarget.valueAsNumber })} /></label>
      </div>
      {f.kind === 'raft' && (
        <div class="search-settings">
          <label>Oracle share P <input type="number" min={0} max={1} step={0.05} value={f.raft.p} disabled={running} onChange={(e) => set({ raft: { ...f.raft, p: e.currentTarget.valueAsNumber } })} /></label>
          <label>Distractors <input type="number" min={1} max={10} value={f.raft.distractors} disabled={running} onChange={(e) => set({ raft: { ...f.raft, distractors: e.currentTarget.valueAsNumber } })} /></label>
          <label class="check"><input type="checkbox" checked={f.raft.llmTargets} disabled={running} onChange={(e) => set({ raft: { ...f.raft, llmTargets: e.currentTarget.checked } })} /> Targets written by the model (checked; template otherwise)</label>
        </div>
      )}
      {f.kind === 'self-gen' && (
        <div class="search-settings">
          <label>Correct if F1 ≥ <input type="number" min={0} max={1} step={0.05} value={f.selfGen.threshold} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, threshold: e.currentTarget.valueAsNumber } })} /></label>
          <label>Share without context <input type="number" min={0} max={1} step={0.05} value={f.selfGen.noContextShare} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, noContextShare: e.currentTarget.valueAsNumber } })} /></label>
          <label>Max answer tokens <input type="number" min={8} max={512} value={f.selfGen.maxTokens} disabled={running} onChange={(e) => set({ selfGen: { ...f.selfGen, maxTokens: e.currentTarget.valueAsNumber } })} /></label>
        </div>
      )}
      <div class="actions">
        <label class="grow">Dataset name <input type="text" value={f.name} placeholder="optional" disabled={running} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
        <button type="button" disabled={running || !qaSetId || !modelId} onClick={() => void buildDataset(services, { ...f, qaSetId, modelId })}>Build dataset</button>
        {running && <button type="button" class="secondary" onClick={cancelDataset}>Stop</button>}
      </div>
      {running && <div class="progress"><progress aria-label="Dataset progress" max={task.total} value={task.done} /><span>{task.label}</span></div>}
      {task.state === 'failed' && <p class="error" role="alert">{task.message}</p>}
      <DatasetList />
    </section>
  );
}
