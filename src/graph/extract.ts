// The deterministic extractor: no LLM, so it runs whenever none is loaded and in
// the tests. It reads the stored document text line by line: table rows,
// `key: value` lines, Chinese patterns, then every sentence (clauses.ts).
import { resolveKindNouns } from './coreference';
import { sentenceRanges } from '../ingest/sentences';
import { analyzeSentence, coupleMark, kinMark, personName, type SentenceResult } from './clauses';
import { chineseKin, kinNouns, personRelations, prepositionRules } from './relations';
import { chineseSentence, placeOrBody as placeOrBodyZh, resolveShortNames, roleThenName as roleThenNameZh, type Referents } from './chinese';
import { isKnownPerson, isPersonName, isDegreeWord, isStateWord, loadTagger, nameGender, verbStarts } from './verbs';
import { findMentions, kindNoun, tokenize } from './mentions';
import { pronounWords } from './words';
import { hasCjk, parenthetical, relationLabel, roleOfLabel } from './normalize';
import { endsAtPlace } from './answer-type';
import type { Chunk, ParsedDoc } from '../shared/library-types';
import { escapeRegExp } from '../shared/regexp';
import type { ExtractInput, ExtractorName, Triple } from './types';

// A sentence opened by its year: "In 1887, …", "In 1958 Peg married …", a timeline's "- 1887: …".
const datedOpening = /^\s*(?:(?:In|By)\s+((?:1[0-9]|20)\d\d),?\s+|(?:[-*•]\s*)?((?:1[0-9]|20)\d\d)\s*[:：–—-]\s*)(?=\S)/u;
// A guide's or a glossary's entry: "- **Term** – description".
// (Or a name and a dash opening a line, numbered or not: "2. Aldersgill Auction Mart – Built in 1874 by …".)
const termEntry = /^\s*(?:(?:[-*•]\s*)?\*\*([^*]{2,60})\*\*\s*[–—-]\s*|(?:(?:[-*•]|\d{1,2}[.)])\s*)?((?:The\s+)?\p{Lu}[^–—:.,]{1,58}?)\s+[–—]\s+)(\S.*)$/u;

/** Where a clause's verb group starts: its first verb, "is" or "has" (the tagger leaves those out); -1 when none. */
function firstVerb(clause: string): number {
  const be = /\b(?:is|was|are|were|has|have|had)\b/u.exec(clause)?.index ?? Infinity;
  const at = Math.min(be, ...verbStarts(clause, 0, clause.length));
  return at === Infinity ? -1 : at;
}

/** An entry's description as a sentence about its term (see its use). */
function aboutTerm(term: string, given: string): string {
  // ("The cross was set up …", "Built in 1874 by …": the description's first word is no name.)
  const description = /^(?:The|This|A|An)\s/u.test(given) || verbStarts(given, 0, given.length).has(0) ? given.charAt(0).toLowerCase() + given.slice(1) : given;
  if (/^(?:a|an)\s/iu.test(description)) return `${term} is ${description}`;
  // ("its spire was designed by George Street": the term's spire.)
  if (/^its\s/iu.test(description)) return `${term}'s ${description.slice(4)}`;
  const verb = firstVerb(description);
  if (/^(?:the|this)\s/iu.test(description) && verb > 0) return `${term} ${description.slice(verb)}`;
  if (verb === 0) return /^\p{L}+ed\b/u.test(description) ? `${term} is ${description}` : `${term} ${description}`;
  return `${term} is ${description}`;
}

// A sentence opened by a participle and its place, time or agent: "Opened in 1867, …", "Built in 1874 by the guild, …".
const participleOpening = /^\s*(\p{Lu}\p{Ll}+ed|Born|Built|Made|Begun|Grown|Run|Held|Set up|Sold|Written|Drawn|Kept|Founded)((?:\s+(?:in|on|at|by|for)\s+[^,]{1,60}?){1,2}),\s+(?=\p{L})/u;

/** "Born Margaret Hoyle in Stainby, …": the participle, then the birth name before its place or date. */
const bornName = /^(\s*Born)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,3})(?=\s+(?:in|on|at)\s)/u;

/** Whether a sentence writes a noun only with "a", "an" or "another" before it (up to two words between). */
function writtenIndefinite(sentence: string, noun: string): boolean {
  const before = (articles: string) => new RegExp(`\\b(?:${articles})\\s+(?:[\\p{L}'’-]+\\s+){0,2}${escapeRegExp(noun)}\\b`, 'iu').test(sentence);
  return before('a|an|another') && !before('the|this|that|its|our|their|his|her|my');
}

