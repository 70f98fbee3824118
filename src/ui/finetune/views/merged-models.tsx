import type { Services } from '../../actions';
import { checkMerged, deleteMerged } from '../finetune-actions';
import { mergeCheck, mergedCached, mergedModels } from '../finetune-state';
import type { RequantError } from '../../../shared/finetune-api';
import { rich } from '../../components/rich-text';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';

// Binary kB and MB, as this table has always shown them (not formatBytes's decimal units).
const mb = (b: number) => (b < 1e6
  ? `${formatNumber(b / 1024, { maximumFractionDigits: 0, useGrouping: false })} kB`
  : `${formatNumber(b / 2 ** 20, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false })} MB`);

/** A re-quantized (q4f16_1) merge: its worst matrix's error against the exact merge. */
function RequantLine({ errors }: { errors: RequantError[] }) {
  const worst = errors.reduce((a, b) => (b.relFrobenius > a.relFrobenius ? b : a));
  const maxAbs = Math.max(...errors.map((e) => e.maxAbs));
  return (
    <div class="muted small" data-testid="requant">
      {t('finetune:merged.requant', {
        count: errors.length, maxAbs: maxAbs.toExponential(2),
        rel: formatNumber(100 * worst.relFrobenius, { maximumFractionDigits: 1, useGrouping: false }), tensor: worst.tensor,
      })}
    </div>
  );
}

/** The registered fine-tuned models, with web-llm's cache check, a merge check, and Delete. */
export function MergedModels({ services }: { services: Services }) {
  if (!mergedModels.value.length) return <p class="muted">{t('finetune:merged.none')}</p>;
  const check = mergeCheck.value;
  return (
    <div class="table-wrap">
      <table aria-label={t('finetune:merged.table')}>
        <thead><tr><th>{t('finetune:merged.model')}</th><th>{t('finetune:merged.adapter')}</th><th>{t('finetune:merged.ownFiles')}</th><th>{t('finetune:merged.cached')}</th><th /></tr></thead>
        <tbody>
          {mergedModels.value.map((m) => [
            <tr key={m.id} data-model={m.id} data-cached={String(!!mergedCached.value[m.id])}>
              <td>
                <strong>{m.label}</strong>
                <div class="muted small">{t(m.engine === 'lab' ? 'finetune:merged.runsOnLab' : 'finetune:merged.runsOnWebllm', { id: m.id, dtype: m.summary.quantization === 'q4f16_1' || m.summary.quantization === 'q0f16' ? m.summary.quantization : m.summary.dtype })}</div>
                {m.summary.requant?.length ? <RequantLine errors={m.summary.requant} /> : null}
              </td>
              <td class="small">{rich(t('finetune:merged.summary', { r: m.summary.r, alpha: m.summary.alpha, rslora: m.summary.rslora ? ' (rsLoRA)' : '', scale: formatNumber(m.summary.scale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }), modules: m.summary.modules, hash: m.adapter.hash.slice(0, 10) }))}</td>
              <td class="small">{t(m.summary.referencesBase ? 'finetune:merged.sharesBase' : 'finetune:merged.fullCopy', { size: mb(m.summary.bytes) })}</td>
              <td>{mergedCached.value[m.id] === undefined ? '…' : mergedCached.value[m.id] ? t('finetune:merged.yes') : t('finetune:merged.notCached')}</td>
              <td class="row-actions">
                <button type="button" class="link" onClick={() => void checkMerged(services, m.id)} disabled={check?.id === m.id && 'running' in check}>{t('finetune:merged.check')}</button>
                <button type="button" class="link danger" aria-label={t('finetune:merged.deleteLabel', { name: m.label })} onClick={() => void deleteMerged(services, m.id)}>{t('finetune:merged.delete')}</button>
              </td>
            </tr>,
            check?.id === m.id ? (
              <tr key={`${m.id}-check`}>
                <td colSpan={5} class="small" data-testid={`merge-check-${m.id}`} role="status">
                  {'running' in check ? t('finetune:merged.checking') : 'error' in check ? <span class="error">{say(check.error)}</span> : t('finetune:merged.result', {
                    diff: check.result.maxDiff.toExponential(2),
                    top1: formatNumber(100 * check.result.top1Agreement, { maximumFractionDigits: 1, useGrouping: false }),
                    // A re-quantized (q4f16_1) merge differs from runtime LoRA by its rounding: its top-1 tokens must agree.
                    mark: (check.result.requantized ? check.result.top1Agreement >= 0.99 : check.result.maxDiff < 1e-3) ? '✓' : '✗',
                    greedy: check.result.mergedTokens.join() === check.result.runtimeTokens.join() ? t('finetune:merged.same') : t('finetune:merged.differs'),
                    changes: check.result.mergedTokens.join() === check.result.baseTokens.join() ? t('finetune:merged.doesNotChange') : t('finetune:merged.changes'),
                  })}
                  {'result' in check && check.result.requantized && check.result.top1Agreement < 0.99 ? ` ${t('finetune:merged.requantLow')}` : null}
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}
