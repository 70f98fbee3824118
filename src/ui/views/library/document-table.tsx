import type { FileStatus, QueueItem } from '../../../library/library-service';
import { isStale } from '../../../library/library-service';
import { formatBytes } from '../../../platform/storage';
import { chunkOptions, ingestQueue, libraryDocs } from '../../library-state';
import { deleteDocument } from '../../library-actions';
import { selectedEmbedder } from '../../state';

function statusText(s: FileStatus): string {
  switch (s.state) {
    case 'queued': return 'Queued';
    case 'parsing': return 'Parsing';
    case 'embedding': return `Embedding ${s.done}/${s.total}`;
    case 'indexed': return 'Indexed';
    case 'skipped': return `Skipped: ${s.reason}`;
    case 'failed': return `Failed: ${s.reason}`;
    case 'cancelled': return 'Cancelled';
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
        <h3>No documents yet</h3>
        <p class="muted">Add files above, drop a folder, paste text, or load the demo pack. Everything is processed on this device.</p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="docs-title">
      <h3 id="docs-title">Documents ({docs.length})</h3>
      <div class="scroll">
        <table aria-label="Documents" class="files">
          <thead>
            <tr><th>Name</th><th>Type</th><th>Size</th><th>Chunks</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-status={isStale(d, embedderId, chunkOptions.value) ? 'stale' : 'indexed'}>
                <td>{d.name}</td>
                <td>{d.type}</td>
                <td>{formatBytes(d.size)}</td>
                <td>{d.chunkCount}</td>
                <td>{reindexing.has(d.id) ? `Re-indexing: ${statusText(reindexing.get(d.id)!)}` : isStale(d, embedderId, chunkOptions.value) ? 'Needs re-embedding' : 'Indexed'}</td>
                <td>
                  <button type="button" class="link danger" aria-label={`Delete ${d.name}`} onClick={() => deleteDocument(d.id)}>
                    Delete
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
                    <progress class="row-progress" aria-label={`${q.name} progress`} max={q.status.total} value={q.status.done} />
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
