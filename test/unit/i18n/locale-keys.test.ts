// Key parity of the locale files (src/ui/i18n/locales/<lang>/<namespace>.json, and English errors in
// src/shared/errors.en.json, which the error classes read): every language has
// every key of English, with the same {{variables}} and every plural form its language needs, and
// every key the source names ('library:table.name', t('…'), tKey('…')) exists in English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageInfo, languages } from '../../../src/ui/i18n/languages';

const root = resolve('src/ui/i18n/locales');
/** Each language's namespace files; English's "errors" is src/shared/errors.en.json. */
function namespaceFiles(lang: string): Map<string, string> {
  const out = new Map(readdirSync(join(root, lang)).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), join(root, lang, f)]));
  if (lang === 'en') out.set('errors', resolve('src/shared/errors.en.json'));
  return out;
}
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: only strings and objects belong in a locale file`);
  return out;
}

/** lang → "namespace:key" → text, as the files hold them (plural forms have their suffix). */
const locales = new Map<string, Flat>(
  readdirSync(root).map((lang) => {
    const flat: Flat = new Map();
    for (const [ns, file] of namespaceFiles(lang)) {
      for (const [k, v] of flatten(JSON.parse(readFileSync(file, 'utf8')), '', new Map())) flat.set(`${ns}:${k}`, v);
    }
    return [lang, flat];
  }),
);

const baseKey = (k: string) => k.replace(pluralSuffix, '');
const baseKeys = (flat: Flat) => new Set([...flat.keys()].map(baseKey));
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!);

/** The {{variables}} of a key over all its forms. */
function variablesOf(flat: Flat, base: string): string[] {
  const vars = new Set<string>();
  for (const [k, v] of flat) if (baseKey(k) === base) variables(v).forEach((x) => vars.add(x));
  return [...vars].sort();
}

const en = locales.get('en')!;

describe('locale files', () => {
  it('has a folder for every language of the switch, and only those', () => {
    expect([...locales.keys()].sort()).toEqual([...languages].sort());
  });

  it('every language has the same namespace files', () => {
    const files = (lang: string) => [...namespaceFiles(lang).keys()].sort();
    for (const lang of languages) expect(files(lang), lang).toEqual(files('en'));
  });

  for (const lang of languages.filter((l) => l !== 'en')) {
    it(`${lang} has every English key, and no key English lacks`, () => {
      const mine = baseKeys(locales.get(lang)!);
      const english = baseKeys(en);
      expect([...english].filter((k) => !mine.has(k)), 'missing in ' + lang).toEqual([]);
      expect([...mine].filter((k) => !english.has(k)), 'only in ' + lang).toEqual([]);
    });

    it(`${lang} uses the same {{variables}} as English in every key`, () => {
      const flat = locales.get(lang)!;
      const differ = [...baseKeys(en)].filter((k) => variablesOf(flat, k).join() !== variablesOf(en, k).join());
      expect(differ.map((k) => `${k}: en {${variablesOf(en, k)}} ${lang} {${variablesOf(flat, k)}}`)).toEqual([]);
    });
  }

  for (const lang of languages) {
    it(`${lang} has every plural form its language needs (Intl.PluralRules)`, () => {
      const flat = locales.get(lang)!;
      const needed = new Intl.PluralRules(languageInfo[lang].tag).resolvedOptions().pluralCategories;
      const plural = new Set([...locales.values()].flatMap((f) => [...f.keys()].filter((k) => pluralSuffix.test(k)).map(baseKey)));
      const missing = [...plural].flatMap((base) => needed.filter((c) => !flat.has(`${base}_${c}`)).map((c) => `${base}_${c}`));
      expect(missing).toEqual([]);
      // A plural key is only plural: a bare form next to _one/_other would never be shown.
      expect([...plural].filter((base) => flat.has(base))).toEqual([]);
    });
  }

  it('every key named in src/ exists in English', () => {
    const namespaces = [...namespaceFiles('en').keys()];
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : []));
    const quotedKey = new RegExp(`['"\`]((?:${namespaces.join('|')}):[\\w.-]+)['"\`]`, 'g');
    const bareKey = /\bt\(\s*['"]([\w.-]+)['"]/g; // t('status.label') is in the default namespace, common
    const used: { key: string; file: string }[] = [];
    for (const file of files(resolve('src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(quotedKey)) used.push({ key: m[1]!, file: relative('.', file) });
      for (const m of text.matchAll(bareKey)) used.push({ key: `common:${m[1]}`, file: relative('.', file) });
    }
    expect(used.length).toBeGreaterThan(100); // the scan itself works
    const english = baseKeys(en);
    expect(used.filter((u) => !english.has(u.key)).map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });
});
