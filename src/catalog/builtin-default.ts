// When the site's built-in models (public/builtin/catalog.json) are the defaults:
// when nothing better is available. A workshop pack's models come first whatever
// the case; without one, the real (downloaded) models stay the suggestion online
// with WebGPU, and the built-in ones come first offline or without WebGPU. Pure.
import { packFolderUrl, type CatalogLoad } from './catalog';
import type { LlmEntry } from '../shared/catalog-types';

/** Why the built-in models are the defaults; the page says so in one line. */
export type BuiltinReason = 'offline' | 'no-webgpu';

export interface BuiltinContext {
  /** A workshop pack lists models of this kind (models/catalog.json). */
  pack: boolean;
  /** The browser reports a network. */
  online: boolean;
  /** WebGPU is available; unknown (still probing) counts as available, so the choice does not flip at start-up. */
  webgpu: boolean | null;
}

/** Why the built-in models come first here, or null when a pack's or the online models do. */
export function builtinReason({ pack, online, webgpu }: BuiltinContext): BuiltinReason | null {
  if (pack) return null;
  if (!online) return 'offline';
  if (webgpu === false) return 'no-webgpu';
  return null;
}

/** The LLMs the site itself serves: a pack's, then the built-in catalog's, as one list for the model registry. */
export interface SiteLlms {
  /** The built-in entries' paths are made absolute: their folder is builtin/, not the pack's. */
  llms: LlmEntry[];
  /** The folder the relative paths resolve against (the pack's; the built-in one without a pack). */
  baseUrl: string | null;
  builtinIds: Set<string>;
}

export function siteLlms(pack: CatalogLoad | null, builtin: CatalogLoad | null): SiteLlms {
  const own = pack?.parsed?.catalog.llms ?? [];
  const ownIds = new Set(own.map((m) => m.id));
  const extra = (builtin?.parsed?.catalog.llms ?? []).filter((m) => !ownIds.has(m.id)).map((m) => ({ ...m, path: packFolderUrl(m.path, builtin!.baseUrl) }));
  const baseUrl = pack?.parsed ? pack.baseUrl : extra.length ? builtin!.baseUrl : null;
  return { llms: [...own, ...extra], baseUrl, builtinIds: new Set(extra.map((m) => m.id)) };
}

/** The built-in models go last, unless they are the defaults (then they stay where the registry lists them: first, after a pack's). */
export function orderBuiltin<T extends { id: string }>(choices: T[], builtinIds: ReadonlySet<string>, first: boolean): T[] {
  if (first || !builtinIds.size) return choices;
  return [...choices.filter((c) => !builtinIds.has(c.id)), ...choices.filter((c) => builtinIds.has(c.id))];
}
