// Beside a model picker: a Chinese question gets a Qwen model suggested when the
// chosen model is not one (llm/suggest-llm.ts).
import { suggestLlm } from '../../llm/suggest-llm';
import { llmChoices, pickedLlm, selectedLlm } from '../chat-state';

export function LlmSuggestion({ question, disabled }: { question: string; disabled: boolean }) {
  const s = suggestLlm(llmChoices.value, question, selectedLlm.value?.id ?? null);
  if (!s) return null;
  return (
    <p class="notice" role="status" data-testid="llm-suggestion">
      This question is in Chinese: Qwen models were trained on much Chinese text and usually answer it better.{' '}
      <button type="button" class="link" disabled={disabled} onClick={() => (pickedLlm.value = s.id)}>Use {s.label}</button>
    </p>
  );
}
