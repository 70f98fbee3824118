import { describe, expect, it } from 'vitest';
import { embedderChoices, loadLocalCatalog, parseCatalog, rerankerChoices } from '../../src/catalog/catalog';
import { builtinRerankers } from '../../src/catalog/builtin-rerankers';
import { builtinEmbedders } from '../../src/catalog/builtin-embedders';
import { CatalogError } from '../../src/shared/errors';

const good = {
  version: 1,
  embedders: [{ id: 'local/e', path: 'e/', dim: 64, dtype: 'fp32' }],
  llms: [{ id: 'local/llm', path: 'llm', engine: 'lab', extra: 3 }],
};

describe('parseCatalog', () => {
  it('fills defaults and keeps engine-specific LLM fields', () => {
    const { catalog, warnings } = parseCatalog(JSON.stringify(good));
    expect(warnings).toEqual([]);
    expect(catalog.embedders[0]).toEqual({
      id: 'local/e', label: 'local/e', path: 'e', dim: 64, maxTokens: 512, dtype: 'fp32', pooling: 'mean', queryPrefix: '', passagePrefix: '',
    });
    expect(catalog.llms[0]).toMatchObject({ id: 'local/llm', engine: 'lab', extra: 3, label: 'local/llm' });
  });

  it('skips broken entries with a reason and keeps the rest', () => {
    const text = JSON.stringify({
      version: 1,
      embedders: [
        { id: 'ok', path: 'ok', dim: 8 },
        { id: 'nodim', path: 'x' },
        { path: 'noid', dim: 8 },
        { id: 'ok', path: 'dup', dim: 8 },
        { id: 'badpool', path: 'p', dim: 8, pooling: 'max' },
        { id: 'baddtype', path: 'p', dim: 8, dtype: { webgpu: 'fp32' } },
      ],
      llms: [{ id: 'x', path: 'y', engine: 'ollama' }],
    });
    const { catalog, warnings } = parseCatalog(text);
    expect(catalog.embedders.map((e) => e.id)).toEqual(['ok']);
    expect(catalog.llms).toEqual([]);
    expect(warnings).toHaveLength(6);
    expect(warnings.join('\n')).toMatch(/needs "dim"/);
    expect(warnings.join('\n')).toMatch(/appears twice/);
    expect(warnings.join('\n')).toMatch(/"engine": "web-llm" or "lab"/);
  });

  it('rejects files that are not a version-1 catalog with an actionable message', () => {
    expect(() => parseCatalog('{oops')).toThrow(CatalogError);
    expect(() => parseCatalog('{oops')).toThrow(/not valid JSON.*docs\/catalog.md/);
    expect(() => parseCatalog('[]')).toThrow(/JSON object/);
    expect(() => parseCatalog('{"version": 2}')).toThrow(/version 2/);
  });
});

describe('loadLocalCatalog', () => {
  const respond = (status: number, body = '') => (async () => new Response(body, { status })) as typeof fetch;

  it('resolves models/ next to the app, under any sub-path', async () => {
    let asked = '';
    const fetchFn = (async (url: string) => {
      asked = url;
      return new Response(JSON.stringify(good));
    }) as typeof fetch;
    const load = await loadLocalCatalog('https://host.example/workshop/rag/index.html', fetchFn);
    expect(asked).toBe('https://host.example/workshop/rag/models/catalog.json');
    expect(load.baseUrl).toBe('https://host.example/workshop/rag/models/');
    expect(load.parsed?.catalog.embedders).toHaveLength(1);
  });

  it('treats a missing catalog or a network failure as "no pack", not an error', async () => {
    expect(await loadLocalCatalog('http://a/', respond(404))).toMatchObject({ parsed: null, error: null });
    const failing = (async () => { throw new TypeError('offline'); }) as typeof fetch;
    expect(await loadLocalCatalog('http://a/', failing)).toMatchObject({ parsed: null, error: null });
  });

  it('reports a broken catalog instead of ignoring it', async () => {
    const load = await loadLocalCatalog('http://a/', respond(200, 'not json'));
    expect(load.parsed).toBeNull();
    expect(load.error).toMatch(/not valid JSON/);
  });
});

describe('embedderChoices', () => {
  it('offers the local pack first, then the built-in hub models not overridden by it', async () => {
    const pack = { ...good, embedders: [...good.embedders, { id: builtinEmbedders[0]!.id, path: 'mirror/minilm', dim: 384 }] };
    const load = { baseUrl: 'http://a/models/', parsed: parseCatalog(JSON.stringify(pack)), error: null };
    const choices = embedderChoices(load);
    expect(choices.map((c) => [c.entry.id, c.source.kind])).toEqual([
      ['local/e', 'local'],
      [builtinEmbedders[0]!.id, 'local'],
      ...builtinEmbedders.slice(1).map((e) => [e.id, 'hub']),
    ]);
    expect(choices[0]!.source).toEqual({ kind: 'local', baseUrl: 'http://a/models/' });
  });

  it('falls back to the built-in list with no pack', () => {
    expect(embedderChoices(null).map((c) => c.entry.id)).toEqual(builtinEmbedders.map((e) => e.id));
  });

  it('gives the e5 model its query and passage prefixes', () => {
    const e5 = builtinEmbedders.find((e) => e.id.includes('e5'));
    expect(e5).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
  });
});

describe('rerankers in the catalog', () => {
  it('parses a pack\'s rerankers with defaults, and warns about broken ones', () => {
    const { catalog, warnings } = parseCatalog(JSON.stringify({ ...good, rerankers: [{ id: 'local/r', path: 'r/' }, { id: 'bad' }, { id: 'x', path: 'x', dtype: 3 }] }));
    expect(catalog.rerankers).toEqual([{ id: 'local/r', label: 'local/r', path: 'r', maxTokens: 512, dtype: 'fp32' }]);
    expect(warnings).toEqual(['rerankers[1] needs "id" and "path"; skipped.', expect.stringMatching(/rerankers\[2\] \(x\) has an invalid "dtype"/)]);
  });

  it('has no rerankers when the pack lists none, and offers the built-in ones', () => {
    expect(parseCatalog(JSON.stringify(good)).catalog.rerankers).toEqual([]);
    expect(rerankerChoices(null).map((c) => [c.entry.id, c.source.kind])).toEqual(builtinRerankers.map((e) => [e.id, 'hub']));
    expect(builtinRerankers.map((e) => e.languages)).toEqual([expect.stringMatching(/English/), expect.stringMatching(/Multilingual/)]);
  });

  it('offers the pack\'s reranker first', () => {
    const load = { baseUrl: 'http://a/models/', parsed: parseCatalog(JSON.stringify({ ...good, rerankers: [{ id: 'local/r', path: 'r' }] })), error: null };
    expect(rerankerChoices(load)[0]).toEqual({ entry: expect.objectContaining({ id: 'local/r' }), source: { kind: 'local', baseUrl: 'http://a/models/' } });
  });
});
