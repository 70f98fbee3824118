// The built-in lexical models' vocabulary and token weights. Unlike the test
// fixtures (whose vocabulary is the demo pack's words), it is built from no
// corpus at all, so a person's own documents tokenize as well as the demo's:
//
//   - every letter piece of 1 to 3 letters, word-initial ("ret") and
//     continuing ("##rie"), so WordPiece cuts any English word into the same
//     pieces each time ("retrieval" → ret ##rie ##val, "retrieve" → ret ##rie ##ve);
//   - digit pieces of 1 to 3 digits, the same two ways;
//   - the common English function words as whole tokens, weighted low;
//   - every CJK Unified Ideograph (U+4E00–U+9FFF): BERT's pre-tokenizer makes each
//     Han character a token; a few Chinese function characters are weighted low;
//   - Greek, Cyrillic and kana letters as single pieces.
//
// Weights stand in for IDF, which needs a corpus: a piece weighs by its length
// (longer pieces say more), function words and characters weigh 0.1.

export const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/** English function words (hand-written): matched as whole tokens, weighted low. */
export const englishStopWords = `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just may me might more most must my myself no nor not now of off on once only or
other our ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there these
they this those through to too under until up upon very was we were what when where which while who whom whose why will with would
you your yours yourself yourselves`.split(/\s+/);

/** Chinese function characters (hand-written): particles, pronouns, copulas; weighted low. */
export const chineseStopChars = [...'的了是在和有我你他她它们这那个也不就与及等为之而或被把对从到以于将其该所并且即都又很吗呢吧啊么'];

const letters = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';

function grams(alphabet, maxLength) {
  let level = [''];
  const out = [];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((p) => [...alphabet].map((c) => p + c));
    out.push(...level);
  }
  return out;
}

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
}

/** Greek, Cyrillic and kana letters: single pieces, so words in those scripts do not become [UNK]. */
function otherLetters() {
  return [...range(0x3b1, 0x3c9), ...range(0x430, 0x44f), ...range(0x3041, 0x3096), ...range(0x30a1, 0x30fa)];
}

/** The vocabulary in id order: special tokens first (BERT's ids), then pieces, words and characters. */
export function builtinVocabulary() {
  const letterGrams = grams(letters, 3);
  const digitGrams = grams(digits, 3);
  const singles = otherLetters();
  const tokens = [
    ...SPECIAL,
    ...letterGrams, ...letterGrams.map((g) => `##${g}`),
    ...digitGrams, ...digitGrams.map((g) => `##${g}`),
    ...singles, ...singles.map((g) => `##${g}`),
    ...englishStopWords,
    ...range(0x4e00, 0x9fff),
  ];
  return [...new Set(tokens)];
}

const stopWords = new Set(englishStopWords);
const stopChars = new Set(chineseStopChars);

/** A token's weight in the embedding and in the reranker's overlap score. */
export function builtinTokenWeight(token) {
  if (SPECIAL.includes(token)) return 0;
  if (stopWords.has(token) || stopChars.has(token)) return 0.1;
  const piece = token.startsWith('##') ? token.slice(2) : token;
  const continuing = piece !== token;
  if (/^\p{Script=Han}$/u.test(piece)) return 1;
  if (/^[0-9]+$/.test(piece)) return piece.length === 1 ? 0.3 : Math.min(1, piece.length / 3 + 0.2);
  if (/^[a-z]+$/.test(piece)) return (piece.length / 3) * (continuing ? 0.8 : 1);
  return 0.5;
}
