// The model a dataset is rendered for: its conv_template and tokenizer, read
// from its own MLC files (mlc-chat-config.json, tokenizer.json), so training
// prompts are rendered exactly as the model sees them at inference.
import type { ConvTemplate } from '../llm/conv-template';
import { modelShape, sourceBudgetOf } from '../llm/reference/config';
import type { ModelFamily, SourceBudget } from '../shared/llm-types';

export interface TargetModel {
  template: ConvTemplate;
  family: ModelFamily;
  tied: boolean;
  countTokens: (text: string) => number;
  /** mlc-chat-config.json's `source_sentences` and `source_limit`: the model reads short sources (EngineCapabilities.sourceBudget). */
  sourceBudget?: SourceBudget;
}

/** Reads a model's template and tokenizer through `readFile` (the web-llm cache, the pack, or disk in tests). */
export async function readTargetModel(readFile: (name: string) => Promise<ArrayBuffer>): Promise<TargetModel> {
  const read = async (f: string) => JSON.parse(new TextDecoder().decode(await readFile(f))) as Record<string, unknown>;
  const config = await read('mlc-chat-config.json');
  const shape = modelShape(config);
  const sourceBudget = sourceBudgetOf(config);
  // transformers.js is large: loaded only when a dataset is built or rendered.
  const { PreTrainedTokenizer } = await import('@huggingface/transformers');
  const tokenizer = new PreTrainedTokenizer(await read('tokenizer.json'), await read('tokenizer_config.json').catch(() => ({})));
  return {
    template: config.conv_template as ConvTemplate, family: shape.family, tied: shape.tied,
    countTokens: (t) => tokenizer.encode(t, { add_special_tokens: false }).length,
    ...(sourceBudget ? { sourceBudget } : {}),
  };
}
