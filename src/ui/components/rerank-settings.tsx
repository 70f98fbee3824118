// "Rerank" with its reranker and N: the same control in Library search, Chat,
// Compare (through the shared retrieval options) and Evaluate's run form.
import { defaultRerankTopN, type RerankSetting } from '../../shared/search-api';
import { t } from '../i18n/i18n';
import { defaultRerankerId } from '../models/rerank-actions';
import { rerankers } from '../state';

export function RerankSettings({ value, onChange, disabled }: { value: RerankSetting | undefined; onChange: (v: RerankSetting | undefined) => void; disabled?: boolean }) {
  const choices = rerankers.value;
  const fallback = defaultRerankerId();
  // With no reranker on offer the page works as before: the toggle is simply unavailable.
  if (!fallback) return null;
  return (
    <>
      <label class="check">
        <input type="checkbox" aria-label={t('common:rerank.toggle')} checked={!!value} disabled={disabled}
          onChange={(e) => onChange(e.currentTarget.checked ? { topN: defaultRerankTopN, modelId: fallback } : undefined)} /> {t('common:rerank.toggle')}
      </label>
      {value && (
        <>
          <label>
            {t('common:rerank.model')}{' '}
            <select aria-label={t('common:rerank.model')} value={value.modelId} disabled={disabled} onChange={(e) => onChange({ ...value, modelId: e.currentTarget.value })}>
              {!choices.some((c) => c.entry.id === value.modelId) && <option value={value.modelId}>{t('common:rerank.notOffered', { id: value.modelId })}</option>}
              {choices.map((c) => (
                <option key={c.entry.id} value={c.entry.id}>{c.entry.label}{c.entry.sizeMB ? ` · ${c.entry.sizeMB} MB` : ''}</option>
              ))}
            </select>
          </label>
          <label>
            {t('common:rerank.ofTop')}{' '}
            <input type="number" aria-label={t('common:rerank.topN')} min={1} max={200} value={value.topN} disabled={disabled}
              onInput={(e) => onChange({ ...value, topN: Math.max(1, Math.min(200, Math.round(Number(e.currentTarget.value)) || defaultRerankTopN)) })} />
          </label>
        </>
      )}
    </>
  );
}
