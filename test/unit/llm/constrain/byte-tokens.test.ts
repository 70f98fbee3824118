// Byte-fallback tokens under a grammar: a character the vocabulary has no piece for is spelled by its UTF-8 bytes
// (the built-in reader's tokenizer writes most Chinese characters this way), so a grammar holding it can still be
// written, byte by byte, and nothing else slips in between the bytes of one character.
import { describe, expect, it } from 'vitest';
import { oneOf } from '../../../../src/shared/grammar';
import { byteTokens, ConstrainedDecoder, Vocabulary } from '../../../../src/llm/constrain/token-mask';

// Pieces: "岛", "上", " [1]", "。", "根据" and "我不知道。"; then the 256 byte tokens <0x00> … <0xFF>.
const pieces = ['岛', '上', ' [1]', '。', '根据', '我不知道。'];
const strings = [...pieces, ...Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)];
const vocab = new Vocabulary({ first: [...pieces, ...new Array<null>(256).fill(null)], next: [...pieces, ...new Array<null>(256).fill(null)], bytes: byteTokens(strings) });
const byteId = (b: number) => pieces.length + b;

/** Writes `text` greedily with the lowest allowed id that keeps to it (a stand-in for a model's choice). */
function write(decoder: ConstrainedDecoder, text: string): number[] {
  const ids: number[] = [];
  let rest = new TextEncoder().encode(text);
  let written = '';
  while (written !== text) {
    const allowed = [...decoder.allowed()];
    const piece = allowed.find((id) => id < pieces.length && text.startsWith(written + pieces[id]!));
    if (piece !== undefined) {
      decoder.advance(piece);
      ids.push(piece);
      written += pieces[piece]!;
      rest = rest.slice(new TextEncoder().encode(pieces[piece]!).length);
      continue;
    }
    const id = byteId(rest[0]!);
    expect(allowed).toContain(id);
    decoder.advance(id);
    ids.push(id);
    rest = rest.slice(1);
    written = text.slice(0, text.length - new TextDecoder().decode(rest).length);
  }
  return ids;
}

describe('byte-fallback tokens under a grammar', () => {
  it('spell a character no piece writes, and only the bytes that continue it are allowed inside it', () => {
    const grammar = oneOf(['岛上有龘 [1]。', '根据我不知道。']);
    const d = new ConstrainedDecoder(vocab, grammar);
    // First: 岛 (a piece) or 根据; no byte that starts another character.
    const first = [...d.allowed()];
    expect(first).toContain(0);
    expect(first).toContain(4);
    expect(first).not.toContain(byteId(0xe9));
    d.advance(0);
    d.advance(1); // 上
    // 有 (U+6709, e6 9c 89) and 龘 (U+9F98, e9 be 98) have no piece: only 有's lead byte may follow.
    expect([...d.allowed()]).toEqual([byteId(0xe6)]);
    d.advance(byteId(0xe6));
    expect([...d.allowed()]).toEqual([byteId(0x9c)]);
    expect(d.accepting()).toBe(false);
    d.advance(byteId(0x9c));
    d.advance(byteId(0x89));
    expect(() => d.advance(byteId(0xe6))).toThrow(/outside the grammar/);
    const rest = write(d, '龘 [1]。');
    expect(rest.slice(0, 3)).toEqual([0xe9, 0xbe, 0x98].map(byteId));
    expect(d.accepting()).toBe(true);
  });

  it('reads the byte of each <0xNN> token, and nothing from other tokens', () => {
    expect(byteTokens(['<0x0A>', '<0xE9>', 'a', '<0xZZ>', '<0x1>'])).toEqual([10, 0xe9, null, null, null]);
  });
});
