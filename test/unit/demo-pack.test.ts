// The demo packs are data the whole product is evaluated on: check that each is
// complete, internally consistent, and that every QA quote is really in its document.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { demoPacks, parseDemoManifest } from '../../src/demo/demo-pack';
import { entityKey } from '../../src/graph/normalize';
import { detectPromptLanguage } from '../../src/shared/language';

/** The English pack and the Chinese one (its PDF drawn with an embedded CJK font). */
const packs = [
  { id: 'en', dir: 'public/demo', pdfSource: 'scripts/demo-pack', pdfScript: 'scripts/make-demo-pdf.mjs', minDocs: 25, minQa: 80 },
  { id: 'zh', dir: 'public/demo-zh', pdfSource: 'scripts/demo-pack-zh', pdfScript: 'scripts/make-demo-pdf-zh.mjs', minDocs: 20, minQa: 60 },
] as const;

interface QaItem {
  id: string;
  type: 'single' | 'multi' | 'numeric' | 'unanswerable';
  question: string;
  answer: string | null;
  aliases?: string[];
  doc_ids: string[];
  quote: string | null;
  split: 'train' | 'test';
  /** Multi-hop items with a gold path (docs/demo-pack.md). */
  topic?: string;
  relation_path?: string[];
  gold_path?: [string, string, string][];
}

