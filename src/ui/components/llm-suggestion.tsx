// Beside a model picker: Chinese text (a question in Chat, a QA set in Evaluate)
// gets a Qwen model suggested when the chosen model is not one (llm/suggest-llm.ts).
import type { LlmChoice } from '../../llm/model-registry';
import { suggestLlm } from '../../llm/suggest-llm';

import { t } from '../i18n/i18n';
import { choiceLabel } from '../models/model-labels';

const why = {
  question: 'common:llmSuggestion.question',
  'qa-set': 'common:llmSuggestion.qaSet',
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
      {t(why[kind])}{t('common:sentenceSeparator')}
      <button type="button" class="link" disabled={disabled} onClick={() => onUse(s.id)}>{t('common:llmSuggestion.use', { label: choiceLabel(s) })}</button>
    </p>
  );
}
