import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode';
import { parseHtml } from '../../src/ingest/html';
import { detectType, parseFile } from '../../src/ingest/parse';
import { joinLines } from '../../src/ingest/pdf';
import { parseMarkdown, parsePlainText } from '../../src/ingest/plain';
import { IngestError } from '../../src/shared/errors';
import { maxFileBytes } from '../../src/shared/library-types';

const env = { pdfjs: () => import('pdfjs-dist/legacy/build/pdf.mjs') as never };
const bytes = (s: string) => new TextEncoder().encode(s);
const demo = (name: string) => new Uint8Array(readFileSync(`public/demo/docs/${name}`));

async function ingestError(p: Promise<unknown>): Promise<IngestError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(IngestError);
  return e as IngestError;
}

/** A minimal valid .docx: enough parts for mammoth. */
function docx(paragraphs: [style: string | null, text: string][]): Uint8Array {
  const body = paragraphs
    .map(([style, text]) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`)
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

describe('decodeText', () => {
  it('decodes UTF-8 (with or without BOM) and UTF-16 with BOM, normalizing line ends', () => {
    expect(decodeText(bytes('a\r\nb'), 'x')).toBe('a\nb');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('héllo')]), 'x')).toBe('héllo');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('水稻').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(utf16, 'x')).toBe('水稻');
  });

  it('refuses empty, binary and non-UTF-8 files with a reason', async () => {
    expect(() => decodeText(new Uint8Array(), 'a.txt')).toThrow(/a\.txt is empty/);
    expect(() => decodeText(bytes('  \n '), 'a.txt')).toThrow(/only whitespace/);
    expect(() => decodeText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]), 'a.txt')).toThrow(/binary/);
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]); // "Café noir" in Windows-1252
    expect(() => decodeText(latin1, 'menu.txt')).toThrow(/not valid UTF-8.*Re-save it as UTF-8/);
  });
});

describe('detectType', () => {
  it('maps extensions and refuses the rest', () => {
    expect(['a.TXT', 'b.md', 'c.htm', 'd.pdf', 'e.docx'].map(detectType)).toEqual(['txt', 'md', 'html', 'pdf', 'docx']);
    expect(() => detectType('photo.jpg')).toThrow(/\.jpg files are not supported/);
    expect(() => detectType('README')).toThrow(/without an extension/);
  });
});

describe('text formats', () => {
  it('keeps only the readable text of HTML, with headings and table rows', () => {
    const { text, blocks } = parseHtml(new TextDecoder().decode(demo('price-list-2026.html')));
    expect(text).not.toMatch(/trackVisit|Member login|Cookie settings|border-collapse|Price List 2026 — Skerrow/);
    expect(text).toContain('Malting barley (Skerrow Gold) | 100 kg | 38 crowns');
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => text.slice(b.start, b.end))).toEqual(['Price List 2026']);
    expect(parseHtml('<p>Fish &amp; chips&nbsp;today</p><script>alert(1)</script>').text).toBe('Fish & chips today');
  });

  it('finds Markdown headings with their levels, ignoring # inside code fences', () => {
    const doc = parseMarkdown('# Title\n\nIntro text.\n\n## Part\n\n```\n# not a heading\n```\n');
    expect(doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)])).toEqual([
      ['heading', 1, 'Title'], ['paragraph', 0, 'Intro text.'], ['heading', 2, 'Part'], ['paragraph', 0, '```\n# not a heading\n```'],
    ]);
  });

  it('treats short ALL-CAPS lines of plain text as headings', () => {
    const doc = parsePlainText('SAFETY RULES\n\n1. Work in pairs.\n\nNOTE: CALL 112.');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
  });
});

