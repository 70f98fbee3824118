import type { FileStatus, QueueItem } from '../../../library/library-service';
import { isStale } from '../../../library/library-service';
import { formatBytes } from '../../format';
import { t, tr } from '../../i18n/i18n';
import { chunkOptions, ingestQueue, libraryDocs } from '../library-state';
import { deleteDocument } from '../library-actions';
import { selectedEmbedder } from '../../state';

function statusText(s: FileStatus): string {
  switch (s.state) {
    case 'queued': return t('library:fileStatus.queued');
    case 'parsing': return t('library:fileStatus.parsing');
    case 'embedding': return t('library:fileStatus.embedding', { done: s.done, total: s.total });
    case 'indexed': return t('library:fileStatus.indexed');
    case 'skipped': return t('library:fileStatus.skipped', { reason: s.i18n ? tr(s.i18n) : s.reason });
    case 'failed': return t('library:fileStatus.failed', { reason: s.i18n ? tr(s.i18n) : s.reason });
    case 'cancelled': return t('library:fileStatus.cancelled');
  }
}

const typeOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? 'text';

export function DocumentTable() {
  const docs = libraryDocs.value;
  const embedderId = selectedEmbedder.value?.entry.id ?? '';
  const active = (q: QueueItem) => ['queued', 'parsing', 'embedding'].includes(q.status.state);
  // Stored documents being re-indexed show that on their own row.
  const reindexing = new Map(ingestQueue.value.filter((q) => q.docId && active(q)).map((q) => [q.docId!, q.status]));
  // Files in flight, or that ended without being stored, are listed after the stored ones.
  const pending = ingestQueue.value.filter((q) => q.status.state !== 'indexed' && !(q.docId && active(q)));
  if (!docs.length && !pending.length) {
    return (
      <section class="card empty">
        <h3>{t('library:table.emptyTitle')}</h3>
        <p class="muted">{t('library:table.emptyBody')}</p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="docs-title">
      <h3 id="docs-title">{t('library:table.title', { count: docs.length })}</h3>
      <div class="scroll">
        <table aria-label={t('library:table.label')} class="files">
          <thead>
            <tr>
              <th>{t('library:table.name')}</th>
              <th>{t('library:table.type')}</th>
              <th>{t('library:table.size')}</th>
              <th>{t('library:table.chunks')}</th>
              <th>{t('library:table.status')}</th>
              <th><span class="visually-hidden">{t('library:table.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-status={isStale(d, embedderId, chunkOptions.value) ? 'stale' : 'indexed'}>
                <td>{d.name}</td>
                <td>{d.type}</td>
                <td>{formatBytes(d.size)}</td>
                <td>{d.chunkCount}</td>
                <td>
                  {reindexing.has(d.id)
                    ? t('library:table.reindexing', { status: statusText(reindexing.get(d.id)!) })
                    : t(isStale(d, embedderId, chunkOptions.value) ? 'library:table.needsReembedding' : 'library:fileStatus.indexed')}
                </td>
                <td>
                  <button type="button" class="link danger" aria-label={t('library:table.deleteLabel', { name: d.name })} onClick={() => deleteDocument(d.id)}>
                    {t('library:table.delete')}
                  </button>
                </td>
              </tr>
            ))}
            {pending.map((q) => (
              <tr key={`q${q.key}`} data-status={q.status.state} class={q.status.state === 'failed' ? 'failed' : ''}>
                <td>{q.name}</td>
                <td>{typeOf(q.name)}</td>
                <td>{formatBytes(q.size)}</td>
                <td>{q.status.state === 'embedding' ? q.status.total : '–'}</td>
                <td colSpan={2}>
                  {q.status.state === 'embedding' && (
                    <progress class="row-progress" aria-label={t('library:table.progressLabel', { name: q.name })} max={q.status.total} value={q.status.done} />
                  )}
                  {statusText(q.status)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
