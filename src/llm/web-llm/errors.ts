// web-llm errors → messages a person can act on. Errors from its worker arrive
// as plain strings or generic Errors, so the mapping reads names and messages.
import { LlmError, errorMessage, tKey } from '../../shared/errors';

// Each rule: what web-llm says, and the key of what to tell the person (shared/errors.en.json has
// the English, with web-llm's own words in brackets).
const rules: [RegExp, string][] = [
  [/WebGPUNotAvailable|WebGPU is not supported|navigator\.gpu|No adapter|requestAdapter/i, 'errors:webllm.noWebGpu'],
  [/shader-f16|FeatureSupport|required feature/i, 'errors:webllm.shaderF16'],
  [/out of memory|OutOfMemory|Device was lost|device lost|allocate|createBuffer.*size|maxBufferSize|maxStorageBufferBindingSize/i, 'errors:webllm.memory'],
  [/QuotaExceeded|quota/i, 'errors:webllm.quota'],
  [/Failed to fetch|NetworkError|net::ERR|Load failed|ERR_INTERNET|status 0|network/i, 'errors:webllm.network'],
  [/404|not found/i, 'errors:webllm.notFound'],
];

/** A readable LlmError for anything web-llm throws; AbortErrors pass through unchanged. */
export function mapWebLlmError(e: unknown): unknown {
  if ((e as { name?: string } | null)?.name === 'AbortError') return e;
  const detail = errorMessage(e);
  const name = (e as { name?: string } | null)?.name ?? '';
  for (const [re, key] of rules) {
    if (re.test(`${name} ${detail}`)) return new LlmError(tKey(key, { detail: detail.slice(0, 200) }), { cause: e });
  }
  return new LlmError(tKey('errors:webllm.failed', { detail: detail.slice(0, 300) }), { cause: e });
}
