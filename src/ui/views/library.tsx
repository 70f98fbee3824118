import type { Services } from '../actions';
import { say, t } from '../i18n/i18n';
import { libraryNotice, libraryReady } from '../library-state';
import { AddDocuments } from './library/add-documents';
import { DocumentTable } from './library/document-table';
import { IngestProgress } from './library/ingest-progress';
import { LibraryTools, StaleBanner } from './library/library-tools';
import { SearchPanel } from './library/search-panel';
import { StuckFiles } from './library/stuck-files';

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

export function LibraryView({ services }: { services: Services }) {
  return (
    <>
      <AddDocuments services={services} />
      <Notice />
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
