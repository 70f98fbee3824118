#!/usr/bin/env node
// Makes an offline workshop pack: everything a demo needs, downloaded into
// public/models/ (or --out), with models/catalog.json.
//
//   npm run pack -- --llm <web-llm model id> --embedder <HF model id> [--dtype fp32,q8] [--reranker <HF model id>]
//                   [--source <mirror base URL>] [--out <folder>] [--lab] [--docs <folder>]
//
// Downloads resume where they stopped, shards are checked against tensor-cache.json's
// md5sum and LFS files against their SHA-256 ETag, and every failed file is named.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTsForNode } from './node-import.mjs';
import { parseArgs } from 'node:util';
import { DownloadError, download } from './pack/download.mjs';
import { embedderEntry, embedderFiles, llmFolder, mirrored, packCatalog, rerankerEntry, resolveMain } from './pack/plan.mjs';

const usage = 'Usage: npm run pack -- --llm <web-llm model id> --embedder <Hugging Face model id> [--dtype fp32,q8] [--reranker <Hugging Face model id>] [--source <mirror URL>] [--out public/models] [--lab] [--docs <folder>]';

/** The documents under a folder that the Library can read, with names relative to it. */
async function readDocs(folder) {
  const out = [];
  const walk = async (dir) => {
    for (const d of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, d.name);
      if (d.isDirectory()) await walk(path);
      else if (['.txt', '.md', '.html', '.htm', '.pdf', '.docx'].includes(extname(d.name).toLowerCase())) out.push({ name: relative(folder, path), bytes: new Uint8Array(await readFile(path)) });
    }
  };
  await walk(resolve(folder));
  return out;
}

