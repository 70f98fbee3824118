import { FileButton } from '../../components/file-button';
import { acceptedExtensions } from '../../../ingest/parse';
import { formatBytes } from '../../format';
import { t } from '../../i18n/i18n';
import { addStuckFilesAgain, forgetStuckFiles } from '../library-actions';
import { stuckFiles } from '../library-state';
import type { QueueProblem } from '../../../store/schema';

function explain(problem: QueueProblem, count: number): string {
  return problem === 'unreadable' ? t('library:stuck.unreadable', { count }) : t('library:stuck.quota', { count });
}

/**
 * Files a previous visit left waiting that cannot be resumed (their saved copy
 * is unreadable, or storage is full). They are never dropped silently: the
 * person picks them again or forgets them.
 */
export function StuckFiles() {
  const files = stuckFiles.value;
  if (!files.length) return null;
  const count = files.length;
  const reasons = [...new Set(files.map((f) => f.problem))].map((p) => explain(p, count));
  return (
    <section class="card banner" role="alert" aria-labelledby="stuck-title">
      <h3 id="stuck-title">{t('library:stuck.title', { count })}</h3>
      <p>
        {t('library:stuck.body', { count })} {reasons.join(' ')}
      </p>
      <ul aria-label={t('library:stuck.list')}>
        {files.map((f) => (
          <li key={f.id}>{f.name} <span class="muted">({formatBytes(f.size)})</span></li>
        ))}
      </ul>
      <div class="actions">
        <FileButton label={t('library:stuck.addAgain')} multiple accept={acceptedExtensions.join(',')} onFiles={(files) => void addStuckFilesAgain(files)} />
        <button type="button" class="secondary" onClick={() => void forgetStuckFiles()}>{t('library:stuck.forget')}</button>
      </div>
    </section>
  );
}
