import type { Services } from '../../actions';
import { checkMerged, deleteMerged } from '../../finetune-actions';
import { mergeCheck, mergedCached, mergedModels } from '../../finetune-state';

const mb = (b: number) => (b < 1e6 ? `${(b / 1024).toFixed(0)} kB` : `${(b / 2 ** 20).toFixed(1)} MB`);

/** The registered fine-tuned models, with web-llm's cache check, a merge check, and Delete. */
export function MergedModels({ services }: { services: Services }) {
  if (!mergedModels.value.length) return <p class="muted">No fine-tuned models yet.</p>;
  const check = mergeCheck.value;
  return (
    <div class="table-wrap">
      <table aria-label="Fine-tuned models">
        <thead><tr><th>Model</th><th>Adapter</th><th>Own files</th><th>In web-llm's cache</th><th /></tr></thead>
        <tbody>
          {mergedModels.value.map((m) => [
            <tr key={m.id} data-model={m.id} data-cached={String(!!mergedCached.value[m.id])}>
              <td>
                <strong>{m.label}</strong>
                <div class="muted small">{m.id} · runs on the {m.engine === 'lab' ? 'lab engine' : 'web-llm'} · merged as {m.summary.dtype}</div>
              </td>
              <td class="small">r {m.summary.r}, alpha {m.summary.alpha}{m.summary.rslora ? ' (rsLoRA)' : ''}, scale {m.summary.scale.toFixed(2)} · {m.summary.modules} modules · SHA-256 <code>{m.adapter.hash.slice(0, 10)}</code></td>
              <td class="small">{mb(m.summary.bytes)}{m.summary.referencesBase ? ', unchanged weights shared with the base' : ', a full copy'}</td>
              <td>{mergedCached.value[m.id] === undefined ? '…' : mergedCached.value[m.id] ? 'yes' : 'no: delete and merge again'}</td>
              <td class="row-actions">
                <button type="button" class="link" onClick={() => void checkMerged(services, m.id)} disabled={check?.id === m.id && 'running' in check}>Check merge</button>
                <button type="button" class="link danger" aria-label={`Delete ${m.label}`} onClick={() => void deleteMerged(services, m.id)}>Delete</button>
              </td>
            </tr>,
            check?.id === m.id ? (
              <tr key={`${m.id}-check`}>
                <td colSpan={5} class="small" data-testid={`merge-check-${m.id}`} role="status">
                  {'running' in check ? 'Checking on the CPU…' : 'error' in check ? <span class="error">{check.error}</span> : (
                    <>
                      Merged model vs base + the same adapter at run time: max |Δ logit| {check.result.maxDiff.toExponential(2)} {check.result.maxDiff < 1e-3 ? '✓' : '✗'} · greedy
                      {check.result.mergedTokens.join() === check.result.runtimeTokens.join() ? ' same' : ' differs'}; the adapter
                      {check.result.mergedTokens.join() === check.result.baseTokens.join() ? ' does not change' : ' changes'} the base's greedy tokens.
                    </>
                  )}
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}
