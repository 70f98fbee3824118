// What kind of answer a question asks for (who, where, when, how many), from its question words in English or
// Chinese, and whether an entity at the end of a path can be one. RoG's no-LLM baseline answers with the end of the
// best path that fits (graph/prompt.ts baselineAnswer).
import type { GraphPath } from './types';
import { kinNouns } from './relations';
import { functionWords, verbWords } from './words';

export type AnswerType = 'who' | 'where' | 'when' | 'how_many' | 'other';

// English question words count where they open the question (after a preposition at most: "In what year …"); inside it,
// "when" and "where" open clauses ("the store where the book is kept"). Chinese question words stand anywhere.
const opening = (words: string) => new RegExp(`^\\W*(?:(?:in|on|at|to|from|by|for|with|and)\\s+)?(?:${words})\\b`, 'iu');
const patterns: [AnswerType, RegExp, RegExp][] = [
  ['when', opening('when|what year|which year|what date'), /什么时候|哪一年|哪年|何时|什么年份/u],
  ['how_many', opening('how many|how much'), /多少|几个|几位|几艘|几座/u],
  ['where', opening('where|which (?:town|village|city|place|country|county|region|hamlet|island|port)|what (?:town|village|city|place)'), /哪里|哪儿|什么地方|在哪|何处|何地|哪(?:个|一个|座)?(?:县|镇|村|省|市|城|区|乡|国)/u],
  ['who', opening('who|whom|whose'), /谁/u],
];

/** The sentence that asks: "Tom Alder worked at a printing works. Which newspaper does that firm print?" asks the last. */
const asking = (question: string) => {
  const parts = question.trim().split(/(?<=[.!?。！？])\s*/u).filter((p) => p.trim());
  return parts.findLast((p) => /[?？]\s*$/u.test(p)) ?? parts[parts.length - 1] ?? question;
};

export function answerType(question: string): AnswerType {
  const q = asking(question);
  for (const [type, en, zh] of patterns) if (en.test(q) || zh.test(q)) return type;
  return 'other';
}

/**
 * The noun a "which X" or "what X" question asks for ("On which plot …" → "plot"; 哪个码头 → 码头), singular and lower
 * case; null for other questions and for the nouns answerType already reads ("what year", "which town").
 */
export function answerHead(question: string): string | null {
  question = asking(question);
  const en = /^\W*(?:(?:in|on|at|to|from|by|for|with|and|of|into|onto)\s+)?(?:which|what)\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?/iu.exec(question);
  if (en) {
    // "Which football club is …": the noun phrase's last word, unless the second word is a verb ("Which company employs").
    const second = en[2]?.toLowerCase();
    const noun = (second && !functionWords.has(second) && !verbWords.has(second) && !/[^s]s$/.test(second) ? second : en[1]!).toLowerCase();
    if (/^(?:is|was|are|were|do|does|did|has|have|had|can|could|will|would|year|date|kind|sort|type)$/.test(noun)) return null;
    return noun.replace(/(?<=[^s])s$/, '');
  }
  // (The noun runs to a particle, a verb or the end: "哪家卫生院", "哪家酒坊当过学徒", "哪个民间团体"; 哪里 asks where, 哪一年
  // when, 什么名字 a name: no noun.)
  const zh = /(?:哪|哪一|什么)(?:个|座|家|条|位|种|艘|块|片|所|间|只|名|本|首|件|项|支|处)?([\p{Script=Han}]{1,4}?)(?=[\p{P}\s]|$|[的在是由被有当做任上读去担])/u.exec(question);
  return zh && zh[1] && !/^(?:里|儿|一?年|时候|名?字|地方)/u.test(zh[1]) ? zh[1] : null;
}

/** Kin nouns of one sex, longest first (外孙女 before 孙女): what "Who is the mother of …" asks the answer to be. */
export const sexedKin: Record<'f' | 'm', string[]> = {
  f: ['granddaughter', 'grandmother', 'daughter', 'mother', 'wife', 'sister', 'aunt', 'niece', 'widow', '外祖母', '外孙女', '妻子', '母亲', '妈妈', '夫人', '太太', '女儿', '奶奶', '外婆', '祖母', '姐姐', '妹妹', '孙女', '姑姑', '姨妈'],
  m: ['grandfather', 'grandson', 'husband', 'father', 'son', 'brother', 'uncle', 'nephew', 'widower', '外祖父', '丈夫', '父亲', '爸爸', '儿子', '爷爷', '外公', '祖父', '哥哥', '弟弟', '孙子', '外孙', '叔叔', '伯父', '舅舅'],
};
const sexOfKin = new Map(Object.entries(sexedKin).flatMap(([sex, words]) => words.map((w) => [w, sex as 'f' | 'm'])));
/** The sex a kin noun gives ("mother", "孙女"; "sons" too), or null. */
export const kinSex = (word: string): 'f' | 'm' | null => sexOfKin.get(word.toLowerCase()) ?? sexOfKin.get(word.toLowerCase().replace(/s$/u, '')) ?? null;
const zhKinAsked = new RegExp(`(${[...sexOfKin.keys()].filter((w) => /\p{Script=Han}/u.test(w)).sort((a, b) => b.length - a.length).join('|')})(?:是谁|叫什么|[？?]?$)`, 'u');

