// When the site's built-in models (public/builtin/catalog.json) are the defaults:
// when nothing better is available. A workshop pack's models come first whatever
// the case; without one, the real (downloaded) models stay the suggestion online
// with WebGPU, and the built-in ones come first offline or without WebGPU. Pure.

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
