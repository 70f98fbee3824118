// Phrases that mark an answer as an abstention, matched on lower-cased text.
// The RAG prompt and the training targets use the first one, or in Chinese
// 根据所提供的文档，我不知道。 (rag/prompt-variants.ts), which 不知道 matches.
export const abstentionPatterns: RegExp[] = [
  /\bi don'?t know\b/,
  /\bi do not know\b/,
  /\b(?:i'?m|i am) not (?:sure|certain|able to)\b/,
  /\b(?:cannot|can'?t|unable to) (?:answer|find|determine|tell)\b/,
  /\b(?:no|not enough) information\b/,
  /\bnot (?:mentioned|stated|provided|given|found) in the (?:provided |given )?(?:documents|sources|context)\b/,
  /\b(?:documents|sources|context) (?:do|does) not (?:contain|mention|say|state|provide)\b/,
  /不知道|无法回答|無法回答|没有提到|沒有提到|わかりません|分かりません|答えられません/,
  /(?:资料|文档|文件|来源|上下文)(?:中|里)?(?:没有|並未|并未|未)(?:提到|提及|包含|说明|給出|给出)/,
  /无法(?:根据|确定|判断|从)|没有(?:相关|足够的?)?信息/,
];
