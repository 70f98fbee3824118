#!/usr/bin/env node
// Builds the Chinese demo pack's PDF from its text source, like
// make-demo-pdf.mjs does for the English one. Chinese glyphs need an embedded
// font: Droid Sans Fallback (Apache 2.0), committed as a subset of the
// characters the text uses (scripts/demo-pack-zh/font/README.md), so that no
// system font is needed. Pages are separated by a line holding only "\f".
// Output is byte-for-byte deterministic.
// Usage: node scripts/make-demo-pdf-zh.mjs [output.pdf]
//        node scripts/make-demo-pdf-zh.mjs --font-chars   (prints the characters the font must hold)
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'scripts', 'demo-pack-zh', 'annual-report-2025.txt');
const out = process.argv[2] ?? join(root, 'public', 'demo-zh', 'docs', 'annual-report-2025.pdf');
const fontPath = join(root, 'scripts', 'demo-pack-zh', 'font', 'DroidSansFallback-subset.ttf');
const footer = (page, count) => `第 ${page} 页，共 ${count} 页`;

/** Runs of ASCII (Helvetica) and of everything else (the CJK font). */
const runs = (text) => text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [];
const widthOf = (text, size) => runs(text).reduce((w, r) => w + (/^[\x20-\x7e]/.test(r) ? latin : cjk).widthOfTextAtSize(r, size), 0);

/** Draws a line run by run, each in its font. */
function drawLine(page, line, x, y, size) {
  for (const r of runs(line)) {
    const font = /^[\x20-\x7e]/.test(r) ? latin : cjk;
    page.drawText(r, { x, y, size, font });
    x += font.widthOfTextAtSize(r, size);
  }
}

/** Greedy wrap, one character at a time (Chinese has no spaces), never splitting a run of Latin letters or digits. */
function wrap(text, size, width) {
  const units = text.match(/[A-Za-z0-9.,%]+|\s+|./gu) ?? [];
  const lines = [];
  let line = '';
  for (const unit of units) {
    const next = line + unit;
    if (widthOf(next, size) > width && line.trim()) {
      lines.push(line.trimEnd());
      line = unit.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const sourceText = await readFile(src, 'utf8');
/** Every character drawn in the CJK font: the text's and the footer's, outside printable ASCII. */
const cjkChars = [...new Set([...(sourceText + footer(0, 0))].filter((c) => !/[\x20-\x7e\s]/.test(c)))].sort();
if (process.argv[2] === '--font-chars') {
  process.stdout.write(cjkChars.join(''));
  process.exit(0);
}
const fontBytes = await readFile(fontPath);
const missing = cjkChars.filter((c) => !fontkit.create(fontBytes).hasGlyphForCodePoint(c.codePointAt(0)));
if (missing.length) {
  throw new Error(`The demo font lacks ${missing.join('')}: the text has new characters. Subset the font again as scripts/demo-pack-zh/font/README.md says.`);
}
const fixedDate = new Date('2026-01-15T12:00:00Z');
const doc = await PDFDocument.create();
doc.registerFontkit(fontkit);
doc.setTitle('雾岚屿茶农合作社2025年度报告');
doc.setAuthor('雾岚屿茶农合作社');
doc.setCreator('rag-lab scripts/make-demo-pdf-zh.mjs');
doc.setProducer('pdf-lib');
doc.setCreationDate(fixedDate);
doc.setModificationDate(fixedDate);
// A fixed name: pdf-lib would otherwise add a suffix to the subset font's name.
const cjk = await doc.embedFont(fontBytes, { subset: true, customName: 'DroidSansFallback-Subset' });
const latin = await doc.embedFont(StandardFonts.Helvetica);

const pages = sourceText.split(/^\\f$/m);
pages.forEach((pageText, index) => {
  const page = doc.addPage([595, 842]); // A4
  let y = 780;
  pageText.trim().split(/\n\s*\n/).forEach((para, i) => {
    // Headings: the first paragraph of each page, and short paragraphs without a full stop.
    const isHeading = i === 0 || (!para.includes('。') && para.length < 30);
    const size = isHeading ? 15 : 11;
    for (const line of wrap(para, size, 495)) {
      drawLine(page, line, 50, y, size);
      y -= size * 1.45;
    }
    y -= 10;
  });
  drawLine(page, footer(index + 1, pages.length), 50, 40, 9);
});
await writeFile(out, await doc.save({ useObjectStreams: false }));
console.log(`demo pdf (zh): ${pages.length} pages → ${out}`);
