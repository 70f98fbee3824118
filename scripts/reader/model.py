"""The reader's network: a Llama as the lab engine runs it (src/llm/reference/model.ts), with its weights
held in MLC's fused layout (qkv_proj rows [q; k; v], gate_up_proj rows [gate; up], tied embeddings),
so that export is a plain write of these tensors. RoPE is rotate-half; RMSNorm as Llama's.
"""
import math

import torch
import torch.nn.functional as F


class Config:
    def __init__(self, vocab=4096, hidden=256, layers=4, heads=8, inter=768, theta=10000.0, eps=1e-6, context=1024):
        self.vocab, self.hidden, self.layers, self.heads, self.inter = vocab, hidden, layers, heads, inter
        self.head_dim = hidden // heads
        self.theta, self.eps, self.context = theta, eps, context

    def as_dict(self):
        return dict(self.__dict__)


def rms(x, w, eps):
    return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * w


class Reader(torch.nn.Module):
    def __init__(self, c: Config, seed=0):
        super().__init__()
        self.c = c
        g = torch.Generator().manual_seed(seed)
        d, L = c.hidden, c.layers

        def normal(*shape, std=0.02):
            return torch.nn.Parameter(torch.randn(*shape, generator=g) * std)

        # Names are the MLC tensor names with '.' replaced by '__' (a Module cannot hold dotted names).
        self.w = torch.nn.ParameterDict()
        self.w['model__embed_tokens__weight'] = normal(c.vocab, d)
        for l in range(L):
            p = f'model__layers__{l}__'
            self.w[p + 'input_layernorm__weight'] = torch.nn.Parameter(torch.ones(d))
            self.w[p + 'self_attn__qkv_proj__weight'] = normal(3 * d, d)
            self.w[p + 'self_attn__o_proj__weight'] = normal(d, d, std=0.02 / math.sqrt(2 * L))
            self.w[p + 'post_attention_layernorm__weight'] = torch.nn.Parameter(torch.ones(d))
            self.w[p + 'mlp__gate_up_proj__weight'] = normal(2 * c.inter, d)
            self.w[p + 'mlp__down_proj__weight'] = normal(d, c.inter, std=0.02 / math.sqrt(2 * L))
        self.w['model__norm__weight'] = torch.nn.Parameter(torch.ones(d))
        inv = c.theta ** (-torch.arange(0, c.head_dim, 2, dtype=torch.float64) / c.head_dim)
        ang = torch.arange(c.context, dtype=torch.float64)[:, None] * inv[None, :]
        self.register_buffer('cos', torch.cat([ang.cos(), ang.cos()], -1).float(), persistent=False)
        self.register_buffer('sin', torch.cat([ang.sin(), ang.sin()], -1).float(), persistent=False)

    def mlc_tensors(self):
        return {k.replace('__', '.'): v for k, v in self.w.items()}

    def rope(self, x, start):
        """x: [B, H, T, D]."""
        T, D = x.shape[2], x.shape[3]
        cos, sin = self.cos[start:start + T], self.sin[start:start + T]
        x1, x2 = x[..., :D // 2], x[..., D // 2:]
        return x * cos + torch.cat([-x2, x1], -1) * sin

    def forward(self, tokens, cache=None, select=None):
        """tokens [B, T] -> logits [B, T, V]. With a cache (a list, one (k, v) per layer, filled on the
        first call) the tokens continue the cached sequence: greedy decoding for the held-out scores.
        With `select` (bool [B, T]) only those positions' logits [N, V]: the head is a large share of a
        small model's cost, and training needs it only where the loss is taken."""
        c, w = self.c, self.w
        B, T = tokens.shape
        start = cache[0][0].shape[2] if cache else 0
        x = w['model__embed_tokens__weight'][tokens]
        mask = torch.full((T, start + T), float('-inf')).triu(start + 1)
        for l in range(c.layers):
            p = f'model__layers__{l}__'
            h = rms(x, w[p + 'input_layernorm__weight'], c.eps)
            q, k, v = (h @ w[p + 'self_attn__qkv_proj__weight'].T).split(c.hidden, -1)
            q, k, v = (t.view(B, T, c.heads, c.head_dim).transpose(1, 2) for t in (q, k, v))
            q, k = self.rope(q, start), self.rope(k, start)
            if cache is not None:
                if len(cache) > l:
                    k = torch.cat([cache[l][0], k], 2)
                    v = torch.cat([cache[l][1], v], 2)
                    cache[l] = (k, v)
                else:
                    cache.append((k, v))
            att = (q @ k.transpose(-1, -2)) / math.sqrt(c.head_dim) + mask
            o = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, T, c.hidden)
            x = x + o @ w[p + 'self_attn__o_proj__weight'].T
            h = rms(x, w[p + 'post_attention_layernorm__weight'], c.eps)
            gate, up = (h @ w[p + 'mlp__gate_up_proj__weight'].T).split(c.inter, -1)
            x = x + (F.silu(gate) * up) @ w[p + 'mlp__down_proj__weight'].T
        x = rms(x, w['model__norm__weight'], c.eps)
        if select is not None:
            x = x[select]
        return x @ w['model__embed_tokens__weight'].T
