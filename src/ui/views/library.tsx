import { formatBytes } from '../../platform/storage';
import type { Services } from '../actions';
import { loadDemoPack } from '../actions';
import { demo } from '../state';

function DemoFiles() {
  const d = demo.value;
  if (d.state === 'none') return null;
  if (d.state === 'failed') return <p class="error" role="alert">{d.message}</p>;
  if (d.state === 'loading') {
    return (
      <div class="progress">
        <progress aria-label="Demo pack download" max={d.total || 1} value={d.done} />
        <span>Fetching demo documents {d.done}/{d.total || '…'}</span>
      </div>
    );
  }
  return (
    <section aria-labelledby="demo-files-title">
      <h3 id="demo-files-title">{d.manifest.name}: {d.files.length} files</h3>
      <p class="muted">{d.manifest.description}</p>
      <p class="notice">
        Fetched into this tab. Parsing, chunking and indexing them into your on-device library is not available yet, so they are
        not searchable and are not kept after a reload.
      </p>
      <table class="files" aria-label="Demo pack files">
        <thead>
          <tr><th>Name</th><th>Type</th><th>Size</th></tr>
        </thead>
        <tbody>
          {d.files.map(({ doc, file }) => (
            <tr key={doc.id}>
              <td title={doc.title}>{file.name}</td>
              <td>{doc.type}</td>
              <td>{formatBytes(file.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LibraryView({ services }: { services: Services }) {
  const busy = demo.value.state === 'loading';
  return (
    <>
      <section class="card" aria-labelledby="library-title">
        <h2 id="library-title">Library</h2>
        <p>
          Your documents stay on this device: they are parsed, embedded and stored in this browser, and never uploaded. Adding your
          own files (.txt, .md, .html, .pdf, .docx) comes with the next release.
        </p>
        <p>Want to look around first? The demo pack is an invented island farming cooperative: a few dozen documents and a question set to evaluate with.</p>
        <button type="button" onClick={() => loadDemoPack(services)} disabled={busy}>
          Load demo pack
        </button>
      </section>
      <DemoFiles />
    </>
  );
}
