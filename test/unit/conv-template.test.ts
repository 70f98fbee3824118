// Prompt-format goldens, written out by hand from web-llm's Conversation rules
// (getPromptArray: system part, role + role_content_sep + content + seps[i], and
// the reply header role + role_empty_sep) for three real template shapes.
import { describe, expect, it } from 'vitest';
import { formatPrompt, type ConvTemplate } from '../../src/llm/conv-template';

const chatml: ConvTemplate = {
  name: 'chatml', system_template: '<|im_start|>system\n{system_message}<|im_end|>\n', system_message: 'A conversation.',
  roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' }, seps: ['<|im_end|>\n'], role_content_sep: '\n', role_empty_sep: '\n',
  stop_str: ['<|im_end|>'], stop_token_ids: [2],
};
const qwen2: ConvTemplate = { ...chatml, name: 'qwen2', system_message: 'You are a helpful assistant.', stop_token_ids: [151643, 151645] };
// mlc-llm's qwen3 template: Qwen2's ChatML, with <|endoftext|> as a second stop string.
const qwen3: ConvTemplate = { ...qwen2, name: 'qwen3', stop_str: ['<|endoftext|>', '<|im_end|>'], stop_token_ids: [151643, 151645] };
const llama31: ConvTemplate = {
  name: 'llama-3_1', system_template: '<|start_header_id|>system<|end_header_id|>\n\n{system_message}<|eot_id|>', system_message: 'You are a helpful assistant.',
  roles: { user: '<|start_header_id|>user', assistant: '<|start_header_id|>assistant' }, seps: ['<|eot_id|>'],
  role_content_sep: '<|end_header_id|>\n\n', role_empty_sep: '<|end_header_id|>\n\n', system_prefix_token_ids: [128000],
};
const turns = [
  { role: 'user' as const, content: 'When is kelp cut?' },
  { role: 'assistant' as const, content: 'From 1 May to 15 August [1].' },
  { role: 'user' as const, content: 'And barley?' },
];

describe('formatPrompt goldens', () => {
  it('chatml', () => {
    expect(formatPrompt(chatml, turns).text).toBe(
      '<|im_start|>system\nA conversation.<|im_end|>\n<|im_start|>user\nWhen is kelp cut?<|im_end|>\n' +
        '<|im_start|>assistant\nFrom 1 May to 15 August [1].<|im_end|>\n<|im_start|>user\nAnd barley?<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it('qwen2, with a system message from the request', () => {
    const { parts, text } = formatPrompt(qwen2, [{ role: 'system', content: 'Answer from the sources.' }, turns[0]!]);
    expect(text).toBe('<|im_start|>system\nAnswer from the sources.<|im_end|>\n<|im_start|>user\nWhen is kelp cut?<|im_end|>\n<|im_start|>assistant\n');
    expect(parts).toHaveLength(3);
  });

  it('qwen3, a multi-turn chat with the default system message', () => {
    const { parts, text } = formatPrompt(qwen3, turns);
    expect(text).toBe(
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhen is kelp cut?<|im_end|>\n' +
        '<|im_start|>assistant\nFrom 1 May to 15 August [1].<|im_end|>\n<|im_start|>user\nAnd barley?<|im_end|>\n<|im_start|>assistant\n',
    );
    expect(parts).toEqual([
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n',
      '<|im_start|>user\nWhen is kelp cut?<|im_end|>\n',
      '<|im_start|>assistant\nFrom 1 May to 15 August [1].<|im_end|>\n',
      '<|im_start|>user\nAnd barley?<|im_end|>\n',
      '<|im_start|>assistant\n',
    ]);
  });

  it('the fixtures carry their family\'s template: tiny-qwen3 renders exactly as qwen3', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { fixtureModelsDir } = await import('./helpers');
    const config = JSON.parse(readFileSync(join(fixtureModelsDir, 'tiny-qwen3', 'mlc-chat-config.json'), 'utf8'));
    expect(config.conv_template.name).toBe('qwen3');
    expect(config.conv_template.stop_str).toEqual(qwen3.stop_str);
    expect(formatPrompt(config.conv_template, turns).text).toBe(formatPrompt(qwen3, turns).text);
  });

  it('llama-3_1', () => {
    expect(formatPrompt(llama31, turns.slice(0, 1)).text).toBe(
      '<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nWhen is kelp cut?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('applies the rarer fields: default separators, role templates, no role after the system message, empty system', () => {
    const t: ConvTemplate = {
      system_template: '[SYS]{system_message}[/SYS]', system_message: 'S', roles: { user: 'U', assistant: 'A' }, seps: [' | ', ' || '],
      role_templates: { user: '<q>{user_message}</q>' }, add_role_after_system_message: false,
    };
    expect(formatPrompt(t, turns).text).toBe('[SYS]S[/SYS]<q>When is kelp cut?</q> | A: From 1 May to 15 August [1]. || U: <q>And barley?</q> | A: ');
    expect(formatPrompt({ ...t, render_empty_system_message: false }, [{ role: 'system', content: '' }, turns[0]!]).parts[0]).toBe('U: <q>When is kelp cut?</q> | ');
    expect(() => formatPrompt({ ...t, seps: [] }, turns)).toThrow(/no seps/);
  });
});