/** Text as a reader sees it: no tags, no markdown markers, entities decoded, spaces collapsed. */
function plain(text: string): string {
  return text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&middot;/g, '·').replace(/&amp;/g, '&')
    .replace(/\*\*/g, '')
    .replace(/^#+ |\|/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

it('offers both packs from their folders', () => {
  expect(demoPacks.map((p) => [p.id, p.folder])).toEqual(packs.map((p) => [p.id, `${p.dir.replace('public/', '')}/`]));
});

/** A pack's manifest, QA items, and each document's text as a reader sees it. */
function readPack(pack: (typeof packs)[number]) {
  const manifest = parseDemoManifest(JSON.parse(readFileSync(join(pack.dir, 'manifest.json'), 'utf8')));
  const qa: QaItem[] = readFileSync(join(pack.dir, manifest.qa.file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const docText = (id: string): string => {
    const doc = manifest.documents.find((d) => d.id === id)!;
    // The PDF's text is its source file (the PDF is regenerated from it; see the test below).
    const path = doc.type === 'pdf' ? join(pack.pdfSource, `${id}.txt`) : join(pack.dir, doc.file);
    return plain(readFileSync(path, 'utf8'));
  };
  return { manifest, qa, docText };
}

describe.each(packs)('demo pack $id', (pack) => {
  const { manifest, qa, docText } = readPack(pack);
  const ids = new Set(manifest.documents.map((d) => d.id));
  const pdf = manifest.documents.find((d) => d.type === 'pdf')!;

  it('lists every document file, in all the promised formats', () => {
    const onDisk = readdirSync(join(pack.dir, 'docs')).sort();
    expect(manifest.documents.map((d) => d.file.replace('docs/', '')).sort()).toEqual(onDisk);
    expect(manifest.documents.length).toBeGreaterThanOrEqual(pack.minDocs);
    expect(new Set(manifest.documents.map((d) => d.type))).toEqual(new Set(['md', 'txt', 'html', 'pdf']));
  });

  it('has a multi-page PDF that is exactly what its source text generates', () => {
    return (async () => {
      const committed = readFileSync(join(pack.dir, pdf.file));
      expect((await PDFDocument.load(committed)).getPageCount()).toBeGreaterThanOrEqual(3);
      const out = join(mkdtempSync(join(tmpdir(), 'rag-lab-pdf-')), 'report.pdf');
      execFileSync(process.execPath, [pack.pdfScript, out]);
      expect(Buffer.compare(readFileSync(out), committed)).toBe(0);
    })();
  });

  it('keeps scripts and navigation chrome in HTML documents, for the ingestion tests', () => {
    const html = readFileSync(join(pack.dir, 'docs/price-list-2026.html'), 'utf8');
    expect(html).toMatch(/<script>/);
    expect(html).toMatch(/<nav>/);
  });

  it(`has at least ${pack.minQa} well-formed items with unique ids and every item type`, () => {
    expect(qa.length).toBeGreaterThanOrEqual(pack.minQa);
    expect(new Set(qa.map((q) => q.id)).size).toBe(qa.length);
    expect(new Set(qa.map((q) => q.type))).toEqual(new Set(['single', 'multi', 'numeric', 'unanswerable']));
    for (const q of qa) {
      expect(q.question.trim().length, q.id).toBeGreaterThan(10);
      // Each question gets its pack's prompt variant.
      expect(detectPromptLanguage(q.question), q.id).toBe(pack.id);
      if (q.type === 'unanswerable') {
        expect(q, q.id).toMatchObject({ answer: null, doc_ids: [], quote: null });
      } else {
        expect(typeof q.answer === 'string' && q.answer.length > 0, q.id).toBe(true);
        expect(q.doc_ids.length, q.id).toBeGreaterThanOrEqual(q.type === 'multi' ? 2 : 1);
        for (const d of q.doc_ids) expect(ids.has(d), `${q.id} → ${d}`).toBe(true);
      }
    }
    expect(qa.filter((q) => q.type === 'multi').length).toBeGreaterThanOrEqual(10);
    expect(qa.filter((q) => q.type === 'unanswerable').length).toBeGreaterThanOrEqual(10);
  });

  it('quotes a sentence that really occurs in one of the supporting documents', () => {
    for (const q of qa.filter((x) => x.quote)) {
      const quote = plain(q.quote!);
      expect(q.doc_ids.some((d) => docText(d).includes(quote)), `${q.id}: "${quote}"`).toBe(true);
    }
  });

  it('follows the documented split: every third item of each type is in the test split', () => {
    expect(manifest.qa.split).toMatch(/every third item/);
    const seen = new Map<string, number>();
    for (const q of qa) {
      const n = (seen.get(q.type) ?? 0) + 1;
      seen.set(q.type, n);
      expect(q.split, q.id).toBe(n % 3 === 0 ? 'test' : 'train');
    }
    for (const split of ['train', 'test']) {
      expect(new Set(qa.filter((q) => q.split === split).map((q) => q.type)).size, split).toBe(4);
    }
  });
});

describe('demo pack gold knowledge graph (kg.jsonl)', () => {
  interface Gold { doc_id: string; head: string; relation: string; tail: string; quote: string }
  const { manifest, qa, docText } = readPack(packs[0]);
  const kg: Gold[] = readFileSync(join(packs[0].dir, manifest.kg!.file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const ids = new Set(manifest.documents.map((d) => d.id));

  it('has well-formed triples for every document, each quoting its evidence verbatim', () => {
    expect(kg.length).toBeGreaterThanOrEqual(100);
    expect(new Set(kg.map((g) => g.doc_id))).toEqual(ids);
    for (const g of kg) {
      expect(g.head.trim() && g.tail.trim(), JSON.stringify(g)).toBeTruthy();
      expect(g.relation, JSON.stringify(g)).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(docText(g.doc_id).includes(plain(g.quote)), `${g.doc_id}: "${g.quote}"`).toBe(true);
    }
  });

  it('gives every path item two gold triples from two documents that chain through one entity', () => {
    const key = (e: string) => entityKey(e);
    const alias = new Map(kg.filter((g) => g.relation === 'same_as').map((g) => [key(g.tail), key(g.head)]));
    const node = (e: string) => alias.get(key(e)) ?? key(e);
    const pathItems = qa.filter((q) => q.gold_path);
    expect(pathItems.length).toBeGreaterThanOrEqual(30);
    for (const q of pathItems) {
      expect(q.type, q.id).toBe('multi');
      const hops = q.gold_path!.map(([h, r, t]) => kg.find((g) => g.head === h && g.relation === r && g.tail === t));
      expect(hops.every(Boolean), `${q.id}: every hop is a gold triple`).toBe(true);
      expect(q.relation_path, q.id).toEqual(q.gold_path!.map((h) => h[1]));
      expect(q.doc_ids, q.id).toEqual(hops.map((h) => h!.doc_id));
      expect(new Set(q.doc_ids).size, `${q.id}: two documents`).toBe(2);
      const [a, b] = hops.map((h) => new Set([node(h!.head), node(h!.tail)]));
      const bridge = [...a!].filter((e) => b!.has(e));
      expect(bridge.length, `${q.id}: one bridge entity`).toBe(1);
      expect(a!.has(node(q.topic!)) && node(q.topic!) !== bridge[0], `${q.id}: the topic starts the path`).toBe(true);
    }
  });
});
