// The reader's conv_template: Qwen2's ChatML, the same fields as the qwen2 fixture in
// scripts/fixtures/llm.mjs (web-llm's "qwen2"). stop_token_ids are filled in from the tokenizer.

export const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];

export const readerTemplate = {
  name: 'qwen2', system_template: '<|im_start|>system\n{system_message}<|im_end|>\n', system_message: 'You are a helpful assistant.',
  roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' }, role_content_sep: '\n', role_empty_sep: '\n',
  seps: ['<|im_end|>\n'], stop_str: ['<|im_end|>'], stop_token_ids: [2], system_prefix_token_ids: [], add_role_after_system_message: true,
};
