// The Content-Security-Policy, one definition for the page's <meta> tag (vite.config.ts),
// the header scripts/serve.mjs sends (which also covers workers), and dist/_headers.
// connect-src: this origin, plus the model hosts when the build downloads models
// online; a pack build (RAG_LAB_MODEL_HOSTS="") allows no other host at all.

/** Where online builds download models from: the Hugging Face hub (and its file CDNs) and web-llm's library host. */
export const defaultModelHosts = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co', 'https://raw.githubusercontent.com'];

export function modelHosts(env = process.env) {
  const v = env.RAG_LAB_MODEL_HOSTS;
  return v === undefined ? defaultModelHosts : v.split(/[\s,]+/).filter(Boolean);
}

export function contentSecurityPolicy(hosts = modelHosts()) {
  return [
    "default-src 'self'",
    // WebAssembly (ONNX Runtime, the search kernel, jax-js, web-llm) needs wasm-unsafe-eval; no inline or eval'd scripts.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    // Style attributes (charts, progress widths) are inline; style sheets come from this origin.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${hosts.length ? ` ${hosts.join(' ')}` : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}
