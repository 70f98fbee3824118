// The embed worker: one Embedder (transformers.js) exposed through comlink.
import { expose, transfer } from 'comlink';
import { Embedder } from '../embed/embedder';
import type { EmbedApi, TextKind, EmbedProgress } from '../shared/embed-api';
import { installErrorTransport } from '../bridges/error-transport';

const embedder = new Embedder();

// Results are transferred, not copied: a library's worth of vectors is large.
const api: EmbedApi = {
  load: (spec, onProgress) => embedder.load(spec, onProgress),
  embed: async (jobId: number, texts: string[], kind: TextKind, onProgress?: (p: EmbedProgress) => void) => {
    const result = await embedder.embed(jobId, texts, kind, onProgress);
    return transfer(result, [result.vectors.buffer]);
  },
  cancel: (jobId) => embedder.cancel(jobId),
  status: () => embedder.status(),
};

installErrorTransport();
expose(api);
