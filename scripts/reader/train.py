#!/usr/bin/python3
"""Trains the RAG Lab reader from scratch and exports it to public/builtin/rag-lab-reader/ (MLC q0f32).

    npm run train:reader                      # data, tokenizer, the shipped run (700 steps) and export
    /usr/bin/python3 scripts/reader/train.py --resume      # continue from the last checkpoint
    /usr/bin/python3 scripts/reader/train.py --export-only # write the model folder from the last checkpoint

Needs Debian's python3-torch (with libopenblas0-pthread for a fast BLAS), python3-matplotlib for the loss
curve, and Node (the data is rendered by the app's own prompt code and tokenized by transformers.js).
Seeded: the same arguments give the same data, the same batches and, on the same BLAS, the same weights.
Every step draws its batch from a generator seeded by (seed, step), so a resumed run sees the batches an
uninterrupted one would. Pausing the process (SIGSTOP/SIGCONT) changes nothing but the wall time.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# One BLAS thread: on a shared 2-core machine, OpenMP's and OpenBLAS's thread pools spin against each other and
# against other processes. Measured there with 2 torch threads, 8-18 s a step; with 1, 1.0-1.5 s (see README.md).
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Config, Reader  # noqa: E402
import export  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
ABSTAIN = {'en': "I don't know based on the provided documents.", 'zh': '根据所提供的文档，我不知道。'}


def args_parser():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/rag-lab-reader', help='data, tokenizer, checkpoints and logs (not committed)')
    p.add_argument('--out', default=os.path.join(ROOT, 'public', 'builtin', 'rag-lab-reader'))
    p.add_argument('--seed', type=int, default=1, help='data and batches')
    p.add_argument('--init-seed', type=int, default=0, help='initial weights (the copy task was measured to emerge from this one)')
    p.add_argument('--steps', type=int, default=1300)
    p.add_argument('--batch', type=int, default=16)
    p.add_argument('--lr', type=float, default=2e-3)
    p.add_argument('--warmup', type=int, default=100)
    p.add_argument('--hidden', type=int, default=192)
    p.add_argument('--layers', type=int, default=4)
    p.add_argument('--heads', type=int, default=6)
    p.add_argument('--inter', type=int, default=512)
    p.add_argument('--prompt-weight', type=float, default=0.5, help='loss weight of the question and of sampled source tokens (reply tokens weigh 1)')
    p.add_argument('--source-sample', type=float, default=0.5, help='share of system/source positions in the loss')
    p.add_argument('--copy-warmup', type=int, default=575, help='the first n steps are all copy-task batches')
    p.add_argument('--copy-every', type=int, default=4, help='after them, every n-th step is a copy-task batch (0: never)')
    p.add_argument('--joint', action='store_true', help='during the copy warm-up, every other batch is QA (level 0), and copy batches stay uniform over their tokens after it')
    p.add_argument('--level0-until', type=float, default=0.15, help='share of the QA steps that see only single-source (level 0) examples')
    p.add_argument('--eval-every', type=int, default=300)
    p.add_argument('--eval-items', type=int, default=40)
    p.add_argument('--final-eval-items', type=int, default=0, help='held-out items scored at export (0: all)')
    p.add_argument('--ckpt-every', type=int, default=100)
    p.add_argument('--threads', type=int, default=1, help='torch threads (1 is fastest on a shared 2-core machine)')
    p.add_argument('--stop-at', type=int, default=0, help='stop at this step (a checkpoint, no export), keeping the schedule of --steps')
    p.add_argument('--resume', action='store_true')
    p.add_argument('--init-from', default='', help='phase 2: start from the exported weights in this model folder (tensor-cache.json; fresh optimizer and schedule, step 0), copying already learnt')
    p.add_argument('--copy-all', action='store_true', help='copy batches draw from every non-special token, bytes included (not only the 1,500 most frequent of the data)')
    p.add_argument('--copy-text', type=float, default=0.0, help='share of copy batches whose runs are windows of the training prompts (natural repeats: " the" twice in a run), not distinct random tokens')
    p.add_argument('--mix', default='', help='fixed shares of curriculum levels 0,1,2[,3[,4]] for every QA step, e.g. 0.1,0.15,0.25,0.5 (default: the level-0-2 schedule)')
    p.add_argument('--source-sentences', type=int, default=2, help="the exported mlc-chat-config.json's source_sentences: sentences a source as the data rendered them")
    p.add_argument('--source-limit', type=int, default=0, help="its source_limit: sources shown (0: all retrieved); the level-4 data shows up to 3 of one sentence")
    p.add_argument('--reply-quotes', action='store_true', help="its reply_quotes_sources: RAG replies are constrained to quoting a shown source or abstaining")
    p.add_argument('--export-only', action='store_true')
    p.add_argument('--time-steps', type=int, default=0, help='only time this many steps, then exit')
    return p


def ensure_data(a):
    """Renders and tokenizes the data unless the work folder has it (make-data.mjs, bpe.py)."""
    w = a.work
    node = ['node', os.path.join(ROOT, 'scripts', 'reader', 'make-data.mjs')]
    if not os.path.exists(os.path.join(w, 'corpus.txt')):
        subprocess.run(node + ['text', '--work', w, '--seed', str(a.seed)], check=True, cwd=ROOT)
    if not os.path.exists(os.path.join(w, 'tokenizer.json')):
        subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'reader', 'bpe.py'), os.path.join(w, 'corpus.txt'), os.path.join(w, 'tokenizer.json')], check=True)
    if not os.path.exists(os.path.join(w, 'lengths.json')):
        subprocess.run(node + ['tokens', '--work', w], check=True, cwd=ROOT)


def load_mlc(model, folder):
    """Sets the model's weights from an exported folder (export.py's tensor cache: bf16 records of f32 tensors)."""
    with open(os.path.join(folder, 'tensor-cache.json')) as f:
        shard = json.load(f)['records'][0]
    raw = np.fromfile(os.path.join(folder, shard['dataPath']), dtype=np.uint8)
    tensors = model.mlc_tensors()
    with torch.no_grad():
        for r in shard['records']:
            bits = raw[r['byteOffset']:r['byteOffset'] + r['nbytes']].view(np.uint16).astype(np.uint32) << 16
            tensors[r['name']].copy_(torch.from_numpy(bits.view(np.float32).reshape(r['shape'])))
    assert len(shard['records']) == len(tensors)


class Split:
    def __init__(self, work, name):
        self.tokens = np.fromfile(os.path.join(work, f'{name}.tokens.u16'), dtype=np.uint16).astype(np.int64)
        self.index = np.fromfile(os.path.join(work, f'{name}.index.i32'), dtype=np.int32).reshape(-1, 3)
        path = os.path.join(work, f'{name}.jsonl')
        with open(path, encoding='utf-8') as f:
            self.meta = [json.loads(line) for line in f]

    def __len__(self):
        return len(self.index)

    def example(self, i):
        s, p, n = self.index[i]
        return self.tokens[s:s + n], int(p)


LEVEL0_UNTIL = 0.15


FIXED_MIX = None


def level_mix(frac):
    """Share of curriculum levels 0, 1, 2 at a point of the run: one source first, then distractors, then everything
    (phase 2, --mix: fixed shares of levels 0-3)."""
    if FIXED_MIX:
        return FIXED_MIX
    if frac < LEVEL0_UNTIL:
        return [1.0, 0.0, 0.0]
    if frac < LEVEL0_UNTIL + 0.2:
        return [0.3, 0.7, 0.0]
    return [0.1, 0.3, 0.6]


def qa_frac(step, a):
    """How far the QA curriculum is: it starts after the copy warm-up."""
    return max(0.0, (step - a.copy_warmup) / max(1, a.steps - a.copy_warmup))


def batch(splits, step, a):
    rng = np.random.default_rng([a.seed, step])
    mix = level_mix(qa_frac(step, a))
    levels = rng.choice(len(mix), size=a.batch, p=mix)
    seqs = [splits[l].example(rng.integers(len(splits[l]))) for l in levels]
    T = max(len(s) for s, _ in seqs) - 1
    x = np.zeros((a.batch, T), dtype=np.int64)
    y = np.zeros((a.batch, T), dtype=np.int64)
    wt = np.zeros((a.batch, T), dtype=np.float32)
    ans = np.zeros((a.batch, T), dtype=np.float32)
    for b, (s, p) in enumerate(seqs):
        n = len(s) - 1
        x[b, :n], y[b, :n] = s[:-1], s[1:]
        # Predicting source tokens (sampled) and the question's tokens trains copying too: a question
        # repeats the names its sources spell.
        user = int(np.flatnonzero(s[:p] == 1)[-2])  # the user turn's <|im_start|>
        wt[b, :user] = np.where(rng.random(user) < a.source_sample, a.prompt_weight, 0.0)
        wt[b, user:p - 1] = a.prompt_weight
        wt[b, p - 1:n] = 1.0  # predicting the reply's tokens, from the last prompt token on
        ans[b, p - 1:n] = 1.0
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(wt), torch.from_numpy(ans)


def text_copy_batch(step, a, splits):
    """A copy batch of natural text: each run is a window of 16-64 tokens from a training prompt's sources (level 4, its
    broad vocabulary), then the same window again. Unlike the distinct random tokens of copy_batch, a run repeats tokens
    (" the", " of", digits), so the token to copy next is only found by matching the last few tokens, as when quoting a
    sentence: measured on the demo pack, a reader trained on distinct-token runs alone wrote "the seed bank keepseed for
    the seed bank keepse" when quoting."""
    rng = np.random.default_rng([a.seed, step, 11])
    B = 32
    sp = splits[-1]
    n = int(rng.integers(16, 65))
    rows = []
    while len(rows) < B:
        s, p = sp.example(int(rng.integers(len(sp))))
        # Within the sources: after the instructions (about 40 tokens, the same in every prompt), before the user turn.
        start, user = 40, int(np.flatnonzero(s[:p] == 1)[-2])
        if user - start <= n:
            continue
        o = int(rng.integers(start, user - n))
        rows.append(s[o:o + n])
    half = np.stack(rows)
    seq = np.concatenate([half, half], 1)
    x, y = torch.from_numpy(seq[:, :-1]), torch.from_numpy(seq[:, 1:])
    wt = torch.zeros(x.shape)
    wt[:, n - 1:] = 1.0
    return x, y, wt


