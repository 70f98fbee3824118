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
