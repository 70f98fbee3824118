// .docx → HTML with mammoth (keeps headings), then the HTML path.
import { IngestError, tKey } from '../shared/errors';
import type { ParsedDoc } from '../shared/library-types';
import { parseHtml } from './html';

export async function parseDocx(bytes: Uint8Array, name: string): Promise<ParsedDoc> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // mammoth's browser build reads `arrayBuffer`, its Node build `buffer`.
    const input = { arrayBuffer: buffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
    html = (await mammoth.convertToHtml(input)).value;
  } catch (e) {
    throw new IngestError('docx-corrupt', tKey('errors:ingest.docxCorrupt', { name, detail: (e as Error).message }), { cause: e });
  }
  const parsed = parseHtml(html);
  if (!parsed.text.trim()) throw new IngestError('no-text', tKey('errors:ingest.docxNoText', { name }));
  return parsed;
}
