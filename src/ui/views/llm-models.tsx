import { useEffect } from 'preact/hooks';
import type { Services } from '../actions';
import { cacheBackend, llmChoices, webLlmCached, webLlmModels } from '../chat-state';
import { formatBytes } from '../../platform/storage';
import { MergedModels } from './finetune/merged-models';
import { cacheSizes, check, checkWebGpu, deleteModel, download, downloadModel, refreshCacheStatus } from '../llm-actions';

/** The outcome of "Check WebGPU" for one lab-engine model. */
function CheckResult({ id }: { id: string }) {
  const c = check.value;
  if (!c || c.id !== id) return <>In this site's pack</>;
  if ('running' in c) return <>Checking…</>;
  if ('error' in c) return <span class="error">{c.error}</span>;
  const r = c.result;
  const ok = r.sameGreedy && r.maxDiff < 1e-2;
  return (
    <span data-ok={ok ? 'true' : 'false'} data-greedy={r.deviceTokens.join(',')}>
      {ok ? 'WebGPU matches the CPU reference' : 'WebGPU differs from the CPU reference'} (max logit difference {r.maxDiff.toExponential(1)},
      {r.sameGreedy ? ' same' : ' different'} greedy tokens, {Math.round(r.deviceMs)} ms vs {Math.round(r.referenceMs)} ms on {r.tokens} tokens)
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
      <h2 id="llm-title">Language models</h2>
      <p class="muted">
        web-llm runs these on your GPU. They download once (from the Hugging Face hub and web-llm's model host) and stay in this
        browser. Only unquantized (q0) variants can take a merged fine-tune.
      </p>
      <label>
        Cache models in{' '}
        <select value={cacheBackend.value} onChange={(e) => (cacheBackend.value = e.currentTarget.value as 'cache' | 'indexeddb')}>
          <option value="cache">Cache API (default)</option>
          <option value="indexeddb">IndexedDB</option>
        </select>
      </label>
      {d && 'error' in d && <p class="error" role="alert">{d.id}: {d.error}</p>}
      <div class="scroll">
        <table aria-label="Language models" class="files">
          <thead>
            <tr><th>Model</th><th>Weights</th><th>VRAM</th><th>On this GPU</th><th>Fine-tune</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {lab.map((m) => (
              <tr key={m.id} data-model={m.id}>
                <td>{m.label.replace(/ — .*$/, '')}</td><td>q0f32 (pack)</td><td>–</td><td>CPU (lab engine)</td><td>yes</td>
                <td data-testid={`check-${m.id}`}><CheckResult id={m.id} /></td>
                <td>
                  <button type="button" class="link" aria-label={`Check ${m.id} on WebGPU`} disabled={!!(check.value && 'running' in check.value)} onClick={() => checkWebGpu(services, m.id)}>
                    Check WebGPU
                  </button>
                </td>
              </tr>
            ))}
            {webLlmModels.value.map((m) => (
              <tr key={m.id} data-model={m.id} data-available={m.unavailable ? 'false' : 'true'}>
                <td>{m.label}</td>
                <td>{m.quantization}</td>
                <td>{m.vramMB ? `${Math.round(m.vramMB)} MB` : '–'}</td>
                <td>{m.unavailable ?? 'OK'}</td>
                <td>{m.fineTunable ? 'yes' : 'no'}</td>
                <td>
                  {d && 'text' in d && d.id === m.id ? (
                    <><progress aria-label={`${m.label} download`} max={1} value={d.fraction ?? undefined} class="row-progress" /> {d.text}</>
                  ) : webLlmCached.value[m.id] ? `Downloaded${cacheSizes.value[m.id] ? ` (${formatBytes(cacheSizes.value[m.id]!)})` : ''}` : 'Not downloaded'}
                </td>
                <td>
                  {webLlmCached.value[m.id] ? (
                    <button type="button" class="link danger" aria-label={`Delete ${m.label}`} onClick={() => deleteModel(m.id)}>Delete</button>
                  ) : (
                    <button type="button" class="link" aria-label={`Download ${m.label}`} disabled={!!m.unavailable || !!(d && 'text' in d)} onClick={() => downloadModel(services, m.id)}>
                      Download
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Fine-tuned models</h3>
      <p class="muted">LoRA adapters merged into a base model in Fine-tune. Deleting one removes only its own files; the base model stays.</p>
      <MergedModels services={services} />
    </section>
  );
}
