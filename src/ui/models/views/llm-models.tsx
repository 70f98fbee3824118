import { useEffect } from 'preact/hooks';
import type { Services } from '../../actions';
import { cacheBackend, llmChoices, webLlmCached, webLlmModels } from '../../chat/chat-state';
import { formatBytes, formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';
import { reasonText } from '../model-labels';
import { MergedModels } from '../../finetune/views/merged-models';
import { cacheSizes, check, checkWebGpu, deleteModel, download, downloadModel, refreshCacheStatus } from '../llm-actions';

/** The outcome of "Check WebGPU" for one lab-engine model. */
function CheckResult({ id }: { id: string }) {
  const c = check.value;
  if (!c || c.id !== id) return <>{t('models:llm.inPack')}</>;
  if ('running' in c) return <>{t('models:llm.checking')}</>;
  if ('error' in c) return <span class="error">{say(c.error)}</span>;
  const r = c.result;
  const ok = r.sameGreedy && r.maxDiff < 1e-2;
  return (
    <span data-ok={ok ? 'true' : 'false'} data-greedy={r.deviceTokens.join(',')}>
      {t('models:check.result', {
        verdict: t(ok ? 'models:check.matches' : 'models:check.differs'),
        // Scientific notation reads the same in both languages; Intl would write 1.2E-3.
        diff: r.maxDiff.toExponential(1),
        greedy: t(r.sameGreedy ? 'models:check.sameGreedy' : 'models:check.differentGreedy'),
        device: formatNumber(Math.round(r.deviceMs)), reference: formatNumber(Math.round(r.referenceMs)), tokens: r.tokens,
      })}
    </span>
  );
}

/** The Models view's language-model section: web-llm's curated models and the pack's lab-engine models. */
export function LlmModels({ services }: { services: Services }) {
  useEffect(() => void refreshCacheStatus(), [cacheBackend.value]);
  const d = download.value;
  const lab = llmChoices.value.filter((m) => m.engine === 'lab' && !m.adapter);
  return (
    <section class="card" aria-labelledby="llm-title">
      <h2 id="llm-title">{t('models:llm.title')}</h2>
      <p class="muted">{t('models:llm.intro')}</p>
      <label>
        {t('models:llm.cacheIn')}{' '}
        <select value={cacheBackend.value} onChange={(e) => (cacheBackend.value = e.currentTarget.value as 'cache' | 'indexeddb')}>
          <option value="cache">{t('models:llm.cacheApi')}</option>
          <option value="indexeddb">IndexedDB</option>
        </select>
      </label>
      {d && 'error' in d && <p class="error" role="alert">{t('models:llm.error', { id: d.id, error: say(d.error) })}</p>}
      <div class="scroll">
        <table aria-label={t('models:llm.tableLabel')} class="files">
          <thead>
            <tr>
              <th>{t('models:llm.col.model')}</th><th>{t('models:llm.col.weights')}</th><th>{t('models:llm.col.vram')}</th><th>{t('models:llm.col.onGpu')}</th>
              <th>{t('models:llm.col.fineTune')}</th><th>{t('models:llm.col.status')}</th><th><span class="visually-hidden">{t('models:llm.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {lab.map((m) => (
              <tr key={m.id} data-model={m.id}>
                <td>{m.label.replace(/ — .*$/, '')}</td><td>{t('models:llm.packWeights')}</td><td>–</td><td>{t('models:llm.labCpu')}</td><td>{t('models:llm.yes')}</td>
                <td data-testid={`check-${m.id}`}><CheckResult id={m.id} /></td>
                <td>
                  <button type="button" class="link" aria-label={t('models:llm.checkLabel', { id: m.id })} disabled={!!(check.value && 'running' in check.value)} onClick={() => checkWebGpu(services, m.id)}>
                    {t('models:llm.check')}
                  </button>
                </td>
              </tr>
            ))}
            {webLlmModels.value.map((m) => (
              <tr key={m.id} data-model={m.id} data-available={m.unavailable ? 'false' : 'true'}>
                <td>{m.label}</td>
                <td>{m.quantization}</td>
                <td>{m.vramMB ? t('models:llm.vram', { mb: formatNumber(Math.round(m.vramMB), { useGrouping: false }) }) : '–'}</td>
                <td>{m.unavailable ? reasonText(m.unavailable) : t('models:llm.ok')}</td>
                <td>{t(m.fineTunable ? 'models:llm.yes' : 'models:llm.no')}</td>
                <td>
                  {d && 'text' in d && d.id === m.id ? (
                    <><progress aria-label={t('models:llm.downloadProgress', { label: m.label })} max={1} value={d.fraction ?? undefined} class="row-progress" /> {say(d.text)}</>
                  ) : webLlmCached.value[m.id] ? (cacheSizes.value[m.id] ? t('models:llm.downloadedSize', { size: formatBytes(cacheSizes.value[m.id]!) }) : t('models:llm.downloaded')) : t('models:llm.notDownloaded')}
                </td>
                <td>
                  {webLlmCached.value[m.id] ? (
                    <button type="button" class="link danger" aria-label={t('models:llm.deleteLabel', { label: m.label })} onClick={() => deleteModel(m.id)}>{t('common:actions.delete')}</button>
                  ) : (
                    <button type="button" class="link" aria-label={t('models:llm.downloadLabel', { label: m.label })} disabled={!!m.unavailable || !!(d && 'text' in d)} onClick={() => downloadModel(services, m.id)}>
                      {t('models:llm.download')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('models:merged.title')}</h3>
      <p class="muted">{t('models:merged.intro')}</p>
      <MergedModels services={services} />
    </section>
  );
}
