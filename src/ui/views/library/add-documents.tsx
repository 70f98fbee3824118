import { useSignal } from '@preact/signals';
import { acceptedExtensions } from '../../../ingest/parse';
import type { Services } from '../../actions';
import { demoPacks } from '../../../demo/demo-pack';
import { addFiles, addPastedText, loadDemoPack, loadPackLibrary } from '../../library-actions';
import { catalog, demo } from '../../state';
import { filesFromDrop, visibleFiles } from './files-from-drop';

function PasteText() {
  const name = useSignal('');
  const text = useSignal('');
  return (
    <details class="paste">
      <summary>Paste text</summary>
      <label for="paste-name">Title</label>
      <input id="paste-name" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} placeholder="Meeting notes" />
      <label for="paste-text">Text to add</label>
      <textarea id="paste-text" rows={5} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      <button
        type="button"
        disabled={!text.value.trim()}
        onClick={() => {
          void addPastedText(name.value, text.value);
          name.value = '';
          text.value = '';
        }}
      >
        Add text
      </button>
    </details>
  );
}

export function AddDocuments({ services }: { services: Services }) {
  const over = useSignal(false);
  const d = demo.value;
  return (
    <section
      class={`card dropzone${over.value ? ' over' : ''}`}
      aria-labelledby="library-title"
      onDragOver={(e) => {
        e.preventDefault();
        over.value = true;
      }}
      onDragLeave={() => (over.value = false)}
      onDrop={async (e) => {
        e.preventDefault();
        over.value = false;
        if (e.dataTransfer) void addFiles(await filesFromDrop(e.dataTransfer));
      }}
    >
      <h2 id="library-title">Library</h2>
      <p>
        Drop files or folders here. Your documents stay on this device: they are parsed, embedded and stored in this browser,
        and never uploaded. Formats: .txt, .md, .html, .pdf (with a text layer) and .docx, up to 50 MB each.
      </p>
      <div class="actions">
        <label class="button">
          Add documents
          <input
            type="file"
            multiple
            accept={acceptedExtensions.join(',')}
            aria-label="Add documents"
            class="visually-hidden"
            onChange={(e) => {
              void addFiles(Array.from(e.currentTarget.files ?? []));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <label class="button secondary">
          Add a folder
          <input
            type="file"
            {...{ webkitdirectory: '' }}
            aria-label="Add a folder"
            class="visually-hidden"
            onChange={(e) => {
              void addFiles(visibleFiles(e.currentTarget.files));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" class="secondary" onClick={() => loadDemoPack(services)} disabled={d.state === 'loading'}>
          Load demo pack
        </button>
        <button type="button" class="secondary" onClick={() => loadDemoPack(services, demoPacks[1])} disabled={d.state === 'loading'}>
          Load Chinese demo pack <span lang="zh-CN">（中文示例包）</span>
        </button>
        {catalog.value?.parsed?.catalog.library && (
          <button type="button" class="secondary" onClick={() => void loadPackLibrary()}>Load the workshop library</button>
        )}
      </div>
      {d.state === 'failed' && <p class="error" role="alert">{d.message}</p>}
      <PasteText />
    </section>
  );
}
