// Temperature, top-p, max tokens and seed: shared by Compare and Evaluate.
import type { GenerationOptions } from '../../shared/llm-types';
import { t } from '../i18n/i18n';

/** A number input that keeps its value within [min, max]. A value in range is taken as it is typed, so that a
 *  re-render before the field loses focus (a model's progress, say) cannot put the old value back; one out of range
 *  is clamped when the field is left. */
export function NumberField({ label, value, min, max, step, onChange, disabled }: { label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; disabled?: boolean }) {
  return (
    <label>
      {label}{' '}
      <input type="number" value={value} min={min} max={max} step={step} disabled={disabled}
        onInput={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }} />
    </label>
  );
}

export function SamplingFields({ value, onChange, disabled }: { value: GenerationOptions; onChange: (v: GenerationOptions) => void; disabled?: boolean }) {
  const set = (k: keyof GenerationOptions) => (v: number) => onChange({ ...value, [k]: v });
  return (
    <div class="search-settings">
      <NumberField label={t('common:sampling.temperature')} value={value.temperature} min={0} max={2} step={0.1} onChange={set('temperature')} disabled={disabled} />
      <NumberField label={t('common:sampling.topP')} value={value.topP} min={0.05} max={1} step={0.05} onChange={set('topP')} disabled={disabled} />
      <NumberField label={t('common:sampling.maxTokens')} value={value.maxTokens} min={1} max={2048} step={1} onChange={set('maxTokens')} disabled={disabled} />
      <NumberField label={t('common:sampling.seed')} value={value.seed} min={0} max={2 ** 31 - 1} step={1} onChange={set('seed')} disabled={disabled} />
    </div>
  );
}
