// The ingest worker: parsing (pdf.js, mammoth, htmlparser2) and chunking.
import { expose } from 'comlink';
import { Ingestor } from '../ingest/ingestor';
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

expose(ingestor);