export async function makePack({ llm: llmId, embedder: embedderId, reranker: rerankerId = null, dtype, source, out, lab = false, docs = null, fetchFn = fetch, log = (m) => process.stderr.write(`${m}\n`), prebuilt }) {
  if (!llmId || !embedderId) throw new Error(usage);
  const models = prebuilt ?? (await import('@mlc-ai/web-llm')).prebuiltAppConfig.model_list;
  const record = models.find((r) => r.model_id === llmId);
  if (!record) {
    const close = models.filter((r) => r.model_id.toLowerCase().includes(llmId.toLowerCase().split('-')[0])).slice(0, 5).map((r) => r.model_id);
    throw new Error(`"${llmId}" is not in web-llm's prebuilt model list.${close.length ? ` Did you mean: ${close.join(', ')}?` : ''}`);
  }
  const failures = [];
  const fetchTo = async (url, dest, options = {}) => {
    const from = mirrored(url, source);
    let last = -1;
    try {
      const r = await download(from, dest, {
        ...options, fetchFn,
        onProgress: (done, total) => {
          const pct = total ? Math.floor((100 * done) / total) : null;
          if (pct !== null && pct >= last + 10) (last = pct), log(`  ${dest.replace(`${out}/`, '')}: ${pct}%`);
        },
      });
      log(`✓ ${dest.replace(`${out}/`, '')} (${r.skipped ? 'already there' : `${r.bytes} bytes`}${r.resumedFrom ? `, resumed at ${r.resumedFrom}` : ''}${r.verified ? `, ${r.verified} ok` : ''})`);
      return true;
    } catch (e) {
      if (options.optional && e instanceof DownloadError && /404/.test(e.message)) return false;
      failures.push(e.message);
      log(`✗ ${e.message}`);
      return false;
    }
  };

  // The LLM: config, tokenizer, tensor-cache.json, then every shard (md5-checked), then the wasm library.
  const folder = llmFolder(record);
  const llmDir = join(out, folder, 'resolve', 'main');
  const hub = resolveMain(record.model);
  log(`LLM ${record.model_id} → ${llmDir}`);
  if (await fetchTo(new URL('mlc-chat-config.json', hub).href, join(llmDir, 'mlc-chat-config.json'))) {
    const config = JSON.parse(await readFile(join(llmDir, 'mlc-chat-config.json'), 'utf8'));
    for (const f of config.tokenizer_files ?? ['tokenizer.json']) await fetchTo(new URL(f, hub).href, join(llmDir, f), { optional: f !== 'tokenizer.json' });
  }
  if (await fetchTo(new URL('tensor-cache.json', hub).href, join(llmDir, 'tensor-cache.json'))) {
    const cache = JSON.parse(await readFile(join(llmDir, 'tensor-cache.json'), 'utf8'));
    for (const shard of cache.records) {
      await fetchTo(new URL(shard.dataPath, hub).href, join(llmDir, shard.dataPath), shard.md5sum ? { expected: { algorithm: 'md5', value: shard.md5sum } } : {});
    }
  }
  const libFile = `libs/${record.model_lib.split('/').pop()}`;
  await fetchTo(record.model_lib, join(out, libFile));

  // The embedder, in the Hugging Face layout transformers.js reads from a local path.
  const { builtin } = await import('./pack/builtin.mjs');
  let entry = builtin.find((e) => e.id === embedderId) ?? null;
  const embedderDir = join(out, embedderId);
  const embedderHub = `https://huggingface.co/${embedderId}/resolve/main/`;
  log(`Embedder ${embedderId} → ${embedderDir}`);
  if (await fetchTo(new URL('config.json', embedderHub).href, join(embedderDir, 'config.json'))) {
    const config = JSON.parse(await readFile(join(embedderDir, 'config.json'), 'utf8'));
    const dtypes = dtype ? dtype.split(',') : null;
    entry = entry
      ? { ...entry, ...(dtypes ? { dtype: dtypes.length === 1 ? dtypes[0] : { webgpu: dtypes[0], wasm: dtypes[1] } } : {}) }
      : embedderEntry(embedderId, config, dtypes ? (dtypes.length === 1 ? dtypes[0] : { webgpu: dtypes[0], wasm: dtypes[1] }) : 'fp32');
    const files = embedderFiles(entry);
    for (const f of files.required.filter((x) => x !== 'config.json')) await fetchTo(new URL(f, embedderHub).href, join(embedderDir, f));
    for (const f of files.optional) await fetchTo(new URL(f, embedderHub).href, join(embedderDir, f), { optional: true });
  }

  // Optionally, a cross-encoder reranker, in the same layout (transformers.js reads it like the embedder).
  let reranker = null;
  if (rerankerId) {
    const { builtinRerankers } = await import('./pack/builtin.mjs');
    const rerankerDir = join(out, rerankerId);
    const rerankerHub = `https://huggingface.co/${rerankerId}/resolve/main/`;
    log(`Reranker ${rerankerId} → ${rerankerDir}`);
    if (await fetchTo(new URL('config.json', rerankerHub).href, join(rerankerDir, 'config.json'))) {
      const config = JSON.parse(await readFile(join(rerankerDir, 'config.json'), 'utf8'));
      reranker = builtinRerankers.find((e) => e.id === rerankerId) ?? rerankerEntry(rerankerId, config, 'fp32');
      const files = embedderFiles(reranker);
      for (const f of files.required.filter((x) => x !== 'config.json')) await fetchTo(new URL(f, rerankerHub).href, join(rerankerDir, f));
      for (const f of files.optional) await fetchTo(new URL(f, rerankerHub).href, join(rerankerDir, f), { optional: true });
    }
  }

  // Optionally, a ready-made library of the workshop's documents, built with the packed embedder.
  let library = null;
  if (docs && !failures.length) {
    const files = await readDocs(docs);
    if (!files.length) throw new Error(`--docs ${docs}: no .txt, .md, .html, .pdf or .docx files there.`);
    log(`Library: indexing ${files.length} documents from ${docs} with ${entry.id}…`);
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const { buildLibrary } = await importTsForNode(root, join(root, 'scripts', 'pack', 'library-node.ts'), 'pack-library');
    const built = await buildLibrary(files, entry, out);
    for (const f of built.failed) failures.push(`${f.name}: ${f.reason}`);
    await writeFile(join(out, 'library.zip'), built.zip);
    library = 'library.zip';
    log(`✓ library.zip (${built.indexed.length} documents indexed${built.failed.length ? `, ${built.failed.length} failed` : ''})`);
  }

  if (failures.length) {
    throw new Error(`${failures.length} file(s) could not be downloaded; the catalog was not written. Run the same command again to resume:\n- ${failures.join('\n- ')}`);
  }
  const catalog = packCatalog({ llm: record, llmFolderPath: folder, libFile, embedder: entry, reranker, lab, library });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
  log(`Pack ready: ${join(out, 'catalog.json')}. Build the site (npm run build:pack) and serve dist/ from any static host.`);
  return catalog;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { llm: { type: 'string' }, embedder: { type: 'string' }, reranker: { type: 'string' }, dtype: { type: 'string' }, source: { type: 'string' }, out: { type: 'string', default: 'public/models' }, lab: { type: 'boolean', default: false }, docs: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  try {
    await makePack({ ...values, out: resolve(values.out) });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
