// A translated sentence with marked-up parts: `<0>…</0>` in the locale text becomes the given
// element (a code name, a strong word), so that the words around it can move as the language needs.
import type { ComponentChildren } from 'preact';

/** The text with each `<0>…</0>` part wrapped in `tag`. */
export function rich(text: string, tag: 'code' | 'strong' = 'code'): ComponentChildren {
  const Tag = tag;
  return text.split(/<0>(.*?)<\/0>/).map((part, i) => (i % 2 ? <Tag key={i}>{part}</Tag> : part));
}
