// Reads and validates models/catalog.json (a workshop pack) and builtin/catalog.json
// (the site's own built-in models), and merges their models with the online ones.
// Local models come first, so an offline pack works with no setting changed; the
// built-in ones come before or after the online ones (builtin-default.ts).
import type { AdapterEntry, EmbedderChoice, EmbedderEntry, LlmEntry, LocalCatalog, RerankerChoice, RerankerEntry } from '../shared/catalog-types';
import { CatalogError, RagLabError, tKey, type Translatable } from '../shared/errors';
import { builtinEmbedders } from './builtin-embedders';
import { builtinRerankers } from './builtin-rerankers';

export interface ParsedCatalog {
  catalog: LocalCatalog;
  /** Entries that were skipped, each with the reason; shown in the Models view. */
  warnings: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

function validDtype(v: unknown): v is EmbedderEntry['dtype'] {
  return isText(v) || (isObject(v) && isText(v.webgpu) && isText(v.wasm));
}

function parseEmbedder(raw: unknown, index: number, warnings: string[]): EmbedderEntry | null {
  const where = `embedders[${index}]`;
  if (!isObject(raw)) return warnings.push(`${where} is not an object; skipped.`), null;
  const missing = (['id', 'path'] as const).filter((k) => !isText(raw[k]));
  if (missing.length) return warnings.push(`${where} lacks ${missing.join(' and ')}; skipped.`), null;
  if (!isPositiveInt(raw.dim)) return warnings.push(`${where} (${raw.id}) needs "dim", a positive integer; skipped.`), null;
  if (raw.dtype !== undefined && !validDtype(raw.dtype)) {
    return warnings.push(`${where} (${raw.id}) has an invalid "dtype"; use a string such as "fp32" or {"webgpu": …, "wasm": …}; skipped.`), null;
  }
  if (raw.pooling !== undefined && raw.pooling !== 'mean' && raw.pooling !== 'cls') {
    return warnings.push(`${where} (${raw.id}) has pooling "${String(raw.pooling)}"; use "mean" or "cls"; skipped.`), null;
  }
  return {
    id: raw.id as string,
    label: isText(raw.label) ? raw.label : (raw.id as string),
    path: (raw.path as string).replace(/\/+$/, ''),
    dim: raw.dim,
    maxTokens: isPositiveInt(raw.maxTokens) ? raw.maxTokens : 512,
    dtype: (raw.dtype as EmbedderEntry['dtype'] | undefined) ?? 'fp32',
    pooling: (raw.pooling as EmbedderEntry['pooling'] | undefined) ?? 'mean',
    queryPrefix: typeof raw.queryPrefix === 'string' ? raw.queryPrefix : '',
    passagePrefix: typeof raw.passagePrefix === 'string' ? raw.passagePrefix : '',
    ...(isText(raw.languages) ? { languages: raw.languages } : {}),
    ...(typeof raw.sizeMB === 'number' ? { sizeMB: raw.sizeMB } : {}),
  };
}

function parseReranker(raw: unknown, index: number, warnings: string[]): RerankerEntry | null {
  const where = `rerankers[${index}]`;
  if (!isObject(raw) || !isText(raw.id) || !isText(raw.path)) return warnings.push(`${where} needs "id" and "path"; skipped.`), null;
  if (raw.dtype !== undefined && !validDtype(raw.dtype)) {
    return warnings.push(`${where} (${raw.id}) has an invalid "dtype"; use a string such as "fp32" or {"webgpu": …, "wasm": …}; skipped.`), null;
  }
  return {
    id: raw.id,
    label: isText(raw.label) ? raw.label : raw.id,
    path: raw.path.replace(/\/+$/, ''),
    maxTokens: isPositiveInt(raw.maxTokens) ? raw.maxTokens : 512,
    dtype: (raw.dtype as RerankerEntry['dtype'] | undefined) ?? 'fp32',
    ...(isText(raw.languages) ? { languages: raw.languages } : {}),
    ...(typeof raw.sizeMB === 'number' ? { sizeMB: raw.sizeMB } : {}),
  };
}

function parseLlm(raw: unknown, index: number, warnings: string[]): LlmEntry | null {
  const where = `llms[${index}]`;
  if (!isObject(raw) || !isText(raw.id) || !isText(raw.path)) return warnings.push(`${where} needs "id" and "path"; skipped.`), null;
  if (raw.engine !== 'web-llm' && raw.engine !== 'lab') return warnings.push(`${where} (${raw.id}) needs "engine": "web-llm" or "lab"; skipped.`), null;
  return { ...raw, id: raw.id, path: raw.path, engine: raw.engine, label: isText(raw.label) ? raw.label : raw.id };
}

function parseAdapterEntry(raw: unknown, index: number, warnings: string[]): AdapterEntry | null {
  const where = `adapters[${index}]`;
  if (!isObject(raw) || !isText(raw.id) || !isText(raw.path) || !isText(raw.base)) return warnings.push(`${where} needs "id", "path" and "base" (an LLM id); skipped.`), null;
  return { id: raw.id, path: raw.path, base: raw.base, label: isText(raw.label) ? raw.label : raw.id };
}

/** Validates catalog JSON text. Throws CatalogError only when nothing in it is usable. */
export function parseCatalog(text: string): ParsedCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(tKey('errors:catalog.json', { detail: (e as Error).message }));
  }
  if (!isObject(json)) throw new CatalogError(tKey('errors:catalog.notObject'));
  if (json.version !== 1) {
    throw new CatalogError(tKey('errors:catalog.version', { version: String(json.version) }));
  }
  const warnings: string[] = [];
  const list = (key: string) => {
    const v = json[key];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    warnings.push(`"${key}" must be a list; ignored.`);
    return [];
  };
  const seen = new Set<string>();
  const unique = <T extends { id: string }>(e: T | null, kind: string): e is T => {
    if (!e) return false;
    if (seen.has(e.id)) return warnings.push(`${kind} "${e.id}" appears twice; the later entry is skipped.`), false;
    seen.add(e.id);
    return true;
  };
  const embedders = list('embedders').map((e, i) => parseEmbedder(e, i, warnings)).filter((e) => unique(e, 'Embedder'));
  const rerankers = list('rerankers').map((e, i) => parseReranker(e, i, warnings)).filter((e) => unique(e, 'Reranker'));
  const llms = list('llms').map((e, i) => parseLlm(e, i, warnings)).filter((e) => unique(e, 'LLM'));
  const adapters = list('adapters').map((e, i) => parseAdapterEntry(e, i, warnings)).filter((e) => unique(e, 'Adapter'));
  const catalog: LocalCatalog = { version: 1, embedders, rerankers, llms, adapters, ...(isText(json.library) ? { library: json.library } : {}), ...(isText(json.description) ? { description: json.description } : {}) };
  return { catalog, warnings };
}

