import { cancelIngest, clearFinished } from '../library-actions';
import { formatNumber } from '../../format';
import { t } from '../../i18n/i18n';
import { ingestBusy, ingestElsewhere, ingestProgress, ingestQueue } from '../library-state';

function eta(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? t('library:progress.etaSeconds', { seconds: formatNumber(s) }) : t('library:progress.etaMinutes', { minutes: formatNumber(Math.round(s / 60)) });
}

/** Overall progress of the running batch, with Cancel; or a way to clear finished messages. */
export function IngestProgress() {
  const p = ingestProgress.value;
  if (!ingestBusy.value || !p) {
    const finished = ingestQueue.value.filter((q) => q.status.state !== 'indexed').length;
    return finished ? (
      <p>
        <button type="button" class="link" onClick={clearFinished}>{t('library:progress.clear')}</button>
      </p>
    ) : null;
  }
  return (
    <section class="card" aria-label={t('library:progress.label')}>
      {ingestElsewhere.value && <p class="muted">{t('library:progress.elsewhere')}</p>}
      <div class="progress">
        <progress aria-label={t('library:progress.files')} max={p.filesTotal || 1} value={p.filesDone} />
        <span>{t('library:progress.filesCount', { done: p.filesDone, total: p.filesTotal })}</span>
      </div>
      <div class="progress">
        <progress aria-label={t('library:progress.chunks')} max={p.chunksTotal || 1} value={p.chunksDone} />
        <span>{t('library:progress.chunksCount', { done: p.chunksDone, total: p.chunksTotal })}{eta(p.etaMs)}</span>
      </div>
      <button type="button" class="secondary" onClick={cancelIngest}>{t('common:actions.cancel')}</button>
    </section>
  );
}
