// Assembles a document's readable text from headings and paragraphs, keeping
// each block's character range, so chunks can point back into the text.
import type { Block, ParsedDoc } from '../shared/library-types';

export class TextBuilder {
  #parts: string[] = [];
  #length = 0;
  #blocks: Block[] = [];

  /** Adds a block; whitespace inside is collapsed, empty blocks are skipped. Blocks are separated by a blank line. */
  add(kind: Block['kind'], raw: string, level = 0, page?: number): void {
    const text = raw.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (!text) return;
    if (this.#length > 0) {
      this.#parts.push('\n\n');
      this.#length += 2;
    }
    const start = this.#length;
    this.#parts.push(text);
    this.#length += text.length;
    this.#blocks.push({ kind, level: kind === 'heading' ? Math.min(Math.max(level, 1), 6) : 0, start, end: this.#length, ...(page ? { page } : {}) });
  }

  build(pageCount?: number): ParsedDoc {
    return { text: this.#parts.join(''), blocks: this.#blocks, ...(pageCount ? { pageCount } : {}) };
  }
}
