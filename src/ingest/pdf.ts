// PDF → text with page numbers, through pdf.js. The pdf.js module is passed
// in, so the browser (ingest worker) and Node (tests) can each use their build.
import { IngestError, tKey } from '../shared/errors';
import type { ParsedDoc } from '../shared/library-types';
import { TextBuilder } from './text-builder';

interface TextItem {
  str: string;
  hasEOL?: boolean;
  height?: number;
  transform?: number[];
}
interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
export interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDocument> };
}

interface Line {
  text: string;
  y: number;
  size: number;
}

function toLines(items: unknown[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const raw of items) {
    const item = raw as TextItem;
    if (typeof item.str !== 'string') continue;
    const y = item.transform?.[5] ?? 0;
    const size = Math.abs(item.height ?? item.transform?.[3] ?? 0);
    if (!current || Math.abs(current.y - y) > Math.max(2, size * 0.5)) {
      if (current) lines.push(current);
      current = { text: '', y, size };
    }
    current.text += item.str;
    current.size = Math.max(current.size, size);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((l) => l.text.trim());
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

// A line that ends in Chinese or Japanese and a next line that starts in it are
// one run of text: joining them with a space would split a word.
const cjkEnd = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u;
const cjkStart = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** The lines of a paragraph as one text: a space between lines, none between two CJK ones. */
export function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => (!text ? line : `${text}${cjkEnd.test(text) && cjkStart.test(line) ? '' : ' '}${line}`), '');
}

/** Lines → paragraphs (a vertical gap of ~1.6 lines breaks one) and headings (larger type). */
function addPage(b: TextBuilder, lines: Line[], page: number, bodySize: number): void {
  let para: string[] = [];
  let prev: Line | null = null;
  const flush = () => {
    b.add('paragraph', joinLines(para), 0, page);
    para = [];
  };
  for (const line of lines) {
    if (bodySize > 0 && line.size > bodySize * 1.2) {
      flush();
      b.add('heading', line.text, line.size > bodySize * 1.6 ? 1 : 2, page);
      prev = null;
      continue;
    }
    if (prev && Math.abs(prev.y - line.y) > Math.max(prev.size, line.size) * 1.6) flush();
    para.push(line.text.trim());
    prev = line;
  }
  flush();
}

/** Extracts a PDF's text layer. Throws IngestError for corrupt, encrypted or image-only PDFs. */
export async function parsePdf(bytes: Uint8Array, name: string, pdfjs: PdfJs): Promise<ParsedDoc> {
  let doc: PdfDocument;
  try {
    // pdf.js takes ownership of the buffer: give it a copy.
    doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 }).promise;
  } catch (e) {
    const kind = (e as { name?: string }).name;
    if (kind === 'PasswordException') {
      throw new IngestError('pdf-password', tKey('errors:ingest.pdfPassword', { name }));
    }
    throw new IngestError('pdf-corrupt', tKey('errors:ingest.pdfCorrupt', { name, detail: (e as Error).message }), { cause: e });
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(toLines((await (await doc.getPage(n)).getTextContent()).items));
    const bodySize = median(pages.flat().map((l) => l.size));
    const b = new TextBuilder();
    pages.forEach((lines, i) => addPage(b, lines, i + 1, bodySize));
    const parsed = b.build(doc.numPages);
    if (!parsed.text.trim()) {
      throw new IngestError('pdf-no-text', tKey('errors:ingest.pdfNoText', { name }));
    }
    return parsed;
  } finally {
    await doc.destroy();
  }
}
