// The embed worker: one Embedder (transformers.js) exposed through comlink.
import { expose, transfer } from 'comlink';
import { Embedder } from '../embed/embedder';
import type { EmbedApi, TextKind, EmbedProgress } from '../shared/embed-api';
import { errorData } from '../shared/errors';

const embedder = new Embedder();

// Errors go out as errorData (their translation key crosses the thread; the bridge restores the class).
const send = (e: unknown): never => {
  throw errorData(e);
};

// Results are transferred, not copied: a library's worth of vectors is large.
const api: EmbedApi = {
  load: (spec, onProgress) => embedder.load(spec, onProgress).catch(send),
  embed: async (jobId: number, texts: string[], kind: TextKind, onProgress?: (p: EmbedProgress) => void) => {
    const result = await embedder.embed(jobId, texts, kind, onProgress).catch(send);
    return transfer(result, [result.vectors.buffer]);
  },
  cancel: (jobId) => embedder.cancel(jobId),
  status: () => embedder.status(),
};

expose(api);
