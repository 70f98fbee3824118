#!/usr/bin/env node
// Builds the demo pack's multi-page PDF from its text source, so the PDF's
// text layer is known exactly (QA quotes are checked against the source).
// Pages are separated by a line holding only "\f". Output is deterministic.
// Usage: node scripts/make-demo-pdf.mjs [output.pdf]
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'scripts', 'demo-pack', 'annual-report-2025.txt');
const out = process.argv[2] ?? join(root, 'public', 'demo', 'docs', 'annual-report-2025.pdf');

/** Greedy word wrap to a maximum width in points. */
function wrap(text, font, size, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const fixedDate = new Date('2026-01-15T12:00:00Z');
const doc = await PDFDocument.create();
doc.setTitle('Skerrow Island Growers\' Cooperative — Annual Report 2025');
doc.setAuthor('Skerrow Island Growers\' Cooperative');
doc.setCreator('rag-lab scripts/make-demo-pdf.mjs');
doc.setProducer('pdf-lib');
doc.setCreationDate(fixedDate);
doc.setModificationDate(fixedDate);
const body = await doc.embedFont(StandardFonts.Helvetica);
const bold = await doc.embedFont(StandardFonts.HelveticaBold);

const pages = (await readFile(src, 'utf8')).split(/^\\f$/m);
pages.forEach((pageText, index) => {
  const page = doc.addPage([595, 842]); // A4
  let y = 780;
  const paragraphs = pageText.trim().split(/\n\s*\n/);
  paragraphs.forEach((para, i) => {
    // The first paragraph of each page is its heading (short line, no full stop).
    const isHeading = i === 0 || (!para.includes('.') && para.length < 60);
    const font = isHeading ? bold : body;
    const size = isHeading ? 15 : 11;
    for (const line of wrap(para, font, size, 495)) {
      page.drawText(line, { x: 50, y, size, font });
      y -= size * 1.45;
    }
    y -= 10;
  });
  page.drawText(`Page ${index + 1} of ${pages.length}`, { x: 50, y: 40, size: 9, font: body });
});
await writeFile(out, await doc.save({ useObjectStreams: false }));
console.log(`demo pdf: ${pages.length} pages → ${out}`);
