// A local stand-in for the Hugging Face hub and web-llm's library host, serving
// the fixture models in the hub's layout (for the pack tests; no network here).
// It supports Range requests, gives LFS-style SHA-256 ETags, and can be told to
// break a download off halfway or to serve a wrong checksum.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

export const fixtureLlmId = 'Tiny-Llama-q0f32-MLC';
export const fixtureEmbedderId = 'local/tiny-embedder';
export const fixtureRerankerId = 'local/tiny-reranker';

/** The prebuilt record web-llm would have for the fixture LLM, on the public hosts. */
export const fixtureRecord = {
  model: `https://huggingface.co/mlc-ai/${fixtureLlmId}`,
  model_id: fixtureLlmId,
  model_lib: 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Tiny-Llama-q0f32-webgpu.wasm',
  vram_required_MB: 1,
  low_resource_required: true,
};

/**
 * @param {string} modelsDir the generated fixtures (test/fixtures/models)
 * @param {{breakOnce?: string[], badChecksum?: string[], missing?: string[]}} faults file names to break
 */
export async function startFakeHub(modelsDir, faults = {}) {
  const broken = new Set(faults.breakOnce ?? []);
  const requests = [];
  const files = new Map();
  const llmDir = join(modelsDir, 'tiny-llama');
  const cache = JSON.parse(await readFile(join(llmDir, 'tensor-cache.json'), 'utf8'));
  for (const shard of cache.records) {
    const bytes = await readFile(join(llmDir, shard.dataPath));
    shard.md5sum = faults.badChecksum?.includes(shard.dataPath) ? '0'.repeat(32) : createHash('md5').update(bytes).digest('hex');
    files.set(`/mlc-ai/${fixtureLlmId}/resolve/main/${shard.dataPath}`, bytes);
  }
  files.set(`/mlc-ai/${fixtureLlmId}/resolve/main/tensor-cache.json`, Buffer.from(JSON.stringify(cache)));
  for (const f of ['mlc-chat-config.json', 'tokenizer.json', 'tokenizer_config.json']) files.set(`/mlc-ai/${fixtureLlmId}/resolve/main/${f}`, await readFile(join(llmDir, f)));
  files.set(new URL(fixtureRecord.model_lib).pathname, Buffer.from('\0asm fixture library (not a real model library)'));
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
    files.set(`/${fixtureEmbedderId}/resolve/main/${f}`, await readFile(join(modelsDir, 'tiny-embedder', f)));
  }
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
    files.set(`/${fixtureRerankerId}/resolve/main/${f}`, await readFile(join(modelsDir, 'tiny-reranker', f)));
  }
  for (const m of faults.missing ?? []) for (const k of [...files.keys()]) if (k.endsWith(`/${m}`)) files.delete(k);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push({ path, range: req.headers.range ?? null });
    const body = files.get(path);
    if (!body) return res.writeHead(404).end('not found');
    const name = path.split('/').pop();
    const headers = { 'accept-ranges': 'bytes' };
    if (name.endsWith('.onnx')) headers.etag = `"${faults.badChecksum?.includes(name) ? 'f'.repeat(64) : createHash('sha256').update(body).digest('hex')}"`;
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (start >= body.length && start > 0) return res.writeHead(416).end();
    const slice = body.subarray(start);
    res.writeHead(m ? 206 : 200, { ...headers, 'content-length': slice.length, ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
    if (broken.has(name) && !m) {
      broken.delete(name);
      // Send half, then drop the connection: the client must resume with a Range request.
      res.write(slice.subarray(0, Math.floor(slice.length / 2)), () => res.destroy());
      return;
    }
    res.end(slice);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, requests, close: () => new Promise((r) => server.close(r)) };
}