export interface CatalogLoad {
  /** Absolute URL of the folder holding catalog.json; model paths are relative to it. */
  baseUrl: string;
  parsed: ParsedCatalog | null;
  /** Why the catalog could not be used, when it exists but is broken. */
  error: string | null;
  /** The error's translation key, when it has one (the UI shows it in the interface language). */
  errorI18n?: Translatable;
}

/** Fetches `models/catalog.json` next to the app (or another folder's: `builtin/`). A missing file is normal (no pack). */
export async function loadLocalCatalog(appBaseUrl: string, fetchFn: typeof fetch = fetch, folder = 'models/'): Promise<CatalogLoad> {
  const baseUrl = new URL(folder, appBaseUrl).href;
  let response: Response;
  try {
    response = await fetchFn(new URL('catalog.json', baseUrl).href, { cache: 'no-cache' });
  } catch {
    return { baseUrl, parsed: null, error: null };
  }
  if (response.status === 404 || !response.ok) return { baseUrl, parsed: null, error: null };
  try {
    return { baseUrl, parsed: parseCatalog(await response.text()), error: null };
  } catch (e) {
    return { baseUrl, parsed: null, error: (e as Error).message, ...(e instanceof RagLabError && e.i18n ? { errorI18n: e.i18n } : {}) };
  }
}

/** The absolute folder URL (with a trailing slash) of a pack entry: its `path` is relative to catalog.json's folder. */
export function packFolderUrl(path: string, catalogBaseUrl: string): string {
  return new URL(`${path.replace(/\/+$/, '')}/`, catalogBaseUrl).href;
}

/** The site's built-in models: `builtin/catalog.json`, served with the app (files fetched only when used). */
export function loadBuiltinCatalog(appBaseUrl: string, fetchFn: typeof fetch = fetch): Promise<CatalogLoad> {
  return loadLocalCatalog(appBaseUrl, fetchFn, 'builtin/');
}

/** Where the built-in models go in the list: after the online ones, or first (after a pack's) when nothing better is available. */
export interface BuiltinOptions {
  load: CatalogLoad | null;
  first: boolean;
}

function merge<T extends { entry: { id: string } }>(local: T[], hub: T[], builtin: T[], first: boolean): T[] {
  const seen = new Set<string>();
  return (first ? [...local, ...builtin, ...hub] : [...local, ...hub, ...builtin]).filter((c) => !seen.has(c.entry.id) && !!seen.add(c.entry.id));
}

/** Every embedder the app offers: the local pack's first, then the online ones and the site's built-in ones. */
export function embedderChoices(load: CatalogLoad | null, builtin: BuiltinOptions = { load: null, first: false }): EmbedderChoice[] {
  const from = (l: CatalogLoad | null): EmbedderChoice[] => (l?.parsed?.catalog.embedders ?? []).map((entry) => ({ entry, source: { kind: 'local', baseUrl: l!.baseUrl } }));
  const hub: EmbedderChoice[] = builtinEmbedders.map((entry) => ({ entry, source: { kind: 'hub' } }));
  return merge(from(load), hub, from(builtin.load), builtin.first);
}

/** Every reranker the app offers, in the embedders' order. None is chosen by default. */
export function rerankerChoices(load: CatalogLoad | null, builtin: BuiltinOptions = { load: null, first: false }): RerankerChoice[] {
  const from = (l: CatalogLoad | null): RerankerChoice[] => (l?.parsed?.catalog.rerankers ?? []).map((entry) => ({ entry, source: { kind: 'local', baseUrl: l!.baseUrl } }));
  const hub: RerankerChoice[] = builtinRerankers.map((entry) => ({ entry, source: { kind: 'hub' } }));
  return merge(from(load), hub, from(builtin.load), builtin.first);
}
