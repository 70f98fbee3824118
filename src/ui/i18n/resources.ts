// Every locale file, bundled with the app (no fetch: the app works offline). One JSON file per
// language and area (locales/<lang>/<namespace>.json), so teams translate views in parallel.
import type { Resource } from 'i18next';
import englishErrors from '../../shared/errors.en.json' with { type: 'json' };

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

/** `{ en: { common: {...}, library: {...} }, zh: {...} }`, read from the file names. */
export const resources: Resource = {};
for (const [path, data] of Object.entries(files)) {
  const [, lang, ns] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (lang && ns) (resources[lang] ??= {})[ns] = data as Resource[string][string];
}
// The English errors live beside the error classes, which make their messages from them (shared/errors.ts).
(resources.en ??= {}).errors = englishErrors;

/** The namespaces (areas) there are files for. */
export const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
