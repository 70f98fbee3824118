// The sentence structures of issue #26 (appositive roles, "born in", passives with a date, copulas, relative clauses,
// coordination, pronouns), in English and Chinese, on sentences written for this test (none from the demo pack or the
// held-out set), and the two-hop question the issue was filed with, answered by RoG's no-LLM baseline.
import { describe, expect, it } from 'vitest';
import { answerHead, answerType, endsAtBody } from '../../../src/graph/answer-type';
import { extractTriples } from '../../../src/graph/extract';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { linkEntities } from '../../../src/graph/link';
import { canonicalFact, extractionScores } from '../../../src/graph/metrics';
import { baselineAnswer, graphKinds } from '../../../src/graph/prompt';
import { graphRetrieve } from '../../../src/graph/rog';
import { followPlan } from '../../../src/graph/search';
import { stems, withoutAntecedents } from '../../../src/graph/plan';
import type { Triple } from '../../../src/graph/types';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

const extract = (text: string, docId = 'd', headings?: { start: number; end: number }[]): Triple[] => extractTriples({ docId, text, chunks: [{ start: 0, end: text.length }], headings });
/** The triples as 'head | relation | tail' lines; `headings`: the text's heading spans, as the parser gives them. */
const facts = (text: string, headings?: { start: number; end: number }[]) => extract(text, 'd', headings).map((t) => `${t.head} | ${t.relation} | ${t.tail}`);
/** A triple written by hand, for planning and ranking tests on a graph whose edges are given. */
const t = (head: string, relation: string, tail: string): Triple => ({ head, relation, tail, prov: { docId: 'd', chunk: 0, start: 0, end: 0, extractor: 'pattern' } });

