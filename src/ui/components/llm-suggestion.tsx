// Beside a model picker: Chinese text (a question in Chat, a QA set in Evaluate)
// gets a Qwen model suggested when the chosen model is not one (llm/suggest-llm.ts).
import type { LlmChoice } from '../../llm/model-registry';
import { suggestLlm } from '../../llm/suggest-llm';

const why = {
  question: 'This question is in Chinese: Qwen models were trained on much Chinese text and usually answer it better.',
  'qa-set': 'This QA set is in Chinese: Qwen models were trained on much Chinese text and usually answer it better.',
};

export function LlmSuggestion({ text, kind, choices, currentId, onUse, disabled }: {
  text: string;
  kind: keyof typeof why;
  choices: readonly LlmChoice[];
  currentId: string | null;
  onUse: (id: string) => void;
  disabled: boolean;
}) {
  const s = suggestLlm(choices, text, currentId);
  if (!s) return null;
  return (
    <p class="notice" role="status" data-testid="llm-suggestion">
      {why[kind]}{' '}
      <button type="button" class="link" disabled={disabled} onClick={() => onUse(s.id)}>Use {s.label}</button>
    </p>
  );
}
