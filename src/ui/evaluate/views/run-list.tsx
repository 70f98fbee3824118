import { statusLabel } from '../eval-labels';
import { formatDate } from '../../format';
import { say, t } from '../../i18n/i18n';
import type { Services } from '../../actions';
import { deleteRun, resumeRun, selectRun } from '../eval-actions';
import { activeRun, runs, selectedRunId } from '../eval-state';

export function RunList({ services }: { services: Services }) {
  if (!runs.value.length) return null;
  return (
    <section class="card" aria-labelledby="runs-title">
      <h2 id="runs-title">{t('evaluate:runs.title')}</h2>
      <p class="muted">{t('evaluate:runs.intro')}</p>
      <div class="table-wrap">
        <table aria-label={t('evaluate:runs.table')}>
          <thead><tr><th>{t('evaluate:runs.run')}</th><th>{t('evaluate:runs.started')}</th><th>{t('evaluate:runs.questions')}</th><th>{t('evaluate:runs.status')}</th><th /></tr></thead>
          <tbody>
            {runs.value.map((r) => (
              <tr key={r.id} data-run={r.id} data-status={r.status} aria-selected={r.id === selectedRunId.value}>
                <td><button type="button" class="link" onClick={() => void selectRun(r.id)}>{r.name}</button></td>
                <td>{formatDate(r.createdAt)}</td>
                <td>{t('evaluate:runs.size', { questions: r.provenance.itemIds.length, modes: r.config.modes.length })}</td>
                <td>{statusLabel(r.status)}{r.error ? <span class="error small"> {say(r.error)}</span> : null}</td>
                <td class="row-actions">
                  {(r.status === 'cancelled' || r.status === 'failed') && (
                    <button type="button" class="link" disabled={!!activeRun.value} onClick={() => void resumeRun(services, r.id)} aria-label={t('evaluate:runs.resumeLabel', { name: r.name })}>{t('evaluate:runs.resume')}</button>
                  )}
                  <button type="button" class="link" disabled={activeRun.value?.runId === r.id} onClick={() => void deleteRun(r.id)} aria-label={t('evaluate:runs.deleteLabel', { name: r.name })}>{t('evaluate:runs.delete')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