describe('English structures', () => {
  it('"bought by a local builder, Tom Harker": the relation ends at the name, which is one; "Their son Jack" after "Ada Hollins … her husband, Fred"', () => {
    expect(facts('The mill was bought by a local builder, Tom Harker.')).toEqual(expect.arrayContaining(['mill | bought_by | Tom Harker', 'Tom Harker | is_a | local builder']));
    expect(facts('The mill was bought by a local builder, Tom Harker.').join('\n')).not.toMatch(/bought_by \| local builder/u);
    // (A name that ends in s is one person's: the couple's son is theirs.)
    expect(facts('Ada Hollins opened a small shop with her husband, Fred. Their son Jack took over in 1965.')).toEqual(expect.arrayContaining(['Jack | son_of | Ada Hollins', 'Jack | son_of | Fred']));
  });

  it('"my" on a body\'s page is nobody the page names: a brewery has no grandfather', () => {
    const f = facts('# Ferncliffe Brewery\n\n"My grandfather, Samuel Booth, ran a loom in this shed," said the brewer.', [{ start: 0, end: 20 }]);
    expect(f.join('\n')).not.toMatch(/grandfather of Ferncliffe Brewery|grandfather_of/u);
    expect(facts('# Ada Lumb\n\nMy grandmother, Nell Lumb, ran a loom in this shed.', [{ start: 0, end: 10 }])).toContain('Nell Lumb | holds_role | grandmother of Ada Lumb');
  });

  it('an indefinite noun refers back to nothing: "a bakery in Sedbergh" on Hollins Bakery\'s page is another bakery; "the bakery" is it', () => {
    const f = facts('Hollins Bakery has baked bread on Chapel Street since 1932. Today the bakery is run by Ruth Hollins. Her aunt Nell kept a bakery in Sedbergh.');
    expect(f).toEqual(expect.arrayContaining(['Hollins Bakery | run_by | Ruth Hollins', 'Nell | keep | bakery']));
    expect(f.join('\n')).not.toMatch(/Nell \| keep \| Hollins Bakery|Hollins Bakery \| located_in \| Sedbergh/u);
  });

  it('a quotation\'s "my" is its speaker\'s, in the sentence attributed and the quoted ones after it in the paragraph', () => {
    const page = '# Ferncliffe Brewery\n\n"We wanted people to drink where the weavers worked," said Martin Oyelaran. "My grandfather, Samuel Booth, ran a loom in this shed."\n\nMy aunt, Ruth Hale, runs the shop.';
    const f = facts(page, [{ start: 0, end: 20 }]);
    expect(f).toEqual(expect.arrayContaining(['Samuel Booth | grandfather_of | Martin Oyelaran']));
    // (A new paragraph with no quotation is nobody's: the page is a brewery's.)
    expect(f.join('\n')).not.toMatch(/Ruth Hale \| aunt_of/u);
  });

  it('an apposition that a place closes is no subject: "Ferncliffe Brewery, the independent brewery in Hebden Royd, will open …"', () => {
    const f = facts('Ferncliffe Brewery, the independent brewery in Hebden Royd, will open its new taproom on Saturday.');
    expect(f).toEqual(expect.arrayContaining(['Ferncliffe Brewery | holds_role | independent brewery', 'Ferncliffe Brewery | located_in | Hebden Royd', 'Ferncliffe Brewery | open | new taproom']));
    expect(f.join('\n')).not.toMatch(/independent brewery \| open/u);
  });

  it('a second verb after "and" belongs to the same subject; a reflexive ends a mention', () => {
    expect(facts('Mara Quell is a niece of Ott Quell and works at the Fenmarsh Dairy.')).toContain('Mara Quell | work_at | Fenmarsh Dairy');
    expect(facts('Orla Brae skippers the Kittiwake herself.').join('\n')).not.toContain('herself');
  });

  it('a role noun then its appositive name ends the relation at the name; a compound\'s last part names it; a year cell dates its row', () => {
    const f = facts('Calloway Wharf is a boatyard in Fenmarsh. Today the yard is owned by her nephew, Bram Kettle. The planking is done by hand.');
    expect(f).toEqual(expect.arrayContaining(['Calloway Wharf | owned_by | Bram Kettle', 'Bram Kettle | holds_role | nephew']));
    expect(f).not.toContain('yard | owned_by | nephew');
    const table = facts('| Boat | Launched | Seats |\n|---|---|---|\n| Kittiwake | 1954 | 30 |');
    expect(table).toEqual(expect.arrayContaining(['Kittiwake | in_year | 1954', 'Kittiwake | seats | 30']));
  });

  it('a definite description ("the guild", "the keeper") is the one entity the document says is one', () => {
    const f = facts('The Varrow weavers are a guild of dyers in Holm. The guild was founded in 1702. Ada Quill, the keeper of the Varrow looms, lives in Holm. The keeper trained in Ostby.');
    expect(f).toContain('Varrow weavers | is_a | guild of dyers');
    expect(f).toContain('Varrow weavers | in_year | 1702');
    expect(f).not.toContain('guild | in_year | 1702');
    expect(f.some((x) => x.startsWith('Ada Quill | ') && x.endsWith(' | Ostby'))).toBe(true);
    // The defining triples keep their kind and role.
    expect(f).toContain('Ada Quill | holds_role | keeper of the Varrow looms');
  });

  it('"X is a member of Y", with a name or a pronoun, and "the <role> of Y is X" with the pronoun after it', () => {
    const f = facts('Ilse Marrow is a member of the Orrin Society. Teodric Vane lives in Quellmoor. He is also a member of the Brass Club. The keeper of Holm Light is Ada Quill. She was born in Ostby.');
    expect(f).toContain('Ilse Marrow | member_of | Orrin Society');
    expect(f).toContain('Teodric Vane | member_of | Brass Club');
    expect(f).not.toContain('member | part_of | Brass Club');
    expect(f).toContain('Ada Quill | holds_role | keeper of Holm Light');
    expect(f).toContain('Ada Quill | born_in | Ostby');
    expect(f).not.toContain('keeper | part_of | Holm Light');
  });

  it('"the county of Westmarch" is Westmarch, a county; a place after a comma, or after a kind, is the subject\'s', () => {
    const f = facts('Holm is a fishing village in the county of Westmarch. Ostby lies on the east bank of the Lune, in the county of Harnmoor.');
    expect(f).toEqual(expect.arrayContaining(['Westmarch | is_a | county', 'Holm | located_in | Westmarch', 'Ostby | located_in | Harnmoor']));
    expect(f).not.toContain('fishing village | located_in | Westmarch');
    expect(f.filter((x) => x.startsWith('county'))).toEqual([]);
  });

  it('an adverb is never an entity, and a word after an article stays in its noun phrase', () => {
    const f = extract('The front windows rattle whenever the wind blows. The new lamps burn brightly. Holm sells a soft blue cheese.');
    expect(f.filter((t) => /^(whenever|brightly)$/.test(t.head) || /^(whenever|brightly)$/.test(t.tail))).toEqual([]);
    expect(f.map((t) => `${t.head} | ${t.relation} | ${t.tail}`)).toContain('Holm | sell | soft blue cheese');
  });

  it('a list after an "of" part continues the verb\'s object, and is not an apposition', () => {
    const f = facts('Over two centuries the Varrow guild built the tower of Saint Osk, Holm Bridge and the West Pier.');
    expect(f).toContain('Varrow guild | build | Holm Bridge');
    expect(f).toContain('Varrow guild | build | West Pier');
    expect(f.filter((x) => x.startsWith('Holm Bridge | '))).toEqual([]);
  });

  it('a noun that heads two entities\' kinds stays as written', () => {
    const f = facts('The Varrow weavers are a guild of dyers. The Ostby smiths are a guild of farriers. The guild was founded in 1702.');
    expect(f).toContain('guild | in_year | 1702');
  });

  it('an appositive role with its "of" part, and the verb after it', () => {
    const f = facts('The harbourmaster of Quellmoor, Teodric Vane, rings the brass bell at dawn.');
    expect(f).toContain('Teodric Vane | holds_role | harbourmaster of Quellmoor');
    expect(f).toContain('Teodric Vane | ring | brass bell');
    // The role phrase is not cut into "harbourmaster part_of Quellmoor".
    expect(f).not.toContain('harbourmaster | part_of | Quellmoor');
  });

  it('an appositive role at a named place keeps its "at" part, and the place is where the person works', () => {
    const f = facts('The mill was built in 1880 by Osric Penn, a millwright at Tarrow Forge. He thanked Ada Vell, the head brewer at Holm Maltings, for the loan.');
    expect(f).toEqual(expect.arrayContaining(['Osric Penn | holds_role | millwright at Tarrow Forge', 'Ada Vell | holds_role | head brewer at Holm Maltings']));
    expect(f.join('\n')).not.toMatch(/^(?:millwright|head brewer) \|/m);
    // A lone word with no article may be a verb: no role "works at …".
    expect(facts('Her daughter, Maja Vell, works at the Holm Bakery.').join('\n')).not.toContain('holds_role | works');
  });

  it('a possessive before a role and a name with no comma: the name is the owner\'s kin or holds its role', () => {
    const f = facts('Walter Penn\'s daughter Ada Penn married a fisherman.');
    expect(f).toEqual(expect.arrayContaining(['Ada Penn | daughter_of | Walter Penn', 'Ada Penn | married_to | fisherman']));
    expect(f.join('\n')).not.toMatch(/part_of|is_a \| daughter/);
  });

  it('coordination: "the granary and the kiln were built by …" has two subjects; "owns the old school and the chapel" two objects, read the other way round', () => {
    const f = facts('The granary and the kiln were built by the Tarrow masons. The Holm Trust owns the old school and the chapel.');
    expect(f).toEqual(expect.arrayContaining(['granary | built_by | Tarrow masons', 'kiln | built_by | Tarrow masons', 'old school | owned_by | Holm Trust', 'chapel | owned_by | Holm Trust']));
  });

  it('"X, whose owner, Y," is X\'s owner, and what pointed at X still does', () => {
    const f = facts('The ferry is operated by Ostby Ferries, whose owner, Dan Oake, was born in Holm.');
    expect(f).toEqual(expect.arrayContaining(['ferry | operated_by | Ostby Ferries', 'Dan Oake | holds_role | owner of Ostby Ferries', 'Dan Oake | born_in | Holm']));
  });

  it('inside a subject relative clause, a year dates the clause\'s object: "Hetty Marr, who founded the choir in 1921,"', () => {
    const f = facts('Hetty Marr, who founded the choir in 1921, was born in Tarrow.');
    expect(f).toEqual(expect.arrayContaining(['choir | in_year | 1921', 'Hetty Marr | born_in | Tarrow']));
    expect(f).not.toContain('Hetty Marr | in_year | 1921');
  });

  it('a founding date in brackets dates the name before it; "was cast" is a verb, not a mention', () => {
    expect(facts('The Tarrow Choir (founded 1921) rehearses at the chapel.')).toEqual(expect.arrayContaining(['Tarrow Choir | in_year | 1921', 'Tarrow Choir | rehearse_at | chapel']));
    expect(facts('The bell was cast at the Tarrow foundry in 1788.')).toContain('bell | in_year | 1788');
  });

  it('a key and a name on a body\'s page: the role is the body\'s, and brackets after the name are no part of it', () => {
    const text = '# Holm Lifeboat Station\n\nHolm Lifeboat Station was established in 1868.\n\n- Coxswain: Tom Varley (since 2011)\n- Mechanic: Jess Oake\n\nHolm Lifeboat Station is run by the Holm Lifeboat Trust.';
    const f = facts(text, [{ start: 0, end: 25 }]);
    expect(f).toEqual(expect.arrayContaining(['Tom Varley | holds_role | coxswain of Holm Lifeboat Station', 'Jess Oake | holds_role | mechanic of Holm Lifeboat Station']));
    expect(f.join('\n')).not.toContain('since 2011');
  });

  it('the word after an opening "who" is its verb, not an entity: "Who chairs …" does not start from a node "chairs"', () => {
    const kg = KnowledgeGraph.from([['d', [t('chairs', 'included', 'piano'), t('Holm Trust', 'applicant', 'Tarn Mill'), t('Ada Quill', 'chair', 'Holm Trust')]]]);
    const q = 'Who chairs the organisation that has applied to convert Tarn Mill?';
    expect(linkEntities(kg, q).map((l) => l.name)).toEqual(['Tarn Mill']);
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Ada Quill');
  });

  it('"was taken over by" is one agent\'s label though the tagger reads "over" as a verb; "at seventeen" is an age, no place', () => {
    expect(facts('After the war the works was taken over by the Holm Steel Company.')).toContain('works | taken_over_by | Holm Steel Company');
    expect(facts('Tom Varley joined the crew at seventeen.').join('\n')).not.toContain('seventeen');
  });

  it('"succeeded Y as chairman of Z": the subject holds the role; "as a young man" is no role', () => {
    const f = facts('Ada Quill succeeded Peter Oake as chairman of the Holm Trust in 2004. Amos Vell moved to Ostby as a young man.');
    expect(f).toEqual(expect.arrayContaining(['Ada Quill | succeed | Peter Oake', 'Ada Quill | holds_role | chairman of Holm Trust']));
    expect(f.join('\n')).not.toMatch(/chairman \| part_of|young man/);
  });

  it('whom a body appoints or elects "as" a role holds it (the body\'s when "its"); an -ly adverb before a verb is no part of the link', () => {
    const f = facts('The Holm Ferry Trust has appointed Sarah Lusk as its new chief executive. The society elected Ada Quill as president of the Holm Trust. Ms Lusk previously managed the Ostby Harbour Company.');
    expect(f).toEqual(expect.arrayContaining(['Sarah Lusk | holds_role | chief executive of Holm Ferry Trust', 'Ada Quill | holds_role | president of Holm Trust', 'Sarah Lusk | managed | Ostby Harbour Company']));
    expect(f.join('\n')).not.toMatch(/Holm Ferry Trust \| holds_role|president \| part_of/);
  });

  it('an obituary: "her daughter" in a sentence opened by "she" is hers, not the son\'s named before; "aged 91" is no entity', () => {
    const f = facts('Mary Ellen Quill, who ran the post office for forty years, has died aged 91. She is survived by her son, Peter, and her daughter, Ruth Oake.');
    expect(f).toEqual(expect.arrayContaining(['Peter | son_of | Mary Ellen Quill', 'Ruth Oake | daughter_of | Mary Ellen Quill']));
    expect(f.join('\n')).not.toMatch(/daughter_of \| Peter|aged 91/);
  });

  it('an object relative clause with no comma: "the boathouse that the Vell brothers built in 1910"', () => {
    expect(facts('The boathouse that the Vell brothers built in 1910 still stands.')).toEqual(expect.arrayContaining(['Vell brothers | build | boathouse', 'boathouse | in_year | 1910']));
  });

  it('an opening "Born in X," is about the clause\'s subject', () => {
    expect(facts('Born in Tarrow in 1851, Edith Crane trained as a nurse in Holm.')).toContain('Edith Crane | born_in | Tarrow');
  });

  it('a pronoun left unresolved is no entity: "keeps me", "everything starts"', () => {
    const f = facts('Dora Penn taught me. Everything starts at four. The lifeboat is named after somebody from Ostby.');
    expect(f.join('\n')).not.toMatch(/\b(?:me|Everything|somebody)\b/);
  });

  it('a first name alone is the person the text names in full, though no triple kept the full name', () => {
    const f = facts('After his death the mill passed to his son, Walter Penrose, who ran it until 1931. The ferry is named after Walter\'s daughter, Ida Penrose, who paid for the quay.');
    expect(f).toContain('Ida Penrose | daughter_of | Walter Penrose');
    expect(f.join('\n')).not.toMatch(/\| Walter$/m);
  });

  it('"X was born in Y", an indefinite appositive, and a pronoun subject', () => {
    const f = facts('Ilse Marrow was born in Penhallow, a village of lace-makers. She moved to Durnford in 1990.');
    expect(f).toContain('Ilse Marrow | born_in | Penhallow');
    expect(f).toContain('Penhallow | is_a | village of lace-makers');
    expect(f).toContain('Ilse Marrow | move_to | Durnford');
  });

  it('an opening phrase closed by a comma leaves the pronoun after it the subject', () => {
    const f = facts('Margaret Alder was matron of Holm Infirmary. Known to everyone as Peg, she was born in Hexley. After the war, she moved to Ostby.');
    expect(f).toEqual(expect.arrayContaining(['Margaret Alder | born_in | Hexley', 'Margaret Alder | move_to | Ostby']));
  });

  it('"the mill" is the one name that ends with it; "It" is the last singular subject, not a plural one', () => {
    const f = facts('The Holm apiary stands above Ostby. Its twelve hives face south. It was founded by Ada Quill. The Varrow Mill grinds rye. The mill is owned by Bram Kettle.');
    expect(f).toEqual(expect.arrayContaining(['Holm apiary | founded_by | Ada Quill', 'Varrow Mill | owned_by | Bram Kettle']));
    expect(f.filter((x) => x.startsWith('twelve hives | founded_by'))).toEqual([]);
  });

  it('a role "of the <noun>" is the document\'s one such noun; an -s verb before a number; "a launch, the Marsh Queen" is a kind', () => {
    const f = facts('The Holm Slate Company quarries the hill. The manager of the company is Ada Quill. She was born in Ostby. The company employs 85 people. It also owns a launch, the Grey Heron. The warden of the company, Bram Kettle, lives in Holm.');
    expect(f).toEqual(expect.arrayContaining([
      'Ada Quill | manager_of | Holm Slate Company', 'Ada Quill | born_in | Ostby', 'Holm Slate Company | employ | 85 people',
      'Grey Heron | owned_by | Holm Slate Company', 'Grey Heron | is_a | launch', 'Bram Kettle | warden_of | Holm Slate Company',
    ]));
  });

  it('possessives: "Lark\'s Brewery" is one name; "the brewery\'s owner, X," and "X is Hiram\'s granddaughter" are roles with their "of" part', () => {
    const f = facts("Lark's Brewery stands in Holm. The brewery's owner, Miriam Lark, lives in Ostby. Ada Quill is Hiram's granddaughter.");
    expect(f).toEqual(expect.arrayContaining([
      "Lark's Brewery | located_in | Holm", "Miriam Lark | holds_role | owner of Lark's Brewery", "Miriam Lark | owns | Lark's Brewery",
      'Ada Quill | holds_role | granddaughter of Hiram', 'Ada Quill | granddaughter_of | Hiram',
    ]));
    expect(f.filter((x) => x.includes('part_of'))).toEqual([]);
  });

  it('a page speaks as its title: "We have 46 members", "Our conductor, X,"; a verb\'s place through a time or an object', () => {
    const f = facts('Holm Choral Society\n\nWe have 46 members now, and we rehearse every Monday evening at Holm Hall. Our conductor, Frances Hale, teaches music at Ostby School. Our accompanist is Nadia Fair.');
    expect(f).toEqual(expect.arrayContaining([
      'Holm Choral Society | keeps | 46 members', 'Holm Choral Society | rehearse_at | Holm Hall',
      'Frances Hale | holds_role | conductor of Holm Choral Society', 'Frances Hale | conductor_of | Holm Choral Society',
      'Frances Hale | teach_at | Ostby School', 'Nadia Fair | accompanist_of | Holm Choral Society',
    ]));
    expect(f.filter((x) => x.startsWith('Monday evening'))).toEqual([]);
  });

  it('"Both brothers were born in …", "Both were built by …": each of the last names the text joined', () => {
    const f = facts('The Holm Slate Company was founded by Amos Thorne and Eli Thorne. Both brothers were born in Pellow. The ferry company runs the Heron and the Lapwing. Both were built by Halden Boatworks.');
    expect(f).toEqual(expect.arrayContaining(['Amos Thorne | born_in | Pellow', 'Eli Thorne | born_in | Pellow', 'Heron | built_by | Halden Boatworks', 'Lapwing | built_by | Halden Boatworks']));
    expect(f.filter((x) => /^(?:brothers|Both)\b/.test(x))).toEqual([]);
  });

  it('a title is no part of a name; "the garden\'s curator is X"; a spelled-out number ends a name; ", and a new edition comes out" is a new clause', () => {
    const f = facts('The garden was founded by Dr Matthew Corran, who had founded Holm Infirmary thirteen years earlier. The garden\'s curator is Dr Imogen Pask. The guidebook is printed by Ashdown & Vane, and a new edition comes out every spring.');
    expect(f).toEqual(expect.arrayContaining(['garden | founded_by | Matthew Corran', 'Imogen Pask | holds_role | curator of garden', 'Imogen Pask | curator_of | garden', 'guidebook | printed_by | Ashdown & Vane']));
    expect(f.filter((x) => /Dr |thirteen|new edition/.test(x))).toEqual([]);
  });

  it('"was founded in 1859 by A and B": the year dates it and both are its founders', () => {
    const f = facts('The Holm Slate Company was founded in 1859 by Ada Quill and Bram Kettle.');
    expect(f).toEqual(expect.arrayContaining(['Holm Slate Company | in_year | 1859', 'Holm Slate Company | founded_by | Ada Quill', 'Holm Slate Company | founded_by | Bram Kettle']));
  });

  it('an agent keeps its verb, with or without "was": founded_by, run_by, not one made_by', () => {
    const f = facts('The Holm library was founded by Ada Quill. Today it is run by Bram Kettle. The Ostby school, started by Ada Quill, is led by Ilse Marrow.');
    expect(f).toEqual(expect.arrayContaining(['Holm library | founded_by | Ada Quill', 'Holm library | run_by | Bram Kettle', 'Ostby school | led_by | Ilse Marrow']));
    expect(f.filter((x) => x.includes('made_by'))).toEqual([]);
  });

  it('a passive with its agent and a year: the year dates the subject, not the agent', () => {
    const f = facts('The Gannet Bridge was built by the Orrin guild in 1841.');
    expect(f).toContain('Gannet Bridge | built_by | Orrin guild');
    expect(f).toContain('Gannet Bridge | in_year | 1841');
    expect(f).not.toContain('Orrin guild | in_year | 1841');
  });

  it('a copula names a role (and the body stays one hop away); a verb the vocabulary lacks keeps its own root', () => {
    const f = facts('Mira Halden is the archivist of Fenwick Abbey. Osric Dunn chairs the Pellow Trust.');
    expect(f).toContain('Mira Halden | holds_role | archivist of Fenwick Abbey');
    expect(f).toContain('Mira Halden | archivist_of | Fenwick Abbey');
    expect(f).toContain('Osric Dunn | chair | Pellow Trust');
  });

  it('a relative clause is about the noun before it; a negation states nothing', () => {
    const f = facts('The Tarn mill, which is owned by the Velder family, grinds rye. Bram Stoke never visited Carrowby.');
    expect(f).toContain('Tarn mill | owned_by | Velder family');
    expect(f.some((x) => x.includes('Carrowby') && !x.includes('mentioned_with'))).toBe(false);
  });

  it('a noun after an article or ending a copula\'s noun phrase is no verb ("a dyeing works in Holm, on Quay Row"); a kind\'s place is its entity\'s', () => {
    const f = facts('Brack & Tull is a dyeing works in Holm, on Quay Row. Two brothers bought the works in 1931.');
    expect(f).toEqual(expect.arrayContaining(['Brack & Tull | is_a | dyeing works', 'Brack & Tull | located_in | Holm', 'Brack & Tull | located_in | Quay Row']));
    expect(f).not.toContain('Brack & Tull | is_a | dyeing');
    expect(f).not.toContain('dyeing works | located_in | Quay Row');
  });

  it('a timeline entry and "In 1904, …" date the clause as a closing year does; a timeline\'s "found" founds; a heading\'s colon opens no key', () => {
    const f = facts('# Holm Rowing Club: our story\n\n- 1904: Two ferrymen found Holm Rowing Club.\n- 1911: Edric Vale designs the clubhouse.\n\nIn 1921, the Orrin guild built the Gannet Bridge.');
    expect(f).toEqual(expect.arrayContaining(['Holm Rowing Club | in_year | 1904', 'clubhouse | in_year | 1911', 'Gannet Bridge | in_year | 1921']));
    expect(f.some((x) => /^Two ferrymen \| found(ed_by)? \| Holm Rowing Club$/.test(x) || x === 'Holm Rowing Club | founded_by | Two ferrymen')).toBe(true);
    expect(f.join('\n')).not.toMatch(/\| find \||1904 \| is_a|is_a \| our story/);
  });

  it('a definite role with no "of" part belongs to the body the page is about, when the page names it and it is no person', () => {
    const page = (body: string) => facts(`# Tull's Brewery\n\n${body}`);
    expect(page('Tull\'s Brewery is a brewery in Holm. The head brewer, Ada Quill, came in 2004. Its cooper is Ned Ash.'))
      .toEqual(expect.arrayContaining(['Ada Quill | holds_role | head brewer of Tull\'s Brewery', 'Ned Ash | holds_role | cooper of Tull\'s Brewery']));
    // A title the text never names again is no entity; neither is a person whose page it is.
    expect(page('The head brewer, Ada Quill, came in 2004.').join('\n')).not.toContain('of Tull');
    expect(facts('# Mara Quell\n\nMara Quell was born in Holm. The vicar, Ned Ash, spoke.').join('\n')).not.toContain('vicar of');
  });

  it('"X, the band\'s first bandmaster, worked at …": the role with its owner, and X works; "It was opened in 1874 by X"', () => {
    const f = facts('The Holm Silver Band is a brass band. Ada Quill, the band\'s first bandmaster, worked at the Holm quarry. The Holm quarry is a granite quarry. It was opened in 1874 by Ned Ash.');
    expect(f).toEqual(expect.arrayContaining([
      'Ada Quill | holds_role | first bandmaster of Holm Silver Band', 'Ada Quill | work_at | Holm quarry',
      'Holm quarry | in_year | 1874', 'Holm quarry | opened_by | Ned Ash',
    ]));
    expect(f.join('\n')).not.toMatch(/first bandmaster \| work_at|located_in \| 1874/);
  });

  it('an infobox (two columns: keys, and values of mixed kinds) states its rows of the page\'s subject, in HTML\'s paragraphs or Markdown', () => {
    const html = facts('Holm Quarry\n\nType | Granite quarry\n\nLocation | Holm\n\nOpened | 1874\n\nFounder | Ned Ash\n\nHolm Quarry is a quarry in Holm.');
    expect(html).toEqual(expect.arrayContaining(['Holm Quarry | is_a | Granite quarry', 'Holm Quarry | located_in | Holm', 'Holm Quarry | in_year | 1874', 'Holm Quarry | founded_by | Ned Ash']));
    const zh = facts('石湾砚厂\n\n| 项目 | 内容 |\n| --- | --- |\n| 成立时间 | 1958年 |\n| 创办人 | 周海 |\n| 所在地 | 青川 |\n\n石湾砚厂很有名。');
    expect(zh).toEqual(expect.arrayContaining(['石湾砚厂 | in_year | 1958', '石湾砚厂 | founded_by | 周海', '石湾砚厂 | located_in | 青川']));
    // A table of several rows' entities is no infobox: one kind of value per column.
    expect(facts('| Boat | Launched |\n|---|---|\n| Kittiwake | 1954 |\n| Gannet | 1961 |\n| Tern | 1970 |')).toEqual(expect.arrayContaining(['Kittiwake | in_year | 1954', 'Tern | in_year | 1970']));
  });

  it('a comma-closed relative clause\'s subject and object are not the main verb\'s subject; "was elected secretary of the band" is a role', () => {
    const f = facts('The Holm Band is a brass band. The Old Forge, which the band has used since 1931, is owned by the Holm Trust. Ada Quill, who has chaired the band since 2019, thanked the players. Ned Ash was elected secretary of the band.');
    expect(f).toEqual(expect.arrayContaining(['Old Forge | owned_by | Holm Trust', 'Ada Quill | thank | players', 'Ned Ash | holds_role | secretary of Holm Band']));
    expect(f.join('\n')).not.toMatch(/Holm Band \| (owned_by|thank)|Old Forge \| holds_role/);
  });

  it('an interview: a question states nothing, an answer is read without "A:", and "I" and "my" are the person the page is about', () => {
    const f = facts('# Five minutes with… Ada Quill\n\n**Q: Where were you born?**\n\nA: I was born in Holm Cove. My father, Ned Quill, was a fisherman.\n\nPresent: Ned Ash (Chair), Tom Vane (Secretary).');
    expect(f).toEqual(expect.arrayContaining(['Ada Quill | born_in | Holm Cove', 'Ned Quill | holds_role | father of Ada Quill']));
    expect(f.join('\n')).not.toMatch(/Five minutes|\bQ\b|\bA \||holds_role \| (A|Present)$/m);
  });

  it('a guide\'s entry "**Term** – the granite boathouse was built by X" is about its term; a surname or a person\'s first name alone is the full name', () => {
    const f = facts('Places to visit\n\n- **Holm Lifeboat Station** – the granite boathouse was built in 1902 by Josiah Quill, a stonemason.\n- **Holm Museum** – housed in the old cellars.\n\nQuill, who was born in Fennock, stayed on. Ruth Colley is the chair of the Holm Band. Ruth was born in Ostby.');
    expect(f).toEqual(expect.arrayContaining([
      'Holm Lifeboat Station | built_by | Josiah Quill', 'Holm Lifeboat Station | in_year | 1902', 'Holm Museum | housed_in | old cellars',
      'Josiah Quill | born_in | Fennock', 'Ruth Colley | born_in | Ostby',
    ]));
    expect(f.join('\n')).not.toMatch(/granite boathouse \| (built_by|in_year)/);
  });

  it('a passive\'s agent after places and times ("named on the quay on 10 May by X"); a date or a clock time is no place and no kind', () => {
    const f = facts('The Gannet Maid is a ferry. She will be named on Holm quay on 10 May by Nell Quill. The meeting was held in the Old Forge on Friday 14 February 2025 at 7.30 pm. HOLM, 3 March — Holm Ferries announced a ferry.');
    expect(f).toEqual(expect.arrayContaining(['Gannet Maid | named_by | Nell Quill', 'meeting | located_in | Old Forge']));
    expect(f.join('\n')).not.toMatch(/located_in \| (10|Friday|7\.30)|is_a \| 3 March/);
  });

  it('a verb\'s common-noun object "of" a name is also the name\'s: "prints the first issue of the Holm Courier"', () => {
    expect(facts('The works prints the first issue of the Holm Courier.')).toEqual(expect.arrayContaining(['works | print | Holm Courier', 'works | print | first issue']));
  });

  it('a news story: an age between commas is no entity; "X, chairman of Y," is a role; "who now lives in"; a first name alone; a kind\'s participle', () => {
    const f = facts('Dennis Marsh, 61, chairman of the Holm Canal Trust, opened the lock. Jean Pike, 74, cut the ribbon. "It was grand," said Jean, who now lives in Hobbeck. Among the boats was the Kestrel, a former coal barge owned by the Holm Canal Trust.');
    expect(f).toEqual(expect.arrayContaining([
      'Dennis Marsh | holds_role | chairman of the Holm Canal Trust', 'Dennis Marsh | chair_of | Holm Canal Trust',
      'Jean Pike | live_in | Hobbeck', 'Kestrel | owned_by | Holm Canal Trust',
    ]));
    expect(f.join('\n')).not.toMatch(/is_a \| (61|74)|former coal barge \| owned_by|located_in \| Hobbeck/);
  });

  it('a biography: life dates in brackets; "an English weaver" is a kind; "In 1921 he founded X …; it …" dates X; a person\'s page owns no bare role', () => {
    const f = facts('# Walter Quill\n\nWalter Quill (1896–1971) was an English weaver. In 1921 he founded the Holm Choir with his friends; it rehearsed in the dyehouse. He was educated at the village school, now Holm School. Quill was born in Holm.');
    expect(f).toEqual(expect.arrayContaining(['Walter Quill | is_a | English weaver', 'Walter Quill | found | Holm Choir', 'Holm Choir | in_year | 1921']));
    expect(f.join('\n')).not.toMatch(/dyehouse \| in_year|of Walter Quill/);
    // The scorer reads the extractor's "found" (from "founded") as founding, not finding.
    expect(canonicalFact('Walter Quill', 'found', 'Holm Choir')).toEqual(canonicalFact('Holm Choir', 'founded_by', 'Walter Quill'));
  });

  it('a colon before a pronoun opens a sentence; "has been a member of"; a contraction is no entity; an opening "When …," clause ends at its comma', () => {
    const f = facts('Sam Oakes runs the bakery. When he isn\'t at the ovens, Sam is usually at the crease: he has been a member of Holm Cricket Club since he was twelve.');
    expect(f.join('\n')).toMatch(/^Sam( Oakes)? \| member_of \| Holm Cricket Club$/m);
    expect(f.join('\n')).not.toMatch(/isn't|holds_role \| ovens/);
  });

  it('a blog\'s "my" is its writer\'s, not the page title\'s; "married my grandfather, X," marries X', () => {
    const f = facts('# Looking for Ada: a mill girl\n\nMy grandmother, Ada Lumb, was born in Crayle. In 1922 Ada Lumb married my grandfather, Walter Quill, at the church.');
    expect(f).toEqual(expect.arrayContaining(['Ada Lumb | born_in | Crayle', 'Ada Lumb | married_to | Walter Quill']));
    expect(f.join('\n')).not.toMatch(/of Looking/);
  });

  it('a newsletter: "has been a member of"; "Its headteacher, X," after a sentence about a school; "captained this season by X"; "built by the men of Crayle"; "who has been the island\'s harbourmaster"', () => {
    const f = facts('Jean Pike has been a member of the Holm Canal Trust for fifty years. Holm School has again been rated Good. Its headteacher, Claire Dyson, says so. Holm Cricket Club, captained this season by Sam Oakes, are unbeaten. Holm Hall was built by the men of Crayle in 1921. The ferry was named by Nell Quill, who has been the island\'s harbourmaster since 2012.');
    expect(f).toEqual(expect.arrayContaining([
      'Jean Pike | member_of | Holm Canal Trust', 'Claire Dyson | holds_role | headteacher of Holm School', 'Holm Cricket Club | captained_by | Sam Oakes',
      'Holm Hall | built_by | men of Crayle', 'Nell Quill | holds_role | harbourmaster of island',
    ]));
    expect(f.join('\n')).not.toMatch(/holds_role \| island$|captain \| season/m);
  });

  it('"her son, Sam" and "Her younger brother, Fred Lumb," are the kin of the sentence\'s first name or the previous subject; kin is asked for from either end', () => {
    const f = facts('Brenda Oakes founded the bakery. Brenda retired in 2015, and the bakery is now run by her son, Sam, who learned the trade. Ada Lumb was born in Crayle. Her younger brother, Fred Lumb, later became the lock-keeper.');
    expect(f).toEqual(expect.arrayContaining(['Sam | holds_role | son of Brenda Oakes', 'Sam | son_of | Brenda Oakes', 'Fred Lumb | holds_role | younger brother of Ada Lumb', 'Fred Lumb | brother_of | Ada Lumb']));
    const kg = KnowledgeGraph.from([['d', [t('Holm Club', 'captained_by', 'Sam Oakes'), t('Sam Oakes', 'son_of', 'Brenda Oakes'), t('Sam Oakes', 'born_in', 'Crayle'), t('Sam Oakes', 'works_at', 'Lockside Bakery')]]]);
    const q = 'Who is the mother of the captain of Holm Club?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Brenda Oakes');
  });

  it('an FAQ and a directory: a relative clause after an apposition is about the name; "He was Richard\'s great-grandfather"; a blank cell states nothing', () => {
    const f = facts('Josiah Metcalfe founded the society. The show was judged by Ada Quill, a sheep breeder who was born in Thornby. Ned Ash is a farmer. He was Richard\'s great-grandfather.\n\n| Name | Founded | Contact |\n|---|---|---|\n| Holm Harriers | 1958 | Sam Capstick |\n| Holm Dairy | — | Meg Harker |\n| Holm Hostel | 1934 | Peter Kitching |');
    expect(f).toEqual(expect.arrayContaining(['Ada Quill | born_in | Thornby', 'Ned Ash | holds_role | great-grandfather of Richard', 'Holm Harriers | in_year | 1958']));
    expect(f.join('\n')).not.toMatch(/sheep breeder \| born_in|—/);
  });

  it('a trail leaflet\'s numbered entries "2. Name – Built in 1874 by …", "5. Name – This chapel … was built by …" are about their names', () => {
    const f = facts('Trail\n\n2. Holm Auction Mart – Built in 1874 by the Holm Farmers\' Company, the mart still holds sales.\n\n5. Ebenezer Chapel – This Wesleyan chapel on Mill Lane was built by the quarrymen of Thornby in 1836.');
    expect(f).toEqual(expect.arrayContaining([
      'Holm Auction Mart | in_year | 1874', 'Holm Auction Mart | built_by | Holm Farmers\' Company', 'Ebenezer Chapel | built_by | quarrymen of Thornby', 'Ebenezer Chapel | in_year | 1836',
    ]));
    expect(f.join('\n')).not.toMatch(/^(Built|Wesleyan chapel) \|/m);
  });

  it('"Ann later married Tom": an adverb is no part of a name; "worked as a drover at X" works at X', () => {
    const f = facts('Ann Kitching was born in Thornby. Ann later married Tom Capstick. Billy Dinsdale worked as a drover at Holm Auction Mart.');
    expect(f).toEqual(expect.arrayContaining(['Ann Kitching | married_to | Tom Capstick', 'Billy Dinsdale | work_at | Holm Auction Mart']));
    expect(f.join('\n')).not.toContain('Ann later');
  });

  it('an object relative clause with a year: "the Orrin Press, which Aldous Merrit founded in 1887" founds and dates the press', () => {
    const f = facts('Ada Quill works at the Orrin Press, which Aldous Merrit founded in 1887.');
    expect(f).toEqual(expect.arrayContaining(['Aldous Merrit | found | Orrin Press', 'Orrin Press | in_year | 1887']));
    expect(f).not.toContain('Aldous Merrit | in_year | 1887');
  });

  it('"he" after a sentence whose subject is a common noun is the last person the text showed (born, married, holding a role)', () => {
    const f = facts('The society was founded in 1852 by Josiah Metcalfe, a sheep breeder who was born in Thornby. He was Richard\'s great-great-grandfather.');
    expect(f).toContain('Josiah Metcalfe | holds_role | great-great-grandfather of Richard');
    expect(f.join('\n')).not.toMatch(/^society \| holds_role/m);
  });

  it('after a relative clause\'s closing comma the copula\'s subject is the antecedent ("Margaret Alder, who has died aged 88, was matron of …")', () => {
    const f = facts('Margaret Alder, who has died aged 88, was matron of Holm Infirmary. The Powder House, which the band has used since 1931, is a stone store.');
    expect(f).toEqual(expect.arrayContaining(['Margaret Alder | matron_of | Holm Infirmary', 'Powder House | is_a | stone store']));
  });

  it('"When she retired she was succeeded by X": with no comma, the opening clause ends before its second pronoun', () => {
    expect(facts('Margaret Alder was matron of Holm Infirmary. When she retired she was succeeded by Joan Pettifer.')).toContain('Margaret Alder | succeeded_by | Joan Pettifer');
  });

  it('"Known to everyone as Peg, she …": the name the text gives its subject stands for her', () => {
    expect(facts('Margaret Alder was matron of Holm Infirmary. Known to everyone as Peg, she was born in Hexley. In 1958 Peg married Tom Alder.')).toContain('Margaret Alder | married_to | Tom Alder');
  });

  it('an opening participle phrase is about the clause\'s subject ("Opened in 1867, the Reading Room …", "Built in 1874 by X, the mart …"); "was paid for by"', () => {
    const f = facts('Opened in 1867, the Holm Reading Room was paid for by Mary Beckwith. Built in 1874 by the Holm Farmers\' Company, the mart still holds sales.');
    expect(f).toEqual(expect.arrayContaining([
      'Holm Reading Room | in_year | 1867', 'Holm Reading Room | paid_for_by | Mary Beckwith', 'mart | in_year | 1874', 'mart | built_by | Holm Farmers\' Company',
    ]));
    expect(f.join('\n')).not.toMatch(/^Opened|^Built/m);
  });

  it('"he" and "she" are the latest person of their gender when the last subject is of the other (compromise reads first names)', () => {
    const f = facts('We stayed with my uncle, Dennis Quarrie, who still lives on Quay Row. He has chaired the Holm Rowing Club since 2019. The choir is conducted by Ruth Tamsin, who runs the post office. She is a great-granddaughter of Henry Tamsin.');
    expect(f).toEqual(expect.arrayContaining(['Dennis Quarrie | chair | Holm Rowing Club', 'Ruth Tamsin | great_granddaughter_of | Henry Tamsin']));
    // A name of the other gender is no longer taken: "In 1922 Ada married Walter Ibbs. He was an overlooker …".
    expect(facts('In 1922 Ada Lumm married my grandfather, Walter Ibbs, at Holm Church. He was an overlooker at the mill.')).toContain('Walter Ibbs | is_a | overlooker');
  });

  it('a title\'s full stop ends no sentence and is no name ("the Rev. Elias Penhale"); "was then the minister of" is the copula; a role with no article is a role', () => {
    expect(facts('The choir was founded in 1887 by the Rev. Elias Penhale, who was then the minister of Holm Chapel.')).toEqual(expect.arrayContaining([
      'choir | founded_by | Elias Penhale', 'Elias Penhale | holds_role | minister of Holm Chapel',
    ]));
    expect(facts('Samuel Hewitt was foreman of the rope walk.')).toContain('Samuel Hewitt | holds_role | foreman of the rope walk');
  });

  it('a transcript\'s speaker label and a message\'s header are no key and value; a value that is a sentence is none; "Chair: X, …" and a glossary\'s bold term still are', () => {
    const f = facts('HOST: And who is in charge of the band these days?\n\nGUEST: Our bandmaster now is Owen Pritchard.\n\nFrom: Kate Pascoe\nSubject: Easter at Holm\n\nChair: Annika Voss, sheep farmer from Tolsey.\nTip: combine your visit with a trip on the Margaret, a narrowboat.\n- **Ley**: a field sown with clover or grass for a few years to rest the soil.');
    expect(f).toEqual(expect.arrayContaining(['Owen Pritchard | holds_role | bandmaster', 'Annika Voss | holds_role | Chair', 'Ley | is_a | field', 'Margaret | is_a | narrowboat']));
    expect(f.join('\n')).not.toMatch(/HOST|GUEST|From|Subject|Tip/);
  });

  it('"It\'s run by volunteers from X": "\'s" after a pronoun is "is", a word after an agent\'s "by" is a noun, and the agent is the body the people come from; a state is no kind', () => {
    expect(facts('The Holm Museum is small. It\'s run by volunteers from the Holm Railway Society.')).toEqual(['Holm Museum | run_by | Holm Railway Society']);
  });

  it('"by Harriet Brent, the daughter of X": a comma and "the" describe an object\'s name; "his daughter, Clare" is the kin of the latest name of his gender', () => {
    expect(facts('Holm Grammar School was founded in 1887 by Harriet Brent, the daughter of the locomotive builder Josiah Brent.')).toContain('Harriet Brent | daughter_of | Josiah Brent');
    expect(facts('The walk was bought in 1964 by Edmund Fairweather; by descent to his daughter, Clare Fairweather, of Hollin Court.')).toContain('Clare Fairweather | daughter_of | Edmund Fairweather');
  });

  it('"Harold Crake, a boilersmith at Holm Works": a person\'s occupation at a name is where they work', () => {
    const f = facts('Helen Capstick, a nurse at Holm Surgery, leads the team. The cornet passed to his grandson, Harold Crake, a boilersmith at Holm Locomotive Works.');
    expect(f).toEqual(expect.arrayContaining(['Helen Capstick | works_at | Holm Surgery', 'Harold Crake | works_at | Holm Locomotive Works']));
    // A thing's place stays a place.
    expect(facts('Holm Mill, a water mill at Ostby Weir, grinds rye.')).toContain('Holm Mill | located_in | Ostby Weir');
  });

  it('"Samuel and Mary Hewett", "Tom and Ann Pike": the first of two first names joined by "and" shares the surname', () => {
    expect(facts('Agnes was the daughter of Samuel and Mary Hewett of Ropery Lane.')).toContain('Agnes | daughter_of | Samuel Hewett');
    expect(facts('The farm was run by Tom and Ann Pike.')).toEqual(expect.arrayContaining(['farm | run_by | Tom Pike', 'farm | run_by | Ann Pike']));
  });

  it('"X, engineer and founder of Y": a second role with its "of" part is the same person\'s, also after "(born 1961)"', () => {
    expect(facts('- Josiah Brent (1818–1893), engineer and founder of Holm Locomotive Works')).toEqual(expect.arrayContaining(['Josiah Brent | is_a | engineer', 'Josiah Brent | founder_of | Holm Locomotive Works']));
    const f = facts('- Clare Fairweather (born 1961), orchardist at Hollin Court and president of Holm Cricket Club');
    expect(f).toContain('Clare Fairweather | president_of | Holm Cricket Club');
    expect(f.join('\n')).not.toMatch(/^president/m);
  });

  it('"who" after a place a preposition governs is the name before it; a first name compromise knows is the document\'s one full name; a number is no subject', () => {
    expect(facts('Joseph Ambry was a sailmaker, born in Holm, who moved to Ostby in 1838.')).toContain('Joseph Ambry | move_to | Ostby');
    expect(facts('Henry Ambry ran the rope walk. Margery Ambry, the daughter of Henry, paid for the boathouse.')).toContain('Margery Ambry | daughter_of | Henry Ambry');
    // A post's date and time ("2024-06-15 10:30") gave (30, in_year, 2024).
    expect(facts('2024-06-15 10:30\n外婆1983年做的那只梅瓶要上拍了。').join('\n')).not.toMatch(/^\d/m);
  });

  it('a town page: "is home to", "the rope works" for the Fenwick Rope Works, "When he died", "Her nephew X", "Under X,", "Its" after a compound, "which" after "of" a person, a distance', () => {
    const f = facts(`Marrowby

Marrowby is home to the Fenwick Rope Works and to a lifeboat station. The village lies on the River Tane, about four miles from Hexley.

The rope works was started in 1862 by Samuel Dray, a sailmaker from Hexley. When he died in 1901, the works passed to his daughter, Edith Dray. Under Edith, the works supplied rope to the shipyard.

The diaries of Edith Dray, which were given to the Hexley Museum in 1972, describe the works. Her nephew Arthur Pell married Nora Fenn.

The village school was built by the parish in 1874. Its first headmaster was Thomas Gale.`);
    expect(f).toEqual(expect.arrayContaining([
      'Fenwick Rope Works | located_in | Marrowby', 'lifeboat station | located_in | Marrowby',
      'Fenwick Rope Works | started_by | Samuel Dray', 'Fenwick Rope Works | in_year | 1862',
      'Edith Dray | daughter_of | Samuel Dray', 'Fenwick Rope Works | pass_to | Edith Dray', 'Fenwick Rope Works | supply | rope',
      'diaries | sent_to | Hexley Museum', 'Arthur Pell | nephew_of | Edith Dray',
      'Thomas Gale | first_headmaster_of | village school',
    ]));
    expect(f.join('\n')).not.toMatch(/home|four miles|Edith Dray \| holds_role \| works|Arthur Pell \| is_a|of Marrowby|Edith Dray \| sent_to/);
    // "The village" on a page titled with a place's name is that place.
    expect(f).toContain('Marrowby | lie_on | River Tane');
    expect(facts('The village lies on the River Tane.').join('\n')).not.toContain('Marrowby');
    // The same page's people live there ("is home to" a person).
    expect(facts('Marrowby is home to Bessie Crane.')).toContain('Bessie Crane | lives_in | Marrowby');
    // A role at "the rope walk" is the Ambrey Rope Walk's, and a question's "the rope walk" links to that, not to the role.
    const g = facts('The Ambrey Rope Walk stands on Ropery Lane. Samuel Hewett was foreman of the rope walk.');
    expect(g).toContain('Samuel Hewett | holds_role | foreman of Ambrey Rope Walk');
    const kg = KnowledgeGraph.from([['d', extract('The Ambrey Rope Walk stands on Ropery Lane. Samuel Hewett was foreman of the rope walk.')]]);
    expect(linkEntities(kg, 'Who was foreman at the rope walk?').map((l) => l.name)).toEqual(['Ambrey Rope Walk']);
  });

  it('an obituary: "Born <birth name> in X, she …", "She trained as a nurse at X", "before marrying X", "served as its president from 1978", "the only son of", "her eldest daughter"', () => {
    const f = facts(`Margaret Ellison ran the Pennock Post Office. Born Margaret Hoyle in Stainby, she was a nurse. She trained as a nurse at Keldwick Infirmary before marrying George Ellison. Margaret Hoyle's father was Walter Hoyle.

Margaret was a founder member of the Pennock Women's Institute and served as its president from 1978 to 1990. Tom Ellison was the only son of Walter Ellison. Ada Ellison was the eldest daughter of Walter Ellison.`);
    expect(f).toEqual(expect.arrayContaining([
      'Margaret Ellison | born_in | Stainby', 'Margaret Ellison | trained_at | Keldwick Infirmary', 'Margaret Ellison | married_to | George Ellison',
      'Walter Hoyle | holds_role | father of Margaret Ellison', 'Margaret Ellison | president_of | Pennock Women\'s Institute',
      'Tom Ellison | son_of | Walter Ellison', 'Ada Ellison | daughter_of | Walter Ellison',
    ]));
    expect(f.join('\n')).not.toMatch(/serve_as|in_year \| 1978|Margaret Hoyle \||eldest_daughter_of|son \| part_of/);
  });

  it('minutes: "Present: X (Chair), Y (Treasurer), …" gives each bracketed role and no names for the key; "was elected Treasurer"; a role held before stays a role', () => {
    const f = facts(`Minutes of the Annual Meeting

Present: Janet Orme (Chair), Peter Lund (Treasurer), Ruth Cale (Secretary) and 23 members.

Peter Lund stood down after nine years. Ann Fisk was elected Treasurer. Mark Dodd was elected secretary of the Corbridge Allotment Society.`);
    expect(f).toEqual(expect.arrayContaining(['Janet Orme | holds_role | chair', 'Peter Lund | holds_role | treasurer', 'Ruth Cale | holds_role | secretary', 'Ann Fisk | holds_role | Treasurer']));
    expect(f.join('\n')).not.toMatch(/Present|holds_role \| Mark Dodd|Janet Orme \| mentioned_with/);
  });

  it('"lies on the north shore of Vennmere": the relation reaches the named place, not its shore; a distance is no kind', () => {
    const f = facts('Askeby lies on the north shore of Vennmere. Pellow is a village on the south shore of Vennmere. The quarry is on the coast of Skerrow, two miles from the harbour.');
    expect(f).toEqual(expect.arrayContaining(['Askeby | lie_on | Vennmere', 'Pellow | located_in | Vennmere']));
    expect(f.join('\n')).not.toMatch(/shore|two miles/);
  });

  it('"she" is no plural subject ("Nurses … . When she retired …") and no place an apposition made a person ("born in Hexley, the youngest of six children")', () => {
    const f = facts('Margaret Alder was matron of Kelsworth Infirmary. Known to everyone as Peg, she was born in Hexley, the youngest of six children. Nurses who worked under her remember a brisk woman. When she retired she was succeeded by Joan Pettifer.');
    expect(f).toContain('Margaret Alder | succeeded_by | Joan Pettifer');
    expect(f.join('\n')).not.toMatch(/(Nurses|Hexley) \| succeeded_by/);
  });

  it('a Chinese "哪家X" reads the whole noun, before a verb too; 哪里, 哪一年 and 叫什么名字 ask for no noun; 菱湾小学 is a 学校', () => {
    expect(answerHead('赞助石埠龙舟队的酒厂，其创办人年轻时在哪家酒坊当过学徒？')).toBe('酒坊');
    expect(answerHead('和方秀英结婚的那位医生创办了哪家卫生院？')).toBe('卫生院');
    expect(answerHead('何俊的妻子负责哪个民间团体？')).toBe('民间团体');
    for (const q of ['林默的妻子出生在哪里？', '文昌阁的修建者是在哪里出生的？', '修建白石灯塔的营造社是哪一年创立的？', '潮墩盐场修建者的妻子叫什么名字？']) expect(answerHead(q)).toBeNull();
    const kg = KnowledgeGraph.from([['d', [t('同泰酒坊', 'founded_by', '钱德昌'), t('钱德昌', 'born_in', '芦村'), t('菱湾小学', 'founded_by', '钱德昌')]]]);
    const q = '创办同泰酒坊的人还参与创办了哪所学校？';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('菱湾小学');
  });

  it('a Chinese label\'s own words cue it ("徒弟" asks for 徒弟_of), unless they name where the path starts ("副会长" in the start)', () => {
    const kg = KnowledgeGraph.from([['d', [t('吴福生', 'holds_role', '龙溪龙舟协会会长'), t('吴福生', '会长_of', '龙溪龙舟协会'), t('黄德顺', '徒弟_of', '吴福生'), t('吴福生', 'holds_role', '老船工'),
      t('林志远', 'holds_role', '砚雕协会的副会长'), t('林志远', '副会长_of', '砚雕协会'), t('砚雕协会', '会长_of', '郭德明'), t('沈秋萍', 'married_to', '林志远')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('龙溪龙舟协会会长的徒弟是谁？')).toBe('黄德顺');
    expect(ask('砚雕协会的副会长和谁结婚了？')).toBe('沈秋萍');
  });

  it('"On which river …" fits "River Leam" (a kind before a name); "X的老师是谁" asks for apprenticed_to, which ends at a person; "哪个研究所担任…" reads 研究所', () => {
    const kg = KnowledgeGraph.from([['d', [t('Harbury Mill', 'built_by', 'Samuel Whitby'), t('Harbury Mill', 'located_in', 'Harbury'), t('Harbury Mill', 'located_in', 'River Leam'),
      t('陈玉兰', 'apprenticed_to', '李芝卿'), t('郑晓云', 'daughter_of', '陈玉兰'), t('永春漆艺研究所', 'founded_by', '陈玉兰'), t('郑国华', 'married_to', '陈玉兰')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('On which river is the mill that Samuel Whitby built?')).toBe('River Leam');
    expect(ask('陈玉兰的老师是谁？')).toBe('李芝卿');
    expect(answerHead('郑国华的女儿在哪个研究所担任副所长？')).toBe('研究所');
  });

  it('"In which county …", "Which lake …": with no end known to be one, a path that goes on by one containing hop answers', () => {
    const kg = KnowledgeGraph.from([['d', [t('Hanne Rusk', 'born_in', 'Carrow'), t('Carrow', 'located_in', 'Westmarch'), t('Askeby', 'lie_on', 'Vennmere'), t('Sefa Lind', 'born_in', 'Askeby')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('In which county was Hanne Rusk born?')).toBe('Westmarch');
    expect(ask('Which lake is Sefa Lind\'s birthplace on?')).toBe('Vennmere');
    // A town is what the first hop reaches.
    expect(ask('In which town was Hanne Rusk born?')).toBe('Carrow');
  });

  it('a firm\'s page and a band\'s history written with their questions: a kind\'s participle, "X, Y\'s great-granddaughter", "which Edmund Vey\'s son founded", a possessor is no subject', () => {
    const f = facts(`Hollins & Vey is a family firm of boatbuilders based at Pike Wharf in Saltmarsh. The present conductor is Rachel Hale, George Hale's great-granddaughter. The Grace Vey is kept at the Saltmarsh Maritime Museum, which Edmund Vey's son founded in 1971. The club's captain, Jory Thorne, is a great-grandson of Eli Thorne and works at the Greystane Slate Company.`);
    expect(f).toEqual(expect.arrayContaining(['Hollins & Vey | located_in | Pike Wharf', 'Rachel Hale | great_granddaughter_of | George Hale', 'son of Edmund Vey | found | Saltmarsh Maritime Museum',
      'Saltmarsh Maritime Museum | in_year | 1971', 'Jory Thorne | work_at | Greystane Slate Company']));
    expect(f.join('\n')).not.toMatch(/family firm \| located_in|great-granddaughter \| part_of|son \| in_year|club \| work_at/);
  });

  it('"Who gave …" asks for given_by (an irregular verb\'s base form), and "built" cues one hop, not both build and built_by', () => {
    const kg = KnowledgeGraph.from([['d', [t('Drill Hall', 'given_by', 'Lady Anne Fenbury'), t('Drill Hall', 'sent_to', 'Fenbury Brass Band'), t('Fenbury Brass Band', 'move_into', 'Drill Hall'), t('Fenbury Brass Band', 'in_year', '1887'),
      t('Saint Brede', 'built_by', 'Dunmore masons'), t('Dunmore masons', 'build', 'North Mole'), t('North Mole', 'in_year', '1820'), t('Dunmore masons', 'in_year', '1641')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('Who gave the band\'s rehearsal hall to the Fenbury Brass Band?')).toBe('Lady Anne Fenbury');
    expect(ask('In what year was the guild that built Saint Brede founded?')).toBe('1641');
    expect([...stems('Who gave it?', true)]).toEqual(expect.arrayContaining(['gave', 'give']));
    expect([...stems('Who gave it?')]).not.toContain('give');
  });

  it('a cheesemaker\'s and a church\'s pages written with their questions: a place is no one\'s surname or first name; "grew up in", "was set up in 1994 by", "were cast at", "a gift from", "the Reverend", "came to X from Y"', () => {
    const f = facts(`St Aidan's Church, Brackley

St Aidan's is the parish church of Brackley. The bells were cast at the Whitechapel Bell Foundry. The oldest bell, Great Aidan, was a gift from Sir Henry Brackley, who lived at Brackley Hall. The vicar is the Reverend Mary Dawes. She came to Brackley from Durham in 2017.`);
    expect(f).toEqual(expect.arrayContaining(['bells | cast_at | Whitechapel Bell Foundry', 'Great Aidan | given_by | Henry Brackley', 'Mary Dawes | holds_role | vicar', 'Mary Dawes | come_to | Brackley', 'Mary Dawes | comes_from | Durham']));
    expect(f.join('\n')).not.toMatch(/Reverend|Brackley \| comes_from|is_a \| gift|\| (?:part_of|come_to) \| Henry Brackley/);
    expect(f).not.toContain('Mary Dawes | come_to | Henry Brackley');
    const g = facts('The Kettlewell Cheese Company makes cheese near the village of Kettlewell. Its cheese, Kettlewell Blue, won a medal. The company was set up in 1994 by Judith Marsden. Owen Price grew up in Carmarthen. The ferry carries up to four passengers.');
    expect(g).toEqual(expect.arrayContaining(['Kettlewell | is_a | village', 'Kettlewell Cheese Company | set_up_by | Judith Marsden', 'Owen Price | grow_up_in | Carmarthen']));
    expect(g.join('\n')).not.toMatch(/Kettlewell Blue \| is_a \| village|up_to/);
  });

  it('a news story and a mill\'s infobox written with their questions: a headline\'s "Local bakery" is no name the bakery ends; "built … by X for Y"; "The trust\'s chairman, X," is the subject; "Beth Oakley, his daughter"; "today"; "is a restored watermill"; an infobox value before its preposition', () => {
    const f = facts(`Local bakery changes hands

Marsh Lane Bakery has been bought by the Harrow family. The bakery was opened in 1926 by Ernest Pollard.`);
    expect(f).toContain('Marsh Lane Bakery | opened_by | Ernest Pollard');
    const g = facts(`# Harbury Mill

| | |
|---|---|
| Location | Harbury, on the River Leam |
| Built | 1781 |
| Builder | Samuel Whitby |
| Owner | Leam Valley Trust |
| Status | Working museum |

Harbury Mill is a restored watermill on the River Leam. It was built in 1781 by the millwright Samuel Whitby for the Earl of Harbury. The trust's chairman, Peter Oakley, led the restoration. The mill's miller today is Beth Oakley, his daughter.`, [{ start: 0, end: 14 }]);
    expect(g).toEqual(expect.arrayContaining(['Harbury Mill | located_in | Harbury', 'Harbury Mill | is_a | restored watermill', 'Harbury Mill | located_in | River Leam', 'Harbury Mill | built_for | Earl of Harbury',
      'Beth Oakley | holds_role | miller of Harbury Mill', 'Beth Oakley | daughter_of | Peter Oakley']));
    expect(g.join('\n')).not.toMatch(/today|on the River Leam|Beth Oakley \| is_a|serves/);
  });

  it('a captain\'s life and a guide\'s list written with their questions: "Their son" is both parents\'; "became harbour master of X"; a kind\'s participle and place are the name\'s; "Robert de Vere"; "looked after by"; an entry\'s "it" and "its spire" are its term\'s', () => {
    const f = facts('William Roe was a master mariner from Whitfield. He married Alice Carr in 1878. Their son, Henry Roe, became harbour master of Whitfield in 1912.');
    expect(f).toEqual(expect.arrayContaining(['William Roe | comes_from | Whitfield', 'Henry Roe | son_of | William Roe', 'Henry Roe | son_of | Alice Carr', 'Henry Roe | holds_role | harbour master of Whitfield', 'Henry Roe | harbour_master_of | Whitfield']));
    expect(f.join('\n')).not.toMatch(/master mariner \||become/);
    const g = facts(`# Things to see in Castlebury

- **Castlebury Castle** – a Norman castle built by Robert de Vere in 1086, now looked after by the Castlebury Heritage Trust.
- **The Old Gaol** – built in 1790, it now houses the town museum.
- **St Mary's Church** – its spire was designed by George Street.`, [{ start: 0, end: 29 }]);
    expect(g).toEqual(expect.arrayContaining(['Castlebury Castle | built_by | Robert de Vere', 'Castlebury Castle | looked_after_by | Castlebury Heritage Trust', 'Old Gaol | house | town museum', 'spire | part_of | St Mary\'s Church', 'spire | designed_by | George Street']));
    expect(g.join('\n')).not.toMatch(/Vere \||is_a \| spire|Castlebury Castle \| house/);
  });

  it('a club\'s page and an interview written with their questions: "the club\'s headquarters are in X" is where the club is; "the niece of the club\'s president, X"; no person is part of another; "the walk" is the text\'s one "rope walk"', () => {
    const f = facts('The Penwarren Club was founded in 1962. The club\'s headquarters are in the old lifeguard hut. Kerry Pascoe competed for England. She is the niece of the club\'s president, Martin Pascoe.');
    expect(f).toEqual(expect.arrayContaining(['Penwarren Club | located_in | old lifeguard hut', 'Kerry Pascoe | niece_of | Martin Pascoe']));
    expect(f.join('\n')).not.toMatch(/headquarters|Kerry Pascoe \| part_of|holds_role \| niece$/m);
    const g = facts('My father ran the rope walk on Mill Street. The walk was built by the Hallbridge Harbour Company in 1802.');
    expect(g).toEqual(expect.arrayContaining(['rope walk | built_by | Hallbridge Harbour Company', 'rope walk | in_year | 1802']));
  });

  it('"The last keeper, Arthur Nance," on a lighthouse\'s page is its keeper (past an order word)', () => {
    const f = facts('Tregony Lighthouse\n\nTregony Lighthouse was first lit in 1846. The last keeper, Arthur Nance, lived in the keeper\'s cottage.');
    expect(f).toEqual(expect.arrayContaining(['Arthur Nance | holds_role | keeper of Tregony Lighthouse', 'Arthur Nance | keeper_of | Tregony Lighthouse']));
  });

  it('a windmill\'s page: "built in 1822 for X", "given to the society in 1975 by X" (past the place and the year)', () => {
    const f = facts('Marsh End Windmill is a tower mill. It was built in 1822 for the miller John Cork. The mill was given to the Felby Preservation Society in 1975 by Margaret Cork.');
    expect(f).toEqual(expect.arrayContaining(['Marsh End Windmill | built_for | John Cork', 'Marsh End Windmill | given_by | Margaret Cork']));
  });

  it('"Who …" is answered by a name before a common noun that fits as well', () => {
    const kg = KnowledgeGraph.from([['d', [t('Show Race', 'organised_by', 'Holm Harriers'), t('Holm Harriers', 'located_in', 'Holm'), t('Holm', 'granted', 'market charter'), t('Holm Harriers', 'founded_by', 'Ned Ash')]]]);
    const q = 'Who founded the club that organises the Show Race?';
    const paths = [
      { start: 'show race', startName: 'Show Race', plan: [], score: 1.7, steps: [['organised_by', 'Holm Harriers'], ['located_in', 'Holm'], ['granted', 'market charter']] },
      { start: 'show race', startName: 'Show Race', plan: [], score: 1.4, steps: [['organised_by', 'Holm Harriers'], ['founded_by', 'Ned Ash']] },
    ].map((p) => ({ ...p, steps: p.steps.map(([relation, to]) => ({ relation: relation!, reverse: false, to: to!.toLowerCase(), toName: to!, prov: [] })) }));
    expect(baselineAnswer(paths, q, graphKinds(kg))).toBe('Ned Ash');
    // A common noun still answers when no name does.
    expect(baselineAnswer(paths.slice(0, 1), q, graphKinds(kg))).toBe('market charter');
  });

  it('a number, an ordinal or a degree in words ("two", "first", "six") is no end of a triple', () => {
    const f = facts('The Tansley Ferry Company owns two. Priya Bell ran first in the county race in 1998, and the furnace was lit at six.');
    expect(f).toContain('Priya Bell | run_in | county race');
    expect(f.join('\n')).not.toMatch(/(^|\| )(two|first|six)( \||$)/m);
  });

  it('a team page: "Role — Name" headings hold the page body\'s roles, and a first name alone is its section\'s person', () => {
    const text = '# Meet the crew of Tarnby Lifeboat\n\nTarnby Lifeboat has served the bay since 1871.\n\n## Coxswain — Rhona Stace\nRhona joined Tarnby Lifeboat in 1998.\n\n## Head launcher — Idris Penvose\nIdris lives in Porthwell.\n';
    const headings = [...text.matchAll(/^#+ .*$/gmu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const f = facts(text, headings);
    expect(f).toEqual(expect.arrayContaining(['Rhona Stace | coxswain_of | Tarnby Lifeboat', 'Idris Penvose | head_launcher_of | Tarnby Lifeboat', 'Idris Penvose | live_in | Porthwell']));
    // ("Meet" opens the title as a verb: it names nothing.)
    expect(f.join('\n')).not.toMatch(/Meet/u);
  });

  it('a participle after an appositive kind is the named one\'s; "plays X with Y"; the leader of an agent that is no name', () => {
    const f = facts('Ada Crane has sung with the choir since 2001. She plays cello with the Tarn Quartet, a string quartet formed by Owen Lisle in 1987.');
    expect(f).toEqual(expect.arrayContaining(['Ada Crane | play_with | Tarn Quartet', 'Tarn Quartet | formed_by | Owen Lisle', 'Tarn Quartet | in_year | 1987']));
    expect(f.join('\n')).not.toMatch(/cello \| (formed_by|in_year)/u);
    const led = facts('The museum was opened by a team of volunteers led by retired teacher Nora Pike.');
    expect(led).toContain('museum | opened_by | Nora Pike');
    // ("a team" says nothing, and would join every document's teams.)
    expect(led).not.toContain('museum | opened_by | team');
  });

  it('a biography: its bare surname is its subject\'s; kin after a place is the subject\'s; "trained under"; "he was appointed <role> of <body>"; a marriage\'s year dates no one', () => {
    const text = '# Edwin Marrable\n\nEdwin Marrable (1830–1901) was an English architect.\n\nMarrable was born in Felling, Durham, the son of a builder, Thomas Marrable. He trained under the architect John Dobson. In 1858 he was appointed surveyor of the Tyne Improvement Commission.\n\nIn 1862 Marrable married Clara Vine, daughter of the Hexham banker Robert Vine. Their son, Hugh Marrable, became a surgeon.\n';
    const headings = [{ start: 0, end: text.indexOf('\n') }];
    const f = facts(text, headings);
    expect(f).toEqual(expect.arrayContaining(['Edwin Marrable | born_in | Felling', 'Felling | located_in | Durham', 'Edwin Marrable | son_of | Thomas Marrable',
      'Edwin Marrable | apprenticed_to | John Dobson', 'Edwin Marrable | surveyor_of | Tyne Improvement Commission', 'Edwin Marrable | married_to | Clara Vine',
      'Clara Vine | daughter_of | Robert Vine', 'Hugh Marrable | son_of | Edwin Marrable']));
    expect(f.join('\n')).not.toMatch(/^(?:Durham \| son_of|Marrable \||Clara Vine \| in_year|Robert Vine \| in_year)/mu);
  });

  it('a FAQ: a title of two parts names its name part; a participle\'s year after an appositive kind; markdown emphasis; an opening time is no subject; a firm "of" a place', () => {
    const text = '# Questions and answers — Tarn Valley Railway\n\n**Who runs it?**\nThe line is run by the Tarn Valley Railway Trust, a charity founded in 1971 by local people.\n\n**Which engine will I see?**\nMost days our oldest engine, *Ellen*, hauls the trains. She was built in 1889 by the Kerr Stuart Company of Stoke for the slate quarry. Ask our volunteer coordinator, Rhys Parry, who drives *Ellen*.\n';
    const f = facts(text, [{ start: 0, end: text.indexOf('\n') }]);
    expect(f).toEqual(expect.arrayContaining(['Tarn Valley Railway Trust | in_year | 1971', 'Ellen | built_by | Kerr Stuart Company', 'Kerr Stuart Company | located_in | Stoke',
      'Ellen | in_year | 1889', 'Rhys Parry | volunteer_coordinator_of | Tarn Valley Railway', 'Rhys Parry | drive | Ellen']));
    expect(f.join('\n')).not.toMatch(/^(?:line \| in_year|Questions)/mu);
    // (A college "of" a subject stays whole.)
    expect(facts('Clara Hollins trained at the Lowestoft College of Marine Engineering.')).toContain('Clara Hollins | trained_at | Lowestoft College of Marine Engineering');
  });

  it('a museum label\'s "Object:" and "Made by:"; "the Huddersfield architect John Kirk" (not "an English engineer"); "joined us in 2016 from X"; "from Easter" is when', () => {
    const label = facts('Object: Spinning wheel, beech\nMade by: Thomas Ibbot\nDate: about 1790\n');
    expect(label).toContain('Spinning wheel | made_by | Thomas Ibbot');
    expect(label.join('\n')).not.toMatch(/holds_role \| (?:Made by|Object)/u);
    const f = facts('The hall was designed by the Halifax architect John Kirk. Isambard Crewe was an English civil engineer. Our head, Mrs Ann Pike, joined us in 2016 from Marsden Junior School. The walks run from Easter to October.');
    expect(f).toEqual(expect.arrayContaining(['hall | designed_by | John Kirk', 'John Kirk | comes_from | Halifax', 'Ann Pike | comes_from | Marsden Junior School']));
    expect(f.join('\n')).not.toMatch(/comes_from \| (?:English|Easter)/u);
  });

  it('initials are one name ("the painter J. M. W. Turner")', () => {
    expect(facts('The painter J. M. W. Turner sketched the valley in 1816.')).toEqual(expect.arrayContaining(['J. M. W. Turner | is_a | painter', 'J. M. W. Turner | sketch | valley']));
  });

  it('"made by the firm of Morris & Co. to designs by X"; "Obituary: X (1931–2024)" is a title; "in 1952 when she married X"', () => {
    expect(facts('The chancel windows were made by the firm of Morris & Co. to designs by Edward Burne-Jones.')).toEqual(expect.arrayContaining(['chancel windows | made_by | Morris & Co', 'chancel windows | designed_by | Edward Burne-Jones']));
    const obituary = facts('Obituary: Ada Fell (1931–2024)\n\nAda Fell was born in Seascale. She moved to Ravenglass in 1952 when she married Tom Fell, a fisherman.\n');
    expect(obituary).toEqual(expect.arrayContaining(['Ada Fell | married_to | Tom Fell', 'Tom Fell | is_a | fisherman']));
    expect(obituary.filter((x) => !x.includes('mentioned_with')).join('\n')).not.toMatch(/Obituary/u);
  });

  it('a page\'s name without its kind is the page ("Holme Moss Primary" on Holme Moss Primary School\'s page)', () => {
    const text = '# Welcome to Tarn Moss Primary School\n\nTarn Moss Primary is a small village school in Tarnby.\n';
    expect(facts(text, [{ start: 0, end: text.indexOf('\n') }])).toContain('Tarn Moss Primary School | same_as | Tarn Moss Primary');
  });

  it('"kept by a cheerful woman called Mary Tallon" was kept by her; "Gill & Rowe Architects of Kendal" are in Kendal', () => {
    expect(facts('The inn is kept by a cheerful woman called Mary Tallon.')).toEqual(expect.arrayContaining(['inn | kept_by | Mary Tallon', 'Mary Tallon | is_a | cheerful woman']));
    expect(facts('The plans were drawn by Gill & Rowe Architects of Kendal.')).toContain('Gill & Rowe Architects | located_in | Kendal');
  });

  it('an interview: "My uncle" is the speaker\'s; "He\'d worked at"; "a shipwright called X"', () => {
    const text = 'HOST (Nia Rowe): Today I am talking to Dafydd Morgan.\n\nDAFYDD: My uncle, Emrys Morgan, had a boatyard on the quay. I learned from an old shipwright called Ifor Jenkins. He\'d worked at the Porthmadog yards.\n';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining(['Emrys Morgan | uncle_of | Dafydd Morgan', 'Ifor Jenkins | is_a | old shipwright', 'Ifor Jenkins | work_at | Porthmadog yards']));
    // (A memoir's "my" is the writer's, whom the graph does not name.)
    expect(facts('Ruth Ambrey was born in 1931. My grandfather, Walter Ibbotson, founded the choir.').join('\n')).not.toMatch(/grandfather_of/u);
  });

  it('a news story: "the footbridge over the River Aske was opened on Saturday by Councillor Janet Pryce"', () => {
    const f = facts('The new footbridge over the River Aske was opened on Saturday by Councillor Janet Pryce.');
    expect(f).toContain('new footbridge | opened_by | Janet Pryce');
    expect(f.join('\n')).not.toMatch(/River Aske \| opened_by|\| located_in \| Saturday|Councillor/u);
  });

  it('family notices: "son of Mr and Mrs X of Y, Z", "the beloved husband of the late X and dear father of Y"', () => {
    const f = facts('Peter, son of Mr and Mrs Owen Lister of Mill Row, Tarnby, married Ruth Hale. Ruth is the elder daughter of Dr and Mrs Alan Hale of Brookside, Kendal.');
    expect(f).toEqual(expect.arrayContaining(['Peter | son_of | Owen Lister', 'Mill Row | located_in | Tarnby', 'Ruth Hale | daughter_of | Alan Hale', 'Brookside | located_in | Kendal']));
    // (Neither "Mr" nor the town after the address is anyone's son.)
    expect(f.filter((x) => !x.includes('mentioned_with')).join('\n')).not.toMatch(/^(?:Mr|Dr|Tarnby|Kendal) \|/mu);
    expect(facts('Arthur Lister was the beloved husband of the late Edith Lister and dear father of Joan Lister.')).toEqual(expect.arrayContaining(['Arthur Lister | married_to | Edith Lister', 'Arthur Lister | father_of | Joan Lister']));
    expect(facts('The club is based in Tarnby, Cumbria.')).toContain('Tarnby | located_in | Cumbria');
  });

  it('an article\'s bold opening name is the full name of what its title names', () => {
    const text = '# Tarnby Rovers F.C.\n\n**Tarnby Rovers Football Club** is a football club based in Tarnby.\n';
    expect(facts(text, [{ start: 0, end: text.indexOf('\n') }])).toContain('Tarnby Rovers Football Club | same_as | Tarnby Rovers');
  });

  it('"Harold Pickup of Sallowby" is Harold Pickup, who comes from Sallowby', () => {
    const f = facts('The last train was driven by Amos Hebble of Kettlewell. The bridge was designed by the engineer Joseph Treadwell of Leeds.');
    expect(f).toEqual(expect.arrayContaining(['train | driven_by | Amos Hebble', 'Amos Hebble | comes_from | Kettlewell', 'bridge | designed_by | Joseph Treadwell', 'Joseph Treadwell | comes_from | Leeds', 'Joseph Treadwell | is_a | engineer']));
  });
});

describe('Chinese structures', () => {
  it('a museum panel: 由X于年在地创办; X去世后，由他的长子Y接管; 把…搬到; 成为…总工程师; 她设计的“X”; X的学生Y; 木器行 is the one named before it, not the one after', () => {
    const f = facts(`林氏木器行由林阿土于1931年在南安县溪口村创办。林阿土去世后，木器行由他的长子林国柱接管。林国柱把木器行搬到了泉州，开始制作家具。1956年，木器行并入南安县家具厂。林国柱的女儿林秀云后来成为县家具厂的总设计师，她设计的“刺桐椅”获过省里的奖。展柜里的椅子由林秀云的学生王志强制作。`);
    expect(f).toEqual(expect.arrayContaining([
      '林氏木器行 | founded_by | 林阿土', '林氏木器行 | in_year | 1931', '林氏木器行 | located_in | 溪口村', '溪口村 | located_in | 南安县',
      '林国柱 | son_of | 林阿土', '林氏木器行 | taken_over_by | 林国柱', '林氏木器行 | moved_to | 泉州', '林氏木器行 | merged_into | 南安县家具厂',
      '林秀云 | holds_role | 县家具厂的总设计师', '刺桐椅 | designed_by | 林秀云', '王志强 | holds_role | 林秀云的学生',
    ]));
    expect(f.join('\n')).not.toMatch(/于1931年在|把|他的长子|林氏木器行 \| taken_over_by \| 林阿土/u);
    expect(facts('黄立新毕业于福建农林大学，他主持研制的“古法晒油”获得了省名牌产品称号。')).toContain('古法晒油 | made_by | 黄立新');
  });

  it('a news item: X是…人 makes X what the sentence goes on about; 退休前 is a time, not a subject; 这次修缮的 is no part of a name', () => {
    const f = facts('李春生是石桥村人，退休前在县第一中学教语文。他的儿子李明在省图书馆工作，这次修缮的图书分类就是由他负责的。');
    expect(f).toEqual(expect.arrayContaining(['李春生 | comes_from | 石桥村', '李春生 | teach_at | 县第一中学', '李明 | son_of | 李春生', '李明 | works_at | 省图书馆', '图书分类 | headed_by | 李明']));
    expect(f.join('\n')).not.toMatch(/退休前 \||这次|他的儿子/u);
  });

  it('a company report: 总部设在, 社址设于 (the body\'s), 交给女儿X管理, 董事长兼总经理 of the titled company, “名”产自/获, 公司技术总监X, 出资修建了', () => {
    const f = facts(`# 云溪茶业有限公司2023年度报告

云溪茶业有限公司成立于1998年，总部设在青岭县云溪镇。2015年，创始人杨德明将公司交给女儿杨秀兰管理，杨秀兰现任公司董事长兼总经理。公司的主打产品“云溪翠芽”产自上坪村的高山茶园，2019年获得全国名茶评比金奖。另一款产品“白云红”由公司技术总监周国华研制。1956年，乡人罗广田创办竹坪竹编社，社址设于龙王庙旧址。`, [{ start: 0, end: 18 }]);
    expect(f).toEqual(expect.arrayContaining([
      '云溪茶业有限公司 | located_in | 云溪镇', '云溪镇 | located_in | 青岭县', '杨秀兰 | daughter_of | 杨德明', '杨秀兰 | holds_role | 云溪茶业有限公司的董事长', '杨秀兰 | chair_of | 云溪茶业有限公司',
      '杨秀兰 | holds_role | 总经理', '云溪翠芽 | comes_from | 上坪村的高山茶园', '云溪翠芽 | win | 全国名茶评比金奖', '周国华 | holds_role | 云溪茶业有限公司的技术总监',
      '白云红 | developed_by | 周国华', '竹坪竹编社 | located_in | 龙王庙旧址',
    ]));
    expect(f.join('\n')).not.toMatch(/兼|罗广田 \| located_in|杨秀兰 \| win/);
    expect(facts('他把酒坊传给了长子杨建国。', undefined)).toEqual([]);
    expect(facts('2023年，云溪茶业有限公司出资修建了上坪小学教学楼。')).toContain('上坪小学教学楼 | built_by | 云溪茶业有限公司');
  });

  it('a news story: a dateline and byline name no one; 由X主办、Y承办的Z在W举行; X会长、现年68岁的老船工Y (the body one hop away); 来自…的…参加了 is no origin; 全部; 组建; 村支书', () => {
    const f = facts(`本报讯（记者 陈晓）5月20日，由龙溪镇人民政府主办、龙溪龙舟协会承办的首届龙溪龙舟赛在龙溪河上游举行，来自全县的12支队伍参加了比赛。龙溪龙舟协会会长、现年68岁的老船工吴福生告诉记者，龙溪的龙舟传统已有三百多年历史。比赛用的龙舟全部由本地船匠黄德顺制作。下埠村的龙舟队由村支书林国栋组建。`);
    expect(f).toEqual(expect.arrayContaining([
      '首届龙溪龙舟赛 | organised_by | 龙溪镇人民政府', '首届龙溪龙舟赛 | organised_by | 龙溪龙舟协会', '首届龙溪龙舟赛 | held_in | 龙溪河上游',
      '吴福生 | holds_role | 龙溪龙舟协会会长', '吴福生 | 会长_of | 龙溪龙舟协会', '吴福生 | holds_role | 老船工',
      '比赛用的龙舟 | made_by | 黄德顺', '林国栋 | holds_role | 村支书',
    ]));
    expect(f.join('\n')).not.toMatch(/本报讯|陈晓|民政府 \||参加了|全部/);
    expect(f.some((x) => /龙舟队 \| founded_by \| 林国栋$/u.test(x))).toBe(true);
  });

  it('a village page: a title\'s 简介 names no place; 刘长河曾是 (曾 is no part of a name); 合作社理事长是刘志强 (a role with no 的); 石拱桥名叫永安桥 is a kind', () => {
    const f = facts(`# 青山村简介

青山村位于松溪县西北部，全村共有村民860人。村里的青山茶场现由村民合作社经营，合作社理事长是刘志强。刘志强的父亲刘长河曾是茶场的第一任场长。村东的石拱桥名叫永安桥。`, [{ start: 0, end: 7 }]);
    expect(f).toEqual(expect.arrayContaining(['青山村 | located_in | 松溪县', '青山村 | have | 860名村民', '刘志强 | holds_role | 合作社理事长', '刘志强 | 理事长_of | 村民合作社',
      '刘长河 | holds_role | 青山茶场的第一任场长', '永安桥 | is_a | 石拱桥']));
    expect(f.join('\n')).not.toMatch(/刘长河曾|简介|永安桥 \| holds_role|全村/);
  });

  it('a ferry crossing: 渡口之一 is a 渡口; 连接A和B; “南屏一号”是1972年由X购置的; 现在的渡船由船老大Y驾驶; 茶馆叫“望江楼”，老板是Y的妻子Z', () => {
    const f = facts(`南屏渡口是澄江上最繁忙的渡口之一，连接南屏镇和对岸的北岸村。渡口的第一条机动渡船“南屏一号”是1972年由县航运公司购置的。现在的渡船由船老大赵志远驾驶，他从1995年起就在渡口工作。渡口旁的茶馆叫“望江楼”，老板是赵志远的妻子孙丽。`);
    expect(f).toEqual(expect.arrayContaining(['南屏渡口 | is_a | 渡口', '南屏渡口 | connects | 南屏镇', '南屏渡口 | connects | 北岸村', '南屏一号 | bought_by | 县航运公司',
      '渡船 | driven_by | 赵志远', '赵志远 | holds_role | 船老大', '赵志远 | works_at | 南屏渡口', '望江楼 | is_a | 茶馆', '孙丽 | holds_role | 望江楼的老板', '孙丽 | married_to | 赵志远']));
    expect(f.join('\n')).not.toMatch(/之一|1972年由|的渡船|对岸的/);
  });

  it('a biography: 师从漆艺大师李芝卿 (the name after the role), 担任所长至今, 她的丈夫X (married), 两人的女儿 (the couple\'s)', () => {
    const f = facts(`# 陈玉兰

陈玉兰，1946年生于福建省永春县。1968年毕业于福建工艺美术学校，师从漆艺大师李芝卿。1985年，陈玉兰创办了永春漆艺研究所，并担任所长至今。她的丈夫郑国华是福建师范大学的教授。两人的女儿郑晓云现在是永春漆艺研究所的副所长。`, [{ start: 0, end: 5 }]);
    expect(f).toEqual(expect.arrayContaining(['陈玉兰 | apprenticed_to | 李芝卿', '李芝卿 | holds_role | 漆艺大师', '陈玉兰 | holds_role | 永春漆艺研究所的所长', '郑国华 | married_to | 陈玉兰',
      '郑晓云 | daughter_of | 郑国华', '郑晓云 | daughter_of | 陈玉兰']));
    expect(f.join('\n')).not.toMatch(/至今|两人|漆艺大师李芝卿/);
  });

  it('a cooperative: 办公地点设在X旁边 (a seat); 黄永强是湖东村人 (where he is from, no role); 副社长X负责合作社的鱼苗场; a clause with no subject is the last named one\'s', () => {
    const f = facts(`# 白鹭湖渔业合作社

白鹭湖渔业合作社成立于2003年。合作社的办公地点设在湖东村村委会旁边。现任社长黄永强是湖东村人。副社长林美华负责合作社的鱼苗场，鱼苗场建于2018年，位于湖西村。`, [{ start: 0, end: 11 }]);
    expect(f).toEqual(expect.arrayContaining(['白鹭湖渔业合作社 | located_in | 湖东村村委会', '黄永强 | comes_from | 湖东村', '鱼苗场 | located_in | 湖西村', '鱼苗场 | in_year | 2018']));
    expect(f.some((x) => /鱼苗场 \| headed_by \| 林美华$/u.test(x))).toBe(true);
    expect(f.join('\n')).not.toMatch(/旁边|湖东村人|林美华 \| located_in/);
  });

  it('a school page: 前身是由乡绅X捐资兴办的Y; 现任校长X毕业于Y (a school is no name); 由音乐老师X指导; X的曾孙Y', () => {
    const f = facts(`# 河口镇中心小学

河口镇中心小学创办于1923年，前身是由乡绅何文远捐资兴办的河口义学。现任校长刘春梅毕业于江西师范大学。学校的合唱团由音乐老师周琳指导。何文远的曾孙何建新现在是河口镇的镇长。`, [{ start: 0, end: 9 }]);
    expect(f).toEqual(expect.arrayContaining(['河口义学 | founded_by | 何文远', '刘春梅 | graduate_from | 江西师范大学', '河口镇中心小学合唱团 | coached_by | 周琳', '何建新 | great_grandson_of | 何文远', '何建新 | holds_role | 河口镇的镇长']));
    expect(f.join('\n')).not.toMatch(/范大学 \||前身|乡绅何文远/);
  });

  it('a tea factory: 茶厂生产的“东山云雾” (who made it); 由女婿陈志明担任厂长 (the name after a bare kin noun)', () => {
    const f = facts(`# 东山茶厂

东山茶厂始建于1958年。2010年退休后，由女婿陈志明担任厂长至今。茶厂生产的“东山云雾”曾获1999年全国名优茶评比金奖。`, [{ start: 0, end: 6 }]);
    expect(f).toEqual(expect.arrayContaining(['东山云雾 | made_by | 东山茶厂', '陈志明 | holds_role | 女婿', '陈志明 | holds_role | 东山茶厂的厂长']));
    expect(f.join('\n')).not.toMatch(/女婿陈志明/);
  });

  it('a village record (村志): 村中的X; 旅外乡亲X (a role); a clause with no subject after a person founds what it names; 其子X is the sentence\'s subject', () => {
    const f = facts(`# 石门村志

石门村位于云岭县南部。村中的石门小学由旅外乡亲林振华于1936年捐资创办。林振华，字少卿，生于1889年，早年赴南洋经商，创办振华橡胶公司。其子林国栋于1950年回国，后任云岭县侨联主席。`, [{ start: 0, end: 6 }]);
    expect(f).toEqual(expect.arrayContaining(['石门小学 | founded_by | 林振华', '林振华 | holds_role | 旅外乡亲', '振华橡胶公司 | founded_by | 林振华', '林国栋 | son_of | 林振华', '林国栋 | holds_role | 云岭县侨联主席']));
    expect(f.join('\n')).not.toMatch(/村中|乡亲林振华|林振华 \| holds_role \| 云岭县/);
  });

  it('a family record (族谱): 世居, 配王氏, 三子, 永福公长子 and 树林公之女 (the given name with 公), 少年随父, 后入X任Y, 1962年升任厂长 (a year is no subject), 娶X为妻, 定居, 曾任', () => {
    const f = facts(`# 石桥镇周氏族谱

周永福，字德厚，生于1902年。世居石桥镇下街，以打铁为业。配王氏，生子三：长子周树林，次子周树森，三子周树生。

周树林，永福公长子，生于1926年。少年随父学打铁，后入县农机厂任技术员，1962年升任厂长。娶李秀英为妻，育有一女周丽华。

周树森，永福公次子，1949年参军，后定居福州。

周丽华，树林公之女，1958年生于石桥镇。曾任石桥中学校长。`, [{ start: 0, end: 9 }]);
    expect(f).toEqual(expect.arrayContaining([
      '周永福 | lives_in | 石桥镇下街', '周永福 | married_to | 王氏', '周树生 | son_of | 周永福', '周树林 | holds_role | 周永福的长子',
      '周树林 | works_at | 县农机厂', '周树林 | holds_role | 县农机厂的厂长', '周树林 | married_to | 李秀英', '周丽华 | daughter_of | 周树林',
      '周树森 | son_of | 周永福', '周树森 | lives_in | 福州', '周丽华 | born_in | 石桥镇', '周丽华 | holds_role | 石桥中学校长',
    ]));
    expect(f.join('\n')).not.toMatch(/1962年 \||\| 1962年|为妻|树林公|永福公|周树林 \| lives_in|少年|任石桥/);
  });

  it('a family record (字, 长子/次子, 娶, 生女) and minutes (主持人：社长X; 副社长 of the titled body; 社长 is no short name of 副社长)', () => {
    const f = facts('陈守仁，字子厚，生于1880年，卒于1951年，石湾镇人。妻林氏，生子二：长子陈建国，次子陈建华。陈建华娶周氏，生女陈敏。');
    expect(f).toEqual(expect.arrayContaining(['陈守仁 | comes_from | 石湾镇', '陈建国 | son_of | 陈守仁', '陈建华 | son_of | 陈守仁', '陈建华 | married_to | 周氏', '陈敏 | daughter_of | 陈建华']));
    const g = facts('石湾竹编合作社2023年度会员大会纪要\n\n主持人：社长罗秀英\n二、会议选举何俊为副社长。');
    expect(g).toEqual(expect.arrayContaining(['罗秀英 | holds_role | 石湾竹编合作社的社长', '何俊 | holds_role | 石湾竹编合作社的副社长']));
  });

  it('a cleft "X是Y在…年打造的", 主办, a 徒弟, no name opening with a numeral ("是一绝"), 它 no person, and "它的作者是Z的女儿W，她是…"', () => {
    const f = facts('龙舟“石湾号”是老船匠吴德顺在2005年打造的。比赛由石湾镇政府主办。吴德顺的徒弟周海生现在是县船厂的厂长。老板做的红烧鱼是一绝。');
    expect(f).toEqual(expect.arrayContaining(['石湾号 | built_by | 吴德顺', '石湾号 | in_year | 2005', '吴德顺 | holds_role | 老船匠', '比赛 | organised_by | 石湾镇政府', '周海生 | holds_role | 吴德顺的徒弟', '周海生 | holds_role | 县船厂的厂长']));
    expect(f.join('\n')).not.toContain('一绝');
    const g = facts('馆长周敏是许振邦的外孙女。各位请看这只青釉梅瓶。它的作者是许振邦的女儿许秋云，她是国家级工艺美术大师。');
    expect(g).toEqual(expect.arrayContaining(['许秋云 | daughter_of | 许振邦', '许秋云 | holds_role | 国家级工艺美术大师']));
    expect(g.join('\n')).not.toMatch(/周敏的作者|周敏 \| holds_role \| 国家级/);
  });

  it('a life on a page titled with the name: life dates in brackets, "X县Y镇人", a bare role, 师从, 进入…当学徒, 主持建造了渡船“青川号”, and "他的女儿X现在是…"', () => {
    const text = '# 周海生\n\n周海生（1932—2015），青川县石湾镇人，著名造船师傅。1950年，他进入县船厂当学徒，师从老船匠吴德顺。1978年，他主持建造了渡船“青川号”。他的女儿周玉兰现在是县船厂的厂长。陈广源生于清光绪二十八年。';
    const f = facts(text, [{ start: 0, end: 5 }]);
    expect(f).toEqual(expect.arrayContaining(['周海生 | comes_from | 石湾镇', '石湾镇 | located_in | 青川县', '周海生 | is_a | 造船师傅', '周海生 | works_at | 县船厂',
      '青川号 | is_a | 渡船', '青川号 | built_by | 周海生', '青川号 | in_year | 1978', '周玉兰 | daughter_of | 周海生', '周玉兰 | holds_role | 县船厂的厂长']));
    expect(f.join('\n')).not.toMatch(/^师 |的女儿周玉兰 \||born_in \| 清光绪/m);
    expect(facts('船厂现有职工320人。')).toContain('船厂 | have | 320名职工');
  });

  it('a page of a town: "镇上的X" is X; "创建于"; a place is of a kind, not a role\'s holder; "现任校长是他的曾孙女X" (他 is the founder, not the school); "在这里教" teaches at the page\'s place', () => {
    const text = '# 石湾镇\n\n镇上的石湾小学由乡绅陈守仁于1923年创办，现任校长是他的曾孙女陈敏。石湾渡口是青川县最老的渡口。石湾酒厂创建于1956年，厂长为周志刚。';
    const f = facts(text, [{ start: 0, end: 5 }]);
    expect(f).toEqual(expect.arrayContaining(['石湾小学 | founded_by | 陈守仁', '陈敏 | holds_role | 石湾小学的校长', '陈敏 | holds_role | 陈守仁的曾孙女', '石湾渡口 | is_a | 渡口', '石湾酒厂 | in_year | 1956', '周志刚 | holds_role | 石湾酒厂的厂长']));
    expect(f.join('\n')).not.toMatch(/镇上的|石湾酒厂创|石湾小学的曾孙女|石湾渡口 \| holds_role/);
    expect(facts('铜岭中学\n\n语文老师韦春燕已经在这里教了二十五年书。')).toContain('韦春燕 | teach_at | 铜岭中学');
  });

  it('"X在Y创办了Z" (where is no part of who), "X的老板叫Y", and a quoted name after its kind ("渡船“青川号”由…建造")', () => {
    const f = facts('1923年，陈守仁在石湾创办了石湾小学。望江楼茶馆的老板叫周大福。石湾渡口的渡船“青川号”由县船厂于1978年建造。');
    expect(f).toEqual(expect.arrayContaining(['石湾小学 | founded_by | 陈守仁', '石湾小学 | located_in | 石湾', '周大福 | holds_role | 望江楼茶馆的老板', '青川号 | is_a | 渡船', '青川号 | built_by | 县船厂', '青川号 | in_year | 1978']));
    expect(f.join('\n')).not.toContain('陈守仁在石湾');
  });

  it('a body is no role and name ("石湾人民公社"); no name opens with 了; "首任厂长为X" after a clause about a body, and "X在Y建成" dated by the year before', () => {
    const f = facts('石湾渡口1958年由石湾人民公社修建。陈建华后来担任了石湾小学的校长。1985年，青川酒厂在镇北建成，首任厂长为李德顺。');
    expect(f).toEqual(expect.arrayContaining(['石湾渡口 | built_by | 石湾人民公社', '陈建华 | holds_role | 石湾小学的校长', '青川酒厂 | located_in | 镇北', '青川酒厂 | in_year | 1985', '李德顺 | holds_role | 青川酒厂的首任厂长']));
    expect(f.join('\n')).not.toMatch(/民公社 \||了石湾/);
  });

  it('她 and 他 by what the document says of its people: 她 is the latest woman, not the man the sentence before was about', () => {
    const f = facts('罗秀英是罗广田的女儿。周平是罗秀英的儿子。他给合作社开了网店。她是石湾竹编社的社长。');
    expect(f).toContain('罗秀英 | holds_role | 石湾竹编社的社长');
    expect(f.join('\n')).not.toContain('周平 | holds_role | 石湾竹编社的社长');
  });

  it('a bare head of a body heads the body: the page\'s own when it is one ("厂长" on 石湾茶厂\'s page), else the one of its kind the document names', () => {
    expect(facts('石湾茶厂\n\n厂长林晓红是林志的女儿。')).toContain('林晓红 | holds_role | 石湾茶厂的厂长');
    expect(facts('# 周伯年传\n\n周伯年创办了石湾卫生院。现在的院长周岚是周伯年的孙女。')).toContain('周岚 | holds_role | 石湾卫生院的院长');
  });

  it('位于, 出生在/于, 由…于…年修建, 担任, 是…的, and a subject carried across clauses', () => {
    const f = facts('石湾桥位于青川，由周氏家族于1788年修建。周海出生于石湾村，现在担任青川的港务长。');
    expect(f).toEqual(expect.arrayContaining([
      '石湾桥 | located_in | 青川', '石湾桥 | built_by | 周氏家族', '石湾桥 | in_year | 1788',
      '周海 | born_in | 石湾村', '周海 | holds_role | 青川的港务长',
    ]));
  });

  it('an appositive role before a name, a kind that describes the object before it, and 他 for the previous subject', () => {
    const f = facts('青川港务长周海，一位老水手，每天清晨敲钟。周海出生在石湾村，一个渔村。他与林秀结婚。');
    expect(f).toEqual(expect.arrayContaining(['周海 | holds_role | 青川港务长', '周海 | born_in | 石湾村', '石湾村 | is_a | 渔村', '周海 | married_to | 林秀']));
  });

  it('学校 is the page\'s title (石湾小学); agents and counts joined by 和; a role before a name; adverbs after the subject; 结的婚', () => {
    const text = '石湾小学\n\n学校是由韦承恩和黎振邦于1920年共同创办的。学校现在有300名学生和20名老师。现任校长黎秀英是韦承恩的女儿。黎秀英后来嫁给了镇上的医师覃志远。韦春燕和蒙德全是1990年结的婚。';
    const f = facts(text, [{ start: 0, end: 4 }]);
    expect(f).toEqual(expect.arrayContaining([
      '石湾小学 | founded_by | 韦承恩', '石湾小学 | founded_by | 黎振邦', '石湾小学 | in_year | 1920', '石湾小学 | have | 300名学生', '石湾小学 | have | 20名老师',
      '黎秀英 | holds_role | 石湾小学的校长', '黎秀英 | married_to | 覃志远', '覃志远 | holds_role | 医师', '韦春燕 | married_to | 蒙德全',
    ]));
  });

  it('a page\'s body: 学校的合唱团, 酒坊的酿酒师傅, 现在的老板X; 产自; 《歌》，由X作词; 就是由X酿造的', () => {
    const text = '同泰酒坊\n\n现在的老板钱慧芳是钱德昌的曾孙女。酒坊的酿酒师傅，周建国，已经在这里干了三十年。菱湾花雕就是由周建国酿造的。酿酒用的糯米都产自沙洲村，米粒饱满。学校的合唱团由顾晓燕指挥。\n\n- 《摇船歌》，由陆秉文作词';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining([
      '钱慧芳 | holds_role | 同泰酒坊的老板', '钱慧芳 | great_granddaughter_of | 钱德昌', '周建国 | holds_role | 同泰酒坊的酿酒师傅', '菱湾花雕 | brewed_by | 周建国',
      '酿酒用的糯米 | comes_from | 沙洲村', '摇船歌 | written_by | 陆秉文',
    ]));
    expect(f.filter((x) => x.includes('米粒饱满'))).toEqual([]);
  });

  it('球队的教练X是…; 2015年从省城搬回了…; 平时在X当医生; what someone says is not the document\'s statement', () => {
    const f = facts('球队的教练陶建华是陶有根的儿子，出生在白岩村，2015年从省城搬回了翠岙镇。他说：“我们的队员踢球和炒茶一样。”叶小川是叶岚的儿子，平时在翠岙卫生院当医生。');
    expect(f).toEqual(expect.arrayContaining(['陶建华 | holds_role | 球队的教练', '陶建华 | moved_to | 翠岙镇', '叶小川 | works_at | 翠岙卫生院']));
    expect(f.filter((x) => x.includes('“') || x.includes('说'))).toEqual([]);
  });

  it('a plain text\'s title line is the page\'s subject (镇上 → 菱湾镇); a year after the subject is no part of its name', () => {
    const text = '菱湾镇\n\n菱湾镇位于泾南县。镇上有三座石桥。陆文娟2003年搬到菱湾镇。';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining(['菱湾镇 | located_in | 泾南县', '菱湾镇 | have | 三座石桥', '陆文娟 | moved_to | 菱湾镇']));
  });

  it('位于 ends the name before it and a direction after the place goes; 1893年由X修建 dates and gives the agent; 它 is the work named in quotes before it', () => {
    const f = facts('周家祠堂位于老街中段，1893年由周氏族人修建。石湾镇位于青川县东南。展厅里那方“百鸟砚”你一定要看，它是由周海雕刻的。');
    expect(f).toEqual(expect.arrayContaining(['周家祠堂 | located_in | 老街', '周家祠堂 | built_by | 周氏族人', '周家祠堂 | in_year | 1893', '石湾镇 | located_in | 青川县', '百鸟砚 | carved_by | 周海']));
    expect(f.join('\n')).not.toMatch(/holds_role \| 周家|1893年 \|/);
  });

  it('会议选举X为协会副会长: a role, 协会 being the dated title\'s body; 由协会会长X主持: the agent is the name', () => {
    const f = facts('石湾渔业协会2024年度会员大会纪要\n\n会议由协会会长周海主持。\n\n五、会议选举林秀为协会副会长，任期三年。');
    expect(f).toEqual(expect.arrayContaining(['周海 | holds_role | 石湾渔业协会的会长', '林秀 | holds_role | 石湾渔业协会的副会长']));
  });

  it('在X举办“Y”: the event is held there; 老师傅 before a name is a role', () => {
    const f = facts('会议决定，今年五月在周家祠堂举办“石湾渔灯展”。石湾船厂的老师傅周海是协会的会长。');
    expect(f).toEqual(expect.arrayContaining(['石湾渔灯展 | held_in | 周家祠堂', '周海 | holds_role | 石湾船厂的老师傅']));
  });

  it('a biography: 父亲X, 女儿X are the subject\'s kin; 与…一起创办 and a year clause before it; 到X当学徒; 在X病逝; …队员之一', () => {
    const f = facts('周海出生于石湾镇。父亲周福来是镇上渔行的掌柜。1956年，周海与五位老船工一起创办了石湾船厂。周海是石湾龙舟队的创始队员之一。女儿周晓梅后来接任石湾船厂厂长。1995年，周海在石湾镇病逝。');
    expect(f).toEqual(expect.arrayContaining([
      '周福来 | holds_role | 周海的父亲', '石湾船厂 | founded_by | 周海', '石湾船厂 | in_year | 1956', '周海 | member_of | 石湾龙舟队',
      '周晓梅 | holds_role | 周海的女儿', '周海 | died_in | 石湾镇',
    ]));
    expect(facts('周福来是渔行的掌柜。1938年，他到县城的德昌船坊当学徒。')).toContain('周福来 | works_at | 县城的德昌船坊');
  });

  it('a company page: 归X所有; 现任; 自1984年起; 酒厂一直赞助; X先生的女儿; 由X主持修建; a list entry "- 名：…" is about its term; “名”就是由…研制的; 获…奖', () => {
    const f = facts('石湾船厂位于青川县。船厂2003年改制后归青川投资公司所有。周晓梅现任石湾船厂厂长，她自1984年起在船厂工作，是周海先生的女儿。船坞由周海于1962年主持修建。多年来，船厂一直赞助石湾龙舟队。\n\n- 石湾快艇：以本地杉木为原料，1979年获全国船艇评比银奖。\n- 石湾渔船：由船匠何桂兰设计。');
    expect(f).toEqual(expect.arrayContaining([
      '石湾船厂 | owned_by | 青川投资公司', '周晓梅 | holds_role | 石湾船厂厂长', '周晓梅 | holds_role | 周海的女儿', '船坞 | built_by | 周海',
      '石湾龙舟队 | sponsored_by | 石湾船厂', '石湾快艇 | win | 全国船艇评比银奖', '石湾渔船 | designed_by | 何桂兰',
    ]));
    expect(f.join('\n')).not.toMatch(/自1984年|一直 \||holds_role \| 石湾快艇|led_by/);
    expect(facts('周海是老船匠，“石湾快艇”就是由周海研制的。')).toContain('石湾快艇 | developed_by | 周海');
  });

  it('a 乡志: 西南部 goes; 于1931年由乡绅X创办; 乡人X创办; 现由X负责管理; 由A之女B担任社长; X系Y之夫', () => {
    const f = facts('石湾乡位于青川县西南部。1956年，乡人周广田创办石湾竹编社。石湾小学于1931年由乡绅杨敬之创办。石湾敬老院于1986年由石湾乡政府修建，现由何志明负责管理。竹编社由周广田之女周秀英担任社长。何志明系周秀英之夫。');
    expect(f).toEqual(expect.arrayContaining([
      '石湾乡 | located_in | 青川县', '石湾竹编社 | founded_by | 周广田', '石湾小学 | founded_by | 杨敬之', '石湾小学 | in_year | 1931',
      '石湾敬老院 | managed_by | 何志明', '周秀英 | holds_role | 周广田的女儿', '何志明 | married_to | 周秀英',
    ]));
    expect(f.join('\n')).not.toMatch(/于 \||^现 \||乡人周广田 \|/m);
  });

  it('a Chinese kin noun in a role is the English kin label: (陈海生, holds_role, 陈有福的儿子) gives (陈海生, son_of, 陈有福), and 儿子 cues son_of', () => {
    expect(facts('陈海生，陈有福的儿子，生于1962年。')).toEqual(expect.arrayContaining(['陈海生 | holds_role | 陈有福的儿子', '陈海生 | son_of | 陈有福']));
    expect(canonicalFact('周敏', 'holds_role', '许振邦的外孙女').relation).toBe('granddaughter_of');
  });

  it('他的儿子X后来担任…: the name opens the clause and is his son; 年轻时 after a subject and a forum\'s 补充一下： are nobody; X是…馆长 is a role', () => {
    const f = facts('潮墩盐场由陈广源修建。陈广源年轻时在鸥屿做过盐商。他的儿子陈有福后来担任潮墩盐场场长。\n\n补充一下：许文清是泓阳县文化馆馆长。');
    expect(f).toEqual(expect.arrayContaining(['陈广源 | works_at | 鸥屿', '陈有福 | son_of | 陈广源', '陈有福 | holds_role | 潮墩盐场场长', '许文清 | holds_role | 泓阳县文化馆馆长']));
    expect(f.join('\n')).not.toMatch(/年轻时|补充/u);
  });

  it('…的父亲 cues son_of read from the other end, as "father" does in English', () => {
    const kg = KnowledgeGraph.from([['d', [t('陈海生', 'holds_role', '潮墩渔业合作社理事长'), t('陈海生', 'son_of', '陈有福'), t('陈海生', 'born_in', '潮墩镇'), t('本次招聘', 'headed_by', '陈海生')]]]);
    const q = '潮墩渔业合作社理事长的父亲是谁？';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('陈有福');
  });

  it('从X毕业 and 毕业于X; 由她的儿子X打理 (the name, her son, manages it); 地址 and 负责人 columns', () => {
    const f = facts('周秀英担任竹编社社长。如今，合作社由她的儿子何俊打理。何俊2010年从青川美术学院毕业。吴春梅毕业于青川师范学校。');
    expect(f).toEqual(expect.arrayContaining(['何俊 | holds_role | 周秀英的儿子', '合作社 | managed_by | 何俊', '何俊 | graduate_from | 青川美术学院', '吴春梅 | graduate_from | 青川师范学校']));
    const table = facts('| 名称 | 地址 | 负责人 |\n| --- | --- | --- |\n| 石湾竹编社 | 石湾村 | 何俊 |');
    expect(table).toEqual(expect.arrayContaining(['石湾竹编社 | located_in | 石湾村', '石湾竹编社 | person_in_charge | 何俊']));
  });

  it('"这座桥" is the document\'s one longer name that ends with 桥', () => {
    expect(facts('望川桥位于青川。这座桥是由石匠会在1925年修建的。')).toEqual(expect.arrayContaining(['望川桥 | built_by | 石匠会', '望川桥 | in_year | 1925']));
  });

  it('a guide\'s speech (讲解词): an era opening a clause (清光绪年间), 重修, 捐建, 铸造, "寺后的藏经楼", "住持是X法师", "福建莆田人", and 寺里 is the page\'s temple', () => {
    const text = '龙泉寺讲解词\n\n各位游客，龙泉寺位于凤鸣山东麓，清光绪年间由本地乡绅吴文昌出资重修。寺后的观音阁是1992年由台湾商人林志强捐建的。寺里现在的住持是释广明法师，他是浙江温州人。\n';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining(['龙泉寺 | rebuilt_by | 吴文昌', '观音阁 | built_by | 林志强', '观音阁 | in_year | 1992', '释广明 | 住持_of | 龙泉寺', '释广明 | comes_from | 浙江温州']));
    expect(f.join('\n')).not.toMatch(/寺后的|法师|现在的/u);
  });

  it('"X的父亲Y也曾是…的队长" (adverbs after a name), "冠军是Z队，队长是渔民X" (the team named before), "所用的龙舟大多由X制作"', () => {
    const f = facts('今年的冠军是下湾村龙舟队，队长是渔民陈阿水。陈阿水的父亲陈德旺也曾是下湾村龙舟队的队长。龙舟赛所用的龙舟大多由上湾村的老船匠李水根制作。');
    expect(f).toEqual(expect.arrayContaining(['陈阿水 | 队长_of | 下湾村龙舟队', '陈德旺 | 队长_of | 下湾村龙舟队', '龙舟 | made_by | 李水根', '李水根 | comes_from | 上湾村']));
    expect(f.join('\n')).not.toMatch(/陈德旺也|大多|所用的/u);
  });

  it('a short post: "工坊的主人是竹编艺人X", "跟外公Y学的", "《Z》去年获得…", "旁边的茶馆是她丈夫W开的，名叫“V”"', () => {
    const f = facts('今天去了北溪镇的竹编工坊，工坊的主人是竹编艺人林秀英。她的竹编手艺是跟外公陈宝林学的。林秀英的作品《百花图》去年获得了省工艺美术金奖。工坊旁边的茶馆是她丈夫黄建国开的，名叫“竹影茶舍”。');
    expect(f).toEqual(expect.arrayContaining(['林秀英 | holds_role | 竹编艺人', '林秀英 | apprenticed_to | 陈宝林', '陈宝林 | grandfather_of | 林秀英', '百花图 | win | 省工艺美术金奖',
      '竹影茶舍 | is_a | 茶馆', '竹影茶舍 | founded_by | 黄建国', '黄建国 | married_to | 林秀英']));
    expect(f.join('\n')).not.toMatch(/去年|旁边的|\| 名$/mu);
  });

  it('"公司创始人X" founded the company the text is about', () => {
    expect(facts('青溪茶业有限公司成立于2008年，位于安吉县。公司创始人陈志华是县级传承人。')).toContain('青溪茶业有限公司 | founded_by | 陈志华');
  });

  it('"由X等十二户渔民创办": the one named founded it, with others', () => {
    expect(facts('石湾渔业合作社由林阿水等十四户渔民于1958年创办。')).toEqual(expect.arrayContaining(['石湾渔业合作社 | founded_by | 林阿水', '石湾渔业合作社 | in_year | 1958']));
  });

  it('a forum post: 我爷爷叫X (the writer\'s word for X, in this post), 开过一家Y，叫“Z”, 听…说, 是1932年开的, 并入 (where it went), 从…调来 is no school', () => {
    const text = '【求助】老家的“兴隆布庄”\n\n楼主：我爷爷叫刘长贵，年轻时在石桥镇开过一家布庄，叫“兴隆布庄”。听老人说布庄是1930年开的，后来公私合营并入了石桥镇供销社。\n\n2楼：供销社的第一任主任是马国平，他是从县商业局调来的。\n\n楼主：我爷爷的弟弟刘长福也在供销社工作过。\n';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining(['兴隆布庄 | founded_by | 刘长贵', '兴隆布庄 | located_in | 石桥镇', '兴隆布庄 | in_year | 1930', '兴隆布庄 | merged_into | 石桥镇供销社',
      '刘长福 | brother_of | 刘长贵']));
    expect(f.join('\n')).not.toMatch(/我爷爷|graduate_from|听老人/u);
    const kg = KnowledgeGraph.from([['d', extract(text)]]);
    const q = '兴隆布庄后来并入了哪里？';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('石桥镇供销社');
  });

  it('a life (人物简介：X): the title names the subject; a village in its county and province; 两人的儿子 in a later clause; 现为…教授 teaches there; 代表作 and where it is kept', () => {
    const text = '人物简介：郑玉兰\n\n郑玉兰，1940年生于浙江省青田县石门村，著名剪纸艺人。她的代表作《百鸟图》现藏于浙江省博物馆。郑玉兰的丈夫周国庆是一名中学教师，两人的女儿周小梅现为浙江大学艺术学院教授。\n';
    const f = facts(text);
    expect(f).toEqual(expect.arrayContaining(['郑玉兰 | born_in | 石门村', '石门村 | located_in | 青田县', '青田县 | located_in | 浙江省', '百鸟图 | made_by | 郑玉兰', '百鸟图 | located_in | 浙江省博物馆',
      '周小梅 | daughter_of | 郑玉兰', '周小梅 | daughter_of | 周国庆', '周小梅 | teach_at | 浙江大学艺术学院']));
    expect(f.join('\n')).not.toMatch(/人物简介|teach_at \| 一名/u);
  });

  it('a company\'s timeline (发展历程): 其女 after "X退休", 在Y设立Z, Z由X担任, 研发的“…”, a lead with no owner, and a role of the page\'s company one hop from it', () => {
    const text = '# 东岭机械有限公司发展历程\n\n- 1980年：东岭农具厂在青石县成立，首任厂长为钱德富。\n- 2001年：钱德富退休，其女钱玉梅接任董事长。\n- 2012年：公司在白沙县设立分厂，分厂厂长由周立新担任。\n- 2019年：公司研制的“东岭一号”播种机获奖，研发负责人是总工程师冯国栋。\n';
    const f = facts(text, [{ start: 0, end: text.indexOf('\n') }]);
    expect(f).toEqual(expect.arrayContaining(['钱玉梅 | daughter_of | 钱德富', '钱玉梅 | chair_of | 东岭机械有限公司', '分厂 | located_in | 白沙县', '分厂 | owned_by | 东岭机械有限公司',
      '周立新 | holds_role | 分厂厂长', '东岭一号 | made_by | 东岭机械有限公司', '冯国栋 | 研发负责人_of | 东岭一号', '冯国栋 | holds_role | 总工程师']));
  });

  it('将X捐赠给Y; "主持修复的是…": who did it, and a later 他 is them; a body named after its verb; a craft after a place', () => {
    const f = facts('1960年，刘家后人刘玉兰将祖传的木匾捐赠给县博物馆。2015年，木匾由市古建修复中心修复，主持修复的是古建专家赵启明，他是吴德安的徒弟。木匾由苏州木匠吴德安雕刻。');
    expect(f).toEqual(expect.arrayContaining(['木匾 | donated_by | 刘玉兰', '木匾 | donated_to | 县博物馆', '木匾 | restored_by | 市古建修复中心', '木匾 | restored_by | 赵启明', '赵启明 | 徒弟_of | 吴德安', '吴德安 | comes_from | 苏州']));
  });
});

describe('the question the issue was filed with', () => {
  const ask = (docs: [string, string][], question: string) => {
    const kg = KnowledgeGraph.from(docs.map(([id, text]) => [id, extract(text, id)]));
    const r = graphRetrieve(kg, question);
    return { paths: r.paths, answer: baselineAnswer(r.paths, question) };
  };
  const shape = (p: { startName: string; steps: { relation: string; reverse: boolean; toName: string }[] }) =>
    [p.startName, ...p.steps.map((s) => `${s.reverse ? '←' : '→'} ${s.relation} ${s.toName}`)].join(' ');

  it('English: harbourmaster of Quellmoor ← holds_role ← Teodric Vane → born_in → Lindmoor', () => {
    const { paths, answer } = ask([
      ['harbour', 'The harbourmaster of Quellmoor, Teodric Vane, rings the brass bell at dawn when the boats go out.'],
      ['lindmoor', 'Teodric Vane was born in Lindmoor, a hamlet of net-makers on the northern shore.'],
    ], 'Where was the harbourmaster of Quellmoor born?');
    expect(answer).toBe('Lindmoor');
    expect(shape(paths[0]!)).toBe('harbourmaster of Quellmoor ← holds_role Teodric Vane → born_in Lindmoor');
  });

  it('Chinese: a name the question writes bare links to the graph\'s name with a modifier in front, when nothing else links', () => {
    const { answer } = ask([
      ['pavilion', '镇东的魁星楼由韦承恩修建。'],
      ['village', '韦承恩出生在石湾村。'],
    ], '魁星楼的修建者是在哪里出生的？');
    expect(answer).toBe('石湾村');
  });

  it('Chinese: the same path', () => {
    const { paths, answer } = ask([
      ['harbour', '青川港务长周海，一位老水手，每天清晨敲响铜钟。'],
      ['village', '周海出生在石湾村，一个以织网为生的渔村。'],
    ], '青川港务长出生在哪里？');
    expect(answer).toBe('石湾村');
    expect(shape(paths[0]!)).toBe('青川港务长 ← holds_role 周海 → born_in 石湾村');
  });
});

describe('scoring and question types', () => {
  it('"在哪家单位担任总工程师", "Where does X work?" ask for the body a role is held at (总工程师_of, manager_of), not a place past it', () => {
    const kg = KnowledgeGraph.from([['d', [t('陈玉珍', 'holds_role', '陈德海的女儿'), t('陈玉珍', 'daughter_of', '陈德海'), t('陈玉珍', '总工程师_of', '福安县造船厂'),
      t('陈氏船厂', 'merged_into', '福安县造船厂'), t('Sefa Lind', 'manager_of', 'Greystane Slate Company'), t('Greystane Slate Company', 'located_in', 'Askeby')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('陈德海的女儿在哪家单位担任总工程师？')).toBe('福安县造船厂');
    expect(ask('Where does Sefa Lind work as manager?')).toBe('Greystane Slate Company');
    // (Kin is no body: "Where is Sefa Lind's daughter?" is not answered by whom she is the daughter of.)
    expect(endsAtBody('daughter_of')).toBe(false);
    expect(endsAtBody('徒弟_of')).toBe(false);
    expect(endsAtBody('part_of')).toBe(false);
  });

  it('a name of several words in the question is evidence only whole: "Wrenfold Hall Choir" has not found "Wrenfold Market Hall"', () => {
    const kg = KnowledgeGraph.from([['d', [t('October fair', 'hosted_by', 'Lark Brewery'), t('Lark Brewery', 'founded_by', 'Hiram Lark'),
      t('Wrenfold Hall Choir', 'sponsored_by', 'Lark Brewery'), t('Wrenfold Hall Choir', 'founded_by', 'Edwin Starling')]]]);
    const q = 'Who founded the brewery that hosts the October fair at Wrenfold Market Hall?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Hiram Lark');
  });

  it('a path that ends at the name the question\'s role phrase holds has gone in a circle ("黄永福的父亲是谁？")', () => {
    const kg = KnowledgeGraph.from([['d', [t('黄德才', 'holds_role', '黄永福的父亲'), t('黄德才', 'father_of', '黄永福'), t('黄德才', '队长_of', '上湾村龙舟队'), t('黄永福', '队长_of', '上湾村龙舟队')]]]);
    const q = '黄永福的父亲是谁？';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('黄德才');
  });

  it('"Which newspaper …" takes a role with no owner as a kind ("the city\'s weekly newspaper"), and of one with its owner only its head', () => {
    const kg = KnowledgeGraph.from([['d', [t('Tom Alder', 'work_at', 'Ashdown Press'), t('Ashdown Press', 'print', 'first issue'), t('Ashdown Press', 'print', 'Kelsworth Courier'),
      t('Kelsworth Courier', 'holds_role', 'weekly newspaper')]]]);
    expect(graphKinds(kg)(kg.resolve('Kelsworth Courier')!)).toContain('weekly newspaper');
    const q = 'Which newspaper does the firm where Tom Alder works print?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Kelsworth Courier');
    const people = KnowledgeGraph.from([['d', [t('Ann Pike', 'holds_role', 'director of the company')]]]);
    // (A role with its owner says what its holder is, not what the owner is: Ann Pike is a director, not a company.)
    expect(graphKinds(people)(people.resolve('Ann Pike')!)).toEqual(['director']);
  });

  it('a grandparent or a grandchild is two parent hops when the text names each parent; an in-law a marriage and a parent hop', () => {
    const kg = KnowledgeGraph.from([['d', [t('Tom Varley', 'holds_role', 'coxswain of Holm Lifeboat'), t('Tom Varley', 'son_of', 'Jack Varley'), t('Jack Varley', 'son_of', 'Amos Varley'),
      t('Tom Varley', 'married_to', 'Ruth Varley'), t('Tom Varley', 'born_in', 'Holm'), t('Jack Varley', 'born_in', 'Skerrow'),
      t('陈海生', 'holds_role', '潮墩渔业合作社理事长'), t('陈海生', 'son_of', '陈有福'), t('陈有福', 'son_of', '陈广源'), t('陈海生', 'married_to', '许秀珍')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('Who was the grandfather of the coxswain of Holm Lifeboat?')).toBe('Amos Varley');
    expect(ask('Who is the grandson of Amos Varley?')).toBe('Tom Varley');
    expect(ask('潮墩渔业合作社理事长的祖父是谁？')).toBe('陈广源');
    const inLaws = KnowledgeGraph.from([['d', [t('Tom Varley', 'son_of', 'Jack Varley'), t('Tom Varley', 'married_to', 'Ruth Marr'), t('Ruth Marr', 'daughter_of', 'Ned Marr'),
      t('Tom Varley', 'born_in', 'Holm')]]]);
    const q = 'Who was the father-in-law of Tom Varley?';
    expect(baselineAnswer(graphRetrieve(inLaws, q).paths, q, graphKinds(inLaws))).toBe('Ned Marr');
  });

  it('a question\'s role phrase asks for the hop to its holder ("Where does the chairman of X run a building firm?")', () => {
    const kg = KnowledgeGraph.from([['d', [t('Ivo Marsh', 'holds_role', 'chairman of Tarnby Rovers'), t('Ivo Marsh', 'chair_of', 'Tarnby Rovers'), t('Ivo Marsh', 'run', 'building firm'),
      t('Ivo Marsh', 'run_in', 'Kendal'), t('building firm', 'located_in', 'Kendal')]]]);
    const q = 'Where does the chairman of Tarnby Rovers run a building firm?';
    const r = graphRetrieve(kg, q);
    expect(r.plans[0]!.relations).toEqual(['holds_role', 'run_in']);
    expect(baselineAnswer(r.paths, q, graphKinds(kg))).toBe('Kendal');
  });

  it('a Chinese role label is cued by its head noun (谁的传人 asks for 第三代传人_of), counted once inside the compound', () => {
    const kg = KnowledgeGraph.from([['d', [t('木匾', 'restored_by', '市古建修复中心'), t('木匾', 'restored_by', '赵启明'), t('赵启明', '第三代传人_of', '吴德安'),
      t('白露茶', 'developed_by', '孙志远'), t('孙志远', '技术总监_of', '云台茶业公司'), t('孙志远', 'graduate_from', '南山农学院')]]]);
    const ask = (q: string) => baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg));
    expect(ask('主持修复木匾的专家是谁的传人？')).toBe('吴德安');
    // (总监 inside 技术总监 is no second cue for 技术总监_of: the question asks where he graduated.)
    expect(ask('研制白露茶的技术总监毕业于哪所学校？')).toBe('南山农学院');
  });

  it('compares facts across voice, word form, synonyms and role shape', () => {
    expect(canonicalFact('bridge', 'built_by', 'Orrin guild')).toEqual(canonicalFact('Orrin guild', 'build', 'bridge'));
    expect(canonicalFact('Ilse', 'moved_to', 'Durnford')).toEqual(canonicalFact('Ilse', 'move_to', 'Durnford'));
    expect(canonicalFact('Mira', 'holds_role', 'archivist of Fenwick Abbey')).toEqual(canonicalFact('Mira', 'archivist_of', 'Fenwick Abbey'));
    expect(canonicalFact('卢长庚', 'holds_role', '恒丰酱园的掌柜')).toEqual(canonicalFact('卢长庚', '掌柜_of', '恒丰酱园'));
    expect(canonicalFact('卢长庚', 'holds_role', '恒丰酱园的掌柜')).not.toEqual(canonicalFact('卢长庚', '会长_of', '恒丰酱园'));
    // A bare role is a kind: the sets' writers chose either for "X, a stonemason,".
    expect(canonicalFact('Josiah Penhale', 'holds_role', 'stonemason')).toEqual(canonicalFact('Josiah Penhale', 'is_a', 'stonemason'));
    expect(canonicalFact('Mira', 'holds_role', 'archivist of Fenwick Abbey')).not.toEqual(canonicalFact('Mira', 'is_a', 'archivist of Fenwick Abbey'));
    const gold = [{ docId: 'd', head: 'Gannet Bridge', relation: 'built_by', tail: 'Orrin guild' }];
    expect(extractionScores(extract('The Orrin guild built the Gannet Bridge.'), gold).labelled.found).toBe(1);
    expect(extractionScores(extract('The Orrin guild painted the Gannet Bridge.'), gold).labelled.found).toBe(0);
    // A gold made_by is any agent (the demo pack writes "chosen by lot" so); the extractor keeps the verb.
    const chosen = extract('The mediator is chosen by lot.');
    expect(chosen.map((t) => t.relation)).toContain('chosen_by');
    expect(extractionScores(chosen, [{ docId: 'd', head: 'mediator', relation: 'made_by', tail: 'lot' }]).labelled.found).toBe(1);
  });

  it('a path back along the relation it followed answers a question that asks for that relation twice ("the founder of X also founded which school")', () => {
    const kg = KnowledgeGraph.from([['d', [t('Orrin Mill', 'founded_by', 'Ada Quill'), t('Tarn Academy', 'founded_by', 'Ada Quill'), t('Ada Quill', 'born_in', 'Ostby'), t('Orrin Mill', 'located_in', 'Holm'), t('Holm Bridge', 'built_by', 'Ada Quill')]]]);
    const { paths } = graphRetrieve(kg, 'The founder of Orrin Mill also founded which school?');
    expect(baselineAnswer(paths, 'The founder of Orrin Mill also founded which school?', graphKinds(kg))).toBe('Tarn Academy');
  });

  it('the scorer: a role with its owner states the gold\'s bare role, not the other way round; married_to reads either way', () => {
    const triple = (h: string, r: string, tl: string) => [t(h, r, tl)];
    const gold = (h: string, r: string, tl: string) => [{ docId: 'd', head: h, relation: r, tail: tl }];
    expect(extractionScores(triple('Tom Varley', 'holds_role', 'coxswain of Holm Lifeboat Station'), gold('Tom Varley', 'holds_role', 'coxswain')).labelled.found).toBe(1);
    expect(extractionScores(triple('Tom Varley', 'holds_role', 'coxswain'), gold('Tom Varley', 'holds_role', 'coxswain of Holm Lifeboat Station')).labelled.found).toBe(0);
    expect(extractionScores(triple('Tom Varley', 'married_to', 'Ellen'), gold('Ellen', 'married_to', 'Tom Varley')).labelled.found).toBe(1);
    expect(extractionScores(triple('Tom Varley', 'son_of', 'Ellen'), gold('Ellen', 'son_of', 'Tom Varley')).labelled.found).toBe(0);
  });

  it('a relative "where" inside the question cues a place hop: "the works where Harold Crake was a boilersmith" goes by located_in, not by his grandfather', () => {
    const kg = KnowledgeGraph.from([['d', [t('Harold Crake', 'located_in', 'Holm Works'), t('Josiah Brent', 'found', 'Holm Works'), t('Harold Crake', 'grandson_of', 'Samuel Crake'), t('Samuel Crake', 'found', 'Holm Works Band')]]]);
    const q = 'Who founded the works where Harold Crake was a boilersmith?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Josiah Brent');
  });

  it('the noun a relative clause hangs on names a node, not a relation: "the printing works that prints X" asks for no work_at; "the woman after whom" keeps its "after"', () => {
    const kg = KnowledgeGraph.from([['d', [t('Holm Guide', 'printed_by', 'Ashdown Press'), t('Ashdown Press', 'in_year', '1884'), t('Tom Alder', 'work_at', 'Ashdown Press'), t('Tom Alder', 'in_year', '1958')]]]);
    const q = 'When was the printing works that prints the Holm Guide founded?';
    expect(graphRetrieve(kg, q).plans[0]!.relations).toEqual(['printed_by', 'in_year']);
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('1884');
    expect(withoutAntecedents('Who built the almshouses founded by the woman after whom Holm House is named?')).toContain('woman after whom');
    expect(withoutAntecedents('Who founded the works where Harold Crake was a boilersmith?')).toBe('Who founded the  where Harold Crake was a boilersmith?');
  });

  it('a label\'s own words are one phrase: "named after" cues one named_after hop, not a second one for "after"', () => {
    const kg = KnowledgeGraph.from([['d', [t('Lady Ida', 'named_after', 'Ida Penrose'), t('Ida Penrose', 'daughter_of', 'Walter Penrose'), t('old ferry', 'named_after', 'Walter Penrose')]]]);
    const q = 'Who was the father of the woman after whom the lifeboat Lady Ida is named?';
    expect(graphRetrieve(kg, q).plans[0]!.relations).toEqual(['named_after', 'daughter_of']);
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Walter Penrose');
  });

  it('a Chinese verb is asked without its coverb: "周文涛出生的村子" cues born_in (出生在, 出生于), and the path goes by his birthplace', () => {
    const kg = KnowledgeGraph.from([['d', [t('周文涛', 'born_in', '石门村'), t('白石春', 'comes_from', '石门村'), t('鹤鸣拍卖', '纹饰绘制', '周文涛'), t('青花瓶', 'comes_from', '鹤鸣拍卖')]]]);
    const q = '周文涛出生的村子出产什么茶？';
    expect(graphRetrieve(kg, q).plans[0]!.relations).toEqual(['born_in', 'comes_from']);
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('白石春');
  });

  it('a path that goes back through what its start\'s name holds ranks lower: from "captain of X" through the captain back to X', () => {
    const kg = KnowledgeGraph.from([['d', [t('Kit Alder', 'holds_role', 'captain of Holm Wanderers'), t('Kit Alder', 'captain_of', 'Holm Wanderers'), t('compositor', 'found', 'Holm Wanderers'), t('Kit Alder', 'mentioned_with', 'Holm Infirmary'), t('Matthew Corran', 'found', 'Holm Infirmary')]]]);
    const q = 'Who founded the hospital where the captain of Holm Wanderers works?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Matthew Corran');
  });

  it('each hop takes the question word its own label holds before one its vocabulary lists: "founded" cues found, not located_in ("is found in")', () => {
    const kg = KnowledgeGraph.from([['d', [t('Harold Crake', 'located_in', 'Holm Works'), t('Josiah Brent', 'found', 'Holm Works'), t('first head boy', 'become', 'Holm Works'), t('engine', 'built_by', 'Holm Works')]]]);
    const q = 'Who founded the works where Harold Crake was a boilersmith?';
    const r = graphRetrieve(kg, q);
    expect(r.plans[0]!.relations).toEqual(['located_in', 'found']);
    expect(baselineAnswer(r.paths, q, graphKinds(kg))).toBe('Josiah Brent');
  });

  it('a path ends at a year or a count: it does not go on through one to the other things of that year', () => {
    const kg = KnowledgeGraph.from([['d', [t('Holm Choir', 'in_year', '1921'), t('Orrin Mill', 'in_year', '1921'), t('Holm Choir', 'have', '46 members'), t('Tarn Club', 'have', '46 members')]]]);
    const choir = kg.resolve('Holm Choir')!;
    expect(followPlan(kg, choir, ['in_year'], 8).map((p) => p.steps[0]!.toName)).toEqual(['1921']);
    expect(followPlan(kg, choir, ['in_year', 'in_year'], 8)).toEqual([]);
    expect(followPlan(kg, choir, ['have', 'have'], 8)).toEqual([]);
  });

  it('"which cheese" prefers an entity whose name or kind ends with the noun: a "Cheese maker" or a "head cheesemaker" is no cheese', () => {
    const kg = KnowledgeGraph.from([['d', [t('Holm Dairy', 'contact_person', 'Meg Harker'), t('Holm Dairy', 'produces', 'Holm Blue'), t('Holm Dairy', 'is_a', 'Cheese maker'), t('Meg Harker', 'holds_role', 'head cheesemaker')]]]);
    const q = 'Which cheese is made by the dairy whose contact person is Meg Harker?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Holm Blue');
  });

  it('kin read the right way: "the father of X" follows son_of forwards, not daughter_of backwards to X\'s child', () => {
    const kg = KnowledgeGraph.from([['d', [t('Holm Choir', 'founded_by', 'Walter Quill'), t('Joan Quill', 'daughter_of', 'Walter Quill'), t('Walter Quill', 'son_of', 'Samuel Quill')]]]);
    const q = 'Who was the father of the founder of the Holm Choir?';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q, graphKinds(kg))).toBe('Samuel Quill');
  });

  it('a bare common noun that three documents use is a hub, not a start, when a name also links', () => {
    const tr = (doc: string, head: string, relation: string, tail: string): Triple => ({ head, relation, tail, prov: { docId: doc, chunk: 0, start: 0, end: 0, extractor: 'pattern' } });
    const kg = KnowledgeGraph.from([
      ['a', [tr('a', 'company', 'employ', '40 people'), tr('a', 'Holm Mill', 'owned_by', 'Tarn Trust')]],
      ['b', [tr('b', 'company', 'located_in', 'Ostby')]],
      ['c', [tr('c', 'company', 'founded_by', 'Ned Ash')]],
    ]);
    expect(linkEntities(kg, 'Who chairs the company that owns Holm Mill?').map((l) => l.name)).toEqual(['Holm Mill']);
    // Alone, it still links.
    expect(linkEntities(kg, 'Who founded the company?').map((l) => l.name)).toEqual(['company']);
    // The name's own one ("Holm Mill's company") is what the question asks about: it stays, beside the name; not a noun
    // that modifies the next one.
    expect(linkEntities(kg, 'Where was the man who founded Holm Mill\'s company born?').map((l) => l.name).sort()).toEqual(['Holm Mill', 'company']);
    expect(linkEntities(kg, 'Where is Holm Mill\'s company office?').map((l) => l.name)).toEqual(['Holm Mill']);
  });

  it('reads the answer type from the question word that opens the question, or a Chinese one anywhere', () => {
    expect(answerType('In what year was the mill founded?')).toBe('when');
    expect(answerType('Where was the harbourmaster born?')).toBe('where');
    expect(answerType('Which yarn is sold in the store where the book is kept?')).toBe('other');
    expect(answerType('To whom does the applicant write?')).toBe('who');
    expect(answerType('营造社是哪一年创立的？')).toBe('when');
    expect(answerType('港务长出生在哪里？')).toBe('where');
    expect(answerType('同泰酒坊所在的镇属于哪个县？')).toBe('where');
    // The sentence that asks is the one read; a noun phrase's head is its last noun.
    expect(answerType('Tom Alder lived in Holm. Where did his wife work?')).toBe('where');
    expect(answerHead('Tom Alder worked at a printing works. Which newspaper does that firm print?')).toBe('newspaper');
    expect(answerHead('Which football club is sponsored by the works?')).toBe('club');
    expect(answerHead('Which company employs the man?')).toBe('company');
  });

  it('"which X" names what the answer is: X is not linked as an entity, and a path ending at an X is preferred', () => {
    expect(answerHead('On which plot did the seed bank grow its beans?')).toBe('plot');
    expect(answerHead('Which villages does the ferry serve?')).toBe('village');
    expect(answerHead('What year was it built?')).toBeNull();
    expect(answerHead('What is the name of the ferry?')).toBeNull();
    expect(answerHead('Who built the mill?')).toBeNull();
    expect(answerHead('他住在哪个码头？')).toBe('码头');
    const docs: [string, string][] = [
      ['plots', 'The seed bank keeps the Pellan bean. The Pellan bean is grown on the Tolsey trial plot. The Pellan bean is sold at the market.'],
      ['village', 'The village of Tolsey lies on the coast.'],
    ];
    const kg = KnowledgeGraph.from(docs.map(([id, text]) => [id, extract(text, id)]));
    const question = 'On which plot does the seed bank grow its bean?';
    expect(linkEntities(kg, 'Which village is the seed bank in?').map((l) => l.name)).not.toContain('village');
    const r = graphRetrieve(kg, question);
    expect(baselineAnswer(r.paths, question)).toBe('Tolsey trial plot');
  });

  it('a who-question\'s last hop may be any person\'s relation: married_to ends at a person, not a place', () => {
    const kg = KnowledgeGraph.from([['d', [t('黎秀英', 'holds_role', '铜岭中学的第一任校长'), t('黎秀英', 'married_to', '覃志远'), t('覃志远', 'holds_role', '工程师')]]]);
    const q = '铜岭中学的第一任校长嫁给了谁？';
    const r = graphRetrieve(kg, q);
    expect(r.plans[0]!.relations).toEqual(['holds_role', 'married_to']);
    expect(baselineAnswer(r.paths, q)).toBe('覃志远');
    expect(answerType('Where does the ferryman live?')).toBe('where');
  });

  it('"Joseph Bell & Sons" is one name; a path that ends by saying what an entity is answers with the entity', () => {
    expect(facts('The lamp was made by Joseph Bell & Sons. Joseph Bell & Sons is based in Marbury.')).toEqual(expect.arrayContaining(['lamp | made_by | Joseph Bell & Sons', 'Joseph Bell & Sons | located_in | Marbury']));
    const kg = KnowledgeGraph.from([['d', [t('ferry pier', 'designed_by', 'Ivo Calder'), t('Ivo Calder', 'work_at', 'Halden Boatworks'), t('Halden Boatworks', 'is_a', 'boatyard')]]]);
    const q = 'Which firm employs the man who designed the ferry pier?';
    const r = graphRetrieve(kg, q);
    const longest = [...r.paths].sort((a, b) => b.steps.length - a.steps.length);
    expect(longest[0]!.steps.at(-1)!.toName).toBe('boatyard');
    expect(baselineAnswer(longest, q)).toBe('Halden Boatworks');
    expect(baselineAnswer(longest, 'What kind of yard employs the man who designed the ferry pier?')).toBe('boatyard');
  });

  it('a who-answer is an agent or a person: not what an agent owns (<-owned_by-), nor a role phrase (-holds_role->)', () => {
    const kg = KnowledgeGraph.from([['d', [t('dessert apples', 'sold_at', 'Thursday market'), t('Thursday market', 'run_by', 'Town Council'), t('Market Hall', 'owned_by', 'Town Council')]]]);
    const q = 'Who runs the market where the dessert apples are sold?';
    const longest = [...graphRetrieve(kg, q).paths].sort((a, b) => b.steps.length - a.steps.length);
    expect(longest[0]!.steps.at(-1)!.toName).toBe('Market Hall');
    expect(baselineAnswer(longest, q)).toBe('Town Council');
    // Nor a place: the council's town answers "where", not "who".
    const placed = KnowledgeGraph.from([['d', [t('dessert apples', 'sold_at', 'Thursday market'), t('Thursday market', 'run_by', 'Town Council'), t('Town Council', 'located_in', 'Wrenfold')]]]);
    const paths = [...graphRetrieve(placed, q).paths].sort((a, b) => b.steps.length - a.steps.length);
    expect(paths[0]!.steps.at(-1)!.toName).toBe('Wrenfold');
    expect(baselineAnswer(paths, q)).toBe('Town Council');
  });

  it('参加 (joined) cues member_of', () => {
    const kg = KnowledgeGraph.from([['d', [t('顾秀兰', 'member_of', '柳渡龙舟会'), t('柳渡龙舟会', 'in_year', '1950'), t('顾秀兰', '曾孙女_of', '顾承德'), t('柳渡小学', 'founded_by', '顾承德'), t('柳渡小学', 'in_year', '1912')]]]);
    const q = '顾秀兰参加的那个会成立于哪一年？';
    expect(baselineAnswer(graphRetrieve(kg, q).paths, q)).toBe('1950');
  });

  it('"which year" links no entity called "year"; "supplies" is cued by the label "supply"', () => {
    const kg = KnowledgeGraph.from([['d', extract('The Holm Mill was founded in 1802. That year brought the Holm Mill a new wheel.')]]);
    expect(kg.resolve('year')).toBeDefined();
    expect(linkEntities(kg, 'In which year was the Holm Mill founded?').map((l) => l.name)).toEqual(['Holm Mill']);
    expect([...stems('Who supplies the mill?')]).toContain('supply');
    expect([...stems('It was supplied by them.')]).toContain('supply');
  });

  it('"which X" also prefers an entity the graph says is an X, and a question word cues only the hop that reaches the answer', () => {
    const docs: [string, string][] = [
      ['holm', 'Ada Quill was born in Holm. Ada Quill rings the Holm bell.'],
      ['county', 'Holm is a fishing village in the county of Westmarch.'],
      ['bell', 'The Holm bell was cast by the Ostby Foundry. The Ostby Foundry was founded by Bram Kettle.'],
    ];
    const kg = KnowledgeGraph.from(docs.map(([id, text]) => [id, extract(text, id)]));
    const county = 'In which county was Ada Quill born?';
    const r = graphRetrieve(kg, county);
    expect(baselineAnswer(r.paths, county, graphKinds(kg))).toBe('Westmarch');
    // With the shorter path first, the graph's kinds pick the county over the village; without them, the path that goes
    // on by a containing hop does.
    const shorterFirst = [...r.paths].sort((a, b) => a.steps.length - b.steps.length);
    expect(baselineAnswer(shorterFirst, county, graphKinds(kg))).toBe('Westmarch');
    expect(baselineAnswer(shorterFirst, county)).toBe('Westmarch');
    expect(baselineAnswer(shorterFirst.filter((p) => p.steps.length === 1), county)).toBe('Holm');
    // "who" opens a clause here: it cues no agent (made_by); "Where" cues the last hop, born_in.
    const plans = graphRetrieve(kg, 'Where does the man who rings the Holm bell live?').plans.slice(0, 4).map((p) => p.relations.join());
    expect(plans[0]).toBe('ring,born_in');
    expect(plans.filter((p) => p.includes('made_by'))).toEqual([]);
    expect(answerHead('恒丰酱园的创办人还参与创办了哪所学校？')).toBe('学校');
    // Three hops: the bell → who rings it → where they were born → the county.
    const three = 'In which county was the person who rings the Holm bell born?';
    const r3 = graphRetrieve(kg, three);
    expect(baselineAnswer(r3.paths, three, graphKinds(kg))).toBe('Westmarch');
    expect(r3.paths.map((p) => p.steps.map((x) => x.relation).join())).toContain('ring,born_in,located_in');
  });
});
