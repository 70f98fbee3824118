#!/usr/bin/python3
"""Golden numbers for the fixture LLMs and the built-in reader, computed by PyTorch from the MLC files themselves.

npm run goldens  (needs Debian's python3-torch: apt-get install -y python3-torch; run with /usr/bin/python3)

This is the independent oracle for the project's own forward passes (src/llm/reference, src/llm/lab):
it shares no code with them. It reads mlc-chat-config.json, tensor-cache.json and the shards
(f32-to-bf16 and raw records) and the PEFT adapters (safetensors) directly, runs the forward in float64
and writes, per family, test/fixtures/goldens/<model>.json with
  - the logits at every position of fixed token inputs;
  - a masked completion loss (mean next-token cross-entropy over the completion's tokens) with the
    fixture's strong LoRA adapter applied unmerged, and d loss / d lora_A, lora_B for every pair:
    the numbers the training code checks its gradients against.
Each file records a SHA-256 of the fixture files it was computed from; the unit tests recompute it, so a
fixture that drifts (a changed generator) is caught instead of silently comparing against stale numbers.
"""
import hashlib
import json
import math
import os
import struct
import sys

import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
MODELS = os.path.join(ROOT, 'test', 'fixtures', 'models')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'goldens')
FAMILIES = ['llama', 'qwen2', 'qwen3']
# The q4f16_1 copies of the same fixtures (QLoRA): dequantized here, independently of src/shared/q4.mjs, and
# checked with the strong adapter of the family they were quantized from.
Q4_FAMILIES = ['llama', 'qwen2', 'qwen3']
# Fixed inputs, shared with the unit tests through the golden files themselves.
LOGIT_TOKENS = [5, 17, 42, 99, 3, 250, 7]
LOSS_TOKENS = [4, 21, 300, 77, 5, 64, 12, 190, 33, 8, 260, 5]
LOSS_PROMPT = 5  # the first 5 tokens are the prompt; the loss covers predicting tokens 5..11
# Training: a batch of two sequences (prompt length, tokens); the loss is the mean over all their target tokens.
TRAIN_BATCH = [(5, LOSS_TOKENS), (3, [9, 140, 66, 2, 480, 31, 31, 200, 15])]
# lr 1e-3: with the strong fixture adapters, a 1e-2 step flips the sign of float32-noise-sized gradients
# (Adam moves every weight by about lr whatever its gradient size), which makes step 2 chaotic on Qwen2.
TRAIN_LR, TRAIN_WD, TRAIN_STEPS = 1e-3, 0.5, 2  # a large decay, so that a wrong weight decay shows in the update
MODEL_FILES = ['mlc-chat-config.json', 'tensor-cache.json']
# The built-in reader (public/builtin/rag-lab-reader): its logits on the start of a ChatML prompt. Its vocabulary is
# 4,096 wide, so the file keeps full rows at a few positions only.
READER = os.path.join(ROOT, 'public', 'builtin', 'rag-lab-reader')
READER_TOKENS = [0, 1, 2, 300, 1200, 77, 2500, 9, 4000, 640, 33, 1, 2, 1024, 12, 3071]
READER_ROWS = [0, 7, 15]
ADAPTER_FILES = ['adapter_config.json', 'adapter_model.safetensors']

torch.set_default_dtype(torch.float64)


def sha256(folder, names):
    h = hashlib.sha256()
    for name in names:
        with open(os.path.join(folder, name), 'rb') as f:
            h.update(f.read())
    return h.hexdigest()


def read_mlc(folder):
    """tensor-cache.json + shards -> {name: float64 tensor}, decoding as MLC's runtime does."""
    with open(os.path.join(folder, 'tensor-cache.json')) as f:
        cache = json.load(f)
    tensors = {}
    for shard in cache['records']:
        with open(os.path.join(folder, shard['dataPath']), 'rb') as f:
            data = f.read()
        for r in shard['records']:
            raw = data[r['byteOffset']:r['byteOffset'] + r['nbytes']]
            n = math.prod(r['shape'])
            if r['format'] == 'f32-to-bf16' and r['dtype'] == 'float32':
                # bf16 is the top half of a float32: widen the 16-bit words into the high half.
                bits = torch.frombuffer(bytearray(raw), dtype=torch.int16).to(torch.int32) & 0xFFFF
                values = (bits << 16).view(torch.float32)
            elif r['dtype'] == 'float32':
                values = torch.frombuffer(bytearray(raw), dtype=torch.float32)
            elif r['dtype'] == 'float16':
                values = torch.frombuffer(bytearray(raw), dtype=torch.float16)
            elif r['dtype'] == 'uint32' and r['name'].endswith('.q_weight'):
                # Packed 4-bit codes: kept as int64 words here, unpacked below once the scales are read.
                values = torch.frombuffer(bytearray(raw), dtype=torch.int32).to(torch.int64) & 0xFFFFFFFF
                assert values.numel() == n, r['name']
                tensors[r['name']] = values.reshape(r['shape'])
                continue
            else:
                sys.exit(f"{r['name']}: dtype {r['dtype']} is not handled here")
            assert values.numel() == n, r['name']
            tensors[r['name']] = values.to(torch.float64).reshape(r['shape'])
    return dequantize_q4(tensors), cache


