// Which chat model to suggest for a question: Qwen models are trained on much
// Chinese text, so a Chinese question gets the first Qwen model that can run
// here, when the chosen model is not one. Pure; the UI shows it beside the picker.
import { detectPromptLanguage } from '../shared/language';
import type { LlmChoice } from './model-registry';

/** Qwen by id or label ("Qwen2.5-0.5B-Instruct-q4f16_1-MLC", "local/tiny-qwen2", a merged "… + adapter" on a Qwen base). */
export const isQwen = (choice: Pick<LlmChoice, 'id' | 'label'>) => /qwen/i.test(`${choice.id} ${choice.label}`);

/** The Qwen model to suggest for `question`, or null (not Chinese, already Qwen, or none can run). Base models first. */
export function suggestLlm(choices: readonly LlmChoice[], question: string, currentId: string | null): LlmChoice | null {
  if (detectPromptLanguage(question) !== 'zh') return null;
  const current = choices.find((c) => c.id === currentId);
  if (current && isQwen(current)) return null;
  const runnable = choices.filter((c) => !c.unavailable && isQwen(c));
  return runnable.find((c) => !c.adapter) ?? runnable[0] ?? null;
}
