// Views whose features arrive in later releases. Text is data; the component is shared.
import { Planned } from '../components/planned';

const plans = {
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
