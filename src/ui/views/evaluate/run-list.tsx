import type { Services } from '../../actions';
import { deleteRun, resumeRun, selectRun } from '../../eval-actions';
import { activeRun, runs, selectedRunId } from '../../eval-state';

export function RunList({ services }: { services: Services }) {
  if (!runs.value.length) return null;
  return (
    <section class="card" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <p class="muted">Stored in this browser. A run interrupted by a reload or a closed tab resumes where it stopped.</p>
      <div class="table-wrap">
        <table aria-label="Eval runs">
          <thead><tr><th>Run</th><th>Started</th><th>Questions</th><th>Status</th><th /></tr></thead>
          <tbody>
            {runs.value.map((r) => (
              <tr key={r.id} data-run={r.id} data-status={r.status} aria-selected={r.id === selectedRunId.value}>
                <td><button type="button" class="link" onClick={() => void selectRun(r.id)}>{r.name}</button></td>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.provenance.itemIds.length} × {r.config.modes.length} modes</td>
                <td>{r.status}{r.error ? <span class="error small"> {r.error}</span> : null}</td>
                <td class="row-actions">
                  {(r.status === 'cancelled' || r.status === 'failed') && (
                    <button type="button" class="link" disabled={!!activeRun.value} onClick={() => void resumeRun(services, r.id)} aria-label={`Resume run ${r.name}`}>Resume</button>
                  )}
                  <button type="button" class="link" disabled={activeRun.value?.runId === r.id} onClick={() => void deleteRun(r.id)} aria-label={`Delete run ${r.name}`}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
