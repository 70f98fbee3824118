// The web-llm models RAG Lab offers: small ones, in every quantization web-llm
// ships, looked up in the installed web-llm's prebuilt list at run time (their
// URLs and wasm libraries change between releases). Data only.

export const curatedModelIds: readonly string[] = [
  'SmolLM2-135M-Instruct-q0f16-MLC',
  'SmolLM2-135M-Instruct-q0f32-MLC',
  'SmolLM2-360M-Instruct-q4f16_1-MLC',
  'SmolLM2-360M-Instruct-q4f32_1-MLC',
  'SmolLM2-360M-Instruct-q0f16-MLC',
  'SmolLM2-360M-Instruct-q0f32-MLC',
  'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
  'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  'Qwen2.5-0.5B-Instruct-q0f16-MLC',
  'Qwen2.5-0.5B-Instruct-q0f32-MLC',
  'Qwen3-0.6B-q4f16_1-MLC',
  'Qwen3-0.6B-q4f32_1-MLC',
  'Qwen3-0.6B-q0f16-MLC',
  'Qwen3-0.6B-q0f32-MLC',
  'Llama-3.2-1B-Instruct-q4f16_1-MLC',
  'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  'Llama-3.2-1B-Instruct-q0f16-MLC',
  'Llama-3.2-1B-Instruct-q0f32-MLC',
  'TinyLlama-1.1B-Chat-v1.0-q4f16_1-MLC',
  'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC',
];

/** Hugging Face organisations of the original weights that web-llm's MLC builds are made from, by model name prefix. */
const hfOrganisations: readonly [prefix: string, org: string][] = [
  ['SmolLM2-', 'HuggingFaceTB'],
  ['Qwen2.5-', 'Qwen'],
  ['Qwen2-', 'Qwen'],
  ['Qwen3-', 'Qwen'],
  ['Llama-3.2-', 'meta-llama'],
  ['TinyLlama-', 'TinyLlama'],
];

/**
 * PEFT's `base_model_name_or_path` for a base model: the Hugging Face id of the weights an MLC build
 * was converted from (`SmolLM2-135M-Instruct-q0f16-MLC` → `HuggingFaceTB/SmolLM2-135M-Instruct`), so that
 * PEFT and vLLM find the base by themselves. A model of unknown origin (a pack's own) keeps its bare name.
 */
export function hfBaseModelName(modelId: string): string {
  const name = modelId.replace(/^local\//, '').replace(/-q\d+f(16|32)(_\d+)?-MLC$/, '');
  const org = hfOrganisations.find(([prefix]) => name.startsWith(prefix))?.[1];
  return org ? `${org}/${name}` : name;
}
