// Chat messages → prompt, exactly as web-llm renders a model's conv_template
// (mlc-chat-config.json). Read from the model's own config at run time: these
// differ from Hugging Face's chat templates.
import type { ChatMessage } from '../shared/llm-types';

export interface ConvTemplate {
  name?: string;
  system_template: string;
  system_message: string;
  roles: Record<string, string>;
  role_templates?: Record<string, string>;
  seps: string[];
  role_content_sep?: string;
  role_empty_sep?: string;
  stop_str?: string[];
  stop_token_ids?: number[];
  system_prefix_token_ids?: number[];
  add_role_after_system_message?: boolean;
  render_empty_system_message?: boolean;
}

export type { ChatMessage } from '../shared/llm-types';

const placeholders: Record<string, string> = { user: '{user_message}', assistant: '{assistant_message}', tool: '{tool_message}' };

/**
 * The prompt as web-llm builds it: the system part, one part per message, and
 * the assistant's reply header. web-llm tokenizes each part on its own and
 * prepends `system_prefix_token_ids`; `parts` keeps that split.
 */
export function formatPrompt(t: ConvTemplate, messages: ChatMessage[]): { parts: string[]; text: string } {
  if (!t.seps.length) throw new Error('conv_template has no seps.');
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).at(-1) ?? t.system_message;
  const systemPrompt = system === '' && t.render_empty_system_message === false ? '' : t.system_template.replace('{system_message}', system);
  const parts = systemPrompt ? [systemPrompt] : [];
  const contentSep = t.role_content_sep ?? ': ';
  messages.filter((m) => m.role !== 'system').forEach((m, i) => {
    const role = t.roles[m.role];
    if (role === undefined) throw new Error(`conv_template has no role "${m.role}".`);
    const body = t.role_templates?.[m.role]?.replace(placeholders[m.role] ?? '', m.content).replace('{function_string}', '') ?? m.content;
    const prefix = t.add_role_after_system_message === false && systemPrompt !== '' && i === 0 ? '' : role + contentSep;
    parts.push(prefix + body + t.seps[i % t.seps.length]);
  });
  parts.push(t.roles.assistant + (t.role_empty_sep ?? ': '));
  return { parts, text: parts.join('') };
}