def copy_batch(step, a, table, k):
    """The copy task: a run of tokens, then the same run again; the loss is on the repeat. Copying from the
    sources did not emerge from the QA data alone (a first run answered 2% of single-source questions after
    600 steps: replies of the right form, with invented names), nor from random-token copying over the whole
    vocabulary interleaved with it (loss still 7.4 of 8.3 after 300 steps): each of 4,096 embeddings is seen
    too rarely, and drawn from the 1,500 most frequent tokens it still sat at 6.5 (their unigram entropy)
    after 400 steps. Over 64 tokens drawn uniformly, at learning rate 1e-3, the same model copies (loss
    0.34) after 125 steps (measured), so the task's vocabulary starts there and then widens to the tokens
    the sources use, by frequency: the induction heads that copying needs form first, then learn the very
    tokens the reader must copy."""
    rng = np.random.default_rng([a.seed, step, 7])
    B = 32
    if not a.joint:
        # 64 tokens for 200 steps, then twice as many every 75 steps (measured: copy loss 0.02 over 64 tokens at step
        # 200, then 3.0, 1.3, 0.25, 0.49 and 0.28 at the end of the 128-, 256-, 512-, 1,024- and 1,500-token stages;
        # jumping from 64 to 1,500 at once lost the copying). But at a fixed length of 24 the model learnt to copy from
        # 24 positions back (copy loss 0.06, then 9.0 as soon as lengths varied), of no use for reading sources.
        k = min(len(table[0]), 64 * 2 ** max(0, (step - 200) // 75 + 1)) if step >= 200 else 64
        n = 24 if step < a.copy_warmup else int(rng.integers(16, 41))
        if step < a.copy_warmup:
            half = rng.choice(table[0][:k], size=(B, n))
        else:
            p = table[1][:k] / table[1][:k].sum()
            half = rng.choice(table[0][:k], size=(B, n), p=p)
    else:
        # Joint: the length varies from batch to batch, and no token repeats within a run, so that only the content
        # of the previous token says where to copy from (an induction head), not an offset; the caller widens k.
        n = int(rng.integers(12, min(k, 40) + 1))
        half = np.stack([rng.choice(table[0][:k], size=n, replace=False) for _ in range(B)])
    seq = np.concatenate([half, half], 1)
    x, y = torch.from_numpy(seq[:, :-1]), torch.from_numpy(seq[:, 1:])
    wt = torch.zeros(x.shape)
    wt[:, n - 1:] = 1.0
    return x, y, wt


def copy_table(splits, vocab_size, first=259, top=1500):
    """The copy task's tokens: the `top` most frequent non-special, non-byte tokens of the training data, by frequency."""
    counts = np.bincount(np.concatenate([s.tokens for s in splits]), minlength=vocab_size)[:vocab_size]
    counts[:first] = 0
    ids = np.argsort(-counts)
    ids = ids[ids >= first][:top]
    p = counts[ids].astype(np.float64) ** 0.5  # flattened, so that rarer name pieces come up too
    return ids, p / p.sum()


def lr_at(step, a):
    """1e-3 during the copy warm-up (what made copying emerge); then a.lr, warmed up and cosine-decayed to a tenth over the QA steps."""
    if step < a.copy_warmup:
        return 1e-3 * min(1.0, (step + 1) / 30)
    q = step - a.copy_warmup
    if q < a.warmup:
        start = 1e-3 if a.copy_warmup else 0.0
        return start + (a.lr - start) * (q + 1) / a.warmup
    frac = (q - a.warmup) / max(1, a.steps - a.copy_warmup - a.warmup)
    return a.lr * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * min(1.0, frac))))


