// Where a run's fine-tuned model came from, when its adapter was trained in RAG Lab:
// the dataset (id and hash), the base, every hyperparameter, the seed and the losses.
import { LossChart } from '../../components/loss-chart';
import { mergedModels } from '../../finetune/finetune-state';
import { formatNumber } from '../../format';
import { t as tr } from '../../i18n/i18n';

export function TrainingProvenance({ modelId }: { modelId: string | null }) {
  const merged = mergedModels.value.find((m) => m.id === modelId);
  const t = merged?.training;
  if (!t) return null;
  // The base's quantization and the merge target (a q4f16_1 base merges into q4f16_1 or q0f16).
  const { baseQuantization: from, quantization: to } = merged.summary ?? {};
  const base = from && to && (from !== to || from === 'q4f16_1') ? `${t.baseModel} (${from} → ${to})` : t.baseModel;
  const s = t.settings;
  const loss = (x: number | null) => (x === null ? '–' : formatNumber(x, { minimumFractionDigits: 4, maximumFractionDigits: 4, useGrouping: false }));
  return (
    <>
      <p class="muted small" data-testid="training-provenance">
        {tr('evaluate:training.provenance', {
          device: t.device, name: t.dataset.name, id: t.dataset.id, examples: t.dataset.examples, train: t.dataset.train, validation: t.dataset.validation,
          hash: t.dataset.hash.slice(0, 12), base, r: s.r, alpha: s.alpha, rslora: s.rslora ? ' (rsLoRA)' : '', targets: s.targets.join(', '),
          optimizer: s.optimizer, lr: s.lr, warmup: s.warmupShare, weightDecay: s.weightDecay, clip: s.maxGradNorm, steps: t.steps, batch: s.batchSize,
          accum: s.gradAccum, maxLength: s.maxLength, seed: s.seed, finalLoss: loss(t.finalLoss), validationLoss: loss(t.finalValidationLoss),
          truncated: t.truncatedExamples, dropped: t.droppedExamples,
        })}
      </p>
      <details class="advanced">
        <summary>{tr('evaluate:training.lossCurve')}</summary>
        <LossChart curve={{ train: t.losses, validation: t.validation }} totalSteps={t.steps} caption={tr('evaluate:training.lossCaption', { steps: t.steps })} testId="provenance-loss-chart" />
      </details>
    </>
  );
}
