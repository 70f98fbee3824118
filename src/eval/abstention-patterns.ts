// Phrases that mark an answer as an abstention, matched on lower-cased text.
// The RAG prompt and the self-generated-demonstration targets use the first one.
export const abstentionPatterns: RegExp[] = [
  /\bi don'?t know\b/,
  /\bi do not know\b/,
  /\b(?:i'?m|i am) not (?:sure|certain|able to)\b/,
  /\b(?:cannot|can'?t|unable to) (?:answer|find|determine|tell)\b/,
  /\b(?:no|not enough) information\b/,
  /\bnot (?:mentioned|stated|provided|given|found) in the (?:provided |given )?(?:documents|sources|context)\b/,
  /\b(?:documents|sources|context) (?:do|does) not (?:contain|mention|say|state|provide)\b/,
  /不知道|无法回答|無法回答|没有提到|沒有提到|わかりません|分かりません|答えられません/,
];
