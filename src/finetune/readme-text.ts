// The words of the exported dataset's README. It follows the interface language, but src/finetune
// does not know the UI's i18n: the UI passes a translate function built from its locale files, and
// these English strings are the default (they must match locales/en/finetune.json `readme.*` word for word).

export const readmeStrings = {
  kindRaft: "RAFT (Zhang et al. 2024): each prompt holds retrieved documents (the oracle in a share P of them, hard-negative distractors otherwise); the target quotes the oracle between ##begin_quote## and ##end_quote## and ends with \"<ANSWER>: …\".",
  kindSelfGen: "Self-generated demonstrations (Finlayson et al. 2025): the base model's own correct answers, verbatim, and \"I don't know based on the provided documents.\" where it was wrong.",
  kindSft: "Plain domain SFT: the question alone, and the gold answer as the target.",
  kindRogPlanning: "RoG planning (Luo et al. 2024): the question after RoG's planning instruction; the target is the relation path, as <PATH>r1<SEP>r2</PATH>, of the shortest path in the knowledge graph from an entity the question names to the answer.",
  kindRogReasoning: "RoG retrieval-reasoning (Luo et al. 2024): RoG's prompt with the reasoning paths that graph retrieval finds for the question; the target is the answer citing the path that reaches it as [n] (the abstention for unanswerable questions).",
  stats: "- Examples: {{examples}}; abstention targets: {{abstention}}%.",
  statsOracle: "- Examples: {{examples}}; abstention targets: {{abstention}}%; oracle present: {{oracle}}%.",
  rendered: "- Rendered for **{{model}}** ({{family}}) with its own conv_template, exactly as web-llm prompts it: `prompt` ends with the\n  assistant header, `completion` is the target plus the end-of-turn separator. `messages` has the same example in the common chat format.",
  trainOnly: "- Built from the train split only; the app records these questions and refuses to evaluate on them.",
  peftTitle: "## Train a LoRA with PEFT (elsewhere: a GPU machine or a notebook)",
  hfId: "<the Hugging Face id of {{model}}>",
  keep: "- Keep `bias=\"none\"`, no DoRA, and (for Llama and Qwen2 Linear layers) `fan_in_fan_out=False`.",
  tied: "- This model ties lm_head to the embeddings: do not put lm_head in target_modules; such an adapter cannot be merged.",
  import: "- Then import `adapter_config.json` and `adapter_model.safetensors` in RAG Lab's Fine-tune view, merge, and compare.",
} as const;

export type ReadmeKey = keyof typeof readmeStrings;
/** The README's sentence `key` with its `{{values}}`, in one language. */
export type ReadmeText = (key: ReadmeKey, params?: Record<string, string | number>) => string;

/** The README in English, as it has always been. */
export const englishReadme: ReadmeText = (key, params = {}) =>
  readmeStrings[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
