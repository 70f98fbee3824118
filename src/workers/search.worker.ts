// The search worker: holds the library's vectors and BM25 index (SearchEngine).
import { expose } from 'comlink';
import { SearchEngine } from '../retrieval/search-engine';
import { LibraryStore } from '../store/library-store';

expose(new SearchEngine(() => LibraryStore.open()));
