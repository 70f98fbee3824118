"""A byte-fallback BPE for the reader, trained on the generated English and Chinese text, written as a
Hugging Face tokenizer.json that transformers.js loads (make-data.mjs tokenizes the training data with it).

Layout of the vocabulary: the ChatML special tokens, the 256 byte tokens <0x00>..<0xFF> (any character
outside the vocabulary is spelled in its UTF-8 bytes, so nothing is ever unknown), every character seen
at least `min_char` times, then one token per learned merge.
Pre-tokenization (the same regular expression here and in tokenizer.json): a run of Latin letters with
its leading space, one digit (numbers are copied digit by digit), a run of Han characters, a run of
other symbols with its leading space, or whitespace. Merges never cross these pieces.
"""
import collections
import json
import re

# No \\s or \\w: transformers.js rewrites those shorthands to Unicode classes, Python does not.
PATTERN = r' ?[A-Za-z]+| ?[0-9]|[\u3400-\u9fff]+| ?[^ \t\n\rA-Za-z0-9\u3400-\u9fff]+|[ \t\n\r]+'
BYTES = [f'<0x{b:02X}>' for b in range(256)]


def train(text, vocab_size, special, min_char=3):
    words = collections.Counter(re.findall(PATTERN, text))
    chars = collections.Counter()
    for w, c in words.items():
        for ch in w:
            chars[ch] += c
    vocab = list(special) + BYTES + sorted(ch for ch, c in chars.items() if c >= min_char)
    known = set(vocab)
    # Each word as a list of symbols; characters outside the vocabulary stay single and never merge.
    seqs = [[ch for ch in w] for w in words]
    counts = list(words.values())
    pairs = collections.Counter()
    where = collections.defaultdict(set)
    for i, s in enumerate(seqs):
        for a, b in zip(s, s[1:]):
            if a in known and b in known:
                pairs[(a, b)] += counts[i]
                where[(a, b)].add(i)
    merges = []
    while len(vocab) < vocab_size and pairs:
        (a, b), n = pairs.most_common(1)[0]
        if n < 2:
            break
        merges.append((a, b))
        ab = a + b
        vocab.append(ab)
        known.add(ab)
        for i in list(where.pop((a, b), ())):
            s, c = seqs[i], counts[i]
            for x, y in zip(s, s[1:]):
                if x in known and y in known:
                    pairs[(x, y)] -= c
            out, j = [], 0
            while j < len(s):
                if j + 1 < len(s) and s[j] == a and s[j + 1] == b:
                    out.append(ab)
                    j += 2
                else:
                    out.append(s[j])
                    j += 1
            seqs[i] = out
            for x, y in zip(out, out[1:]):
                if x in known and y in known:
                    pairs[(x, y)] += c
                    where[(x, y)].add(i)
        del pairs[(a, b)]
    return vocab, merges


def tokenizer_json(vocab, merges, special):
    ids = {t: i for i, t in enumerate(vocab)}
    return {
        'version': '1.0', 'truncation': None, 'padding': None,
        'added_tokens': [{'id': ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True} for t in special],
        'normalizer': None,
        'pre_tokenizer': {'type': 'Split', 'pattern': {'Regex': PATTERN}, 'behavior': 'Isolated', 'invert': False},
        'post_processor': None,
        'decoder': {'type': 'Sequence', 'decoders': [{'type': 'ByteFallback'}, {'type': 'Fuse'}]},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': None, 'end_of_word_suffix': None,
                  'fuse_unk': False, 'byte_fallback': True, 'ignore_merges': False, 'vocab': ids, 'merges': [[a, b] for a, b in merges]},
    }


if __name__ == '__main__':
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument('corpus')
    p.add_argument('out')
    p.add_argument('--vocab', type=int, default=4096)
    args = p.parse_args()
    special = ['<|endoftext|>', '<|im_start|>', '<|im_end|>']
    with open(args.corpus, encoding='utf-8') as f:
        text = f.read()
    for t in special:
        text = text.replace(t, '\n')
    vocab, merges = train(text, args.vocab, special)
    with open(args.out, 'w', encoding='utf-8') as f:
        json.dump(tokenizer_json(vocab, merges, special), f, ensure_ascii=False)
    print(f'{len(vocab)} tokens, {len(merges)} merges -> {args.out}')
