// The RAG prompt: numbered sources in the system message, an instruction to
// cite them as [n] and to say so when they lack the answer. The template is a
// setting the user can edit ("Advanced" in Chat).
import type { ChatMessage } from '../shared/llm-types';
import type { RetrievedChunk } from '../shared/search-api';

export const defaultRagTemplate = `You answer questions using only the numbered sources below.
Cite every fact with the number of its source in square brackets, like [1].
If the sources do not contain the answer, say "I don't know based on the provided documents."

Sources:
{sources}`;

export const noRetrievalSystem = 'You are a helpful assistant. If you do not know the answer, say so.';

/** One source as the model sees it: number, document, location, text. */
export function formatSource(chunk: RetrievedChunk, n: number): string {
  const where = [chunk.docName, ...chunk.headingPath, chunk.page ? `page ${chunk.page}` : ''].filter(Boolean).join(' › ');
  return `[${n}] (${where})\n${chunk.text.trim()}`;
}

/** System message with the sources, then the conversation so far, then the question. */
export function buildRagMessages(template: string, sources: RetrievedChunk[] | null, history: ChatMessage[], question: string): ChatMessage[] {
  const system = sources === null
    ? noRetrievalSystem
    : template.includes('{sources}')
      ? template.replace('{sources}', sources.length ? sources.map((s, i) => formatSource(s, i + 1)).join('\n\n') : '(no sources found)')
      : `${template}\n\nSources:\n${sources.map((s, i) => formatSource(s, i + 1)).join('\n\n')}`;
  return [{ role: 'system', content: system }, ...history.filter((m) => m.role !== 'system'), { role: 'user', content: question }];
}

export interface Citation {
  n: number;
  /** False when the answer cites a source number that was not given. */
  exists: boolean;
}

/** The [n] citations in an answer, in order of first use ([1, 2] and [1][2] both count). */
export function citations(answer: string, sourceCount: number): Citation[] {
  const seen = new Map<number, Citation>();
  for (const m of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of m[1]!.split(',')) {
      const n = Number(part.trim());
      if (!seen.has(n)) seen.set(n, { n, exists: n >= 1 && n <= sourceCount });
    }
  }
  return [...seen.values()];
}
