import { LlmModels } from './llm-models';
import { TaskProgress } from '../../components/progress';
import type { Services } from '../../actions';
import { loadEmbedder } from '../../actions';
import { builtinCatalog, catalog, embedStatus, embedTask, embedders, pickedEmbedderId, selectedEmbedder } from '../../state';
import { SimilarityCheck } from './similarity-check';
import { DeviceBench } from './device-bench';
import { EmbedderSuggestion } from '../../components/embedder-suggestion';
import { BuiltinNotice } from '../../components/builtin-notice';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';

function CatalogNotes() {
  const c = catalog.value;
  if (!c) return null;
  if (c.error) return <p class="error" role="alert">{c.errorI18n ? say(c.errorI18n) : c.error}</p>;
  if (!c.parsed) return <p class="muted">{t('models:catalog.none')}</p>;
  return (
    <>
      <p class="muted">{t('models:catalog.found', { url: `${c.baseUrl}catalog.json` })}</p>
      {c.parsed.warnings.map((w) => (
        <p key={w} class="warn">{t('models:catalog.warning', { warning: w })}</p>
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
      <h2 id="embedder-title">{t('models:embedder.title')}</h2>
      <CatalogNotes />
      <label for="embedder-select">{t('models:embedder.label')}</label>
      <select id="embedder-select" value={selected?.entry.id} onChange={(e) => (pickedEmbedderId.value = e.currentTarget.value)} disabled={running}>
        {embedders.value.map(({ entry, source }) => (
          <option key={entry.id} value={entry.id}>
            {entry.label} — {source.kind === 'local' && source.baseUrl === builtinCatalog.value?.baseUrl ? t('common:builtin.option') : source.kind === 'local' ? t('models:embedder.localPack') : entry.sizeMB ? t('models:embedder.downloadSize', { mb: formatNumber(entry.sizeMB) }) : t('models:embedder.download')}
          </option>
        ))}
      </select>
      {selected && (
        <p class="muted">
          {t(selected.entry.languages ? 'models:embedder.detailsLanguages' : 'models:embedder.details', {
            dim: selected.entry.dim, maxTokens: selected.entry.maxTokens, languages: selected.entry.languages,
          })}
        </p>
      )}
      <BuiltinNotice />
      <EmbedderSuggestion disabled={running} />
      <button type="button" onClick={() => loadEmbedder(services)} disabled={running || !selected}>
        {t('models:embedder.load')}
      </button>
      <TaskProgress task={embedTask.value} name={t('models:embedder.progress')} />
      <p data-testid="embedder-status" data-model={status.modelId ?? ''} data-device={status.device ?? ''}>
        {status.modelId ? t('models:embedder.loaded', { id: status.modelId, device: status.device, dtype: status.dtype }) : t('models:embedder.notLoaded')}
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
