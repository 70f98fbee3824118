// The words that evoke a relation label in a question, for the lexical planner and path search: the label's own words,
// the vocabulary that maps onto it (relations.ts: "founded by" and "written by" give made_by; chinese.ts: 修建 gives
// built_by), and the question word of the kind of answer it ends at (where, when, who). Nothing here is picked from a
// document set: a label the extractor names from a verb ("ring", "born_in") is cued by that verb.
import { endsAtPerson, endsAtPlace, type AnswerType } from './answer-type';
import { chineseWords } from './chinese';
import { kinInverse, labelSynonyms, verbRules } from './relations';
import { functionWords } from './words';

function vocabulary(label: string): string[] {
  const words: string[] = [];
  // Function words ("was", "are" in is_a's pattern) say nothing about which relation a question asks for.
  for (const rule of verbRules) if (rule.label === label) words.push(...(rule.pattern.source.match(/[a-z]{3,}/g) ?? []).filter((w) => !functionWords.has(w)));
  for (const [from, to] of Object.entries(labelSynonyms)) if (to === label && /^[a-z_]+$/.test(from)) words.push(...from.split('_'));
  for (const w of label.split('_')) words.push(...(kinInverse[w] ?? []));
  return words;
}

/** The kind of answer a label ends at, if it is one a question word asks for. */
export function labelAnswerType(label: string): AnswerType | null {
  if (label === 'in_year') return 'when';
  if (label === 'holds_role' || label.endsWith('_by') || endsAtPerson(label)) return 'who';
  if (endsAtPlace(label)) return 'where';
  return null;
}

const typeWords: Record<AnswerType, string[]> = { when: ['when', 'year'], who: ['who'], where: ['where', 'place'], how_many: [], other: [] };

function questionWords(label: string): string[] {
  const type = labelAnswerType(label);
  if (type) return typeWords[type];
  if (label === 'is_a') return ['kind', 'type'];
  if (label === 'same_as' || label === 'named') return ['called', 'named'];
  return [];
}

// Both are asked for every relation of every candidate plan of every question: computed once per label.
const cues = new Map<string, string>();
const wordCues = new Map<string, string>();

/**
 * The label's own words and its vocabulary, without question words: what the lexical planner matches against a
 * question's words. The question word is matched through the question's answer type instead, and for a plan's last hop
 * only: in "Where was the person who rings Great Tom born?" the "who" opens a clause and asks for nothing.
 */
export function relationWords(label: string): string {
  let cue = wordCues.get(label);
  if (cue === undefined) {
    cue = [...new Set([...label.split('_'), ...vocabulary(label)])].join(' ');
    wordCues.set(label, cue);
  }
  return cue;
}
const cuesZh = new Map<string, string[]>();

/** The label's own words, its vocabulary and its question words (English), space-separated. */
export function relationCue(label: string): string {
  let cue = cues.get(label);
  if (cue === undefined) {
    cue = [...new Set([...label.split('_'), ...vocabulary(label), ...questionWords(label)])].join(' ');
    cues.set(label, cue);
  }
  return cue;
}

/** A label's own Chinese words: 徒弟 in "徒弟_of", 会长 in "会长_of". */
// (Chinese compounds end with their head: "第五代传人_of" is asked for by 传人 too.)
export const hanWords = (label: string): string[] => label.split('_').filter((w) => /^\p{Script=Han}{2,}$/u.test(w)).flatMap((w) => (w.length >= 4 ? [w, w.slice(-2)] : [w]));

/** The Chinese words that state the label (a question holds them as a substring: Chinese has no spaces). */
export function relationCueZh(label: string): string[] {
  let words = cuesZh.get(label);
  if (words === undefined) {
    // (… and the label's own Chinese words: "徒弟_of", "会长_of" are asked for by 徒弟, 会长.)
    words = [...new Set([...chineseWords(label), ...hanWords(label)])];
    cuesZh.set(label, words);
  }
  return words;
}

/** The short phrase whose vector stands for the label in the embedding route of planning. */
export function relationPhrase(label: string): string {
  return relationCue(label).trim();
}
