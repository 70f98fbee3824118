// Named errors whose messages tell a person what to do next. The UI shows
// `message` (English), or the translation of `i18n` when the error carries one.
// How they cross between threads (class, code and key intact) is bridges/error-transport.ts.
// An error a person sees is thrown with its key, `new EvalError(tKey('errors:eval.noQaSet'))`: the English
// text is written once, in errors.en.json, and becomes the message (logs, Node tests, the CLI read it).
// The attribute lets Node load this module too (Playwright's specs import src/ code that throws these errors).
import english from './errors.en.json' with { type: 'json' };

/**
 * A message the UI translates: a key of its locale files ("errors:ingest.empty") and the values
 * of its `{{placeholders}}`. Lower layers name the key; only the UI knows the words (docs/i18n.md).
 */
export interface Translatable {
  key: string;
  params?: Record<string, string | number>;
}

/** Builds a Translatable; the key-parity test finds keys written as `tKey('…')`. */
export const tKey = (key: string, params?: Record<string, string | number>): Translatable => (params ? { key, params } : { key });

/** "errors:ingest.empty" → its English template, from errors.en.json (which is also the UI's English "errors" namespace). */
const englishTemplates = new Map<string, string>();
(function flatten(node: unknown, path: string): void {
  if (typeof node === 'string') englishTemplates.set(`errors:${path}`, node);
  else for (const [k, v] of Object.entries(node as Record<string, unknown>)) flatten(v, path ? `${path}.${k}` : k);
})(english, '');

/**
 * The English text of an error key: its template with the `{{params}}` filled in, as i18next fills it (a key with
 * `_one`/`_other` forms picks one by `count`). An error's English is written once, in errors.en.json.
 */
export function englishText({ key, params }: Translatable): string {
  const plural = params?.count === undefined ? undefined : `${key}_${params.count === 1 ? 'one' : 'other'}`;
  const template = englishTemplates.get(key) ?? (plural && englishTemplates.get(plural)) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

/** Base class so that `instanceof RagLabError` separates our errors from bugs. */
export class RagLabError extends Error {
  // Each class spells its name: production builds minify class names, and the name is what
  // crosses threads (bridges/error-transport.ts rebuilds the class from it).
  override name = 'RagLabError';
  /** Set when the message has a translation; the UI shows `t(i18n.key, i18n.params)` then. */
  readonly i18n?: Translatable;

  /** `message` is English text, or a key of errors.en.json, whose English becomes the message and which the UI translates. */
  constructor(message?: string | Translatable, options?: { cause?: unknown; i18n?: Translatable }) {
    const i18n = typeof message === 'object' ? message : options?.i18n;
    super(typeof message === 'object' ? englishText(message) : message, options);
    if (i18n) this.i18n = i18n;
  }
}

/** The local models/catalog.json exists but cannot be used. */
export class CatalogError extends RagLabError {
  override name = 'CatalogError';
}

/** An embedding model could not be loaded (missing files, no network, bad format). */
export class ModelLoadError extends RagLabError {
  override name = 'ModelLoadError';
}

/**
 * A model could not be downloaded from its host (no network, the host blocked, unreachable or answering with an
 * error). Made on the page, which knows the model and its host; work that needs the model waits instead of failing
 * (docs/library.md#when-the-embedder-cannot-be-downloaded).
 */
export class ModelDownloadError extends ModelLoadError {
  override name = 'ModelDownloadError';
  constructor(
    message: string,
    /** What could not be downloaded, for the notice that offers the ways on. */
    readonly download: { kind: 'embedder' | 'llm'; modelId: string; model: string; host: string },
    options?: { cause?: unknown; i18n?: Translatable },
  ) {
    super(message, options);
  }
}

/** True for a ModelDownloadError (made on the page; it does not cross threads). */
export function isDownloadError(e: unknown): e is ModelDownloadError {
  return e instanceof ModelDownloadError;
}

/** The preferred device (WebGPU) failed to load a model that another device may run; the bridge retries on wasm. */
export class DeviceFallbackError extends RagLabError {
  override name = 'DeviceFallbackError';
}

/** A language model could not load or generate; the message says what to do. */
export class LlmError extends RagLabError {
  override name = 'LlmError';
}

/** A model of a family the lab engine, adapter checks and merge do not support; the message lists the supported ones. */
export class UnsupportedModelError extends LlmError {
  override name = 'UnsupportedModelError';
}

/** The embed worker was asked to embed before a model was loaded, or with bad input. */
export class EmbedError extends RagLabError {
  override name = 'EmbedError';
}

/** Reranking could not run: no reranker chosen or loaded, an unknown id, or a model that returns no relevance logit. */
export class RerankError extends RagLabError {
  override name = 'RerankError';
}

/** A demo pack or document pack could not be fetched or is malformed. */
export class PackError extends RagLabError {
  override name = 'PackError';
}

/** The DOMException name browsers use for cancelled work; rethrown unchanged everywhere. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** An AbortError with the same shape as the one fetch() throws. */
export function abortError(message = 'The operation was cancelled.'): DOMException {
  return new DOMException(message, 'AbortError');
}

/** A readable message for any thrown value, including strings from workers. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** Why a file could not be added; `code` lets the UI and tests tell the cases apart. */
export type IngestErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'unsupported'
  | 'too-large'
  | 'pdf-corrupt'
  | 'pdf-password'
  | 'pdf-no-text'
  | 'docx-corrupt'
  | 'no-text'
  | 'duplicate'
  | 'quota';

/** A file that cannot be added. Other files in the same batch continue. */
export class IngestError extends RagLabError {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string | Translatable,
    options?: { cause?: unknown; i18n?: Translatable },
  ) {
    super(message, options);
  }
}

/** A library export file cannot be imported. */
export class ImportError extends RagLabError {
  override name = 'ImportError';
}

/** IndexedDB could not be opened or written (blocked upgrade, storage full, private mode). */
export class StoreError extends RagLabError {
  override name = 'StoreError';
}

/** True for the browser's "storage is full" errors, in their several spellings. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (typeof e === 'object' && e !== null && /quota/i.test(String((e as Error).message)));
}

/** An eval run would test on questions that a fine-tune dataset trained on. */
export class LeakageError extends RagLabError {
  override name = 'LeakageError';
}

/** An eval run cannot start or go on (no QA items, a mode without its model). */
export class EvalError extends RagLabError {
  override name = 'EvalError';
}

/** A LoRA adapter cannot be used with the chosen base model; the message names every problem. */
export class AdapterError extends RagLabError {
  override name = 'AdapterError';
}

/**
 * A worker died while it held a job (a crash of the model runtime, out of memory, or it was
 * terminated). The bridge starts a fresh worker on the next call; the library retries the file once.
 */
export class WorkerCrashError extends RagLabError {
  override name = 'WorkerCrashError';
}

/** True for a WorkerCrashError, also after a trip through comlink (which keeps only `name`). */
export function isWorkerCrash(e: unknown): boolean {
  return e instanceof WorkerCrashError || (e as { name?: unknown } | null)?.name === 'WorkerCrashError';
}

/**
 * A training run cannot start or had to stop (bad settings or data, a diverged loss, a lost
 * device, out of memory). The message says what to change; the last good checkpoint is kept.
 */
export class TrainingError extends RagLabError {
  override name = 'TrainingError';
}

/** A training run whose loss or adapter became NaN or infinite: resuming with the same learning rate would diverge again. */
export class DivergedError extends TrainingError {
  override name = 'DivergedError';
}