/**
 * The sex of the person a "who" question asks for, when it asks for kin of one sex: "Who is the mother of …", "Who was
 * Tom Varley's wife?", "…厂长的母亲是谁？", "谁是何俊的妻子？". Null otherwise: "Who founded …" says nothing of it.
 */
export function askedSex(question: string): 'f' | 'm' | null {
  const q = asking(question);
  if (answerType(q) !== 'who') return null;
  // (… the kin noun that "who is" is: "Who is married to Jenny Crake's grandfather?" asks for his wife.)
  const en = /^\W*who\s+(?:is|was|are|were)\s+the\s+(\p{L}+)\s+of\b/iu.exec(q) ?? /^\W*[Ww]ho\s+(?:is|was|are|were)\s+(?:\p{Lu}[\p{L}.-]*\s+)*\p{Lu}[\p{L}.-]*['’]s\s+(\p{L}+)\s*\?\s*$/u.exec(q);
  const zh = zhKinAsked.exec(q);
  const word = en?.[1] ?? zh?.[1];
  return word ? kinSex(word) : null;
}

const year = /^(?:\d{3,4})(?:年)?$|\b(?:1[0-9]|20)\d\d\b/u;

/** Whether a label ends at a place: "located_in", "born_in", "moved_to", "comes_from", "based_at". */
export const endsAtPlace = (label: string) => /(?:^|_)(?:in|into|at|to|from|near|on)$/.test(label) && !endsAtPerson(label);

/**
 * Roles held at a body or a place: manager_of, 馆员_of, 总工程师_of end where someone works, which "在哪家单位", "在哪里
 * 工作", "Where does X work?" ask for. Not kin (son_of), nor a role held under a person (apprentice_of, 学生_of), nor
 * part_of.
 */
export const endsAtBody = (label: string) => /^[\p{L}_]+_of$/u.test(label) && !/^(?:part|one|made|kind|type|same|sort)_of$/u.test(label)
  && !kinOf.has(label.slice(0, -3).split('_').pop()!) && !/[父母子女儿孙兄弟姐妹叔伯舅姑姨]_of$/u.test(label) && !/(?:apprentice|pupil|student|disciple|assistant|partner|friend|colleague|deputy|successor|predecessor|heir|widow|徒弟|学生|弟子|传人|学徒|助手|搭档|朋友|同事|继承人|妻子|丈夫)/u.test(label);

const kinOf = new Set([...kinNouns, 'child', 'parent', 'sibling', 'spouse']);

/** Labels whose "to" ends at a person, not a place: "married to", "engaged to", "related to". */
export const endsAtPerson = (label: string) => /^(?:married|engaged|related|wed|apprenticed)_to$/.test(label);

/** Whether a path's last entity can answer a question of this type. */
export function fitsType(path: GraphPath, type: AnswerType): boolean {
  const last = path.steps[path.steps.length - 1];
  if (!last) return false;
  const name = last.toName.trim();
  switch (type) {
    case 'when':
      return year.test(name);
    case 'how_many':
      return /\d|[一二三四五六七八九十两百千]/u.test(name);
    case 'where':
      return !year.test(name) && !last.reverse && (endsAtPlace(last.relation) || endsAtBody(last.relation));
    case 'who':
      // A person or a body, not a year or a number; not what an agent made or owns (X <-owned_by- hall ends at the
      // hall), nor a role or a kind phrase (X -holds_role-> manager of Y), nor a place (X -located_in-> Wrenfold).
      if (/\d/.test(name)) return false;
      return last.reverse ? !last.relation.endsWith('_by') : !(last.relation === 'holds_role' || last.relation === 'is_a' || endsAtPlace(last.relation));
    default:
      return true;
  }
}
