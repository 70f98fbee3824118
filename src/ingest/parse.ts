// File → ParsedDoc: picks the parser from the extension, checks the bytes
// agree (a .pdf must start with %PDF), and enforces the size limit.
import { IngestError, tKey } from '../shared/errors';
import type { DocType, ParsedDoc } from '../shared/library-types';
import { maxFileBytes } from '../shared/library-types';
import { decodeText } from './decode';
import { parseDocx } from './docx';
import { parseHtml } from './html';
import type { PdfJs } from './pdf';
import { parsePdf } from './pdf';
import { parseMarkdown, parsePlainText } from './plain';

const byExtension: Record<string, DocType> = {
  txt: 'txt', text: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', xhtml: 'html', pdf: 'pdf', docx: 'docx',
};

export const acceptedExtensions = Object.keys(byExtension).map((e) => `.${e}`);

/** The document type for a file name; throws IngestError for anything else. */
export function detectType(name: string): DocType {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  const type = byExtension[ext];
  if (!type) {
    throw new IngestError('unsupported', ext ? tKey('errors:ingest.unsupported', { name, ext }) : tKey('errors:ingest.noExtension', { name }));
  }
  return type;
}

export interface ParseEnv {
  /** Loads pdf.js on demand (it is large): the browser and Node pass different builds. */
  pdfjs: () => Promise<PdfJs>;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

/** Parses one file's bytes. Throws IngestError with a message for the person. */
export async function parseFile(name: string, bytes: Uint8Array, env: ParseEnv): Promise<{ type: DocType; parsed: ParsedDoc }> {
  const type = detectType(name);
  if (bytes.length > maxFileBytes) {
    throw new IngestError('too-large', tKey('errors:ingest.tooLarge', { name, size: Number((bytes.length / 1e6).toFixed(0)), limit: maxFileBytes / 2 ** 20 }));
  }
  if (bytes.length === 0) throw new IngestError('empty', tKey('errors:ingest.empty', { name }));
  switch (type) {
    case 'pdf':
      if (!startsWith(bytes, '%PDF-')) throw new IngestError('pdf-corrupt', tKey('errors:ingest.notPdf', { name }));
      return { type, parsed: await parsePdf(bytes, name, await env.pdfjs()) };
    case 'docx':
      if (!startsWith(bytes, 'PK')) throw new IngestError('docx-corrupt', tKey('errors:ingest.notDocx', { name }));
      return { type, parsed: await parseDocx(bytes, name) };
    case 'html':
      return { type, parsed: nonEmpty(parseHtml(decodeText(bytes, name)), name) };
    case 'md':
      return { type, parsed: parseMarkdown(decodeText(bytes, name)) };
    default:
      return { type, parsed: parsePlainText(decodeText(bytes, name)) };
  }
}

function nonEmpty(parsed: ParsedDoc, name: string): ParsedDoc {
  if (!parsed.text.trim()) throw new IngestError('no-text', tKey('errors:ingest.htmlNoText', { name }));
  return parsed;
}