def dequantize_q4(tensors):
    """q4f16_1 (mlc-llm's GroupQuantize, group 32, 4 bits, float16 scales): X.q_weight [out, in/8] uint32 with
    code j of a word in bits 4j..4j+3, X.q_scale [out, in/32]; the weight X.weight [out, in] = (code - 7) * scale."""
    out = {}
    for name, t in tensors.items():
        if name.endswith('.q_scale'):
            continue
        if not name.endswith('.q_weight'):
            out[name] = t
            continue
        stem = name[:-len('.q_weight')]
        scale = tensors[stem + '.q_scale']
        rows, words = t.shape
        shifts = torch.arange(8, dtype=torch.int64) * 4
        codes = (t[:, :, None] >> shifts) & 15  # [out, in/8, 8]: element 8w + j of the row
        values = (codes.reshape(rows, words * 8).to(torch.float64) - 7).reshape(rows, -1, 32) * scale[:, :, None]
        assert scale.shape == (rows, words * 8 // 32), stem
        out[stem + '.weight'] = values.reshape(rows, words * 8)
    return out


def read_safetensors(path):
    with open(path, 'rb') as f:
        data = f.read()
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, spec in header.items():
        if name == '__metadata__':
            continue
        assert spec['dtype'] == 'F32', name
        a, b = spec['data_offsets']
        raw = data[8 + n + a:8 + n + b]
        out[name] = torch.frombuffer(bytearray(raw), dtype=torch.float32).to(torch.float64).reshape(spec['shape'])
    return out


class Shape:
    def __init__(self, config):
        m = config['model_config']
        self.family = config['model_type']
        self.hidden = m['hidden_size']
        self.layers = m['num_hidden_layers']
        self.heads = m['num_attention_heads']
        self.kv_heads = m.get('num_key_value_heads', self.heads)
        self.head_dim = m.get('head_dim') or self.hidden // self.heads
        self.inter = m['intermediate_size']
        self.eps = m.get('rms_norm_eps', 1e-6)
        self.theta = m.get('rope_theta', m.get('position_embedding_base', 10000))
        self.tied = m.get('tie_word_embeddings', False)
        self.vocab = m['vocab_size']


def rms(x, w, eps):
    return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * w


def rope(x, theta):
    """x: [T, H, D]; the rotate-half convention (dimension i pairs with i + D/2)."""
    T, _, D = x.shape
    inv = theta ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)
    ang = torch.arange(T, dtype=torch.float64)[:, None] * inv[None, :]
    cos = torch.cat([ang.cos(), ang.cos()], -1)[:, None, :]
    sin = torch.cat([ang.sin(), ang.sin()], -1)[:, None, :]
    x1, x2 = x[..., :D // 2], x[..., D // 2:]
    return x * cos + torch.cat([-x2, x1], -1) * sin




def forward(s, W, tokens, lora=None, scale=0.0):
    """Logits [T, vocab]. lora: {peft module name: (A [r, in], B [out, r])}, applied unmerged as scale * B A x."""
    lora = lora or {}
    q_rows, kv_rows = s.heads * s.head_dim, s.kv_heads * s.head_dim

    def lin(x, weight, module, bias=None):
        y = x @ weight.T
        if bias is not None:
            y = y + bias
        if module in lora:
            A, B = lora[module]
            y = y + scale * (x @ A.T) @ B.T
        return y

    x = W['model.embed_tokens.weight'][tokens]
    T = len(tokens)
    mask = torch.full((T, T), float('-inf')).triu(1)
    for l in range(s.layers):
        p = f'model.layers.{l}.'
        hm = f'model.layers.{l}.self_attn.'
        h = rms(x, W[p + 'input_layernorm.weight'], s.eps)
        fused = W[p + ('self_attn.qkv_proj.weight' if s.family == 'llama' else 'self_attn.c_attn.weight')]
        bias = W.get(p + 'self_attn.c_attn.bias')
        sl = lambda t, a, b: None if t is None else t[a:b]
        q = lin(h, fused[:q_rows], hm + 'q_proj', sl(bias, 0, q_rows)).reshape(T, s.heads, s.head_dim)
        k = lin(h, fused[q_rows:q_rows + kv_rows], hm + 'k_proj', sl(bias, q_rows, q_rows + kv_rows)).reshape(T, s.kv_heads, s.head_dim)
        v = lin(h, fused[q_rows + kv_rows:], hm + 'v_proj', sl(bias, q_rows + kv_rows, None)).reshape(T, s.kv_heads, s.head_dim)
        if s.family == 'qwen3':
            q = rms(q, W[p + 'self_attn.q_norm.weight'], s.eps)
            k = rms(k, W[p + 'self_attn.k_norm.weight'], s.eps)
        q, k = rope(q, s.theta), rope(k, s.theta)
        group = s.heads // s.kv_heads
        k = k.repeat_interleave(group, dim=1)  # query head h reads kv head h // group
        v = v.repeat_interleave(group, dim=1)
        scores = torch.einsum('thd,uhd->htu', q, k) / math.sqrt(s.head_dim) + mask
        attn = torch.einsum('htu,uhd->thd', scores.softmax(-1), v).reshape(T, q_rows)
        x = x + lin(attn, W[p + 'self_attn.o_proj.weight'], hm + 'o_proj', W.get(p + 'self_attn.o_proj.bias'))
        h2 = rms(x, W[p + 'post_attention_layernorm.weight'], s.eps)
        gu = W[p + 'mlp.gate_up_proj.weight']
        gate = lin(h2, gu[:s.inter], p + 'mlp.gate_proj')
        up = lin(h2, gu[s.inter:], p + 'mlp.up_proj')
        x = x + lin(torch.nn.functional.silu(gate) * up, W[p + 'mlp.down_proj.weight'], p + 'mlp.down_proj')
    x = rms(x, W['model.norm.weight'], s.eps)
    head = W['model.embed_tokens.weight'] if s.tied else W['lm_head.weight']
    return lin(x, head, 'lm_head')


def sig(values, digits=8):
    return [float(f'{v:.{digits}g}') for v in values]


def golden(family, model=None):
    model = model or f'tiny-{family}'
    folder = os.path.join(MODELS, model)
    with open(os.path.join(folder, 'mlc-chat-config.json')) as f:
        config = json.load(f)
    W, cache = read_mlc(folder)
    s = Shape(config)
    shard_names = [r['dataPath'] for r in cache['records']]
    logits = forward(s, W, LOGIT_TOKENS)

    adapter_dir = os.path.join(MODELS, 'adapters', f'tiny-{family}-strong')
    with open(os.path.join(adapter_dir, 'adapter_config.json')) as f:
        acfg = json.load(f)
    scale = acfg['lora_alpha'] / (math.sqrt(acfg['r']) if acfg.get('use_rslora') else acfg['r'])
    pairs = {}
    raw = read_safetensors(os.path.join(adapter_dir, 'adapter_model.safetensors'))
    for name, t in raw.items():
        module, which = name[len('base_model.model.'):].rsplit('.lora_', 1)
        pairs.setdefault(module, {})[which[0]] = t.clone().requires_grad_(True)
    lora = {m: (p['A'], p['B']) for m, p in pairs.items()}
    out = forward(s, W, LOSS_TOKENS, lora, scale)
    targets = torch.tensor(LOSS_TOKENS[1:])
    logp = out[:-1].log_softmax(-1)
    nll = -logp[torch.arange(len(targets)), targets]
    # Position t predicts token t+1; only the completion's tokens (index >= LOSS_PROMPT) count.
    in_loss = torch.arange(1, len(LOSS_TOKENS)) >= LOSS_PROMPT
    loss = nll[in_loss].mean()
    loss.backward()
    base_loss = -forward(s, W, LOSS_TOKENS)[:-1].log_softmax(-1)[torch.arange(len(targets)), targets][in_loss].mean()

    training = train_golden(s, W, raw, scale)
    return {
        'comment': 'Written by scripts/goldens.py (PyTorch, float64) from the fixture files; do not edit. Regenerate with npm run goldens.',
        'model': model,
        'family': family,
        'torch': torch.__version__,
        'fixtureSha256': sha256(folder, MODEL_FILES + shard_names),
        'adapterSha256': sha256(adapter_dir, ADAPTER_FILES),
        'logits': {'tokens': LOGIT_TOKENS, 'vocab': s.vocab, 'rows': [sig(r.tolist(), 7) for r in logits]},
        'lora': {
            'adapter': f'adapters/tiny-{family}-strong',
            'scale': scale,
            'tokens': LOSS_TOKENS,
            'promptLength': LOSS_PROMPT,
            'lossDefinition': 'mean over t in [promptLength-1, len-2] of -log softmax(logits[t])[tokens[t+1]], adapter applied unmerged (W x + scale B A x)',
            'baseLoss': float(base_loss),
            'loss': float(loss),
            'grads': {m: {'A': sig(p['A'].grad.flatten().tolist(), 6), 'B': sig(p['B'].grad.flatten().tolist(), 6)} for m, p in sorted(pairs.items())},
        },
        'training': training,
    }


def batch_loss(s, W, lora, scale):
    total, count = 0, 0
    for prompt, tokens in TRAIN_BATCH:
        out = forward(s, W, tokens, lora, scale)
        targets = torch.tensor(tokens[1:])
        nll = -out[:-1].log_softmax(-1)[torch.arange(len(targets)), targets]
        in_loss = torch.arange(1, len(tokens)) >= prompt
        total = total + nll[in_loss].sum()
        count += int(in_loss.sum())
    return total / count


def train_golden(s, W, raw, scale):
    """The trainer's checks: the batch loss and LoRA gradients (the adapter without lm_head, which the
    trainer does not target), then the weights after TRAIN_STEPS steps of torch.optim.AdamW."""
    pairs = {}
    for name, t in raw.items():
        module, which = name[len('base_model.model.'):].rsplit('.lora_', 1)
        if module != 'lm_head':
            pairs.setdefault(module, {})[which[0]] = t.clone().requires_grad_(True)
    lora = {m: (p['A'], p['B']) for m, p in pairs.items()}
    loss = batch_loss(s, W, lora, scale)
    loss.backward()
    grads = {m: {'A': sig(p['A'].grad.flatten().tolist(), 6), 'B': sig(p['B'].grad.flatten().tolist(), 6)} for m, p in sorted(pairs.items())}
    params = [t for m in sorted(pairs) for t in (pairs[m]['A'], pairs[m]['B'])]
    opt = torch.optim.AdamW(params, lr=TRAIN_LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=TRAIN_WD)
    losses = []
    for _ in range(TRAIN_STEPS):
        opt.zero_grad()
        step_loss = batch_loss(s, W, lora, scale)
        step_loss.backward()
        opt.step()
        losses.append(float(step_loss))
    return {
        'batch': [{'promptLength': p, 'tokens': t} for p, t in TRAIN_BATCH],
        'modules': sorted(pairs),
        'scale': scale,
        'lossDefinition': 'mean over every target token of the batch (token-weighted), no lm_head pair',
        'loss': float(loss),
        'grads': grads,
        'adamw': {'lr': TRAIN_LR, 'weightDecay': TRAIN_WD, 'betas': [0.9, 0.999], 'eps': 1e-8, 'steps': TRAIN_STEPS, 'losses': losses,
                  'after': {m: {'A': sig(p['A'].detach().flatten().tolist(), 8), 'B': sig(p['B'].detach().flatten().tolist(), 8)} for m, p in sorted(pairs.items())}},
    }


def reader_golden():
    """The reader's logits, from its shipped files (bf16 weights widened as MLC's runtime does)."""
    with open(os.path.join(READER, 'mlc-chat-config.json')) as f:
        config = json.load(f)
    W, cache = read_mlc(READER)
    s = Shape(config)
    logits = forward(s, W, READER_TOKENS)
    return {
        'comment': 'Written by scripts/goldens.py (PyTorch, float64) from public/builtin/rag-lab-reader; do not edit. Regenerate with npm run goldens after retraining the reader.',
        'model': 'rag-lab-reader',
        'torch': torch.__version__,
        'fixtureSha256': sha256(READER, MODEL_FILES + [r['dataPath'] for r in cache['records']]),
        'logits': {'tokens': READER_TOKENS, 'vocab': s.vocab, 'positions': READER_ROWS, 'rows': [sig(logits[t].tolist(), 7) for t in READER_ROWS],
                   'argmax': [int(i) for i in logits.argmax(-1)]},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    g = reader_golden()
    path = os.path.join(OUT, 'rag-lab-reader.json')
    with open(path, 'w') as f:
        json.dump(g, f, separators=(',', ':'))
        f.write('\n')
    print(f"goldens: rag-lab-reader logits at {len(READER_TOKENS)} positions, {os.path.getsize(path)} bytes -> {os.path.relpath(path, ROOT)}")
    for family, model in [(f, f'tiny-{f}') for f in FAMILIES] + [(f, f'tiny-{f}-q4') for f in Q4_FAMILIES]:
        g = golden(family, model)
        path = os.path.join(OUT, f'{model}.json')
        with open(path, 'w') as f:
            json.dump(g, f, separators=(',', ':'))
            f.write('\n')
        print(f"goldens: {g['model']} loss {g['lora']['loss']:.6f} (base {g['lora']['baseLoss']:.6f}), {os.path.getsize(path)} bytes -> {os.path.relpath(path, ROOT)}")


if __name__ == '__main__':
    main()
