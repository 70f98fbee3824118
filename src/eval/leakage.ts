// The leakage guard: a question a model was fine-tuned on must never be in the
// questions it is evaluated on. Fine-tune datasets record what they used
// (TrainingUse); every eval run is checked against all of them before it starts.
import { normalizeAnswer } from './normalize';
import type { QaItem } from './types';
import { LeakageError, tKey } from '../shared/errors';

export interface TrainingUse {
  /** The fine-tune dataset that used the items. */
  datasetId: string;
  datasetName: string;
  qaSetId: string;
  itemIds: string[];
  /** Normalized question texts: the same question in another QA set is caught too. */
  questionKeys: string[];
  createdAt: number;
}

/** How a question is compared across sets: normalized as answers are. */
export const questionKey = (question: string) => normalizeAnswer(question);

/** Throws LeakageError, naming the dataset and up to three questions, if any eval item was used for training. */
export function assertNoLeakage(qaSetId: string, items: QaItem[], uses: TrainingUse[]): void {
  for (const use of uses) {
    const ids = use.qaSetId === qaSetId ? new Set(use.itemIds) : new Set<string>();
    const keys = new Set(use.questionKeys);
    const leaked = items.filter((i) => ids.has(i.id) || keys.has(questionKey(i.question)));
    if (!leaked.length) continue;
    const examples = `${leaked.slice(0, 3).map((i) => `"${i.question}"`).join(', ')}${leaked.length > 3 ? ', …' : ''}`;
    throw new LeakageError(tKey('errors:eval.leakage', { count: leaked.length, dataset: use.datasetName, examples }));
  }
}

/** The record a fine-tune dataset stores for the items it used. */
export function trainingUse(datasetId: string, datasetName: string, qaSetId: string, items: QaItem[]): TrainingUse {
  return { datasetId, datasetName, qaSetId, itemIds: items.map((i) => i.id), questionKeys: items.map((i) => questionKey(i.question)), createdAt: Date.now() };
}
