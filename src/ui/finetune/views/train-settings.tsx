// Every training setting, visible and editable; the presets fill them in.
import { allModules, attentionModules, presets, settingsProblemMessages, type LoraModule, type PresetName, type TrainSettings } from '../../../finetune/train/settings';
import { choosePreset, updateSettings } from '../train-actions';
import { trainPreset, trainSettings } from '../train-state';
import { t, tr } from '../../i18n/i18n';

type NumberKey = { [K in keyof TrainSettings]: TrainSettings[K] extends number ? K : never }[keyof TrainSettings];

const presetKeys: Record<PresetName, string> = { quick: 'finetune:settings.quick', thorough: 'finetune:settings.thorough' };

function Num({ k, label, step = 1, min = 0, max, disabled, hint }: { k: NumberKey; label: string; step?: number; min?: number; max?: number; disabled: boolean; hint?: string }) {
  return (
    <label title={hint}>
      {label}{' '}
      <input type="number" value={trainSettings.value[k]} step={step} min={min} max={max} disabled={disabled}
        onChange={(e) => updateSettings({ [k]: e.currentTarget.valueAsNumber } as Partial<TrainSettings>)} />
    </label>
  );
}

export function TrainSettingsForm({ disabled }: { disabled: boolean }) {
  const s = trainSettings.value;
  const problems = settingsProblemMessages(s);
  const toggle = (m: LoraModule, on: boolean) => updateSettings({ targets: allModules.filter((x) => (x === m ? on : s.targets.includes(x))) });
  return (
    <fieldset class="train-settings" disabled={disabled}>
      <legend>{t('finetune:settings.legend')}</legend>
      <div class="actions" role="group" aria-label={t('finetune:settings.presets')}>
        {(Object.keys(presets) as PresetName[]).map((p) => (
          <button key={p} type="button" class={trainPreset.value === p ? '' : 'secondary'} aria-pressed={trainPreset.value === p} onClick={() => choosePreset(p)}>{t(presetKeys[p])}</button>
        ))}
        {trainPreset.value === 'custom' && <span class="muted small">{t('finetune:settings.custom')}</span>}
      </div>
      <h4>{t('finetune:settings.lora')}</h4>
      <div class="search-settings">
        <Num k="r" label={t('finetune:settings.rank')} min={1} max={256} disabled={disabled} />
        <Num k="alpha" label={t('finetune:settings.alpha')} step={1} disabled={disabled} hint={t('finetune:settings.alphaHint')} />
        <label class="check"><input type="checkbox" checked={s.rslora} onChange={(e) => updateSettings({ rslora: e.currentTarget.checked })} /> {t('finetune:settings.rslora')}</label>
      </div>
      <div class="search-settings" role="group" aria-label={t('finetune:settings.targets')}>
        <span class="muted small">{t('finetune:settings.targetsLabel')}</span>
        {allModules.map((m) => (
          <label key={m} class="check"><input type="checkbox" checked={s.targets.includes(m)} onChange={(e) => toggle(m, e.currentTarget.checked)} /> {m}</label>
        ))}
        <button type="button" class="link" onClick={() => updateSettings({ targets: attentionModules })}>{t('finetune:settings.attentionOnly')}</button>
        <button type="button" class="link" onClick={() => updateSettings({ targets: allModules })}>{t('finetune:settings.attentionMlp')}</button>
      </div>
      <h4>{t('finetune:settings.optimisation')}</h4>
      <div class="search-settings">
        <label>{t('finetune:settings.optimizer')} <select value={s.optimizer} onChange={(e) => updateSettings({ optimizer: e.currentTarget.value as TrainSettings['optimizer'] })}>
          <option value="adamw">AdamW</option><option value="sgd">SGD</option>
        </select></label>
        <Num k="lr" label={t('finetune:settings.lr')} step={0.0001} disabled={disabled} />
        <Num k="warmupShare" label={t('finetune:settings.warmup')} step={0.01} max={0.99} disabled={disabled} hint={t('finetune:settings.warmupHint')} />
        <Num k="weightDecay" label={t('finetune:settings.weightDecay')} step={0.01} disabled={disabled} />
        <Num k="maxGradNorm" label={t('finetune:settings.clip')} step={0.1} disabled={disabled} hint={t('finetune:settings.clipHint')} />
      </div>
      <div class="search-settings">
        <Num k="epochs" label={t('finetune:settings.epochs')} step={0.5} disabled={disabled || s.steps !== null} />
        <label>{t('finetune:settings.steps')} <input type="number" min={1} value={s.steps ?? ''} onChange={(e) => updateSettings({ steps: e.currentTarget.value === '' ? null : e.currentTarget.valueAsNumber })} /></label>
        <Num k="batchSize" label={t('finetune:settings.batch')} min={1} disabled={disabled} />
        <Num k="gradAccum" label={t('finetune:settings.accum')} min={1} disabled={disabled} />
        <Num k="maxLength" label={t('finetune:settings.maxLength')} min={16} step={16} disabled={disabled} hint={t('finetune:settings.maxLengthHint')} />
      </div>
      <div class="search-settings">
        <Num k="seed" label={t('finetune:settings.seed')} disabled={disabled} />
        <Num k="valShare" label={t('finetune:settings.valShare')} step={0.05} max={0.5} disabled={disabled} hint={t('finetune:settings.valShareHint')} />
        <Num k="checkpointEvery" label={t('finetune:settings.checkpointEvery')} min={1} disabled={disabled} />
        <Num k="evalEvery" label={t('finetune:settings.evalEvery')} min={1} disabled={disabled} />
      </div>
      {problems.length > 0 && <ul class="error" role="alert">{problems.map((p) => <li key={p.text}>{tr(p.i18n)}</li>)}</ul>}
    </fieldset>
  );
}
