import { describe, expect, it } from 'vitest';
import { extractTriples } from '../../../src/graph/extract';
import type { Triple } from '../../../src/graph/types';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

function extract(text: string, chunks = [{ start: 0, end: text.length }]) {
  return extractTriples({ docId: 'd1', text, chunks });
}
const facts = (triples: Triple[]) => triples.map((t) => `${t.head} | ${t.relation} | ${t.tail}`);

describe('extractTriples: key: value lines and tables', () => {
  it('reads a role line, its apposition and the place the apposition carries', () => {
    const f = facts(extract('Chair: Annika Voss, sheep farmer from Tolsey.'));
    expect(f).toContain('Annika Voss | holds_role | Chair');
    expect(f).toContain('Annika Voss | is_a | sheep farmer');
    expect(f).toContain('Annika Voss | comes_from | Tolsey');
  });

  it('reads table rows under their header, with bracketed aliases', () => {
    const text = 'Machine | Daily fee | Notes\n|---|---|---|\nTractor (Fendt 208) | 25 crowns | Kept in the Tolsey barn';
    const f = facts(extract(text));
    expect(f).toContain('Tractor | same_as | Fendt 208');
    expect(f).toContain('Tractor | daily_fee | 25 crowns');
    expect(f).toContain('Tractor | located_in | Tolsey barn');
    expect(f.some((x) => x.startsWith('|') || x.includes('---'))).toBe(false);
  });

  it('reads a glossary line as a definition (a participle ends the noun phrase)', () => {
    expect(facts(extract('- **Warden**: an elected keeper of a common resource.'))).toContain('Warden | is_a | keeper');
  });
});

describe('extractTriples: sentences', () => {
  it('finds appositions in both orders', () => {
    expect(facts(extract('The harbourmaster, Teodric Vane, signed the log.'))).toContain('Teodric Vane | holds_role | harbourmaster');
    expect(facts(extract('We met Maren Ostgaard, a barley farmer.'))).toContain('Maren Ostgaard | is_a | barley farmer');
  });

  it('reads "X is the Y of Z" and "The Y is X"', () => {
    expect(facts(extract('Teodric Vane is the harbourmaster of Port Ellery.'))).toContain('Teodric Vane | harbourmaster_of | Port Ellery');
    expect(facts(extract('The bee warden is Saoirse Quinlan.'))).toContain('Saoirse Quinlan | holds_role | bee warden');
  });

  it('maps connecting verbs onto the vocabulary, inverse verbs included', () => {
    expect(facts(extract('The Lannach reservoir belongs to the cooperative.'))).toContain('Lannach reservoir | owned_by | cooperative');
    expect(facts(extract('The cooperative owns the old mill.'))).toContain('old mill | owned_by | cooperative');
    expect(facts(extract('The cottage is let by the week. All rent from the cottage goes into the seawall fund.'))).toEqual(expect.arrayContaining(['rent | comes_from | cottage', 'rent | paid_into | seawall fund']));
  });

  it('a time after a lone preposition is no place: "on feast days", "in the 1930s", "on Friday evenings"', () => {
    const f = facts(extract('Great Tom rings on feast days. Holm Hall opens on Friday evenings. The lamps came to Holm in the 1930s.'));
    expect(f.filter((x) => x.includes('located_in'))).toEqual([]);
  });

  it('drops a lone preposition\'s triple between two common nouns the document names once', () => {
    expect(facts(extract('The smell of warm flour fills the lane.')).filter((f) => f.includes('part_of'))).toEqual([]);
    // Named more than once, the noun is something the document is about.
    expect(facts(extract('The smell of the bakery fills the lane. The bakery opens at six.'))).toContain('smell | part_of | bakery');
  });

  it('attaches a relative clause to the mention before it, and a pronoun to the previous subject', () => {
    expect(facts(extract('It comes from the Brennock spring, which belongs to the island council.'))).toContain('Brennock spring | owned_by | island council');
    expect(facts(extract('The reservoir holds water. It was built in 1978.'))).toContain('reservoir | in_year | 1978');
  });

  it('carries a list and a possessive through the relation', () => {
    const f = facts(extract("The seed bank keeps the island's own varieties: Skerrow Gold and Tolsey Red. The island lies off Carrow."));
    expect(f).toContain('seed bank | keeps | varieties');
    expect(f).toContain('varieties | part_of | island');
    const listed = facts(extract('The seed bank keeps Skerrow Gold, Tolsey Red and Pellan Bean.'));
    expect(listed).toEqual(expect.arrayContaining(['seed bank | keeps | Skerrow Gold', 'seed bank | keeps | Tolsey Red', 'seed bank | keeps | Pellan Bean']));
    // Items of one list are connected through the list's head, not to each other.
    expect(listed).not.toContain('Skerrow Gold | mentioned_with | Tolsey Red');
  });

  it('links named mentions of one sentence that no rule connected, and only those', () => {
    // "met" is a verb (the tagger says so): a relation of its own, not a co-occurrence.
    expect(facts(extract('Maren Ostgaard met Idris Fenwick in Brennock.'))).toContain('Maren Ostgaard | meet | Idris Fenwick');
    // Coordinated subjects each take the verb.
    const sang = facts(extract('Maren Ostgaard and Idris Fenwick sang in Brennock.'));
    expect(sang).toEqual(expect.arrayContaining(['Maren Ostgaard | sing_in | Brennock', 'Idris Fenwick | sing_in | Brennock']));
    expect(sang).not.toContain('Maren Ostgaard | mentioned_with | Idris Fenwick');
    const f = facts(extract('Maren Ostgaard smiled at the fair while Idris Fenwick waited in Brennock. The weather was bad.'));
    expect(f).toContain('Maren Ostgaard | mentioned_with | Idris Fenwick');
    expect(f).toContain('Idris Fenwick | wait_in | Brennock');
    expect(f).not.toContain('Idris Fenwick | mentioned_with | Brennock');
  });
});

