import { demoPacks } from '../../../demo/demo-pack';
import type { Services } from '../../actions';
import { addDemoQaSet, deleteQaSet, importQaSet } from '../../eval-actions';
import { activeRun, importReport, qaSets } from '../../eval-state';

function ImportReportView() {
  const r = importReport.value;
  if (!r) return null;
  if (r.imported !== null) return <p class="notice" role="status">Imported {r.imported} questions from {r.fileName}.</p>;
  return (
    <div class="error" role="alert">
      <p>
        {r.fileName} was not imported: {r.errors.length} problem{r.errors.length === 1 ? '' : 's'}. Fix these lines and import it again.
      </p>
      <ul aria-label="Import errors">
        {r.errors.slice(0, 20).map((e, i) => <li key={i}>{e.line ? `Line ${e.line}: ` : ''}{e.message}</li>)}
        {r.errors.length > 20 && <li>…and {r.errors.length - 20} more.</li>}
      </ul>
    </div>
  );
}

export function QaSetsPanel({ services }: { services: Services }) {
  const sets = qaSets.value;
  const busy = !!activeRun.value;
  return (
    <section class="card" aria-labelledby="qa-sets-title">
      <h2 id="qa-sets-title">QA sets</h2>
      <p class="muted">
        Questions with gold answers. JSONL or CSV with <code>question</code>, <code>answer</code> (<code>null</code> or empty when the
        documents do not answer it), and optional <code>aliases</code>, <code>doc_ids</code> (document file names), <code>quote</code>,
        <code>split</code>. Without a split column, a seeded 70/30 train/test split is made and stored with the set.
      </p>
      <div class="actions">
        <button type="button" onClick={() => void addDemoQaSet(services)} disabled={busy}>Add the demo pack's QA set</button>
        <button type="button" class="secondary" onClick={() => void addDemoQaSet(services, demoPacks[1])} disabled={busy}>Add the Chinese demo pack's QA set</button>
        <label class="button secondary">
          Import QA set (JSONL or CSV)
          <input type="file" accept=".jsonl,.json,.csv" class="visually-hidden" onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void importQaSet(f);
          }} />
        </label>
      </div>
      <ImportReportView />
      {sets.length > 0 && (
        <div class="table-wrap">
          <table aria-label="QA sets">
            <thead><tr><th>Name</th><th>Source</th><th>Questions</th><th>Train / test</th><th>Hash</th><th /></tr></thead>
            <tbody>
              {sets.map((s) => (
                <tr key={s.id} data-set={s.id}>
                  <td>{s.name}</td>
                  <td>{s.source}</td>
                  <td>{s.items.length} ({s.items.filter((i) => i.answer === null).length} unanswerable)</td>
                  <td>{s.items.filter((i) => i.split === 'train').length} / {s.items.filter((i) => i.split === 'test').length}{s.splitSeed !== undefined ? ` (seed ${s.splitSeed})` : ''}</td>
                  <td><code title={s.hash}>{s.hash.slice(0, 10)}</code></td>
                  <td><button type="button" class="link" aria-label={`Delete QA set ${s.name}`} disabled={busy} onClick={() => void deleteQaSet(s.id)}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
