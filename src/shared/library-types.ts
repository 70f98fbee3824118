// Types shared by ingestion (parsing, chunking), the store and the UI.

export type DocType = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'paste';

/** A heading or paragraph of the extracted text, as a character range into it. */
export interface Block {
  kind: 'heading' | 'paragraph';
  /** Heading level 1–6; 0 for paragraphs. */
  level: number;
  start: number;
  end: number;
  /** 1-based PDF page. */
  page?: number;
}

/** A document's readable text plus its structure: what is stored, and what chunking reads. */
export interface ParsedDoc {
  text: string;
  blocks: Block[];
  pageCount?: number;
}

/** Where a chunk sits in its document: feeds citations. */
export interface ChunkLocation {
  /** Character offsets into the document text, end exclusive. */
  start: number;
  end: number;
  headingPath: string[];
  page?: number;
  pageEnd?: number;
}

export interface Chunk extends ChunkLocation {
  text: string;
  /** Tokens in the embedder's own tokenizer, without special tokens. */
  tokens: number;
}

export interface ChunkOptions {
  chunkTokens: number;
  overlapTokens: number;
}

export const defaultChunkOptions: ChunkOptions = { chunkTokens: 256, overlapTokens: 32 };

/** Largest file accepted, in bytes. Bigger files are refused with a message (docs/library.md). */
export const maxFileBytes = 50 * 1024 * 1024;

/** What the ingest worker returns for one file. */
export interface PreparedDoc {
  name: string;
  type: DocType;
  size: number;
  /** SHA-256 of the file's bytes, hex: duplicate detection. */
  hash: string;
  parsed: ParsedDoc;
  chunks: Chunk[];
}
