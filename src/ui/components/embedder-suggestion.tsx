// Beside the embedder picker: a multilingual embedder is suggested when most of
// the library's documents are Chinese and the chosen one does not cover Chinese.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { suggestEmbedder } from '../../catalog/suggest-embedder';
import type { PromptLanguage } from '../../shared/language';
import { t } from '../i18n/i18n';
import { documentLanguages } from '../library/library-actions';
import { libraryDocs } from '../library/library-state';
import { embedders, pickedEmbedderId, selectedEmbedder } from '../state';

export function EmbedderSuggestion({ disabled }: { disabled: boolean }) {
  const languages = useSignal<PromptLanguage[]>([]);
  const docs = libraryDocs.value;
  useEffect(() => void documentLanguages().then((l) => (languages.value = l)), [docs]);
  const current = selectedEmbedder.value;
  const s = suggestEmbedder(embedders.value, languages.value, current?.entry.id ?? null);
  if (!s) return null;
  const label = s.entry.label ?? s.entry.id;
  return (
    <p class="notice" role="status" data-testid="embedder-suggestion">
      {t('common:embedderSuggestion.text', {
        label, chinese: s.reason.chinese, total: s.reason.total, languages: s.entry.languages,
        current: current?.entry.label ?? current?.entry.id ?? t('common:embedderSuggestion.chosenEmbedder'),
      })}{' '}
      <button type="button" class="link" disabled={disabled} onClick={() => (pickedEmbedderId.value = s.entry.id)}>{t('common:embedderSuggestion.use', { label })}</button>
    </p>
  );
}
