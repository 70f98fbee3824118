// Data types of QA sets, eval runs and their results (stored in IndexedDB).
import type { ChatMessage, GenerationOptions, Usage } from '../shared/llm-types';
import type { PromptLanguage } from '../shared/language';
import type { RerankSetting, RetrievalMode } from '../shared/search-api';
import type { GoldTriple, PrecisionRecall } from '../graph/metrics';

export interface QaItem {
  id: string;
  question: string;
  /** Null for an unanswerable item: the right output is an abstention. */
  answer: string | null;
  aliases?: string[];
  /** Documents that hold the answer (file names without extension, see docKey). */
  doc_ids?: string[];
  quote?: string | null;
  split: 'train' | 'test';
  type?: string;
}

export interface QaSet {
  id: string;
  name: string;
  source: 'demo' | 'import' | 'generated';
  items: QaItem[];
  /** SHA-256 of the items (canonical JSON): a run names exactly what it was measured on. */
  hash: string;
  createdAt: number;
  /** Seed of the train/test split when the split was made here. */
  splitSeed?: number;
  /**
   * Gold triples of the documents the questions are about (the demo pack's kg.jsonl), for measuring the knowledge
   * graph's extraction in graph-mode runs. Absent for other sets, and for demo sets stored before they came along.
   */
  gold?: GoldTriples;
}

export interface GoldTriples {
  /** The file they came from, and the SHA-256 of the triples (canonical JSON), so a run names what it compared with. */
  file: string;
  hash: string;
  triples: GoldTriple[];
}

/** The four ways to give a model domain knowledge. */
export type EvalMode = 'base' | 'rag' | 'ft' | 'rag-ft';
export const evalModes: readonly EvalMode[] = ['base', 'rag', 'ft', 'rag-ft'];
export const modeLabels: Record<EvalMode, string> = { base: 'Base model', rag: 'RAG', ft: 'Fine-tuned', 'rag-ft': 'RAG + fine-tuned' };
export const modeUsesRetrieval = (m: EvalMode) => m === 'rag' || m === 'rag-ft';
export const modeUsesFineTune = (m: EvalMode) => m === 'ft' || m === 'rag-ft';

/** A run's settings; the sampling fields are GenerationOptions, as in Chat and Compare. */
export interface EvalConfig extends GenerationOptions {
  qaSetId: string;
  split: 'test' | 'all';
  modes: EvalMode[];
  baseModel: string;
  /** The merged fine-tuned model, for the ft and rag-ft modes. */
  fineTunedModel: string | null;
  /** rerank: a cross-encoder second stage over the top N (absent: first stage only). */
  retrieval: { k: number; mode: RetrievalMode; rerank?: RerankSetting };
  /** At most this many questions (the first ones of the split). */
  limit: number | null;
  promptTemplate: string;
}

/** What a run was measured with, so that it can be reproduced and two runs compared. */
export interface RunProvenance {
  qaSetName: string;
  qaSetHash: string;
  itemIds: string[];
  adapter: { id: string; hash: string } | null;
  embedderId: string | null;
  /** The reranker and the N it read (null: none). Absent in runs stored before reranking existed. */
  reranker?: { modelId: string; topN: number } | null;
  /**
   * How many of the run's questions got each prompt variant (the question's language, rag/prompt-variants.ts):
   * its RAG template unless config.promptTemplate was edited, its no-retrieval prompt always.
   * Absent in runs stored before the variants existed.
   */
  promptVariants?: Partial<Record<PromptLanguage, number>>;
  /** Graph-mode runs of a QA set with gold triples: the library's extraction against them when the run started. */
  extraction?: RunExtraction;
  appVersion: string;
  browser: string;
  gpuAdapter: string;
}

/** Extraction precision and recall of the library's triples against gold triples (graph/metrics.ts extractionScores). */
export interface RunExtraction {
  goldFile: string;
  goldHash: string;
  /** Documents both in the library (with stored triples) and in the gold: the scores cover these only. */
  documents: number;
  /** Head, relation and tail match. */
  labelled: PrecisionRecall;
  /** Head and tail connected, any relation or direction. */
  unlabelled: PrecisionRecall;
}

export interface EvalRun {
  id: string;
  name: string;
  createdAt: number;
  config: EvalConfig;
  provenance: RunProvenance;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  error?: string;
  finishedAt?: number;
}

export interface SourceRef {
  docName: string;
  ord: number;
  text: string;
  headingPath: string[];
  page?: number;
  score: number;
}

/** A reasoning path as a result keeps it: its text and the documents that state its hops. */
export interface PathRef {
  text: string;
  docs: string[];
}

export interface ItemScores {
  em: number | null;
  f1: number | null;
  contains: number | null;
  /** Exact match or answer contained; null for unanswerable items. */
  correct: number | null;
  abstained: number;
  answerable: number;
  hit: number | null;
  recall: number | null;
  mrr: number | null;
  citePrecision: number | null;
  citeRecall: number | null;
  ttftMs: number | null;
  tokensPerS: number | null;
  totalMs: number;
  /**
   * Wall-clock time of the retrieval (null without retrieval) and of the generation (prompt and decoding), as
   * answerQuestion waited for them; absent in results stored before they were recorded.
   */
  retrievalMs?: number | null;
  generationMs?: number;
  /** RoG's measures (eval/graph-metrics.ts), in the graph retrieval modes only; absent elsewhere and in older runs. */
  rogHit?: number | null;
  rogF1?: number | null;
  planMatch?: number | null;
  reachable?: number | null;
  baselineHit?: number | null;
  /** The stages of RoG's retrieval in the search worker (link, plan, path search), graph modes only; null when not timed. */
  graphLinkMs?: number | null;
  graphPlanMs?: number | null;
  graphSearchMs?: number | null;
}

export interface EvalResult {
  runId: string;
  /** `${mode}:${itemId}`: one result per item and mode, so a resumed run never repeats one. */
  key: string;
  mode: EvalMode;
  itemId: string;
  question: string;
  output: string;
  messages: ChatMessage[];
  sources: SourceRef[] | null;
  /**
   * The reasoning paths of the graph retrieval modes, each with the documents of the sentences that state it; with
   * RoG's prompt (graph/prompt.ts answersWithPaths) they are `[1..P]` and the sources follow. Absent in other modes.
   */
  paths?: PathRef[];
  usage: Usage | null;
  scores: ItemScores;
  error?: string;
  at: number;
}
