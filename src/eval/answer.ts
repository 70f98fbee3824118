// One answer to one question in one mode: retrieve (if the mode does), build
// the RAG prompt, stream the model. Shared by Compare and the eval runner so
// that both measure exactly what Chat does.
import type { LlmEngine } from '../llm/engine';
import type { GenerationOptions, Usage } from '../shared/llm-types';
import type { ChatMessage } from '../shared/llm-types';
import { buildRagMessages } from '../rag/prompt';
import type { GraphRetrievalInfo, RetrievalResponse, RetrievedChunk, SearchTimings } from '../shared/search-api';

export interface Answer {
  output: string;
  messages: ChatMessage[];
  sources: RetrievedChunk[] | null;
  usage: Usage | null;
  retrieval: SearchTimings | null;
  /** The reasoning paths, in the graph retrieval modes. */
  graph?: GraphRetrievalInfo;
  totalMs: number;
}

export interface AnswerRequest {
  question: string;
  template: string;
  generation: Partial<GenerationOptions>;
  /** Null: no retrieval (the base and fine-tuned modes). */
  retrieve: ((question: string) => Promise<RetrievalResponse>) | null;
  /** After each streamed piece (one token, for both engines): the text so far and the count of pieces. */
  onDelta?: (textSoFar: string, pieces: number) => void;
  onSources?: (sources: RetrievedChunk[]) => void;
}

export async function answerQuestion(engine: LlmEngine, request: AnswerRequest, signal?: AbortSignal): Promise<Answer> {
  const t0 = performance.now();
  let sources: RetrievedChunk[] | null = null;
  let retrieval: SearchTimings | null = null;
  let graph: GraphRetrievalInfo | undefined;
  if (request.retrieve) {
    const r = await request.retrieve(request.question);
    sources = r.results;
    retrieval = r.timings;
    graph = r.graph;
    request.onSources?.(sources);
  }
  const messages = buildRagMessages(request.template, sources, [], request.question);
  let output = '';
  let pieces = 0;
  let usage: Usage | null = null;
  for await (const chunk of engine.chat(messages, request.generation, signal)) {
    if (chunk.type === 'delta') {
      output += chunk.text;
      request.onDelta?.(output, ++pieces);
    } else usage = chunk.usage;
  }
  signal?.throwIfAborted();
  return { output, messages, sources, usage, retrieval, ...(graph ? { graph } : {}), totalMs: performance.now() - t0 };
}
