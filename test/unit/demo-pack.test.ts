// The demo packs are data the whole product is evaluated on: check that each is
// complete, internally consistent, and that every QA quote is really in its document.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { demoPacks, parseDemoManifest } from '../../src/demo/demo-pack';
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

describe.each(packs)('demo pack $id', (pack) => {
  const manifest = parseDemoManifest(JSON.parse(readFileSync(join(pack.dir, 'manifest.json'), 'utf8')));
  const qa: QaItem[] = readFileSync(join(pack.dir, manifest.qa.file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const ids = new Set(manifest.documents.map((d) => d.id));
  const pdf = manifest.documents.find((d) => d.type === 'pdf')!;

  function docText(id: string): string {
    const doc = manifest.documents.find((d) => d.id === id)!;
    // The PDF's text is its source file (the PDF is regenerated from it; see the test below).
    const path = doc.type === 'pdf' ? join(pack.pdfSource, `${id}.txt`) : join(pack.dir, doc.file);
    return plain(readFileSync(path, 'utf8'));
  }

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
