import { FileButton } from '../../components/file-button';
import { useSignal } from '@preact/signals';
import { acceptedExtensions } from '../../../ingest/parse';
import type { Services } from '../../actions';
import { demoPacks } from '../../../demo/demo-pack';
import { addFiles, addPastedText, loadDemoPack, loadPackLibrary } from '../library-actions';
import { language, say, t } from '../../i18n/i18n';
import { catalog, demo } from '../../state';
import { filesFromDrop, visibleFiles } from './files-from-drop';

function PasteText() {
  const name = useSignal('');
  const text = useSignal('');
  return (
    <details class="paste">
      <summary>{t('library:paste.summary')}</summary>
      <label for="paste-name">{t('library:paste.title')}</label>
      <input id="paste-name" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} placeholder={t('library:paste.titlePlaceholder')} />
      <label for="paste-text">{t('library:paste.text')}</label>
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
        {t('library:paste.add')}
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
      <h2 id="library-title">{t('library:add.title')}</h2>
      <p>{t('library:add.intro')}</p>
      <div class="actions">
        <FileButton label={t('library:add.documents')} multiple accept={acceptedExtensions.join(',')} onFiles={(files) => void addFiles(files)} />
        <FileButton label={t('library:add.folder')} secondary folder onFiles={(files) => void addFiles(visibleFiles(files))} />
        <button type="button" class="secondary" onClick={() => loadDemoPack(services)} disabled={d.state === 'loading'}>
          {t('library:add.demoPack')}
        </button>
        <button type="button" class="secondary" onClick={() => loadDemoPack(services, demoPacks[1])} disabled={d.state === 'loading'}>
          {t('library:add.chineseDemoPack')}
          {/* In English the button also names the pack in Chinese, for Chinese readers who have not switched yet. */}
          {language.value === 'en' && <> <span lang="zh-CN">（中文示例包）</span></>}
        </button>
        {catalog.value?.parsed?.catalog.library && (
          <button type="button" class="secondary" onClick={() => void loadPackLibrary()}>{t('library:add.workshopLibrary')}</button>
        )}
      </div>
      {d.state === 'failed' && <p class="error" role="alert">{say(d.message)}</p>}
      <PasteText />
    </section>
  );
}