describe('parseFile', () => {
  it('enforces the size limit before parsing', async () => {
    const big = new Uint8Array(maxFileBytes + 1);
    expect((await ingestError(parseFile('big.txt', big, env))).code).toBe('too-large');
  });

  it('extracts the demo PDF with page numbers and headings', async () => {
    const { type, parsed } = await parseFile('annual-report-2025.pdf', demo('annual-report-2025.pdf'), env);
    expect(type).toBe('pdf');
    expect(parsed.pageCount).toBe(4);
    const block = parsed.blocks.find((b) => parsed.text.slice(b.start, b.end).includes('repair of the mill wheel'));
    expect(block?.page).toBe(2);
    const headings = parsed.blocks.filter((b) => b.kind === 'heading').map((b) => parsed.text.slice(b.start, b.end));
    expect(headings).toEqual(expect.arrayContaining(['Finances', 'Projects', 'Outlook for 2026']));
    expect(parsed.text).toContain('The members delivered 412 tonnes of malting barley to the store, against 356 tonnes in 2024.');
  });

  it('extracts the Chinese demo PDF character for character, lines joined without spaces', async () => {
    const pdf = new Uint8Array(readFileSync('public/demo-zh/docs/annual-report-2025.pdf'));
    const { parsed } = await parseFile('annual-report-2025.pdf', pdf, env);
    expect(parsed.pageCount).toBe(3);
    // Every character of the source is in the text layer (the embedded subset font maps each glyph back to Unicode).
    const source = readFileSync('scripts/demo-pack-zh/annual-report-2025.txt', 'utf8').replace(/^\\f$/gm, '');
    const squash = (t: string) => t.replace(/第 \d 页，共 3 页|\s+/g, '');
    expect(squash(parsed.text)).toBe(squash(source));
    // A sentence wrapped over two lines comes back whole.
    expect(parsed.text).toContain('这一年春茶开采早、天气好，秋季却遭遇了台风白鹭。感谢全体社员的努力，合作社的收入仍然创下了新高。');
    const block = parsed.blocks.find((b) => parsed.text.slice(b.start, b.end).includes('1270万元'));
    expect(block?.page).toBe(3);
  });

  it('joins PDF lines with a space, except between two lines of Chinese or Japanese', () => {
    expect(joinLines(['The mill wheel', 'was repaired.'])).toBe('The mill wheel was repaired.');
    expect(joinLines(['秋季却遭遇了台风白鹭。感', '谢全体社员的努力'])).toBe('秋季却遭遇了台风白鹭。感谢全体社员的努力');
    expect(joinLines(['收入为', '1270万元'])).toBe('收入为 1270万元');
    expect(joinLines([])).toBe('');
  });

  it('explains corrupt, misnamed and image-only PDFs', async () => {
    const pdf = demo('annual-report-2025.pdf');
    expect((await ingestError(parseFile('cut.pdf', pdf.slice(0, 900), env))).code).toBe('pdf-corrupt');
    expect((await ingestError(parseFile('fake.pdf', bytes('hello'), env))).message).toMatch(/not a PDF/);
    const scanned = await PDFDocument.create();
    scanned.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 300 });
    const e = await ingestError(parseFile('scan.pdf', await scanned.save(), env));
    expect(e.code).toBe('pdf-no-text');
    expect(e.message).toMatch(/OCR is not supported/);
  });

  it('asks for the password of an encrypted PDF to be removed', async () => {
    const encrypted = new Uint8Array(readFileSync('test/fixtures/docs/encrypted.pdf'));
    const e = await ingestError(parseFile('secret.pdf', encrypted, env));
    expect(e.code).toBe('pdf-password');
    expect(e.message).toMatch(/password-protected/);
  });

  it('reads .docx with its headings, and refuses a broken one', async () => {
    const { parsed } = await parseFile('notes.docx', docx([['Heading1', 'Seawall'], [null, 'Close the three sluice gates.']]), env);
    expect(parsed.text).toBe('Seawall\n\nClose the three sluice gates.');
    expect(parsed.blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect((await ingestError(parseFile('broken.docx', bytes('PK\u0003\u0004garbage'), env))).code).toBe('docx-corrupt');
    expect((await ingestError(parseFile('old.docx', bytes('\u00d0\u00cf\u0011\u00e0'), env))).message).toMatch(/re-save as \.docx/);
  });

  it('refuses HTML with no readable text', async () => {
    expect((await ingestError(parseFile('x.html', bytes('<nav>Home</nav><script>x()</script>'), env))).code).toBe('no-text');
  });
});
