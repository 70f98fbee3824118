// web-llm errors → messages a person can act on. Errors from its worker arrive
// as plain strings or generic Errors, so the mapping reads names and messages.
import { LlmError, errorMessage, tKey } from '../../shared/errors';

// Each rule: what web-llm says, what to tell the person, and that sentence's translation key
// (errors.json has it with the detail in brackets, as below).
const rules: [RegExp, string, string][] = [
  [/WebGPUNotAvailable|WebGPU is not supported|navigator\.gpu|No adapter|requestAdapter/i,
    'This browser has no usable WebGPU, which web-llm needs. Use a recent Chrome or Edge on a machine with a GPU, or pick a lab-engine model (CPU).',
    'errors:webllm.noWebGpu'],
  [/shader-f16|FeatureSupport|required feature/i,
    'This GPU lacks the shader-f16 feature that this model variant needs. Pick the q4f32 or q0f32 variant of the model.',
    'errors:webllm.shaderF16'],
  [/out of memory|OutOfMemory|Device was lost|device lost|allocate|createBuffer.*size|maxBufferSize|maxStorageBufferBindingSize/i,
    'The GPU ran out of memory (or was reset). Close other GPU-heavy tabs, or pick a smaller model or a q4 variant.',
    'errors:webllm.memory'],
  [/QuotaExceeded|quota/i,
    'Browser storage is full, so the model could not be cached. Delete models you no longer need in Models, or free disk space, then try again.',
    'errors:webllm.quota'],
  [/Failed to fetch|NetworkError|net::ERR|Load failed|ERR_INTERNET|status 0|network/i,
    'The model download was interrupted or the network is unreachable. Try again: files already downloaded are kept. Offline, use a model pack.',
    'errors:webllm.network'],
  [/404|not found/i,
    'A model file was not found at its source. The model list may be out of date for this web-llm version, or the pack is incomplete.',
    'errors:webllm.notFound'],
];

/** A readable LlmError for anything web-llm throws; AbortErrors pass through unchanged. */
export function mapWebLlmError(e: unknown): unknown {
  if ((e as { name?: string } | null)?.name === 'AbortError') return e;
  const detail = errorMessage(e);
  const name = (e as { name?: string } | null)?.name ?? '';
  for (const [re, message, key] of rules) {
    if (re.test(`${name} ${detail}`)) return new LlmError(`${message} (${detail.slice(0, 200)})`, { cause: e, i18n: tKey(key, { detail: detail.slice(0, 200) }) });
  }
  return new LlmError(`web-llm failed: ${detail.slice(0, 300)}`, { cause: e, i18n: tKey('errors:webllm.failed', { detail: detail.slice(0, 300) }) });
}
