import { FileButton } from '../../components/file-button';
import type { Services } from '../../actions';
import { baseChoices } from '../../chat/chat-state';
import { checkAdapterNow, chosenBase, mergeAndRegister, pickAdapterFiles, pickCatalogAdapter, renameAdapter } from '../finetune-actions';
import { adapterBase, adapterState, mergeTarget } from '../finetune-state';
import { catalog } from '../../state';
import { MergedModels } from './merged-models';
import { rich } from '../../components/rich-text';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';

export function AdaptersPanel({ services }: { services: Services }) {
  const s = adapterState.value;
  const base = chosenBase();
  const packAdapters = catalog.value?.parsed?.catalog.adapters ?? [];
  const busy = s.state === 'checking' || s.state === 'merging';
  return (
    <section class="card" aria-labelledby="adapters-title">
      <h2 id="adapters-title">{t('finetune:adapters.title')}</h2>
      <p class="muted">{t('finetune:adapters.intro')}</p>
      <div class="search-settings">
        <label>
          {t('finetune:adapters.baseModel')}{' '}
          <select value={base?.id ?? ''} disabled={busy} onChange={(e) => {
            adapterBase.value = e.currentTarget.value;
            void checkAdapterNow(services);
          }}>
            {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
          </select>
        </label>
      </div>
      <div class="actions search-settings">
        <FileButton label={t('finetune:adapters.import')} secondary multiple accept=".json,.safetensors" disabled={busy} onFiles={(files) => void pickAdapterFiles(services, files)} />
        {packAdapters.length > 0 && (
          <label>
            {t('finetune:adapters.fromPack')}{' '}
            <select value="" disabled={busy} onChange={(e) => e.currentTarget.value && void pickCatalogAdapter(services, e.currentTarget.value)}>
              <option value="">{t('finetune:adapters.choose')}</option>
              {packAdapters.map((a) => <option key={a.id} value={a.id}>{t('finetune:adapters.packOption', { label: a.label, base: a.base })}</option>)}
            </select>
          </label>
        )}
      </div>
      {busy && <div class="progress" role="status"><progress aria-label={t('finetune:adapters.progress')} /><span>{say(s.label)}</span></div>}
      {s.state === 'invalid' && <p class="error pre" role="alert">{say(s.message)}</p>}
      {s.state === 'valid' && (
        <div class="notice" role="status" data-testid="adapter-summary">
          <p>
            {rich(t('finetune:adapters.summary', {
              name: s.adapter.files.name, base: base?.label.split(' — ')[0], family: s.summary.family, r: s.summary.r, alpha: s.summary.alpha,
              rslora: s.summary.rslora ? ' (rsLoRA)' : '', scale: formatNumber(s.summary.scale, { minimumFractionDigits: 3, maximumFractionDigits: 3, useGrouping: false }), modules: s.summary.modules,
            }), 'strong')}
          </p>
          <div class="actions">
            <label>{t('finetune:adapters.name')} <input type="text" value={s.adapter.files.name} onInput={(e) => renameAdapter(e.currentTarget.value)} /></label>
            {s.summary.baseQuantization === 'q4f16_1' && (
              <label>{t('finetune:adapters.target')}{' '}
                <select value={mergeTarget.value} onChange={(e) => (mergeTarget.value = e.currentTarget.value as 'q4f16_1' | 'q0f16')}>
                  <option value="q4f16_1">{t('finetune:adapters.targetQ4')}</option>
                  <option value="q0f16">{t('finetune:adapters.targetQ0')}</option>
                </select>
              </label>
            )}
            <button type="button" onClick={() => void mergeAndRegister(services)} disabled={!s.adapter.files.name.trim()}>{t('finetune:adapters.merge')}</button>
          </div>
        </div>
      )}
      <h3>{t('finetune:adapters.models')}</h3>
      <MergedModels services={services} />
    </section>
  );
}
