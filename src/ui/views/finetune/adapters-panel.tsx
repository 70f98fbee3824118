import type { Services } from '../../actions';
import { baseChoices } from '../../chat-state';
import { checkAdapterNow, chosenBase, mergeAndRegister, pickAdapterFiles, pickCatalogAdapter, renameAdapter } from '../../finetune-actions';
import { adapterBase, adapterState } from '../../finetune-state';
import { catalog } from '../../state';
import { MergedModels } from './merged-models';

export function AdaptersPanel({ services }: { services: Services }) {
  const s = adapterState.value;
  const base = chosenBase();
  const packAdapters = catalog.value?.parsed?.catalog.adapters ?? [];
  const busy = s.state === 'checking' || s.state === 'merging';
  return (
    <section class="card" aria-labelledby="adapters-title">
      <h2 id="adapters-title">LoRA adapters</h2>
      <p class="muted">
        Import a PEFT LoRA adapter trained elsewhere (for example on a dataset exported above). It is checked against the base model,
        merged into an unquantized (q0f16 / q0f32) copy of its weights, and registered as a new model that web-llm and the lab engine load
        from this browser's cache, with no network.
      </p>
      <div class="search-settings">
        <label>
          Base model{' '}
          <select value={base?.id ?? ''} disabled={busy} onChange={(e) => {
            adapterBase.value = e.currentTarget.value;
            void checkAdapterNow(services);
          }}>
            {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
          </select>
        </label>
      </div>
      <div class="actions search-settings">
        <label class="button secondary">
          Import adapter files
          <input type="file" multiple accept=".json,.safetensors" class="visually-hidden" disabled={busy} onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) void pickAdapterFiles(services, files);
          }} />
        </label>
        {packAdapters.length > 0 && (
          <label>
            From the model pack{' '}
            <select value="" disabled={busy} onChange={(e) => e.currentTarget.value && void pickCatalogAdapter(services, e.currentTarget.value)}>
              <option value="">choose…</option>
              {packAdapters.map((a) => <option key={a.id} value={a.id}>{a.label} (for {a.base})</option>)}
            </select>
          </label>
        )}
      </div>
      {busy && <div class="progress" role="status"><progress aria-label="Adapter progress" /><span>{s.label}</span></div>}
      {s.state === 'invalid' && <p class="error pre" role="alert">{s.message}</p>}
      {s.state === 'valid' && (
        <div class="notice" role="status" data-testid="adapter-summary">
          <p>
            <strong>{s.adapter.files.name}</strong> fits {base?.label.split(' — ')[0]}: a {s.summary.family} LoRA with r {s.summary.r}, alpha {s.summary.alpha}
            {s.summary.rslora ? ' (rsLoRA)' : ''}, scale {s.summary.scale.toFixed(3)}, on {s.summary.modules} modules.
          </p>
          <div class="actions">
            <label>Adapter name <input type="text" value={s.adapter.files.name} onInput={(e) => renameAdapter(e.currentTarget.value)} /></label>
            <button type="button" onClick={() => void mergeAndRegister(services)} disabled={!s.adapter.files.name.trim()}>Merge and register</button>
          </div>
        </div>
      )}
      <h3>Fine-tuned models</h3>
      <MergedModels services={services} />
    </section>
  );
}
