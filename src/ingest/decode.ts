// Bytes → text for .txt/.md/.html: BOM detection, a binary check, and strict
// UTF-8, so a wrongly encoded file is refused instead of stored as mojibake.
import { IngestError, tKey } from '../shared/errors';

/** A file is treated as binary when its first 8 kB contain NUL bytes (text never does, UTF-16 aside). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The encoding a byte-order mark announces, if any, and the mark's length. */
export function sniffBom(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** Decodes a text file; throws IngestError for empty, binary or non-UTF-8 input. */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new IngestError('empty', tKey('errors:ingest.empty', { name }));
  const bom = sniffBom(bytes);
  if (!bom && looksBinary(bytes)) {
    throw new IngestError('binary', tKey('errors:ingest.binary', { name }));
  }
  let text: string;
  try {
    text = new TextDecoder(bom?.encoding ?? 'utf-8', { fatal: true }).decode(bom ? bytes.subarray(bom.skip) : bytes);
  } catch {
    throw new IngestError('encoding', tKey('errors:ingest.encoding', { name }));
  }
  if (text.trim().length === 0) throw new IngestError('empty', tKey('errors:ingest.whitespace', { name }));
  return text.replace(/\r\n?/g, '\n');
}
