// The Library's download notice for a language model, in the view (Chat, Compare
// or Evaluate) whose work needed it; Try again runs that work again.
import { llmDownload, type LlmDownloadNotice as Notice } from '../llm-download';
import { DownloadNotice } from './download-notice';

export function LlmDownloadNotice({ view }: { view: Notice['view'] }) {
  const n = llmDownload.value;
  if (n?.view !== view) return null;
  const retry = () => {
    llmDownload.value = null;
    void n.retry();
  };
  return <DownloadNotice download={n.download} onRetry={retry} />;
}