class Vocab:
    """Decodes ids as tokenizer.json's ByteFallback + Fuse decoder does (special tokens skipped)."""

    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            tj = json.load(f)
        self.pieces = {i: t for t, i in tj['model']['vocab'].items()}
        self.special = {t['id'] for t in tj['added_tokens']}
        self.stop = next(t['id'] for t in tj['added_tokens'] if t['content'] == '<|im_end|>')

    def decode(self, ids):
        out = bytearray()
        for i in ids:
            if i in self.special:
                continue
            p = self.pieces[i]
            out += bytes([int(p[3:5], 16)]) if len(p) == 6 and p.startswith('<0x') else p.encode('utf-8')
        return out.decode('utf-8', errors='replace')


@torch.no_grad()
def generate(model, prompt, stop, max_new=40):
    cache = []
    logits = model(torch.tensor([prompt]), cache)
    out = []
    for _ in range(max_new):
        t = int(logits[0, -1].argmax())
        if t == stop:
            break
        out.append(t)
        logits = model(torch.tensor([[t]]), cache)
    return out


def cited(text):
    import re
    return {int(n) for m in re.findall(r'\[(\d+(?:\s*,\s*\d+)*)\]', text) for n in m.split(',')}


@torch.no_grad()
def evaluate(model, split, vocab, n):
    """Greedy replies to the first n held-out items: contains-answer and cites-the-right-source on answerable
    items, abstention on the others (unanswerable from the sources, or asked with none)."""
    model.eval()
    r = {'answer': [0, 0], 'cite': [0, 0], 'false_abstain': [0, 0], 'abstain': [0, 0]}
    samples = []
    for i in range(min(n, len(split))):
        ids, p = split.example(i)
        m = split.meta[i]
        text = vocab.decode(generate(model, ids[:p].tolist(), vocab.stop))
        if m['kind'] == 'answer':
            r['answer'][0] += m['answer'] in text
            r['cite'][0] += cited(text) == {m['source']}
            r['false_abstain'][0] += ABSTAIN[m['lang']] in text
            for k in ('answer', 'cite', 'false_abstain'):
                r[k][1] += 1
        else:
            r['abstain'][0] += ABSTAIN[m['lang']] in text
            r['abstain'][1] += 1
        if len(samples) < 4:
            samples.append({'kind': m['kind'], 'want': m['target'], 'got': text})
    model.train()
    return {k: round(v[0] / max(1, v[1]), 3) for k, v in r.items()} | {'n': {k: v[1] for k, v in r.items()}}, samples


