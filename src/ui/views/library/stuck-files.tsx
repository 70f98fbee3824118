import { acceptedExtensions } from '../../../ingest/parse';
import { formatBytes } from '../../../platform/storage';
import { addStuckFilesAgain, forgetStuckFiles } from '../../library-actions';
import { stuckFiles } from '../../library-state';
import type { QueueProblem } from '../../../store/schema';

function explain(problem: QueueProblem, one: boolean): string {
  const them = one ? 'it' : 'them';
  return problem === 'unreadable'
    ? `The browser can no longer read the ${one ? 'copy' : 'copies'} it kept, so pick ${them} again from your disk, or forget ${them}.`
    : `Storage is too full to index ${them}. Delete documents you no longer need or free disk space, then add ${them} again.`;
}

/**
 * Files a previous visit left waiting that cannot be resumed (their saved copy
 * is unreadable, or storage is full). They are never dropped silently: the
 * person picks them again or forgets them.
 */
export function StuckFiles() {
  const files = stuckFiles.value;
  if (!files.length) return null;
  const one = files.length === 1;
  const reasons = [...new Set(files.map((f) => f.problem))].map((p) => explain(p, one));
  return (
    <section class="card banner" role="alert" aria-labelledby="stuck-title">
      <h3 id="stuck-title">{files.length} file{one ? ' was' : 's were'} not indexed</h3>
      <p>
        {one ? 'It was' : 'They were'} still waiting when the page was closed or reloaded, and cannot be resumed. {reasons.join(' ')}
      </p>
      <ul aria-label="Files not indexed">
        {files.map((f) => (
          <li key={f.id}>{f.name} <span class="muted">({formatBytes(f.size)})</span></li>
        ))}
      </ul>
      <div class="actions">
        <label class="button">
          Add them again
          <input
            type="file"
            multiple
            accept={acceptedExtensions.join(',')}
            aria-label="Add them again"
            class="visually-hidden"
            onChange={(e) => {
              void addStuckFilesAgain(Array.from(e.currentTarget.files ?? []));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" class="secondary" onClick={() => void forgetStuckFiles()}>Forget</button>
      </div>
    </section>
  );
}
