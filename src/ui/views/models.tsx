import { LlmModels } from './llm-models';
import { TaskProgress } from '../components/progress';
import type { Services } from '../actions';
import { loadEmbedder } from '../actions';
import { catalog, embedStatus, embedTask, embedders, pickedEmbedderId, selectedEmbedder } from '../state';
import { SimilarityCheck } from './similarity-check';
import { DeviceBench } from './device-bench';
import { EmbedderSuggestion } from '../components/embedder-suggestion';

function CatalogNotes() {
  const c = catalog.value;
  if (!c) return null;
  if (c.error) return <p class="error" role="alert">{c.error}</p>;
  if (!c.parsed) return <p class="muted">No local model pack on this site: models download from the Hugging Face hub when first used, then stay cached.</p>;
  return (
    <>
      <p class="muted">Local model pack found ({c.baseUrl}catalog.json): its models load from this site, with no download from the internet.</p>
      {c.parsed.warnings.map((w) => (
        <p key={w} class="warn">Catalog: {w}</p>
      ))}
    </>
  );
}

function EmbedderPicker({ services }: { services: Services }) {
  const selected = selectedEmbedder.value;
  const status = embedStatus.value;
  const running = embedTask.value.state === 'running';
  return (
    <section class="card" aria-labelledby="embedder-title">
      <h2 id="embedder-title">Embedding model</h2>
      <CatalogNotes />
      <label for="embedder-select">Embedder</label>
      <select id="embedder-select" value={selected?.entry.id} onChange={(e) => (pickedEmbedderId.value = e.currentTarget.value)} disabled={running}>
        {embedders.value.map(({ entry, source }) => (
          <option key={entry.id} value={entry.id}>
            {entry.label} — {source.kind === 'local' ? 'local pack' : `download${entry.sizeMB ? ` ~${entry.sizeMB} MB` : ''}`}
          </option>
        ))}
      </select>
      {selected && (
        <p class="muted">
          {selected.entry.dim}-dimensional vectors, up to {selected.entry.maxTokens} tokens per passage
          {selected.entry.languages ? `, ${selected.entry.languages}` : ''}.
        </p>
      )}
      <EmbedderSuggestion disabled={running} />
      <button type="button" onClick={() => loadEmbedder(services)} disabled={running || !selected}>
        Load embedder
      </button>
      <TaskProgress task={embedTask.value} name="Embedder progress" />
      <p data-testid="embedder-status" data-model={status.modelId ?? ''} data-device={status.device ?? ''}>
        {status.modelId ? `Loaded: ${status.modelId} on ${status.device} (${status.dtype})` : 'No embedder loaded yet.'}
      </p>
    </section>
  );
}

export function ModelsView({ services }: { services: Services }) {
  return (
    <>
      <EmbedderPicker services={services} />
      <SimilarityCheck services={services} />
      <LlmModels services={services} />
      <DeviceBench services={services} />
    </>
  );
}
