// Every training setting, visible and editable; the presets fill them in.
import { allModules, attentionModules, presets, settingsProblems, type LoraModule, type PresetName, type TrainSettings } from '../../../finetune/train/settings';
import { choosePreset, updateSettings } from '../../train-actions';
import { trainPreset, trainSettings } from '../../train-state';

type NumberKey = { [K in keyof TrainSettings]: TrainSettings[K] extends number ? K : never }[keyof TrainSettings];

const presetLabels: Record<PresetName, string> = { quick: 'Quick look', thorough: 'Thorough' };

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
  const problems = settingsProblems(s);
  const toggle = (m: LoraModule, on: boolean) => updateSettings({ targets: allModules.filter((x) => (x === m ? on : s.targets.includes(x))) });
  return (
    <fieldset class="train-settings" disabled={disabled}>
      <legend>Settings</legend>
      <div class="actions" role="group" aria-label="Presets">
        {(Object.keys(presets) as PresetName[]).map((p) => (
          <button key={p} type="button" class={trainPreset.value === p ? '' : 'secondary'} aria-pressed={trainPreset.value === p} onClick={() => choosePreset(p)}>{presetLabels[p]}</button>
        ))}
        {trainPreset.value === 'custom' && <span class="muted small">custom settings</span>}
      </div>
      <h4>LoRA</h4>
      <div class="search-settings">
        <Num k="r" label="Rank r" min={1} max={256} disabled={disabled} />
        <Num k="alpha" label="Alpha" step={1} disabled={disabled} hint="The adapter's scale is alpha / r (alpha / √r with rsLoRA)." />
        <label class="check"><input type="checkbox" checked={s.rslora} onChange={(e) => updateSettings({ rslora: e.currentTarget.checked })} /> rsLoRA (scale alpha / √r)</label>
      </div>
      <div class="search-settings" role="group" aria-label="Target modules">
        <span class="muted small">Target modules:</span>
        {allModules.map((m) => (
          <label key={m} class="check"><input type="checkbox" checked={s.targets.includes(m)} onChange={(e) => toggle(m, e.currentTarget.checked)} /> {m}</label>
        ))}
        <button type="button" class="link" onClick={() => updateSettings({ targets: attentionModules })}>attention only</button>
        <button type="button" class="link" onClick={() => updateSettings({ targets: allModules })}>attention + MLP</button>
      </div>
      <h4>Optimisation</h4>
      <div class="search-settings">
        <label>Optimizer <select value={s.optimizer} onChange={(e) => updateSettings({ optimizer: e.currentTarget.value as TrainSettings['optimizer'] })}>
          <option value="adamw">AdamW</option><option value="sgd">SGD</option>
        </select></label>
        <Num k="lr" label="Learning rate" step={0.0001} disabled={disabled} />
        <Num k="warmupShare" label="Warm-up share" step={0.01} max={0.99} disabled={disabled} hint="Linear warm-up over this share of the steps, then cosine decay to zero." />
        <Num k="weightDecay" label="Weight decay" step={0.01} disabled={disabled} />
        <Num k="maxGradNorm" label="Clip gradient norm" step={0.1} disabled={disabled} hint="0 turns clipping off." />
      </div>
      <div class="search-settings">
        <Num k="epochs" label="Epochs" step={0.5} disabled={disabled || s.steps !== null} />
        <label>Steps (blank: from epochs) <input type="number" min={1} value={s.steps ?? ''} onChange={(e) => updateSettings({ steps: e.currentTarget.value === '' ? null : e.currentTarget.valueAsNumber })} /></label>
        <Num k="batchSize" label="Batch size" min={1} disabled={disabled} />
        <Num k="gradAccum" label="Gradient accumulation" min={1} disabled={disabled} />
        <Num k="maxLength" label="Max length (tokens)" min={16} step={16} disabled={disabled} hint="Longer examples lose tokens from the left of the prompt, never the target." />
      </div>
      <div class="search-settings">
        <Num k="seed" label="Seed" disabled={disabled} />
        <Num k="valShare" label="Validation share" step={0.05} max={0.5} disabled={disabled} hint="Held out from this dataset's own examples (never a QA test split)." />
        <Num k="checkpointEvery" label="Checkpoint every (steps)" min={1} disabled={disabled} />
        <Num k="evalEvery" label="Validate every (steps)" min={1} disabled={disabled} />
      </div>
      {problems.length > 0 && <ul class="error" role="alert">{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
    </fieldset>
  );
}
