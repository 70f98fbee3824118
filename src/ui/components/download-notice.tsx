// The one notice for a model that could not be downloaded: it names the model and
// its host, says that nothing was lost, and offers the three ways on: try again,
// the built-in model (when there is one of that kind), or a model pack.
import type { ModelDownloadError } from '../../shared/errors';
import { t } from '../i18n/i18n';

interface Props {
  download: ModelDownloadError['download'];
  /** Files that wait for the model (the library); absent for a question (Chat, Compare, Evaluate). */
  waiting?: number;
  onRetry: () => void;
  /** Switches to the built-in model and takes the work up again; absent when there is none of this kind. */
  builtin?: { label: string; use: () => void };
}

export function DownloadNotice({ download, waiting, onRetry, builtin }: Props) {
  const text = download.kind === 'embedder'
    ? t('common:download.embedder', { model: download.model, host: download.host, count: waiting ?? 0 })
    : t('common:download.llm', { model: download.model, host: download.host });
  return (
    <section class="card banner" role="alert" data-testid="download-notice" data-model={download.modelId} data-host={download.host}>
      <p>{text}</p>
      <div class="actions">
        <button type="button" onClick={onRetry}>{t('common:download.retry')}</button>
        {builtin && <button type="button" class="secondary" onClick={builtin.use}>{t('common:download.builtin', { label: builtin.label })}</button>}
        <a href="#/models" title={t('common:download.packHint')}>{t('common:download.pack')}</a>
      </div>
    </section>
  );
}
