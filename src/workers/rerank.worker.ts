// The rerank worker: one Reranker (transformers.js cross-encoder) exposed through
// comlink. Apart from the embed worker so that a query's reranking does not wait
// behind a long ingestion job.
import { expose } from 'comlink';
import { installErrorTransport } from '../bridges/error-transport';
import { Reranker } from '../embed/reranker';
import type { RerankApi } from '../shared/rerank-api';

const reranker = new Reranker();

const api: RerankApi = {
  load: (spec, onProgress) => reranker.load(spec, onProgress),
  rerank: (jobId, query, passages, onProgress) => reranker.rerank(jobId, query, passages, onProgress),
  cancel: (jobId) => reranker.cancel(jobId),
  status: () => reranker.status(),
};

installErrorTransport();
expose(api);