def main():
    a = args_parser().parse_args()
    global LEVEL0_UNTIL, FIXED_MIX
    LEVEL0_UNTIL = a.level0_until
    FIXED_MIX = [float(x) for x in a.mix.split(',')] if a.mix else None
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.work, exist_ok=True)
    if not a.export_only:
        with open('/tmp/reader-train.pid', 'w') as f:
            f.write(str(os.getpid()))
    ensure_data(a)
    vocab = Vocab(os.path.join(a.work, 'tokenizer.json'))
    with open(os.path.join(a.work, 'tokenizer.json'), encoding='utf-8') as f:
        vocab_size = len(json.load(f)['model']['vocab'])
    c = Config(vocab=vocab_size, hidden=a.hidden, layers=a.layers, heads=a.heads, inter=a.inter)
    model = Reader(c, seed=a.init_seed)
    params = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() == 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.05}, {'params': other, 'weight_decay': 0.0}], lr=a.lr, betas=(0.9, 0.98))
    ckpt = os.path.join(a.work, 'checkpoint.pt')
    log_path = os.path.join(a.work, 'log.jsonl')
    step = 0
    if a.resume or a.export_only:
        state = torch.load(ckpt)
        model.load_state_dict(state['model'])
        opt.load_state_dict(state['opt'])
        step = state['step']
        print(f'resumed at step {step}')
    elif os.path.exists(log_path):
        os.remove(log_path)
    if a.init_from and not (a.resume or a.export_only):
        if a.init_from.endswith('.pt'):  # a training checkpoint's weights (not its optimizer or step)
            model.load_state_dict(torch.load(a.init_from)['model'])
        else:
            load_mlc(model, a.init_from)
        print(f'phase 2 from the weights in {a.init_from}')
    levels = len(FIXED_MIX) if FIXED_MIX else 3
    heldout = {lvl: Split(a.work, f'heldout-{lvl}') for lvl in (0, 2, 3, 4) if lvl < levels}
    if a.export_only:
        # The folder records the arguments the weights were trained with, not this call's.
        run = argparse.Namespace(**{**state['args'], 'out': a.out, 'work': a.work, 'final_eval_items': a.final_eval_items, 'source_sentences': a.source_sentences, 'source_limit': a.source_limit, 'reply_quotes': a.reply_quotes})
        export.export(model, c, run, heldout, vocab, evaluate)
        return
    splits = [Split(a.work, f'train-{l}') for l in range(levels)]
    print(f'{params / 1e6:.2f}M parameters; {sum(len(s) for s in splits)} training examples')
    table = copy_table(splits, c.vocab, first=3, top=c.vocab) if a.copy_all else copy_table(splits, c.vocab)
    if a.copy_all:
        table = (table[0], np.full(len(table[0]), 1.0 / len(table[0])))  # uniform: rare tokens are the point
    log = open(log_path, 'a')
    t0, seen, acc, copy_acc = time.time(), 0, [], []
    # Phase 2 starts with copying learnt: its copy batches use the whole table at once.
    copy_k, recent_copy = (len(table[0]) if a.copy_all else state.get('copy_k', 64) if a.resume else len(table[0]) if a.init_from else 64), []
    while step < (a.stop_at or a.steps):
        for g in opt.param_groups:
            g['lr'] = lr_at(step, a)
        if (step < a.copy_warmup and not (a.joint and step % 2)) or (step >= a.copy_warmup and a.copy_every and step % a.copy_every == 0):
            is_copy = True
            if a.copy_text and np.random.default_rng([a.seed, step, 13]).random() < a.copy_text:
                x, y, wt = text_copy_batch(step, a, splits)
            else:
                x, y, wt = copy_batch(step, a, table, copy_k)
            sel = wt > 0
            loss = F.cross_entropy(model(x, select=sel), y[sel])
            copy_acc.append(float(loss))
            recent_copy = (recent_copy + [float(loss)])[-10:]
            if a.joint and len(recent_copy) == 10 and np.mean(recent_copy) < 0.3 and copy_k < len(table[0]):
                copy_k, recent_copy = min(len(table[0]), copy_k * 2), []  # copying works over k tokens: widen
                print(json.dumps({'step': step, 'copy_k': copy_k}), flush=True)
        else:
            is_copy = False
            x, y, wt, ans = batch(splits, step, a)
            sel = wt > 0
            nll = F.cross_entropy(model(x, select=sel), y[sel], reduction='none')
            w_sel, a_sel = wt[sel], ans[sel]
            loss = (nll * w_sel).sum() / w_sel.sum()
            seen += int(sel.sum())
            acc.append((float(loss), float((nll * a_sel).sum() / a_sel.sum())))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if step >= a.copy_warmup or not is_copy:  # not the warm-up's copy batches: clipping there was where it did not emerge
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if a.time_steps and step >= a.time_steps:
            dt = time.time() - t0
            print(json.dumps({'params': params, 'sec_per_step': round(dt / step, 3), 'tokens_per_step': seen / step, 'T': x.shape[1]}))
            return
        if step % 25 == 0:
            l, al = np.mean(acc, 0) if acc else (None, None)
            rec = {'step': step, 'loss': l and round(float(l), 4), 'answer_loss': al and round(float(al), 4), 'copy_loss': round(float(np.mean(copy_acc)), 4) if copy_acc else None, 'lr': round(lr_at(step, a), 6), 'mix': level_mix(qa_frac(step, a)), 'copy_k': copy_k, 'sec': round(time.time() - t0, 1)}
            acc, copy_acc = [], []
            log.write(json.dumps(rec) + '\n')
            log.flush()
            print(json.dumps(rec), flush=True)
        if step % a.eval_every == 0 or step == a.steps:
            for lvl, sp in heldout.items():
                scores, samples = evaluate(model, sp, vocab, a.eval_items)
                rec = {'step': step, 'eval': f'heldout-{lvl}', **scores}
                log.write(json.dumps(rec, ensure_ascii=False) + '\n')
                log.flush()
                print(json.dumps(rec, ensure_ascii=False), flush=True)
                for s in samples[:2]:
                    print('   ', json.dumps(s, ensure_ascii=False), flush=True)
        if step % a.ckpt_every == 0 or step in (a.steps, a.stop_at):
            torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'step': step, 'args': vars(a), 'config': c.as_dict(), 'copy_k': copy_k}, ckpt + '.tmp')
            os.replace(ckpt + '.tmp', ckpt)
    log.close()
    if step < a.steps:
        print(f'stopped at step {step} of {a.steps}: resume with --resume (export with --export-only)')
        return
    export.export(model, c, a, heldout, vocab, evaluate)


if __name__ == '__main__':
    main()
