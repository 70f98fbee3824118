// Renders training examples with the target model's own conv_template, exactly
// as web-llm prompts it at inference, and exports them.
import { formatPrompt, type ConvTemplate } from '../llm/conv-template';
import type { DatasetKind, TrainingExample } from './datasets';
import { englishReadme, type ReadmeKey, type ReadmeText } from './readme-text';

export interface RenderedExample {
  /** Everything the model reads, up to and including the assistant header. */
  prompt: string;
  /** The target, then the separator that ends an assistant turn (the stop the model must learn). */
  completion: string;
}

export function renderExample(template: ConvTemplate, example: TrainingExample): RenderedExample {
  const target = example.messages.at(-1)!;
  if (target.role !== 'assistant') throw new Error('A training example ends with the assistant target.');
  const prompt = example.messages.slice(0, -1);
  const turns = prompt.filter((m) => m.role !== 'system').length;
  return { prompt: formatPrompt(template, prompt).text, completion: target.content + template.seps[turns % template.seps.length] };
}

/** JSONL in the common chat "messages" format, with the rendered prompt/completion alongside. */
export function toJsonl(template: ConvTemplate, examples: TrainingExample[]): string {
  return examples.map((e) => JSON.stringify({ messages: e.messages, ...renderExample(template, e), meta: { item_id: e.itemId, ...e.meta } })).join('\n') + '\n';
}

export interface DatasetStats {
  examples: number;
  /** RAFT: share of answerable examples whose documents include the oracle. */
  oracleRate: number | null;
  abstentionShare: number;
  withContextShare: number;
  /** Token counts of rendered prompts and completions (when a tokenizer is given). */
  promptTokens: { mean: number; max: number } | null;
  completionTokens: { mean: number; max: number } | null;
}

export function datasetStats(template: ConvTemplate, examples: TrainingExample[], countTokens?: (text: string) => number): DatasetStats {
  const n = examples.length || 1;
  const answerable = examples.filter((e) => e.meta.oracle !== undefined && !e.meta.abstain);
  const lengths = (pick: (r: RenderedExample) => string) => {
    if (!countTokens || !examples.length) return null;
    const counts = examples.map((e) => countTokens(pick(renderExample(template, e))));
    return { mean: counts.reduce((a, b) => a + b, 0) / counts.length, max: Math.max(...counts) };
  };
  return {
    examples: examples.length,
    oracleRate: answerable.length ? answerable.filter((e) => e.meta.oracle).length / answerable.length : null,
    abstentionShare: examples.filter((e) => e.meta.abstain).length / n,
    withContextShare: examples.filter((e) => e.meta.withContext).length / n,
    promptTokens: lengths((r) => r.prompt),
    completionTokens: lengths((r) => r.completion),
  };
}

const targetModules: Record<string, string> = {
  llama: '["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]',
  qwen2: '["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]',
  qwen3: '["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]',
};

const kindKeys: Record<DatasetKind, ReadmeKey> = { raft: 'kindRaft', 'self-gen': 'kindSelfGen', sft: 'kindSft', 'rog-planning': 'kindRogPlanning', 'rog-reasoning': 'kindRogReasoning' };

/**
 * A README for training a PEFT LoRA on the export elsewhere, with the target modules of the model's family.
 * `text` gives its sentences in the interface language (English by default); the code stays as it is.
 */
export function trainingNote(kind: DatasetKind, name: string, model: { id: string; family: string; tied: boolean }, stats: DatasetStats, text: ReadmeText = englishReadme): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  const statsLine = stats.oracleRate === null
    ? text('stats', { examples: stats.examples, abstention: pct(stats.abstentionShare) })
    : text('statsOracle', { examples: stats.examples, abstention: pct(stats.abstentionShare), oracle: pct(stats.oracleRate) });
  return `# ${name}

${text(kindKeys[kind])}

${statsLine}
${text('rendered', { model: model.id, family: model.family })}
${text('trainOnly')}

${text('peftTitle')}

\`\`\`python
from datasets import load_dataset
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

data = load_dataset("json", data_files="${name}.jsonl", split="train").select_columns(["prompt", "completion"])
lora = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, bias="none", task_type="CAUSAL_LM",
                  target_modules=${targetModules[model.family] ?? targetModules.llama})
trainer = SFTTrainer(model="${text('hfId', { model: model.id })}", train_dataset=data, peft_config=lora,
                     args=SFTConfig(output_dir="adapter", completion_only_loss=True, num_train_epochs=3))
trainer.train()
trainer.save_model("adapter")   # adapter_config.json + adapter_model.safetensors
\`\`\`

${text('keep')}
${model.tied ? `${text('tied')}\n` : ''}${text('import')}
`;
}
