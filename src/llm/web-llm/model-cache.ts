// web-llm's Cache API caches, read and written directly: the lab engine reads
// merged models from them, and a merge writes a new model into them so that
// web-llm loads it with no network (../shared/formats/mlc-web-llm.md).

export const configScope = 'webllm/config';
export const modelScope = 'webllm/model';

/** The scope web-llm looks in for a file of a model folder. */
export const scopeFor = (file: string) => (file === 'mlc-chat-config.json' ? configScope : modelScope);

/** A file from web-llm's caches if it is there, else from the network (same origin for packs). */
export async function readCachedOrFetch(url: string): Promise<ArrayBuffer> {
  if (typeof caches !== 'undefined') {
    for (const scope of [modelScope, configScope]) {
      const hit = await (await caches.open(scope)).match(url);
      if (hit) return hit.arrayBuffer();
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status}). Check the model pack, or download the model again.`);
  return response.arrayBuffer();
}

/** Writes files of one model folder; returns their URLs. Throws a QuotaExceededError if the disk is full. */
export async function putModelFiles(folderUrl: string, files: Map<string, Uint8Array>): Promise<string[]> {
  const urls: string[] = [];
  for (const [file, bytes] of files) {
    const url = new URL(file, folderUrl).href;
    await (await caches.open(scopeFor(file))).put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } }));
    urls.push(url);
  }
  return urls;
}

/** Deletes exactly these URLs from both scopes (a merged model's own files; never the base's). */
export async function deleteUrls(urls: string[]): Promise<void> {
  for (const scope of [modelScope, configScope]) {
    const cache = await caches.open(scope);
    for (const url of urls) await cache.delete(url);
  }
}
