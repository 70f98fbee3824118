// Views whose features arrive in later releases. Text is data; the component is shared.
import { Planned } from '../components/planned';

const plans = {
  compare: {
    title: 'Compare four ways to add knowledge',
    intro: 'One question, four answers side by side: the base model, RAG, a fine-tuned model, and RAG + fine-tune.',
    items: ['Each cell with its own citations, sources and latency', 'Same seed and sampling settings for a fair comparison'],
  },
  evaluate: {
    title: 'Evaluate on a question set',
    intro: 'Run a QA set (the demo pack’s test split, your own JSONL/CSV, or questions generated from your documents) and measure every mode.',
    items: [
      'Exact match, token F1, retrieval hit@k and MRR, citation precision, abstention',
      '95% bootstrap confidence intervals, charts, and a per-question table',
      'Runs stored in this browser, resumable after a reload, exportable as JSON, CSV and HTML',
    ],
  },
  finetune: {
    title: 'Fine-tune data and adapters',
    intro: 'Build RAFT and self-generated-demonstration datasets from your documents, import LoRA adapters, and merge them into the model.',
    items: [
      'RAFT: oracle plus distractor documents, chain-of-thought targets that quote the oracle',
      'Self-generated demonstrations: the model’s own correct answers, and abstentions where it was wrong',
      'Merged models registered with web-llm and usable offline',
    ],
  },
} as const;

export type PlannedView = keyof typeof plans;

export function PlannedView({ view }: { view: PlannedView }) {
  return <Planned {...plans[view]} items={[...plans[view].items]} />;
}
