import { FileButton } from '../../components/file-button';
import { useSignal } from '@preact/signals';
import { applyChunkOptions, clearLibrary, exportLibraryFile, importLibraryFile, reindexLibrary } from '../library-actions';
import { t } from '../../i18n/i18n';
import { saveFile } from '../../save-file';
import { chunkOptions, ingestBusy, libraryDocs } from '../library-state';
import { isStale } from '../../../library/library-service';
import { selectedEmbedder } from '../../state';

/** Shown when stored documents were made with another embedder or other chunk settings. */
export function StaleBanner() {
  const current = selectedEmbedder.value?.entry;
  const stale = libraryDocs.value.filter((d) => current && isStale(d, current.id, chunkOptions.value));
  if (!current || !stale.length || ingestBusy.value) return null;
  const others = [...new Set(stale.map((d) => d.embedderId))].filter((id) => id !== current.id);
  return (
    <div class="banner" role="status">
      {others.length
        ? t('library:stale.withEmbedders', { count: stale.length, embedders: others.join(', '), current: current.label })
        : t('library:stale.withSettings', { count: stale.length, current: current.label })}{' '}
      <button type="button" onClick={() => reindexLibrary()}>{t('library:stale.reembed', { count: stale.length })}</button>
    </div>
  );
}

function ChunkSettings() {
  const size = useSignal(chunkOptions.value.chunkTokens);
  const overlap = useSignal(chunkOptions.value.overlapTokens);
  const max = selectedEmbedder.value?.entry.maxTokens ?? 512;
  const changed = size.value !== chunkOptions.value.chunkTokens || overlap.value !== chunkOptions.value.overlapTokens;
  return (
    <fieldset>
      <legend>{t('library:tools.chunking')}</legend>
      <label for="chunk-size">{t('library:tools.chunkSize')}</label>
      <input id="chunk-size" type="number" min={32} max={max - 2} value={size.value} onInput={(e) => (size.value = Number(e.currentTarget.value))} />
      <label for="chunk-overlap">{t('library:tools.overlap')}</label>
      <input id="chunk-overlap" type="number" min={0} max={Math.floor(size.value / 2)} value={overlap.value} onInput={(e) => (overlap.value = Number(e.currentTarget.value))} />
      <p class="muted">{t('library:tools.chunkHint', { max })}</p>
      <button
        type="button"
        disabled={!changed || ingestBusy.value || !(size.value >= 32) || !(overlap.value >= 0)}
        onClick={() => applyChunkOptions({ chunkTokens: Math.min(size.value, max - 2), overlapTokens: Math.min(overlap.value, Math.floor(size.value / 2)) })}
      >
        {t('library:tools.apply')}
      </button>
    </fieldset>
  );
}

function ExportImport() {
  const busy = ingestBusy.value;
  const download = async () => {
    const blob = await exportLibraryFile();
    if (!blob) return;
    saveFile(blob, `rag-lab-library-${new Date().toISOString().slice(0, 10)}.zip`);
  };
  return (
    <fieldset>
      <legend>{t('library:tools.exportImport')}</legend>
      <p class="muted">{t('library:tools.exportHint')}</p>
      <div class="actions">
        <button type="button" onClick={download} disabled={busy || !libraryDocs.value.length}>{t('library:tools.export')}</button>
        <FileButton label={t('library:tools.import')} secondary accept=".zip" disabled={busy} onFiles={([f]) => void importLibraryFile(f!)} />
        <button type="button" class="danger" disabled={busy || !libraryDocs.value.length}
          onClick={() => confirm(t('library:tools.confirmDeleteAll')) && clearLibrary()}>
          {t('library:tools.deleteAll')}
        </button>
      </div>
    </fieldset>
  );
}

export function LibraryTools() {
  return (
    <section class="card tools" aria-label={t('library:tools.label')}>
      <ChunkSettings />
      <ExportImport />
    </section>
  );
}
