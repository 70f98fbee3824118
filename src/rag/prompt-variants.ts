// The texts sent to models, one variant per prompt language. These are model
// prompts, not UI strings: they stay out of the interface's translations, and
// changing one changes what the models are trained and measured on.
import type { PromptLanguage } from '../shared/language';

export interface PromptVariant {
  /** The RAG system prompt; `{sources}` is replaced by the numbered sources. */
  ragTemplate: string;
  /** The system prompt without retrieval. */
  noRetrievalSystem: string;
  /** What a model should say when the sources lack the answer (also the abstention target of training data). */
  abstention: string;
  /** Put in place of `{sources}` when retrieval found nothing. */
  noSources: string;
  /** How a source's page is named in its location line. */
  page: (n: number) => string;
  /** The RAFT chain-of-thought target; the markers and `<ANSWER>:` are added by the caller's arguments. */
  raftTarget: (quote: string, citation: string, answer: string) => string;
  /** Asks a model to write a RAFT target itself (the dataset builder's "model-written" option). */
  raftWriter: { system: string; user: (oracle: string, question: string, answer: string, quote: string) => string };
}

export const promptVariants: Record<PromptLanguage, PromptVariant> = {
  en: {
    ragTemplate: `You answer questions using only the numbered sources below.
Cite every fact with the number of its source in square brackets, like [1].
If the sources do not contain the answer, say "I don't know based on the provided documents."

Sources:
{sources}`,
    noRetrievalSystem: 'You are a helpful assistant. If you do not know the answer, say so.',
    abstention: "I don't know based on the provided documents.",
    noSources: '(no sources found)',
    page: (n) => `page ${n}`,
    raftTarget: (quote, citation, answer) => `The relevant passage says: ${quote}${citation}. So the answer is ${answer}. <ANSWER>: ${answer}`,
    raftWriter: {
      system: 'You explain answers. Write one or two sentences of reasoning that copy the quote exactly between ##begin_quote## and ##end_quote##, then end with "<ANSWER>: " followed by the answer.',
      user: (oracle, question, answer, quote) => `Document:\n${oracle}\n\nQuestion: ${question}\nAnswer: ${answer}\nQuote: ${quote}`,
    },
  },
  zh: {
    ragTemplate: `你只根据下面编号的资料回答问题。
每个事实都要用方括号注明其资料编号，例如 [1]。
如果资料中没有答案，请说“根据所提供的文档，我不知道。”

资料：
{sources}`,
    noRetrievalSystem: '你是一个乐于助人的助手。如果你不知道答案，请直接说不知道。',
    abstention: '根据所提供的文档，我不知道。',
    noSources: '（没有找到资料）',
    page: (n) => `第 ${n} 页`,
    raftTarget: (quote, citation, answer) => `相关段落写道：${quote}${citation}。所以答案是${answer}。<ANSWER>: ${answer}`,
    raftWriter: {
      system: '你负责解释答案。用中文写一两句推理，把引文原样抄写在 ##begin_quote## 和 ##end_quote## 之间，最后以“<ANSWER>: ”加上答案结尾。',
      user: (oracle, question, answer, quote) => `文档：\n${oracle}\n\n问题：${question}\n答案：${answer}\n引文：${quote}`,
    },
  },
};
