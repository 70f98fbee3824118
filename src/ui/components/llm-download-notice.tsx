// The Library's download notice for a language model, in the view (Chat, Compare
// or Evaluate) whose work needed it; Try again runs that work again, with the
// site's built-in LLM when the view can switch to it (`pick`).
import { builtinLlm } from '../chat/chat-state';
import { llmDownload, type LlmDownloadNotice as Notice } from '../llm-download';
import { choiceLabel } from '../models/model-labels';
import { DownloadNotice } from './download-notice';

export function LlmDownloadNotice({ view, pick }: { view: Notice['view']; pick?: (modelId: string) => void }) {
  const n = llmDownload.value;
  if (n?.view !== view) return null;
  const retry = () => {
    llmDownload.value = null;
    void n.retry();
  };
  const builtin = builtinLlm.value;
  const offer = pick && builtin && builtin.id !== n.download.modelId
    ? { label: choiceLabel(builtin), use: () => (pick(builtin.id), retry()) }
    : undefined;
  return <DownloadNotice download={n.download} onRetry={retry} {...(offer ? { builtin: offer } : {})} />;
}
