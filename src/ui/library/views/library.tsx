import type { Services } from '../../actions';
import { say, t } from '../../i18n/i18n';
import { ingestBlocked, libraryNotice, libraryReady } from '../library-state';
import { indexWaitingWithBuiltin, retryWaitingFiles } from '../library-actions';
import { builtinEmbedder } from '../../state';
import { BuiltinNotice } from '../../components/builtin-notice';
import { DownloadNotice } from '../../components/download-notice';
import { AddDocuments } from './add-documents';
import { DocumentTable } from './document-table';
import { IngestProgress } from './ingest-progress';
import { LibraryTools, StaleBanner } from './library-tools';
import { SearchPanel } from './search-panel';
import { StuckFiles } from './stuck-files';

function Notice() {
  const n = libraryNotice.value;
  if (!n) return null;
  return (
    <div class={n.kind === 'error' ? 'banner error-banner' : 'banner'} role={n.kind === 'error' ? 'alert' : 'status'}>
      {say(n.text)} {n.reload && <button type="button" onClick={() => location.reload()}>{t('common:actions.reload')}</button>}
      {!n.reload && <button type="button" class="link" onClick={() => (libraryNotice.value = null)}>{t('common:actions.dismiss')}</button>}
    </div>
  );
}

/** The embedder could not be downloaded: one notice for all the files that wait. */
function WaitingForEmbedder() {
  const blocked = ingestBlocked.value;
  if (!blocked) return null;
  const builtin = builtinEmbedder.value;
  const offer = builtin && builtin.entry.id !== blocked.download.modelId ? { label: builtin.entry.label, use: () => void indexWaitingWithBuiltin() } : undefined;
  return <DownloadNotice download={blocked.download} waiting={blocked.waiting} onRetry={() => void retryWaitingFiles()} {...(offer ? { builtin: offer } : {})} />;
}

export function LibraryView({ services }: { services: Services }) {
  return (
    <>
      <BuiltinNotice />
      <AddDocuments services={services} />
      <Notice />
      <WaitingForEmbedder />
      {libraryReady.value && (
        <>
          <StaleBanner />
          <StuckFiles />
          <IngestProgress />
          <SearchPanel services={services} />
          <DocumentTable />
          <LibraryTools />
        </>
      )}
    </>
  );
}
