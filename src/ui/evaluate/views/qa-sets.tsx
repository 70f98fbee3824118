import { FileButton } from '../../components/file-button';
import { demoPacks } from '../../../demo/demo-pack';
import { rich } from '../../components/rich-text';
import { t } from '../../i18n/i18n';
import type { Services } from '../../actions';
import { addDemoQaSet, deleteQaSet, importQaSet } from '../eval-actions';
import { activeRun, importReport, qaSets } from '../eval-state';

function ImportReportView() {
  const r = importReport.value;
  if (!r) return null;
  if (r.imported !== null) return <p class="notice" role="status">{t('evaluate:qa.imported', { count: r.imported, name: r.fileName })}</p>;
  return (
    <div class="error" role="alert">
      <p>
        {t('evaluate:qa.notImported', { name: r.fileName, count: r.errors.length })}
      </p>
      <ul aria-label={t('evaluate:qa.importErrors')}>
        {r.errors.slice(0, 20).map((e, i) => <li key={i}>{e.line ? t('evaluate:qa.line', { line: e.line, message: e.message }) : e.message}</li>)}
        {r.errors.length > 20 && <li>{t('evaluate:qa.more', { count: r.errors.length - 20 })}</li>}
      </ul>
    </div>
  );
}

export function QaSetsPanel({ services }: { services: Services }) {
  const sets = qaSets.value;
  const busy = !!activeRun.value;
  return (
    <section class="card" aria-labelledby="qa-sets-title">
      <h2 id="qa-sets-title">{t('evaluate:qa.title')}</h2>
      <p class="muted">{rich(t('evaluate:qa.intro'))}</p>
      <div class="actions">
        <button type="button" onClick={() => void addDemoQaSet(services)} disabled={busy}>{t('evaluate:qa.addDemo')}</button>
        <button type="button" class="secondary" onClick={() => void addDemoQaSet(services, demoPacks[1])} disabled={busy}>{t('evaluate:qa.addChineseDemo')}</button>
        <FileButton label={t('evaluate:qa.import')} secondary accept=".jsonl,.json,.csv" onFiles={([f]) => void importQaSet(f!)} />
      </div>
      <ImportReportView />
      {sets.length > 0 && (
        <div class="table-wrap">
          <table aria-label={t('evaluate:qa.table')}>
            <thead><tr><th>{t('evaluate:qa.name')}</th><th>{t('evaluate:qa.source')}</th><th>{t('evaluate:qa.questions')}</th><th>{t('evaluate:qa.split')}</th><th>{t('evaluate:qa.hash')}</th><th /></tr></thead>
            <tbody>
              {sets.map((s) => (
                <tr key={s.id} data-set={s.id}>
                  <td>{s.name}</td>
                  <td>{s.source}</td>
                  <td>{t('evaluate:qa.questionCount', { count: s.items.length, unanswerable: s.items.filter((i) => i.answer === null).length })}</td>
                  <td>{t(s.splitSeed !== undefined ? 'evaluate:qa.splitSeed' : 'evaluate:qa.splitCount', { train: s.items.filter((i) => i.split === 'train').length, test: s.items.filter((i) => i.split === 'test').length, seed: s.splitSeed })}</td>
                  <td><code title={s.hash}>{s.hash.slice(0, 10)}</code></td>
                  <td><button type="button" class="link" aria-label={t('evaluate:qa.deleteLabel', { name: s.name })} disabled={busy} onClick={() => void deleteQaSet(s.id)}>{t('evaluate:qa.delete')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
