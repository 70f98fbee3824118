// How errors cross between a worker and the page. Comlink's own 'throw' handler
// sends an Error's name, message and stack only; this one also carries an
// IngestError's `code` and any RagLabError's translation key (`i18n`), and the
// receiving side rebuilds the named class, so `instanceof` and retry-by-class
// work on the page exactly as in the worker. Installed once on each side: by
// WorkerHandle for the page, by each comlink worker before it exposes its API.
import { transferHandlers, type TransferHandler } from 'comlink';
import * as errors from '../shared/errors';
import { IngestError, RagLabError, type IngestErrorCode, type Translatable } from '../shared/errors';

/** An error as plain data, the form in which it crosses the thread. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  i18n?: Translatable;
}

type Thrown = { isError: true; value: ErrorData } | { isError: false; value: unknown };

type NamedClass = new (message?: string, options?: { i18n?: Translatable }) => RagLabError;

/**
 * Every RagLabError class of shared/errors.ts, by the name each spells (minified builds keep it): read from the
 * module itself, so a class added there crosses threads with no list to update here. Rebuilt as
 * `new Class(message, { i18n })`; IngestError (code first) is rebuilt apart, and ModelDownloadError never crosses.
 */
const classes: Record<string, NamedClass> = Object.fromEntries(
  Object.values(errors as Record<string, unknown>)
    .filter((v): v is NamedClass => typeof v === 'function' && (v === RagLabError || v.prototype instanceof RagLabError))
    .map((Class) => [new Class().name, Class]),
);

/** The sending side: an Error as ErrorData (with its code and translation key); any other thrown value as it is. */
export function toErrorData(e: unknown): Thrown {
  if (!(e instanceof Error)) return { isError: false, value: e };
  const data: ErrorData = { name: e.name, message: e.message };
  if (e.stack) data.stack = e.stack;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') data.code = code;
  if (e instanceof RagLabError && e.i18n) data.i18n = e.i18n;
  return { isError: true, value: data };
}

/** The receiving side: the named class back, with its translation key; an unknown name (an AbortError, a bug) as an Error of that name. */
export function fromErrorData(d: ErrorData): Error {
  const options = d.i18n ? { i18n: d.i18n } : undefined;
  const Class = classes[d.name];
  // IngestError's constructor takes its code first; the others take (message, options).
  const e = d.name === 'IngestError' ? new IngestError((d.code ?? 'unsupported') as IngestErrorCode, d.message, options)
    : Class ? new Class(d.message, options)
    : Object.assign(new Error(d.message), { name: d.name });
  if (d.stack) e.stack = d.stack;
  return e;
}

let installed = false;

/** Replaces comlink's 'throw' handler with this one (idempotent); both ends of a worker must call it. */
export function installErrorTransport(): void {
  if (installed) return;
  installed = true;
  // Comlink marks a thrown value with a private symbol; its own handler's test recognises the mark.
  const builtIn = transferHandlers.get('throw')!;
  const handler: TransferHandler<unknown, Thrown> = {
    canHandle: builtIn.canHandle,
    serialize: (thrown) => [toErrorData((thrown as { value: unknown }).value), []],
    deserialize: (thrown) => {
      throw thrown.isError ? fromErrorData(thrown.value) : thrown.value;
    },
  };
  transferHandlers.set('throw', handler);
}
