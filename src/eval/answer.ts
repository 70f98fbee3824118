// One answer to one question in one mode: retrieve (if the mode does), build
// the prompt (answerMessages: the RAG prompt, or RoG's in the graph retrieval
// modes), stream the model. Shared by Compare and the eval runner, with the
// prompt builder Chat uses, so that all three measure exactly the same thing.
import type { LlmEngine } from '../llm/engine';
import type { GenerationOptions, Usage } from '../shared/llm-types';
import type { ChatMessage } from '../shared/llm-types';
import { answerConstraint, answerMessages } from '../graph/prompt';
import type { GraphRetrievalInfo, RetrievalMode, RetrievalResponse, RetrievedChunk, SearchTimings } from '../shared/search-api';

export interface Answer {
  output: string;
  messages: ChatMessage[];
  sources: RetrievedChunk[] | null;
  usage: Usage | null;
  retrieval: SearchTimings | null;
  /** The retrieval mode that answered; null without retrieval. */
  mode: RetrievalMode | null;
  /** The reasoning paths, in the graph retrieval modes. */
  graph?: GraphRetrievalInfo;
  /** Wall-clock time of the retrieval as the caller waited for it (null without retrieval), and of the generation. */
  retrievalMs: number | null;
  generationMs: number;
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
  /** When the retrieval has answered, before generation: its chunks and, in the graph modes, its paths. */
  onRetrieved?: (response: RetrievalResponse) => void;
}

export async function answerQuestion(engine: LlmEngine, request: AnswerRequest, signal?: AbortSignal): Promise<Answer> {
  const t0 = performance.now();
  let response: RetrievalResponse | null = null;
  if (request.retrieve) {
    response = await request.retrieve(request.question);
    request.onRetrieved?.(response);
  }
  const t1 = performance.now();
  const budget = engine.capabilities().sourceBudget;
  const messages = answerMessages(request.template, response, [], request.question, budget);
  const constraint = answerConstraint(response, request.question, budget);
  let output = '';
  let pieces = 0;
  let usage: Usage | null = null;
  for await (const chunk of engine.chat(messages, constraint ? { ...request.generation, constraint } : request.generation, signal)) {
    if (chunk.type === 'delta') {
      output += chunk.text;
      request.onDelta?.(output, ++pieces);
    } else usage = chunk.usage;
  }
  signal?.throwIfAborted();
  const t2 = performance.now();
  return {
    output, messages, sources: response?.results ?? null, usage, retrieval: response?.timings ?? null, mode: response?.mode ?? null,
    ...(response?.graph ? { graph: response.graph } : {}),
    retrievalMs: response ? t1 - t0 : null, generationMs: t2 - t1, totalMs: t2 - t0,
  };
}
