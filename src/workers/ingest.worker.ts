// The ingest worker: parsing (pdf.js, mammoth, htmlparser2), chunking, and the
// knowledge-graph extractor (no LLM), so that none of it runs on the page's thread.
import { expose } from 'comlink';
import { installErrorTransport } from '../bridges/error-transport';
import { extractDocumentTriples } from '../graph/extract';
import { loadTagger } from '../graph/verbs';
import { Ingestor } from '../ingest/ingestor';
import type { IngestWorkerApi } from '../shared/ingest-api';
import type { PdfJs } from '../ingest/pdf';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

const ingestor = new Ingestor({
  // pdf.js is large: loaded on the first PDF only. It runs its parser in a nested worker.
  pdfjs: async () => {
    const pdfjs = await import('pdfjs-dist');
    pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;
    return pdfjs as unknown as PdfJs;
  },
});

const api: IngestWorkerApi = {
  prepare: (...a) => ingestor.prepare(...a),
  prepareText: (...a) => ingestor.prepareText(...a),
  rechunk: (...a) => ingestor.rechunk(...a),
  extractTriples: async (docId, parsed, chunks) => extractDocumentTriples(docId, parsed, chunks),
};

// An IngestError crosses with its code and translation (error-transport.ts).
installErrorTransport();
expose(api);
// This worker starts when files are added, and every file's triples need the English tagger: it loads while the
// first file is parsed and embedded, not after (a failure here resurfaces at the first extraction).
void loadTagger().catch(() => undefined);
