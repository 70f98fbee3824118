// Text written into a RegExp as itself: a name, a page title or a query word that may hold ".", "(" or "&".

/** `s` with every character a RegExp reads specially escaped. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
