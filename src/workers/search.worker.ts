// The search worker: holds the library's vectors and BM25 index (SearchEngine).
import { expose } from 'comlink';
import { installErrorTransport } from '../bridges/error-transport';
import { SearchEngine } from '../retrieval/search-engine';
import { LibraryStore } from '../store/library-store';

installErrorTransport();
expose(new SearchEngine(() => LibraryStore.open()));
