// The main thread's one IndexedDB connection, shared by the library, eval and
// fine-tune actions. Its one version-change handler tells the person to reload
// when another tab upgrades the schema; from then on every store call fails with
// that same message instead of IndexedDB's raw "connection is closing".
import { StoreError, tKey } from '../shared/errors';
import { openLabStores, type LabStores } from '../store/stores';
import { databaseNotice } from './state';

const reloadText = 'RAG Lab was updated in another tab, so this tab stopped using its storage. Reload this tab to go on; everything saved is kept.';

let storesP: Promise<LabStores> | null = null;
let closed = false;

/** The stores, opened on first use. */
export function stores(): Promise<LabStores> {
  if (closed) return Promise.reject(new StoreError(reloadText, { i18n: tKey('common:database.updated') }));
  storesP ??= openLabStores(undefined, {
    onVersionChange: () => {
      closed = true;
      databaseNotice.value = { text: tKey('common:database.updated'), reload: true };
    },
    onBlocked: () => {
      databaseNotice.value = { text: tKey('common:database.blocked'), reload: false };
    },
  });
  return storesP;
}