describe('extractTriples: CJK', () => {
  it('reads X是Z的Y, 位于 and Chinese key: value lines', () => {
    const f = facts(extract('安妮卡是董事会的主席。\n水库位于托尔西。\n司库：托马斯'));
    expect(f).toContain('安妮卡 | chair_of | 董事会');
    expect(f).toContain('水库 | located_in | 托尔西');
    expect(f).toContain('托马斯 | holds_role | 司库');
  });
});

describe('extractTriples: provenance', () => {
  it('keeps the document, the chunk, the evidence offsets and the extractor of every triple', () => {
    const text = 'Chair: Annika Voss.\nThe Lannach reservoir belongs to the cooperative.';
    const cut = text.indexOf('The Lannach');
    const triples = extract(text, [{ start: 0, end: cut }, { start: cut, end: text.length }]);
    const kv = triples.find((t) => t.relation === 'holds_role')!;
    const owned = triples.find((t) => t.relation === 'owned_by')!;
    expect(kv.prov).toMatchObject({ docId: 'd1', chunk: 0, extractor: 'key-value' });
    expect(owned.prov).toMatchObject({ docId: 'd1', chunk: 1, extractor: 'pattern' });
    expect(text.slice(owned.prov.start, owned.prov.end)).toBe('The Lannach reservoir belongs to the cooperative.');
    expect(text.slice(kv.prov.start, kv.prov.end)).toContain('Annika Voss');
  });
});

describe('extractTriples: headings', () => {
  it('connects a heading\'s name with the subject of its section\'s first sentence, and nothing else', () => {
    const text = 'Mill Day\nThe tide mill is opened to visitors. The miller bakes bannocks.';
    const f = facts(extractTriples({ docId: 'd', text, chunks: [{ start: 0, end: text.length }], headings: [{ start: 0, end: 8 }] }));
    expect(f).toContain('Mill Day | mentioned_with | tide mill');
    expect(f).not.toContain('Mill Day | mentioned_with | miller');
    // Without heading blocks there is no section topic.
    expect(facts(extract(text))).not.toContain('Mill Day | mentioned_with | tide mill');
  });
});
