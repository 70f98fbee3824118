// The ingest worker: parsing (pdf.js, mammoth, htmlparser2), chunking, and the
// knowledge-graph extractor (no LLM), so that none of it runs on the page's thread.
import { expose } from 'comlink';
import { extractDocumentTriples } from '../graph/extract';
import { Ingestor } from '../ingest/ingestor';
import { errorData } from '../shared/errors';
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

// Errors leave as plain data, which comlink sends whole: the bridge rebuilds IngestError with its code and translation.
const asData = (e: unknown): never => {
  throw errorData(e);
};

const api: IngestWorkerApi = {
  prepare: (...a) => ingestor.prepare(...a).catch(asData),
  prepareText: (...a) => ingestor.prepareText(...a).catch(asData),
  rechunk: (...a) => ingestor.rechunk(...a).catch(asData),
  extractTriples: async (docId, parsed, chunks) => extractDocumentTriples(docId, parsed, chunks),
};

expose(api);