/** A quotation's attribution: '"…," said Martin Oyelaran', '"…," Ada Lumb recalls'. */
const sayVerb = '(?:said|says|added|adds|recalled|recalls|explained|explains)';
const saidName = "(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){1,2})";
const saidBy = new RegExp(`["”],?\\s+(?:${sayVerb}\\s+${saidName}|${saidName}\\s+${sayVerb}\\b)`, 'u');
// An interview's speaker: "Q:", "A:", "**Q:**".
// A speaker's label: an interview's "Q:"/"A:", a transcript's "HOST:", "GUEST:", "DAN MERCER:" (capitals only).
const speakerLabel = /^\s*\**(?:[QA]|\p{Lu}{2,}(?:[ .'’-]+\p{Lu}{2,}){0,2})\**\s*[:：]\s*\**\s*/u;
// A message's or a post's header ("From: Kate Pascoe", "Subject: …", "Topic: …", 标题：…) names no role and no kind.
const headerKey = /^(?:from|to|cc|bcc|sent|date|subject|re|topic|posted|posted by|author|标题|主题|发件人|收件人|日期|作者|发帖人)$/iu;
const keyValue = /^\s*(?:[-*•]\s*|\d+\.\s+)?([^:：|\n]{1,40}?)\s*[:：]\s*(\S.*)$/u;
const tableSeparator = /^\s*\|?\s*:?-{2,}/;

/** Index of the chunk that holds offset `at` (chunks are in order; the last one that starts at or before it). */
function chunkAt(chunks: ExtractInput['chunks'], at: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.start <= at) (best = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return best;
}

/** The first name in a value: its first mention ("the grain of …" → "grain"), or the text up to a comma. */
function firstPart(value: string, commonWords: ReadonlySet<string>): string {
  const head = value.split(/[,，;；。]|\.(?:\s|$)/u)[0]!.trim();
  if (/^[\p{Lu}\d]/u.test(head) || hasCjk(head)) return head;
  return findMentions(tokenize(head, 0, head.length), head, commonWords)[0]?.text ?? head;
}

/** The last group of two or more names one relation joins to one entity in a sentence's triples: a coordination. */
function coordinated(found: readonly { head: string; relation: string; tail: string; extractor: string }[]): string[] | null {
  const groups = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const f of found) {
    if (f.extractor === 'co-occurrence') continue;
    for (const [key, member] of [[`t\u0000${f.head}\u0000${f.relation}`, f.tail], [`h\u0000${f.tail}\u0000${f.relation}`, f.head]] as const) {
      const g = groups.get(key) ?? groups.set(key, []).get(key)!;
      if (!g.includes(member)) g.push(member);
      if (g.length >= 2 && g.every((x) => /^\p{Lu}/u.test(x))) last = g;
    }
  }
  return last;
}

/** A common noun phrase in the plural ("twelve hives"); names and Chinese are never plural here. */
const plural = (name: string) => /^[\p{Ll}\d]/u.test(name) && /[^su]s$/.test(name);

/** Extracts triples from one document; every triple carries its provenance. Needs `loadTagger()` done (verbs.ts). */
export function extractTriples(doc: ExtractInput): Triple[] {
  const { text, docId } = doc;
  const out: Triple[] = [];
  const commonWords = new Set<string>();
  for (const t of tokenize(text, 0, text.length)) if (t.kind === 'word' && t.text === t.lower) commonWords.add(t.lower);
  const emit = (head: string, relation: string, tail: string, start: number, end: number, extractor: ExtractorName) => {
    head = head.trim();
    tail = tail.trim();
    if (!head || !tail || head === tail || !relation) return;
    out.push({ head, relation, tail, prov: { docId, chunk: chunkAt(doc.chunks, start), start, end, extractor } });
    // (陈海生, holds_role, 陈有福的儿子) is also kin: (陈海生, son_of, 陈有福), as an English "her son" gives.
    const kin = relation === 'holds_role' ? /^(\p{Script=Han}{2,12})的(\p{Script=Han}{2,3})$/u.exec(tail) : null;
    // (A spouse, 丈夫 or 妻子, is married to them.)
    const spouse = kin && /^(?:丈夫|妻子|夫人|太太)$/u.test(kin[2]!);
    if (kin && (chineseKin[kin[2]!] || spouse)) out.push({ head, relation: spouse ? 'married_to' : `${chineseKin[kin[2]!]}_of`, tail: kin[1]!, prov: { docId, chunk: chunkAt(doc.chunks, start), start, end, extractor } });
  };
  /** A table cell or value naming something: "Tractor (Fendt 208)" is Tractor, also called Fendt 208. */
  const named = (cell: string, start: number, end: number, extractor: ExtractorName) => {
    const { base, aliases } = parenthetical(cell);
    for (const a of aliases) emit(base, 'same_as', a, start, end, extractor);
    return base;
  };

  const headings = doc.headings ?? [];
  let topic: string | null = null;
  let header: string[] | null = null;
  let subject: string | null = null;
  const zhPeople = chinesePeople();
  let singular: string | null = null;
  /** Names the text gives its entities ("Known to everyone as Peg, she …"): Peg stands for her. */
  const nicknames = new Map<string, string>();
  /** The last name the text showed to be a person's (born, married, holding a role …): whom "he" may stand for. */
  let lastPerson: string | null = null;
  /** The persons' names the text showed, the latest last: whom "she" stands for after a man's name. */
  const persons: string[] = [];
  /** The places the text has put someone or something in. */
  const places = new Set<string>();
  /** The last names a sentence joined ("Amos Thorne and Eli Thorne"): what "Both" refers to. */
  let list: string[] | null = null;
  /** The first heading's name (or a plain text's title line's): who "we" are on the page. */
  let pageName: string | null = null;
  // Whether pageName is a body whose bare roles ("The head brewer, X,") are its own (ownsRoles), for the page it was
  // computed for.
  let [ownerPage, owner]: [string | null, boolean] = [null, false];
  const firstLine = /^\s*([^\n]{1,80})\n/u.exec(text)?.[1] ?? '';
  if (!headings.length && firstLine.split(/\s+/).length <= 8 && !/[.!?。]/u.test(firstLine)) {
    const at = text.indexOf(firstLine);
    pageName = titleName(text, at, at + firstLine.length, commonWords);
  }
  let lineStart = 0;
  const lines = text.split('\n');
  /** The table being read is an infobox: its rows are keys and values about the page's subject. */
  let infobox: string | null = null;
  for (const [index, line] of lines.entries()) {
    const start = lineStart;
    const end = start + line.length;
    lineStart = end + 1;
    if (!line.trim()) continue;
    if (line.includes('|')) {
      if (tableSeparator.test(line)) continue;
      const cells = line.replace(/^\s*\||\|\s*$/g, '').split('|').map((c) => c.trim());
      if (!header) {
        header = cells;
        const keyed = keyValueTable(lines, index);
        infobox = keyed ? pageName ?? topic ?? cjkTitle(text, headings) : null;
        // An HTML infobox has no header row: its first row is a key and a value too.
        if (!infobox || keyed !== 'rows') continue;
      }
      if (infobox) {
        const [key, value] = [cells[0]!, cells[1]!];
        const year = /^((?:1[0-9]|20)\d\d)年?$/u.exec(value)?.[1];
        // ("Location | Harbury, on the River Leam": the first part is the value, what a preposition adds says more.)
        const first = /^([^,;(]+?)\s*(?:,\s+(?:on|in|at|near|by|beside|off)\s|\()/u.exec(value)?.[1] ?? value;
        if (key && value) emit(infobox, year ? 'in_year' : relationLabel(key), year ?? named(first, start, end, 'table'), start, end, 'table');
      } else {
        const label = named(cells[0]!, start, end, 'table');
        cells.slice(1).forEach((cell, j) => {
          // An empty cell, or one that says there is no value ("—", "n/a", 不详), states nothing.
          if (!cell || /^(?:[—–-]+|n\/a|none|unknown|不详|无|暂无)$/iu.test(cell)) return;
          // A year in a cell dates its row, whatever its column says ("Launched", "Built", "Opened"): in_year.
          const rel = /^(?:1[0-9]|20)\d\d$/.test(cell) ? 'in_year' : relationLabel(header![j + 1] ?? `column ${j + 2}`);
          // Long cells are sentences about the row ("Kept in the Tolsey barn").
          if (cell.split(/\s+/).length > 4) {
            const at = start + line.indexOf(cell);
            for (const f of analyzeSentence(`${label} is ${cell.charAt(0).toLowerCase()}${cell.slice(1)}`, 0, label.length + 4 + cell.length, commonWords, null).found) {
              if (f.extractor !== 'co-occurrence') emit(f.head, f.relation, f.tail, at, at + cell.length, 'table');
            }
          } else emit(label, rel, named(cell, start, end, 'table'), start, end, 'table');
        });
      }
      continue;
    }
    header = null;
    infobox = null;
    const isHeading = headings.some((h) => h.start < end && h.end > start);
    // A heading's colon opens a subtitle ("Ashdown & Vane: a short history"), not a key and its value.
    // (A plain text's title line "人物简介：林秋菊" names the page: no key and value.)
    // (… nor "Obituary: Margaret Olds (1931–2024)": a title line whose name part is the page's.)
    const kv = isHeading || (index === 0 && !headings.length && (kindTitle.test(line) || (!!pageName && line.includes(pageName) && line !== pageName))) ? null : keyValue.exec(line);
    /** The line is a key and a list of names ("Present: …"): read for the roles in its brackets, not as a sentence. */
    let keyedList = false;
    // A value whose first part holds a verb is a sentence ("Provenance: made by Hallam & Sons for …", "Tip: combine your
    // visit with …"), unless a glossary's bold term defines it ("**Ley**: a field sown with clover …"); "Chair: Annika
    // Voss, sheep farmer from Tolsey" is a name.
    const firstClause = kv ? kv[2]!.split(/[,;]/u)[0]! : '';
    const sentenceValue = !!kv && !hasCjk(kv[2]!) && !/^\s*(?:[-*•]\s*)?\*\*/u.test(kv[1]!) && verbStarts(firstClause, 0, firstClause.length).size > 0;
    if (kv && !speakerLabel.test(line) && !sentenceValue && !headerKey.test(kv[1]!.replace(/\*\*/g, '').trim()) && kv[1]!.split(/\s+/).length <= 5 && !/\d:\d/.test(line) && !/[。，！？!?]/u.test(kv[1]!)) {
      const key = kv[1]!.replace(/\*\*/g, '').trim();
      // ("Coxswain: Tom Varley (since 2011)": what the brackets add is no part of the name.)
      const value = firstPart(kv[2]!.replace(/\*\*/g, '').replace(/\s*\([^)]*\)/gu, ''), commonWords);
      const valueName = named(value, start, end, 'key-value');
      // "Chair: Annika Voss" names who holds a role; "Price: 38 crowns" states an attribute of the section's subject.
      // A timeline's entry ("1884: Walter Ashdown and Henry Vane found the works") is a sentence, read as one.
      if (/\b(?:1[0-9]|20)\d\d\b/.test(key) && (kv[2]!.split(/\s+/).length > 4 || verbStarts(value, 0, value.length).size)) { /* no key and value */ } else if (/^\d/.test(valueName)) emit(subject ?? key, relationLabel(key), valueName, start, end, 'key-value');
      // "Present: Ruth Colley (Chair), Amos Kitto (Secretary), …" lists names: none of them holds "Present".
      else if (/^\p{Lu}[^,]*,\s*\p{Lu}/u.test(kv[2]!)) {
        // … but "Ruth Colley (Chair)" holds the role in brackets, the page's body's when the page owns roles.
        for (const [, who, role] of kv[2]!.matchAll(/(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s*\(([\p{L}][\p{L} -]{1,38})\)/gu)) {
          const ofPage = pageName && pageName !== who && ownsRoles(text, pageName);
          emit(who!, 'holds_role', ofPage ? `${role!.toLowerCase()} of ${pageName}` : role!.toLowerCase(), start, end, 'key-value');
        }
        // (The key is no name among them: "Present" is nobody.)
        keyedList = true;
      }
      // "石埠高粱酒：以本地糯高粱为原料，…" describes its term (chinese.ts reads it); no one holds it.
      else if (hasCjk(key) && (kv[2]!.length > 12 || /[，。]/u.test(kv[2]!))) { /* a description */ }
      // A museum label's "Object: Hand loom, oak and iron" names what the label is about …
      else if (/^(?:object|item|exhibit|name|title)$/iu.test(key) && /^\p{Lu}/u.test(valueName)) subject = valueName;
      // … and "Made by: Joseph Harker", "Given by: …" say what was done to it, and by whom.
      else if (/\sby$/iu.test(key) && subject && /^\p{Lu}/u.test(valueName) && valueName.split(/\s+/).length <= 4) emit(subject, relationLabel(key), valueName, start, end, 'key-value');
      else if ((/^\p{Lu}/u.test(valueName) && valueName.split(/\s+/).length <= 4) || (hasCjk(key) && hasCjk(valueName))) {
        // On a body's page a role is that body's: "Coxswain: Tom Varley" on Holm Lifeboat Station's page.
        const ofPage = !hasCjk(key) && pageName && pageName !== valueName && /^\p{L}[\p{L} -]*$/u.test(key) && ownsRoles(text, pageName);
        // ("主持人：社长罗秀英": the value is a role and a name; the name holds both.)
        const roleName = hasCjk(valueName) ? roleThenNameZh.exec(valueName) : null;
        if (roleName) emit(roleName[2]!, 'holds_role', roleName[1]!, start, end, 'key-value');
        emit(roleName ? roleName[2]! : valueName, 'holds_role', ofPage ? `${key.toLowerCase()} of ${pageName}` : key, start, end, 'key-value');
      }
      else emit(key, 'is_a', valueName.replace(/^(the|a|an)\s+/i, ''), start, end, 'key-value');
    }
    if (isHeading) {
      // The heading's first name is the section's topic until the section's first sentence names its subject.
      topic = titleName(text, start, end, commonWords);
      pageName ??= topic;
      // A Chinese page titled with a person's name ("# 周海生") is about them: 他 and a clause with no subject are theirs
      // until a sentence names another.
      const heading = text.slice(start, end).replace(/^#+\s*/u, '').trim();
      if (/^\p{Script=Han}{2,3}$/u.test(heading) && !placeOrBodyZh.test(heading)) subject = heading;
      // A team page's "Station manager — Priya Okafor" (or "Priya Okafor – Station manager"): the section's person holds
      // the role, the page's body's when the page owns roles.
      const teamRole = /^(\p{Lu}\p{Ll}+(?: \p{Ll}[\p{Ll}-]*){0,3}) [—–-] (\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2})$/u.exec(heading);
      const roleTeam = teamRole ? null : /^(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}) [—–-] (\p{Lu}\p{Ll}+(?: \p{Ll}[\p{Ll}-]*){0,3})$/u.exec(heading);
      const [role, who] = teamRole ? [teamRole[1]!, teamRole[2]!] : roleTeam ? [roleTeam[2]!, roleTeam[1]!] : [null, null];
      // (A person: one compromise knows, or whose first name the text uses alone, "Priya joined the station".)
      const byFirstName = (name: string) => { const [f, ...rest] = name.split(' '); return new RegExp(`\\b${f}\\b(?! ${rest.join(' ')})`, 'u').test(text); };
      if (role && who && (isPersonName(who) || byFirstName(who)) && pageName && pageName !== who && ownsRoles(text, pageName)) {
        emit(who, 'holds_role', `${role.toLowerCase()} of ${pageName}`, start, end, 'key-value');
        emit(who, roleOfLabel(role.toLowerCase()), pageName, start, end, 'key-value');
      }
      continue;
    }
    if (keyedList) continue;
    // ("人物简介：林秋菊": the page's subject, no sentence.)
    const titled = index === 0 && !headings.length ? kindTitle.exec(line) : null;
    if (titled) {
      subject = titled[1]!;
      continue;
    }
    // A quotation's speaker ('"…," said Martin Oyelaran.'): the quoted sentences after it in the paragraph are his too.
    let quoteSpeaker: string | null = null;
    for (const [s, e] of sentenceRanges(text, start, end).flatMap(([a, b]) => clausesAfterColons(text, a, b))) {
      const sentence = text.slice(s, e).replace(/[。．.!?！？]+$/u, '');
      const attributed = saidBy.exec(sentence);
      const quoting = /^\s*["“]/u.test(sentence);
      if (attributed) quoteSpeaker = attributed[1] ?? attributed[2]!;
      else if (!quoting) quoteSpeaker = null;
      if (hasCjk(sentence)) {
        const result = chineseSentence(sentence, subject, zhPeople);
        for (const f of result.found) emit(f.head, f.relation, f.tail, s, e, f.extractor);
        zhPeople.learn(result.found, sentence, result.pronouns);
        subject = result.subject;
        continue;
      }
      // A question states nothing ("Q: Are you an islander born and bred?", a FAQ's "Who runs the garden?").
      if (/[?？]\W*$/u.test(text.slice(s, e))) continue;
      // An interview's answer ("A: I was born in Hollin Cove …") is read without its speaker's label.
      const spoken = speakerLabel.exec(sentence);
      const entry = termEntry.exec(sentence);
      // A guide's or a glossary's entry is about its term: "- **Brackwick Lifeboat Station** – the granite boathouse was
      // built in 1902 by …" reads "Brackwick Lifeboat Station was built …", "– housed in …" reads "Skerrow Museum is
      // housed in …".
      let given = spoken ? sentence.slice(spoken[0].length) : entry ? aboutTerm(entry[1] ?? entry[2]!, entry[3]!) : sentence;
      // "Opened in 1867, the reading room was paid for by …", "Built in 1874 by the Swarthdale Farmers' Company, the mart
      // still holds …": an opening participle phrase is about the clause's subject, read as its own sentence first.
      // "Born Margaret Hoyle in Stainby, she …": the birth name is the subject's, read as "Born in Stainby, she …".
      const bornAs = bornName.exec(given);
      if (bornAs) given = given.slice(0, bornAs[1]!.length) + given.slice(bornAs[0].length);
      const participle = participleOpening.exec(given);
      const main = participle ? given.slice(participle[0].length) : '';
      const mainVerb = participle ? firstVerb(main) : -1;
      const opened = participle && mainVerb > 0 ? `${main.slice(0, mainVerb).trim()} was ${participle[1]!.toLowerCase()}${participle[2]}` : null;
      if (opened) {
        for (const f of analyzeSentence(opened, 0, opened.length, commonWords, subject, pageName, owner).found) emit(f.head, f.relation, f.tail, s, e, f.extractor);
      }
      const said = opened ? main : given;
      // "In 1887, compositors from the works founded Kelsworth Wanderers" and a timeline's "1887: Compositors … found
      // Kelsworth Wanderers" date the clause as a closing "in 1887" does: read so.
      const dated = datedOpening.exec(said);
      // A timeline speaks in the historic present, where "found" is to found, not the past of "find".
      const timeline = dated?.[2] ? said.slice(dated[0].length).replace(/\bfounds?\b/u, 'founded') : null;
      // (The year dates the first clause: "In 1921 he founded the choir …; it rehearsed …".)
      const rest = timeline ?? said.slice(dated?.[0].length ?? 0);
      const cut = rest.search(/;/u);
      // (A marriage's year dates neither spouse, and the graph cannot date an edge: "In 1922 Ibbotson married Ada Lumb, a
      // weaver at the mill" gives no year to her or to him.)
      const marriage = /^[^,;]{0,60}?\b(?:married|wed)\b/u.test(rest);
      const body = dated && !marriage ? (cut > 0 ? `${rest.slice(0, cut)} in ${dated[1] ?? dated[2]}${rest.slice(cut)}` : `${rest} in ${dated[1] ?? dated[2]}`) : dated ? rest : said;
      // "It" is the last singular subject: after "Its twelve hives stand in a row", "It was founded by …" is still the
      // apiary's.
      const it = /^\W*(?:\p{L}+\W+)?(?:it|its|this)\b/iu.test(body) && !/^\W*(?:\p{L}+\W+)?they\b/iu.test(body);
      // "We have 46 members": a club's or a firm's page speaks for the body its title names.
      const we = /^\W*(?:\p{L}+\W+)?we\b/iu.test(body);
      // "I was born in Hollin Cove": a page in the first person (an interview, a memoir) is its title's person speaking.
      // (In an interview, "I" and "my" are the speaker's: "DAFYDD: My uncle, Emrys Morgan, had a boatyard".)
      const speaker = spoken && /^\s*\**\p{Lu}{2,}/u.test(spoken[0]) && !/^\s*\**[QA]\b/u.test(spoken[0]) ? spoken[0].replace(/[^\p{L}' -]/gu, '').trim().toLowerCase().replace(/(^|[\s'-])\p{Ll}/gu, (x) => x.toUpperCase()) : null;
      // (… by the full name the text gives them: "Dafydd" is "Dafydd Morgan".)
      // (… or a quotation's: "My grandfather, Samuel Booth, …" after '"…," said Martin Oyelaran' is his grandfather.)
      const speakerName = (speaker && !/\s/u.test(speaker) ? new RegExp(`\\b${speaker} \\p{Lu}\\p{Ll}+\\b`, 'u').exec(text)?.[0] ?? speaker : speaker) ?? quoteSpeaker;
      const i = /^\W*(?:\p{L}+\W+)?I\b/u.test(body) || (!!speakerName && /^\W*(?:\p{L}+\W+)?(?:My|Me)\b/u.test(body));
      // "Both brothers were born in Pellow", "Both were built by …": each of the last pair the text named together.
      const both: RegExpExecArray | null = list ? /^\s*Both(?:\s+(?!of\b)\p{Ll}+)?\s/u.exec(body) : null;
      // "He was Richard's great-great-grandfather" after "The society was founded by Josiah Metcalfe, a sheep breeder
      // who was born in Thornby": he/she is the last person the text showed (born, married, holding a role …) when the
      // last subject is a common noun.
      const pronounOpening = /^\W*(?:\p{L}+\W+)?(he|she|his|her)\b/iu.exec(body);
      // (Nor is a plural subject she or he: "Nurses who worked under her remember … . When she retired …".)
      const noPerson = !!subject && (/^\p{Ll}/u.test(subject) || (!!pronounOpening && /^(?:he|she|his|her)$/iu.test(pronounOpening[1]!) && /^\p{L}\p{Ll}+[^su]s$/u.test(subject) && !isPersonName(subject)));
      const he = !!pronounOpening && noPerson && !!lastPerson;
      // "She" after a sentence about a man ("We stayed with my uncle, Dennis Pascoe, … . He has chaired …" after "we" is
      // Kate): the latest person of her gender, as compromise reads first names.
      const gender = pronounOpening ? (/^(?:he|his)$/iu.test(pronounOpening[1]!) ? 'm' : 'f') : null;
      const otherGender = (n: string | null) => !!n && /^\p{Lu}/u.test(n) && !!nameGender(n) && nameGender(n) !== gender;
      const shown = he && !otherGender(lastPerson) ? lastPerson : null;
      // ("The rope works was started by Samuel Dray, a sailmaker. When he died …": with no person shown yet, he is the
      // latest person of his gender the text named, not the common noun the last sentence was about.)
      const unshown = !!pronounOpening && noPerson && !lastPerson;
      const sameGender = gender && (he || unshown || otherGender(subject)) && !shown ? persons.findLast((n) => nameGender(n) === gender) ?? null : null;
      const previous = entry ? (entry[1] ?? entry[2]!).replace(/^The\s+/u, '') : we ? pageName ?? subject : i ? speakerName ?? (pageName && personName.test(pageName) ? pageName : null) : it ? singular ?? subject
        : shown ?? sameGender ?? (he ? lastPerson : subject);
      if (pageName !== ownerPage) [ownerPage, owner] = [pageName, !!pageName && ownsRoles(text, pageName)];
      const result: SentenceResult = both
        ? analyzeSentence(`It ${body.slice(both[0].length)}`, 0, 3 + body.length - both[0].length, commonWords, '\u0000both', pageName, owner)
        : dated || spoken || entry || opened ? analyzeSentence(body, 0, body.length, commonWords, previous, pageName, owner, speakerName)
        : analyzeSentence(text, s, e, commonWords, previous, pageName, owner, speakerName);
      for (const f of result.found) {
        for (const head of f.head === '\u0000both' ? list! : [f.head]) {
          for (const tail of f.tail === '\u0000both' ? list! : [f.tail]) emit(head, f.relation, tail, s, e, f.extractor);
        }
      }
      list = coordinated(result.found) ?? (both ? list : null);
      if (both) {
        topic = null;
        continue;
      }
      if (topic && result.subject) emit(topic, 'mentioned_with', result.subject, s, e, 'co-occurrence');
      topic = null;
      // "Known to everyone as Peg, she …", "X, known as Peg, …": a name the text gives the subject stands for it.
      const known = /\b(?:[Kk]nown(?: to [\p{L} ]{1,20}?)? as|nicknamed)\s+(\p{Lu}\p{Ll}+)\b/u.exec(body);
      const called = known && (result.subject && result.subject !== known[1] ? result.subject : previous);
      if (known && called && called !== known[1]) nicknames.set(known[1]!, called);
      const born = bornAs && (result.subject ?? previous);
      if (born && born !== bornAs[2] && /^\p{Lu}/u.test(born)) nicknames.set(bornAs[2]!, born);
      subject = result.subject;
      if (subject && !plural(subject)) singular = subject;
      // (A place someone was born in, lives in or moved to is no person, whatever an apposition gave it: "born in Hexley,
      // the youngest of six children".)
      for (const f of result.found) if (/^(?:born_in|lives?_in|move[sd]?_to|located_in)$/u.test(f.relation)) places.add(f.tail);
      for (const f of result.found) if (personRelations.test(f.relation) && /^\p{Lu}/u.test(f.head) && !places.has(f.head)) lastPerson = f.head;
      // The persons it names, in the order the sentence names them.
      const named = new Set(result.found.flatMap((f) => [f.head, f.tail]).filter((n) => /^\p{Lu}/u.test(n) && !hasCjk(n) && isKnownPerson(n)));
      for (const n of [...named].sort((x, y) => text.lastIndexOf(x, e) - text.lastIndexOf(y, e))) {
        if (persons.includes(n)) persons.splice(persons.indexOf(n), 1);
        persons.push(n);
      }
    }
  }
  // Chinese short names ("桥", "营造社") are the document's longer name they end.
  // A kind ("一所矿工子弟学校") is no name: "学校" does not stand for it.
  const kinds = new Set(out.filter((t) => t.relation === 'is_a').map((t) => t.tail));
  // (A role is no name either: "社长" is not short for "副社长".)
  const roles = new Set(out.filter((t) => t.relation === 'holds_role').map((t) => t.tail));
  const short = resolveShortNames(out.flatMap((t) => [t.head, t.tail]).filter((n) => !kinds.has(n) && !roles.has(n)));
  for (const t of out) {
    t.head = short.get(t.head) ?? t.head;
    if (!(t.relation === 'holds_role' && roles.has(t.tail))) t.tail = short.get(t.tail) ?? t.tail;
    // ("永福的长子": the role's owner too, 周永福的长子.)
    const owner = t.relation === 'holds_role' ? /^(\p{Script=Han}{2,3})的(\p{Script=Han}{1,6})$/u.exec(t.tail) : null;
    if (owner && short.has(owner[1]!)) t.tail = `${short.get(owner[1]!)}的${owner[2]}`;
  }
  // ("我爷爷叫王德顺": the writer's own words for someone are that person's, in this document only.)
  const mine = new Map(out.filter((t) => t.relation === 'same_as' && /^我/u.test(t.tail) && hasCjk(t.head)).map((t) => [t.tail, t.head]));
  if (mine.size) {
    for (const t of out) {
      t.head = mine.get(t.head) ?? t.head;
      t.tail = mine.get(t.tail) ?? t.tail;
      const owner = t.relation === 'holds_role' ? /^(我\p{Script=Han}{0,3}?)的/u.exec(t.tail) : null;
      if (owner && mine.has(owner[1]!)) t.tail = mine.get(owner[1]!)! + t.tail.slice(owner[1]!.length);
    }
    out.splice(0, out.length, ...out.filter((t) => !(t.relation === 'same_as' && t.head === t.tail)));
  }
  // ("振兴米行 is_a 米行", then "米行是1932年开的": a Chinese kind noun the document gives one named thing of is that thing.)
  const ofKind = new Map<string, Set<string>>();
  for (const t of out) if (t.relation === 'is_a' && hasCjk(t.tail) && t.head !== t.tail && t.head.endsWith(t.tail)) ofKind.set(t.tail, (ofKind.get(t.tail) ?? new Set()).add(t.head));
  for (const t of out) {
    const one = (n: string) => (ofKind.get(n)?.size === 1 ? [...ofKind.get(n)!][0]! : n);
    t.head = one(t.head);
    if (t.relation !== 'is_a') t.tail = one(t.tail);
  }
  const title = cjkTitle(text, headings);
  if (title) resolveChineseTitle(out, title, kinds);
  headsOfBodies(out, title);
  // English definite descriptions ("the guild") are the one entity the document says is a guild.
  // (Not an indefinite one: "Nell kept a bakery in Sedbergh" on Hollins Bakery's page is another bakery.)
  resolveKindNouns(out, (t, noun, entity) => {
    const said = text.slice(t.prov.start, t.prov.end);
    return !said.includes(entity) && writtenIndefinite(said, noun);
  });
  // "The village lies on the River Tane" on a page titled with a place's name ("Marrowby", whose text places things in
  // it): a bare place noun no kind resolved is the page's place.
  const titlePlace = pageName && !hasCjk(pageName) && out.some((t) => t.tail === pageName && /^(?:located_in|lives?_in)$/u.test(t.relation));
  if (titlePlace) for (const t of out) for (const end of ['head', 'tail'] as const) if (/^(?:village|town|hamlet|city|parish)$/u.test(t[end]) && !(end === 'tail' && (t.relation === 'is_a' || t.relation === 'holds_role'))) t[end] = pageName!;
  for (const t of out) {
    t.head = nicknames.get(t.head) ?? t.head;
    t.tail = nicknames.get(t.tail) ?? t.tail;
    // ("father of Margaret Hoyle": a role's "of" part too.)
    const of = t.relation === 'holds_role' ? / of (\p{Lu}.*)$/u.exec(t.tail) : null;
    if (of && nicknames.has(of[1]!)) t.tail = `${t.tail.slice(0, of.index)} of ${nicknames.get(of[1]!)!}`;
  }
  // "# Brindle Town A.F.C." then "**Brindle Town Association Football Club** is a football club …": the bold name that
  // opens an article is the full name of what its title names.
  // (The bold name opens the article's first paragraph: not "**Skerrow Museum**" further down a page about Skerrow.)
  const bold = pageName ? /^(?:[^\n]*\n)?(?:\s*\n)*\*\*([^*\n]{3,80})\*\*/u.exec(text) : null;
  // ("Tarnby Rovers F.C.": the title's abbreviation of what the bold name spells out.)
  const titleStem = pageName?.replace(/(?:\s+(?:\p{Lu}\.)*\p{Lu}\.?)+$/u, '');
  if (bold && pageName && titleStem && bold[1]!.startsWith(`${titleStem} `)) {
    const at = bold.index + bold[0].length - bold[1]!.length - 4;
    for (const name of new Set([pageName, titleStem])) emit(bold[1]!, 'same_as', name, at, at + bold[1]!.length + 4, 'pattern');
  }
  // ("Holme Moss Primary is a small village school" on Holme Moss Primary School's page: the page's name without its kind
  // is the page's subject.)
  const shortPage = pageName && /^(?:\p{Lu}[\p{L}'’]*\s+){2,}(?:School|Church|Chapel|Club|Station|Museum|Hall|Society|Association|Academy|College|Library|Theatre|Inn)$/u.test(pageName) ? pageName.replace(/\s+\S+$/u, '') : null;
  if (pageName && shortPage && out.some((t) => t.head === shortPage || t.tail === shortPage)) emit(pageName, 'same_as', shortPage, 0, pageName.length, 'pattern');
  personOfPlace(out);
  personsKin(out);
  bothOfCouple(out);
  resolveSurnames(out, text, pageName && aboutPerson(text, pageName) ? pageName : null);
  const salient = salience(text, headings);
  // The labels a lone preposition gives ("the smell of warm flour" → part_of).
  const weak = new Set(Object.values(prepositionRules));
  // A number or a date is no subject ("02 | in_year | 2024" from a post's date, "two | located_in | …"): of 23 such dev
  // triples none was right.
  // "Skerrow is small", "the first", "Frank is sixteen": a state or a number is no kind (on dev 0 right of 16, on the
  // demo pack 0 of 5).
  const state = (t: Triple) => (t.relation === 'is_a' || t.relation === 'holds_role') && /^\p{Ll}+$/u.test(t.tail) && isStateWord(t.tail);
  // A number, an ordinal or a degree in words stands for something the sentence names elsewhere, or for nothing: "the
  // two | located_in | Skerrow Museum", "Priya Shah | run | first", "youngest | located_in | Holroyd's Mill". It is no end
  // of a triple (on dev 0 right of 22, on the demo pack 0 of 12).
  const degree = (n: string) => /^\p{Ll}[\p{Ll}-]*$/u.test(n) && isDegreeWord(n);
  // … nor is a distance or a length of time: "about four miles from Hexley", "ten minutes from the East Quay".
  const measure = (n: string) => {
    const m = /^(\p{Ll}+)\s+(?:miles?|kilomet(?:re|er)s?|met(?:re|er)s?|yards?|feet|foot|minutes?|hours?|days?|weeks?|months?|years?)(?:['’]s?)?(?:\s+(?:walk|drive|ride|sail|journey))?$/u.exec(n);
    return !!m && isDegreeWord(m[1]!);
  };
  // (No person is part of another: "She is the niece of the club's president, Martin Pascoe" left (her, part_of, him).)
  const people = personHeads(out);
  const personPart = (t: Triple) => t.relation === 'part_of' && (people.has(t.head) || isKnownPerson(t.head)) && (people.has(t.tail) || isKnownPerson(t.tail));
  return dedupe(out.filter((t) => t.head !== t.tail && !personPart(t) && !degree(t.head) && !degree(t.tail) && !measure(t.head) && !measure(t.tail) && !/^\d/u.test(t.head) && !state(t) && !pronounWords.has(t.head.toLowerCase()) && !pronounWords.has(t.tail.toLowerCase()) && !/^aged\s+\d/u.test(t.tail) && (t.prov.extractor !== 'pattern' || !weak.has(t.relation) || salient(t.head) || salient(t.tail))));
}

/**
 * The name a title line or heading is about: its first name, where a capital on the title's first word proves nothing
 * ("Five minutes with… Dan Trewin" is about Dan Trewin, not "Five minutes").
 */
function titleName(text: string, start: number, end: number, commonWords: ReadonlySet<string>): string | null {
  // ("Frequently asked questions — Corris Bank Light Railway", "Corris Bank Light Railway: visitor information": a
  // title of two parts, one of them only saying what kind of page it is, names what the other names.)
  const title = text.slice(start, end);
  const parts = [...title.matchAll(/[^—–:|]+/gu)].filter((m) => m[0].trim());
  const generic = (p: string) => /^[#\s]*\p{Lu}?[\p{Ll}'’-]*(?:\s+[\p{Ll}'’-]+)*\s*$/u.test(p);
  if (parts.length === 2 && generic(parts[0]![0]) !== generic(parts[1]![0])) {
    const named = parts.find((m) => !generic(m[0]))!;
    return titleName(text, start + named.index!, start + named.index! + named[0].length, commonWords);
  }
  const tokens = tokenize(text, start, end);
  const first = tokens.findIndex((t) => t.kind === 'word');
  // ("Meet the team at Larkhollow Radio": an imperative opening the title is no name.)
  const verbs = verbStarts(text, start + (/^[#\s]*/u.exec(text.slice(start, end))?.[0].length ?? 0), end);
  const named = findMentions(tokens, text, commonWords).filter((x) => x.named && !(x.from === first && !/\s/u.test(x.text) && verbs.has(x.start)));
  return (named.find((x) => x.from > first || /\s\p{Lu}/u.test(x.text) || !/^\p{Lu}\p{Ll}*\s+\p{Ll}/u.test(x.text)) ?? named[0])?.text ?? null;
}

/**
 * Whether the table whose first line is lines[at] is an infobox of two columns, keys (short labels, no digits) and
 * values of mixed kinds (a year, a name, a count): "Founded | 1874", "Founder | Josiah Penhale". A table about several
 * rows' entities has one kind per column ("Boat | Launched": years). 'header' when a Markdown separator follows the
 * first line (its cells name the columns), 'rows' when every line is a key and a value (HTML has no header line).
 */
function keyValueTable(lines: readonly string[], at: number): 'header' | 'rows' | null {
  const block: string[] = [];
  // (HTML's rows are paragraphs: blank lines between them.)
  for (let i = at; i < lines.length && (lines[i]!.includes('|') || !lines[i]!.trim()); i++) if (lines[i]!.trim()) block.push(lines[i]!);
  const separated = block.length > 1 && tableSeparator.test(block[1]!);
  const rows = block.filter((l) => !tableSeparator.test(l)).slice(separated ? 1 : 0)
    .map((l) => l.replace(/^\s*\||\|\s*$/g, '').split('|').map((c) => c.trim()));
  if (rows.length < 3 || rows.some((r) => r.length !== 2)) return null;
  if (!rows.every(([key]) => key && !/\d/.test(key) && key.split(/\s+/).length <= 4)) return null;
  const numeric = rows.filter(([, value]) => /^\d/.test(value!)).length;
  return numeric > 0 && numeric < rows.length ? (separated ? 'header' : 'rows') : null;
}

/**
 * Whether the page's title names a body whose roles the page can name bare ("The head brewer, Sol Penrose," on Lark's
 * Brewery's page): the text names it again below its title (a title like "Seed Bank Procedures" or "BEES" names no
 * entity), and it is no person (an obituary's "the vicar" is not Margaret Alder's).
 */
function ownsRoles(text: string, page: string): boolean {
  const first = text.indexOf(page);
  if (first < 0 || text.indexOf(page, first + page.length) < 0) return false;
  return !livesOnPage(text, page);
}

/** Whether the text tells `page`'s life: "X (1896–1971)", or X or X's surname born, died or married. */
function livesOnPage(text: string, page: string): boolean {
  const escaped = escapeRegExp(page);
  const surname = escaped.split(/\s+/).pop()!;
  return new RegExp(`(?:${escaped}|\\b${surname})\\b[^.]{0,40}\\b(?:born|died|married)\\b|${escaped}\\s*\\(\\d{4}`, 'u').test(text);
}

/** Whether a page titled `page` is a person's life: a name of two or more words whose life the text tells. */
function aboutPerson(text: string, page: string): boolean {
  return /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)+$/u.test(page) && livesOnPage(text, page);
}

/**
 * A sentence split where a colon or semicolon opens a clause with a pronoun subject ("Sam is usually at the crease: he
 * has been a member of Crayle Cricket Club"), so that the pronoun is read as a sentence's subject.
 */
function clausesAfterColons(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  const re = /[;:]\s+(?=(?:he|she|it|they|we)\s)/giu;
  let from = start;
  for (const m of text.slice(start, end).matchAll(re)) {
    out.push([from, start + m.index!]);
    from = start + m.index! + m[0].length;
  }
  out.push([from, end]);
  return out;
}

/** "两人", "夫妇": the couple a Chinese text names as one owner of kin. */
const coupleOwner = /^(?:两人|二人|夫妇|夫妻|夫妇俩|夫妻俩|他们俩|她们俩)$/u;
const coupleRole = /^(两人|二人|夫妇|夫妻|夫妇俩|夫妻俩|他们俩)的(.+)$/u;
/**
 * "两人的女儿郑晓云" after "她的丈夫郑国华是…": 两人 (the two) are the couple the text married last before it; the kin
 * is each one's. (English "both" is read while the sentences are: extractTriples' `list`.)
 */
function bothOfCouple(out: Triple[]): void {
  const couples = out.filter((t) => t.relation === 'married_to').sort((a, b) => a.prov.start - b.prov.start);
  const added: Triple[] = [];
  for (const t of out) {
    const role = t.relation === 'holds_role' ? coupleRole.exec(t.tail) : null;
    if (!coupleOwner.test(t.tail) && !role) continue;
    const couple = couples.filter((c) => c.prov.start <= t.prov.start).pop();
    if (!couple) continue;
    const [a, b] = [couple.head, couple.tail];
    if (role) {
      t.tail = `${a}的${role[2]}`;
      added.push({ ...t, tail: `${b}的${role[2]}` });
    } else {
      t.tail = a;
      added.push({ ...t, tail: b });
    }
  }
  out.push(...added);
}

/**
 * "her son, Sam" is Brenda's son only if Brenda is a person: clauses.ts reads "her" as the sentence's first name or the
 * previous subject, which may be a place or a company ("Calloway Wharf … is owned by her nephew"). It marks such an
 * owner (kinMark); the role keeps it when the owner is a person (born, married, living, working or holding a role in
 * the document, or a person's name to the tagger), and is bare otherwise. Other kin ("the son of Walter Dacre") are as written.
 */
function personsKin(out: Triple[]): void {
  const persons = personHeads(out);
  const person = (name: string) => persons.has(name) || isPersonName(name);
  const drop = new Set<Triple>();
  const added: Triple[] = [];
  for (const t of out) {
    const at = t.tail.indexOf(kinMark);
    if (at < 0) continue;
    // ("Their son": the spouse of the one the text was about is his parent too.)
    const couple = t.tail.endsWith(coupleMark);
    const owner = t.tail.slice(at + 1).replace(coupleMark, '');
    const spouse = couple ? out.find((m) => m.relation === 'married_to' && (m.head === owner || m.tail === owner)) : undefined;
    if (spouse) added.push({ ...t, tail: t.tail.slice(0, at) + (spouse.head === owner ? spouse.tail : spouse.head) });
    if (person(owner)) t.tail = t.tail.slice(0, at) + owner;
    else if (t.relation === 'holds_role') t.tail = t.tail.slice(0, at).replace(/ of $/u, '');
    else drop.add(t);
  }
  if (drop.size) out.splice(0, out.length, ...out.filter((t) => !drop.has(t)));
  out.push(...added);
}

/**
 * "driven by Harold Pickup of Sallowby", "designed by the engineer Joseph Treadwell of Leeds": a person named with the
 * place they are from (one or two capitalised words that name no body) is the person, who comes from there; a common
 * noun before the name is their kind. (A role's "of" part stays: "daughter of Hanne Rusk".)
 */
function personOfPlace(out: Triple[]): void {
  const added: Triple[] = [];
  for (const t of out) {
    // ("the Huddersfield architect John Kirk": a place before a trade says where they are from; not a nationality,
    // "English", "Welsh".)
    const placeTrade = t.relation === 'is_a' ? /^(\p{Lu}\p{Ll}+) (\p{Ll}[\p{Ll}-]*)$/u.exec(t.tail) : null;
    if (placeTrade && kindNoun(placeTrade[2]!) && !/(?:ish|sh|ch|ese|an|ic|al)$/u.test(placeTrade[1]!) && /^\p{Lu}\p{Ll}+ \p{Lu}/u.test(t.head)) {
      added.push({ head: t.head, relation: 'comes_from', tail: placeTrade[1]!, prov: t.prov });
    }
    // (Read apart: "Gill & Rowe Architects" part_of "Kendal".)
    if (t.relation === 'part_of' && firmName.test(t.head) && /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?$/u.test(t.tail) && !bodyNoun.test(t.tail)) t.relation = 'located_in';
    for (const end of ['head', 'tail'] as const) {
      const m = /^(?:(?:the\s+)?(\p{Ll}[\p{Ll}-]*)\s+)?(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+) of (\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)$/u.exec(t[end]);
      // (A person: one compromise knows, or kin: "son of Owen Lister of Mill Row".)
      const person = !!m && (isKnownPerson(m[2]!) || (end === 'tail' && kinRelation.test(t.relation)));
      // ("built by the Hunslet Engine Company of Leeds": a firm of two words or more is in the place it is "of".)
      // (A firm: "College of Art", "Society of Antiquaries" are of a subject, not a place.)
      const body = !!m && !person && !m[1] && firmName.test(m[2]!);
      if (!m || (end === 'tail' && t.relation === 'holds_role') || !(person || body) || bodyNoun.test(m[3]!)) continue;
      t[end] = m[2]!;
      added.push({ head: m[2]!, relation: body ? 'located_in' : 'comes_from', tail: m[3]!, prov: t.prov });
      if (m[1]) added.push({ head: m[2]!, relation: 'is_a', tail: m[1], prov: t.prov });
    }
  }
  out.push(...added);
}
/** A firm's name, which "of" a place is where it is: "the Hunslet Engine Company of Leeds" (not "College of Art"). */
const firmName = /\s(?:Company|Works|Foundry|Brewery|Yard|Brothers|Sons|Ltd|Limited|Architects|Solicitors|Builders|Associates|Partners)$/u;
// (The last word names a body: "Holroyd's Mill" is one, "Mill Row" a street.)
const bodyNoun = /\b(?:Company|Ltd|Limited|Society|Club|Trust|Works|College|School|University|Church|Chapel|Council|Guild|Association|Band|Inn|Hall|Mill|Farm|Dairy|Bank|Museum|Brothers|Sons|Foundry|Brewery|Yard)$/u;

/** The heads of the document's person relations (born, married, living, working, holding a role …). */
const personHeads = (out: readonly Triple[]) => new Set(out.filter((t) => personRelations.test(t.relation)).map((t) => t.head));

const kinRelation = new RegExp(`(?:^|_)(?:${kinNouns.join('|')})_of$`);

/**
 * A surname alone ("Penhale, who was born in Fennock") is the document's one two-word name that ends with it (Josiah
 * Penhale), when there is exactly one; a first name alone, its one such person (it or the first name is born, married, living, working or holding a role somewhere). (First names of any two-word name
 * took places' names: "Tolsey" is no "Tolsey Blue", a cheese.)
 */
function resolveSurnames(out: Triple[], text: string, person: string | null = null): void {
  const full = new Map<string, Set<string>>();
  // "Samuel and Mary Hewett", "Tom and Ann Pike": the first of two first names joined by "and" shares the surname.
  const shared = new Map<string, string>();
  for (const m of text.matchAll(/\b(\p{Lu}\p{Ll}+) and (\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)\b/gu)) {
    if (nameGender(m[1]!) && nameGender(m[2]!) && !nameGender(m[3]!)) shared.set(m[1]!, `${m[1]} ${m[3]}`);
  }
  for (const t of out) {
    t.head = shared.get(t.head) ?? t.head;
    t.tail = shared.get(t.tail) ?? t.tail;
  }
  const persons = personHeads(out);
  const kinded = new Set(out.filter((t) => t.relation === 'is_a').map((t) => t.head));
  // (The other end of kin is a person too: "Brenda" in (Sam, son_of, Brenda).)
  for (const t of out) if (kinRelation.test(t.relation)) persons.add(t.tail);
  for (const t of out) {
    for (const name of [t.head, t.tail]) {
      const two = /^(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)$/u.exec(name);
      if (two) full.set(two[2]!, (full.get(two[2]!) ?? new Set()).add(name));
      // … and a first name alone ("Ruth, who has chaired the band") a person's: someone born, married or holding a role,
      // or a first name compromise knows ("Henry", "Ruth") that the document gives no kind ("Harriet, a saddle-tank
      // engine" named after Harriet Brent).
      if (two && (persons.has(name) || persons.has(two[1]!) || (!!nameGender(two[1]!) && !kinded.has(two[1]!)))) full.set(two[1]!, (full.get(two[1]!) ?? new Set()).add(name));
    }
  }
  // A person the text names in full though no triple kept the full name ("passed to his son, Henry Ambrey, who ran it …
  // named after Henry's daughter"): the first name alone is that person when no other of the document's names starts so.
  for (const m of text.matchAll(/\b(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)\b(?![ \t]+\p{Lu})/gu)) {
    if (!full.has(m[1]!) && !kinded.has(m[1]!) && (isKnownPerson(m[0]) || persons.has(m[1]!))) full.set(m[1]!, new Set([m[0]]));
  }
  // (A word the document uses as a place is none of its people: "came to Brackley" is no Henry Brackley, "the village of
  // Kettlewell" no Kettlewell Blue.)
  const places = new Set(out.filter((t) => endsAtPlace(t.relation)).map((t) => t.tail));
  for (const t of out) if (t.relation === 'is_a' && /^(?:village|town|city|hamlet|county|parish|island|valley|river|lake|port|harbour|district|region)$/u.test(t.tail)) places.add(t.head);
  // A biography's bare surname is its subject's, whoever else shares it ("Crewe married Lucy Hale" on Isambard Crewe's page,
  // which also names his father Josiah Crewe and his son Arthur Crewe).
  const surname = person ? /\s(\p{Lu}\p{Ll}+)$/u.exec(person)?.[1] : undefined;
  if (person && surname) full.set(surname, new Set([person]));
  const only = (name: string) => (full.get(name)?.size === 1 && !places.has(name) ? [...full.get(name)!][0]! : name);
  for (const t of out) {
    t.head = only(t.head);
    t.tail = only(t.tail);
    // ("son of Brenda" is the son of Brenda Oakes.)
    const of = t.relation === 'holds_role' ? / of (\p{Lu}\p{Ll}+)$/u.exec(t.tail) : null;
    if (of && only(of[1]!) !== of[1]) t.tail = `${t.tail.slice(0, of.index)} of ${only(of[1]!)}`;
  }
}

/**
 * Whether a triple's end is something the document is about: a name (a capital, a number, CJK), or a common noun the
 * document names more than once ("the cooperative"), or in a heading. A common noun said once ("the smell of warm
 * flour", "the top of the hill") is a passing detail: a lone preposition's triple (part_of, located_in …) between two
 * such is dropped. On the development set those were 0 right of 86; verbs' triples stay whatever their ends.
 */
function salience(text: string, headings: readonly { start: number; end: number }[]): (name: string) => boolean {
  const lower = text.toLowerCase();
  const heads = headings.map((h) => lower.slice(h.start, h.end)).join('\n');
  const min = 2;
  const cache = new Map<string, boolean>();
  return (name) => {
    if (/^[\p{Lu}\p{N}]/u.test(name) || /\s\p{Lu}/u.test(name) || hasCjk(name)) return true;
    let v = cache.get(name);
    if (v === undefined) {
      const key = name.toLowerCase();
      let n = 0;
      for (let at = lower.indexOf(key); at >= 0 && n < min; at = lower.indexOf(key, at + key.length)) n++;
      v = n >= min || heads.includes(key);
      cache.set(name, v);
    }
    return v;
  };
}

/**
 * "学校", "公司" for the document's title (柳渡小学, 云岗矿务公司): Chinese refers to the subject of a page by its
 * generic noun, which shares the name's last character (小学 … 学校, 石灰厂 … 工厂) or ends it. `kinds`: is_a tails,
 * which are no names.
 */
function resolveChineseTitle(out: Triple[], title: string, kinds: ReadonlySet<string>): void {
  const last = title[title.length - 1]!;
  const generic = (n: string) => n !== title && n.length === 2 && /^\p{Script=Han}+$/u.test(n) && !kinds.has(n) && (title.endsWith(n) || n.includes(last));
  const added: Triple[] = [];
  for (const t of out) {
    for (const end of ['head', 'tail'] as const) {
      const n = t[end];
      // "语文老师韦春燕已经在这里教了二十五年书" on 铜岭中学's page: here is the page's place.
      if (/^(?:这里|这儿|此地|此处)$/u.test(n) && /(?:学|校|院|厂|馆|社|镇|村|县|港|站|场|寺|庙|楼|店|园)$/u.test(title)) {
        t[end] = title;
        continue;
      }
      // (A role is no body: "厂长" on 翠岙茶厂's page is its head, read by headsOfBodies, not the works.)
      if (end === 'tail' && t.relation === 'holds_role' && bodyHead.test(n)) continue;
      if (generic(n)) t[end] = title;
      // "学校的合唱团" is the title's choir, 菱湾小学合唱团; "酒坊的酿酒师傅" a role there, 同泰酒坊的酿酒师傅.
      else if (/^\p{Script=Han}{2}的\p{Script=Han}{2,}$/u.test(n) && generic(n.slice(0, 2))) t[end] = end === 'tail' && t.relation === 'holds_role' ? title + n.slice(2) : title + n.slice(3);
      // "协会副会长" (no 的) is a role there too: 鹤洲县砚雕协会的副会长.
      else if (end === 'tail' && t.relation === 'holds_role' && /^\p{Script=Han}{4,7}$/u.test(n) && generic(n.slice(0, 2))) {
        t[end] = `${title}的${n.slice(2)}`;
        // (… with the body one hop away, as chinese.ts gives "X的Y": (杨秀兰, chair_of, 云溪茶业有限公司).)
        const role = n.slice(2);
        added.push({ ...t, relation: roleOfLabel(role), tail: title });
      }
    }
  }
  out.push(...added);
}

/** A bare role that heads a body: "现任校长", "厂长" (not "镇上的医师", a role elsewhere). */
const bodyHead = /^(?:现任|现在的)?((?:首任|第一任|前任)?(?:副)?(校长|老板|馆长|社长|会长|主任|经理|掌柜|厂长|矿长|站长|院长|所长|董事长))$/u;
/** The last character of the bodies a head role heads: a 院长 heads a …院, a 校长 a …校 or …学. */
const bodyOf: Record<string, RegExp> = { 校长: /[校学]$/u, 馆长: /馆$/u, 社长: /社$/u, 会长: /会$/u, 厂长: /厂$/u, 矿长: /矿$/u, 站长: /站$/u, 院长: /院$/u, 所长: /所$/u };

/**
 * The head of a body, named bare, heads the body the document names: "现任校长" on 菱湾小学's page is 菱湾小学的校长,
 * "现在的院长叶岚" in a life of her grandfather that names one clinic, 翠岙卫生院, is 翠岙卫生院的院长. The page's own
 * title first, when it is such a body (a role with no kind of body, 老板 or 主任, takes the title whatever it is); else
 * the one name of that kind the document's triples hold. A role with no such body stays bare.
 */
function headsOfBodies(out: Triple[], title: string | null): void {
  const added: Triple[] = [];
  const names = [...new Set(out.flatMap((t) => [t.head, t.tail]))].filter((n) => /^\p{Script=Han}{3,12}$/u.test(n));
  for (const t of out) {
    const head = t.relation === 'holds_role' ? bodyHead.exec(t.tail) : null;
    if (!head) continue;
    const kind = bodyOf[head[2]!];
    const bodies = kind ? names.filter((n) => kind.test(n)) : [];
    const owner = title && (!kind || kind.test(title)) ? title : bodies.length === 1 ? bodies[0]! : null;
    if (owner) {
      t.tail = `${owner}的${head[1]}`;
      // (… and the body one hop away, as "X的董事长" gives it: (赵丽华, chair_of, 青禾农机有限公司).)
      added.push({ ...t, relation: roleOfLabel(head[1]!), tail: owner });
    }
  }
  out.push(...added);
}

/** A title line naming the kind of page, then its subject: "人物简介：林秋菊", "展品说明：清代木雕花窗". */
const kindTitle = /^\s*\p{Script=Han}{0,4}(?:简介|说明|介绍|档案|小传|人物|概况)[：:]\s*(\p{Script=Han}{2,12})\s*$/u;

/** The first heading's text (or a plain text's title line) when it is a Chinese name: what the page is about. */
function cjkTitle(text: string, headings: readonly { start: number; end: number }[]): string | null {
  const h = headings[0];
  // A plain text's first line, when it is a title (a short line on its own).
  const name = h ? text.slice(h.start, h.end).replace(/^#+\s*/u, '').trim() : (/^\s*([^\n]{1,32})\n\s*\n/u.exec(text)?.[1] ?? '').trim();
  // (A dated title names its body first: "鹤洲县砚雕协会2024年度会员大会会议纪要" is the association's page.)
  // (So does a title that names what kind of page it is: "青山村简介", "石湾镇概况", "青山村志" are the place's pages,
  // "青禾农机有限公司发展历程" the company's.)
  // ("人物简介：林秋菊", "展品说明：清代木雕花窗": the kind of page, then what it is about.)
  const after = kindTitle.exec(name)?.[1];
  if (after) return after;
  const bare = name.replace(/(?:简介|介绍|概况|概述|简史|小史|大事记|年鉴|发展历程|历程|沿革|历史沿革|讲解词|导游词|解说词)$|(?<=\p{Script=Han}{2}[村镇县乡])志$/u, '');
  return /^\p{Script=Han}{2,12}$/u.test(bare) ? bare : /^(\p{Script=Han}{4,12})\d/u.exec(bare)?.[1] ?? null;
}

/** One triple per (head, relation, tail, evidence span). */
function dedupe(triples: Triple[]): Triple[] {
  const seen = new Set<string>();
  return triples.filter((t) => {
    const k = `${t.head}\u0000${t.relation}\u0000${t.tail}\u0000${t.prov.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Triples of a parsed document as the library stores it: its text, heading blocks and chunks (loads the tagger first). */
export async function extractDocumentTriples(docId: string, parsed: ParsedDoc, chunks: readonly Chunk[]): Promise<Triple[]> {
  await loadTagger();
  return extractTriples({ docId, text: parsed.text, chunks, headings: parsed.blocks.filter((b) => b.kind === 'heading') });
}

/** The kin nouns and labels that say a person is a woman or a man ("女儿", daughter_of; "父亲", father_of). */
const female = /(?:女儿|长女|次女|独女|孙女|外孙女|母亲|妻子|姐姐|妹妹|祖母|外祖母|奶奶|外婆|侄女|外甥女|姑姑|姨妈|daughter|mother|sister|wife|niece|aunt)(?:_of)?$/u;
const male = /(?:儿子|长子|次子|幼子|独子|孙子|外孙|父亲|丈夫|哥哥|弟弟|祖父|外祖父|爷爷|外公|侄子|外甥|叔叔|伯父|舅舅|son|father|brother|husband|nephew|uncle)(?:_of)?$/u;

/** Who a Chinese document's sentences have said is a woman or a man, and the latest of each (chinese.ts Referents). */
function chinesePeople(): Referents & { learn(found: readonly { head: string; relation: string; tail: string }[], sentence: string, pronouns: readonly [string, 'f' | 'm'][]): void } {
  const genders = new Map<string, 'f' | 'm'>();
  const latest: Record<'f' | 'm', string | null> = { f: null, m: null };
  const isName = (n: string) => /^\p{Script=Han}{2,4}$/u.test(n);
  return {
    gender: (name) => genders.get(name) ?? null,
    latest: (g) => latest[g],
    learn(found, sentence, pronouns) {
      // (他 read as 何俊: a man, unless a kin noun says otherwise.)
      for (const [name, g] of pronouns) if (isName(name) && !genders.has(name)) genders.set(name, g);
      for (const f of found) {
        if (!isName(f.head)) continue;
        // (X, holds_role, 罗广田的女儿), (X, daughter_of, Y): X is a woman.
        const said = f.relation === 'holds_role' ? f.tail : f.relation;
        if (female.test(said)) genders.set(f.head, 'f');
        else if (male.test(said)) genders.set(f.head, 'm');
      }
      const named = [...new Set(found.flatMap((f) => [f.head, f.tail]))].filter((n) => isName(n) && genders.has(n));
      for (const n of named.sort((a, b) => sentence.lastIndexOf(a) - sentence.lastIndexOf(b))) latest[genders.get(n)!] = n;
    },
  };
}
