// Where a run's fine-tuned model came from, when its adapter was trained in RAG Lab:
// the dataset (id and hash), the base, every hyperparameter, the seed and the losses.
import { LossChart } from '../../components/loss-chart';
import { mergedModels } from '../../finetune-state';

export function TrainingProvenance({ modelId }: { modelId: string | null }) {
  const t = mergedModels.value.find((m) => m.id === modelId)?.training;
  if (!t) return null;
  const s = t.settings;
  const loss = (x: number | null) => (x === null ? '–' : x.toFixed(4));
  return (
    <>
      <p class="muted small" data-testid="training-provenance">
        Adapter trained in RAG Lab on {t.device}: dataset {t.dataset.name} ({t.dataset.id}, {t.dataset.examples} examples: {t.dataset.train} train / {t.dataset.validation} validation,
        SHA-256 {t.dataset.hash.slice(0, 12)}…) · base {t.baseModel} · r {s.r}, alpha {s.alpha}{s.rslora ? ' (rsLoRA)' : ''} on {s.targets.join(', ')} · {s.optimizer}, lr {s.lr},
        warm-up {s.warmupShare}, weight decay {s.weightDecay}, clip {s.maxGradNorm} · {t.steps} steps, batch {s.batchSize} × {s.gradAccum}, max length {s.maxLength}, seed {s.seed}
        {' '}· final loss {loss(t.finalLoss)}, validation {loss(t.finalValidationLoss)} · {t.truncatedExamples} examples truncated, {t.droppedExamples} left out
      </p>
      <details class="advanced">
        <summary>Training loss curve</summary>
        <LossChart curve={{ train: t.losses, validation: t.validation }} totalSteps={t.steps} caption={`Loss of the adapter's training run (${t.steps} steps)`} testId="provenance-loss-chart" />
      </details>
    </>
  );
}
