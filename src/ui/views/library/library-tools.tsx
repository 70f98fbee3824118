import { useSignal } from '@preact/signals';
import { applyChunkOptions, clearLibrary, exportLibraryFile, importLibraryFile, reindexLibrary } from '../../library-actions';
import { saveFile } from '../../save-file';
import { chunkOptions, ingestBusy, libraryDocs } from '../../library-state';
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
      {stale.length} document(s) were indexed {others.length ? `with ${others.join(', ')}` : 'with other chunk settings'}, not with the current
      embedder ({current.label}) and settings. They are re-embedded from their stored text: no upload needed.{' '}
      <button type="button" onClick={() => reindexLibrary()}>Re-embed {stale.length} document(s)</button>
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
      <legend>Chunking</legend>
      <label for="chunk-size">Chunk size (tokens)</label>
      <input id="chunk-size" type="number" min={32} max={max - 2} value={size.value} onInput={(e) => (size.value = Number(e.currentTarget.value))} />
      <label for="chunk-overlap">Overlap (tokens)</label>
      <input id="chunk-overlap" type="number" min={0} max={Math.floor(size.value / 2)} value={overlap.value} onInput={(e) => (overlap.value = Number(e.currentTarget.value))} />
      <p class="muted">Never more than the embedder's limit ({max} tokens). Applying re-chunks and re-embeds every document.</p>
      <button
        type="button"
        disabled={!changed || ingestBusy.value || !(size.value >= 32) || !(overlap.value >= 0)}
        onClick={() => applyChunkOptions({ chunkTokens: Math.min(size.value, max - 2), overlapTokens: Math.min(overlap.value, Math.floor(size.value / 2)) })}
      >
        Apply and re-chunk
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
      <legend>Export and import</legend>
      <p class="muted">One .zip with documents, chunks, vectors, the embedder id and settings: hand a ready index to someone else.</p>
      <div class="actions">
        <button type="button" onClick={download} disabled={busy || !libraryDocs.value.length}>Export library</button>
        <label class="button secondary">
          Import library
          <input type="file" accept=".zip" aria-label="Import library" class="visually-hidden" disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void importLibraryFile(f);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" class="danger" disabled={busy || !libraryDocs.value.length}
          onClick={() => confirm('Delete every document, chunk and vector from this browser?') && clearLibrary()}>
          Delete all documents
        </button>
      </div>
    </fieldset>
  );
}

export function LibraryTools() {
  return (
    <section class="card tools" aria-label="Library settings">
      <ChunkSettings />
      <ExportImport />
    </section>
  );
}
