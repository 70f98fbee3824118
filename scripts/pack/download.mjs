// Resumable, verified downloads for workshop packs. A file is written to
// `<name>.part` and renamed only once it is complete and its checksum (when the
// source gives one) matches, so no partial file ever looks complete.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export class DownloadError extends Error {
  constructor(url, message) {
    super(`${url}: ${message}`);
    this.name = 'DownloadError';
    this.url = url;
  }
}

async function size(path) {
  return (await stat(path).catch(() => null))?.size ?? null;
}

export async function fileHash(path, algorithm) {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/** The checksum a Hugging Face-style response carries: an LFS file's ETag is the SHA-256 of its content. */
export function checksumFromHeaders(headers) {
  const etag = (headers.get('x-linked-etag') ?? headers.get('etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
  return /^[0-9a-f]{64}$/.test(etag) ? { algorithm: 'sha256', value: etag } : null;
}

/**
 * Downloads `url` to `dest`. Resumes a `.part` left by an earlier run with a Range request;
 * verifies `expected` ({algorithm, value}) or the response's own checksum; reports progress.
 * Returns {bytes, resumedFrom, verified}. Throws DownloadError with the reason.
 */
export async function download(url, dest, { expected = null, onProgress = () => {}, fetchFn = fetch, retries = 2 } = {}) {
  const part = `${dest}.part`;
  await mkdir(dirname(dest), { recursive: true });
  // Complete files (renamed only after their checks) are kept; a known checksum is checked again.
  if ((await size(dest)) !== null && (!expected || (await fileHash(dest, expected.algorithm)) === expected.value)) {
    return { bytes: await size(dest), resumedFrom: 0, verified: expected?.algorithm ?? null, skipped: true };
  }
  let attempt = 0;
  let resumedFrom = 0;
  for (;;) {
    const have = (await size(part)) ?? 0;
    if (attempt === 0) resumedFrom = have;
    let response;
    try {
      response = await fetchFn(url, { headers: have ? { Range: `bytes=${have}-` } : {} });
    } catch (e) {
      if (attempt++ < retries) continue;
      throw new DownloadError(url, `the server could not be reached (${e.cause?.code ?? e.message}). Check --source and the network; run the same command again to resume.`);
    }
    if (response.status === 404) throw new DownloadError(url, 'not found (HTTP 404). Check the model id, or that the mirror has this file.');
    if (response.status === 416) {
      // The .part is already the whole file (or longer): start it again.
      await rm(part, { force: true });
      if (attempt++ < retries) continue;
    }
    if (!response.ok) {
      if (attempt++ < retries && response.status >= 500) continue;
      throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}.`);
    }
    const append = response.status === 206 && have > 0;
    const total = Number(response.headers.get('content-length') ?? 0) + (append ? have : 0) || null;
    const checksum = expected ?? checksumFromHeaders(response.headers);
    const handle = await open(part, append ? 'a' : 'w');
    let done = append ? have : 0;
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        await handle.write(value);
        done += value.length;
        onProgress(done, total);
      }
    } catch (e) {
      await handle.close();
      // Keep the .part: the next attempt (or run) resumes from it.
      if (attempt++ < retries) continue;
      throw new DownloadError(url, `the download broke off at ${done} bytes (${e.message}). Run the same command again to resume.`);
    }
    await handle.close();
    if (total !== null && done !== total) {
      if (attempt++ < retries) continue;
      throw new DownloadError(url, `got ${done} of ${total} bytes. Run the same command again to resume.`);
    }
    if (checksum) {
      const actual = await fileHash(part, checksum.algorithm);
      if (actual !== checksum.value) {
        await rm(part, { force: true });
        throw new DownloadError(url, `the ${checksum.algorithm} checksum does not match (expected ${checksum.value}, got ${actual}); the partial file was removed. The source may be corrupt.`);
      }
    }
    await rename(part, dest);
    return { bytes: done, resumedFrom, verified: checksum?.algorithm ?? null };
  }
}
