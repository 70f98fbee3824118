import { cancelIngest, clearFinished } from '../../library-actions';
import { ingestBusy, ingestElsewhere, ingestProgress, ingestQueue } from '../../library-state';

function eta(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? ` · about ${s} s left` : ` · about ${Math.round(s / 60)} min left`;
}

/** Overall progress of the running batch, with Cancel; or a way to clear finished messages. */
export function IngestProgress() {
  const p = ingestProgress.value;
  if (!ingestBusy.value || !p) {
    const finished = ingestQueue.value.filter((q) => q.status.state !== 'indexed').length;
    return finished ? (
      <p>
        <button type="button" class="link" onClick={clearFinished}>Clear messages</button>
      </p>
    ) : null;
  }
  return (
    <section class="card" aria-label="Indexing progress">
      {ingestElsewhere.value && <p class="muted">Another RAG Lab tab is indexing these files. This tab shows its progress.</p>}
      <div class="progress">
        <progress aria-label="Files" max={p.filesTotal || 1} value={p.filesDone} />
        <span>Files {p.filesDone}/{p.filesTotal}</span>
      </div>
      <div class="progress">
        <progress aria-label="Chunks embedded" max={p.chunksTotal || 1} value={p.chunksDone} />
        <span>Chunks {p.chunksDone}/{p.chunksTotal}{eta(p.etaMs)}</span>
      </div>
      <button type="button" class="secondary" onClick={cancelIngest}>Cancel</button>
    </section>
  );
}
