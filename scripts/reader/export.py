"""Writes the trained reader as an MLC q0f32 model folder, as scripts/fixtures/llm.mjs writes the fixtures:
mlc-chat-config.json (Llama, tied embeddings, Qwen2's ChatML conv_template), tensor-cache.json with
f32-to-bf16 records, params_shard_0.bin, tokenizer.json, tokenizer_config.json; plus scores.json (the
held-out figures of the exported, bf16-rounded weights), training.json (the run's arguments, data hashes
and sequence lengths) and loss.png / loss-log.jsonl (the loss curve).
"""
import hashlib
import json
import os
import shutil

import numpy as np
import torch

TEMPLATE = {
    'name': 'qwen2', 'system_template': '<|im_start|>system\n{system_message}<|im_end|>\n', 'system_message': 'You are a helpful assistant.',
    'roles': {'user': '<|im_start|>user', 'assistant': '<|im_start|>assistant'}, 'role_content_sep': '\n', 'role_empty_sep': '\n',
    'seps': ['<|im_end|>\n'], 'stop_str': ['<|im_end|>'], 'stop_token_ids': [], 'system_prefix_token_ids': [], 'add_role_after_system_message': True,
}


def bf16_bits(t):
    """float32 -> bf16 bit patterns, rounded to nearest even (as the fixtures and MLC's converter do)."""
    u = t.detach().float().contiguous().numpy().view(np.uint32).astype(np.uint64)
    return ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)


def export(model, c, a, heldout, vocab, evaluate):
    out = a.out
    os.makedirs(out, exist_ok=True)
    tensors = model.mlc_tensors()
    parts, records, offset = [], [], 0
    for name, t in tensors.items():
        bits = bf16_bits(t)
        b = bits.tobytes()
        records.append({'name': name, 'shape': list(t.shape), 'dtype': 'float32', 'format': 'f32-to-bf16', 'nbytes': len(b), 'byteOffset': offset})
        parts.append(b)
        offset += len(b)
        # Score what is shipped: the bf16-rounded weights.
        with torch.no_grad():
            t.copy_(torch.from_numpy((bits.astype(np.uint32) << 16).view(np.float32)).view(t.shape))
    shard = b''.join(parts)
    with open(os.path.join(out, 'params_shard_0.bin'), 'wb') as f:
        f.write(shard)
    cache = {'metadata': {'ParamSize': len(records), 'ParamBytes': offset, 'BitsPerParam': 16},
             'records': [{'dataPath': 'params_shard_0.bin', 'format': 'raw-shard', 'nbytes': offset, 'md5sum': hashlib.md5(shard).hexdigest(), 'records': records}]}
    with open(os.path.join(out, 'tensor-cache.json'), 'w') as f:
        json.dump(cache, f, indent=1)
    shutil.copy(os.path.join(a.work, 'tokenizer.json'), os.path.join(out, 'tokenizer.json'))
    with open(os.path.join(out, 'tokenizer_config.json'), 'w') as f:
        json.dump({'tokenizer_class': 'PreTrainedTokenizerFast', 'model_max_length': c.context, 'eos_token': '<|im_end|>', 'pad_token': '<|endoftext|>', 'unk_token': None}, f, indent=2)
    template = dict(TEMPLATE, stop_token_ids=[vocab.stop])
    params = sum(t.numel() for t in tensors.values())
    config = {
        'model_type': 'llama', 'quantization': 'q0f32', 'vocab_size': c.vocab, 'context_window_size': c.context, 'prefill_chunk_size': 256,
        'model_config': {'hidden_size': c.hidden, 'intermediate_size': c.inter, 'num_attention_heads': c.heads, 'num_key_value_heads': c.heads, 'head_dim': c.head_dim,
                         'num_hidden_layers': c.layers, 'rms_norm_eps': c.eps, 'vocab_size': c.vocab, 'tie_word_embeddings': True, 'position_embedding_base': c.theta,
                         'context_window_size': c.context},
        'conv_template': template, 'temperature': 0, 'top_p': 1, 'repetition_penalty': 1, 'tokenizer_files': ['tokenizer.json', 'tokenizer_config.json'],
        'bos_token_id': vocab.stop, 'eos_token_id': vocab.stop, 'pad_token_id': 0,
        # RAG Lab's own keys (web-llm ignores them): the reader was trained on short sources, so the app shows it each
        # source's sentences closest to the question (src/rag/compress.ts), and only the first source_limit sources.
        'source_sentences': getattr(a, 'source_sentences', 2),
        **({'source_limit': a.source_limit} if getattr(a, 'source_limit', 0) else {}),
        # Its RAG replies quote one shown source whole, or abstain: constrained decoding (src/rag/prompt.ts quoteConstraint).
        **({'reply_quotes_sources': True} if getattr(a, 'reply_quotes', False) else {}),
    }
    with open(os.path.join(out, 'mlc-chat-config.json'), 'w') as f:
        json.dump(config, f, indent=2)
    scores = {}
    for lvl, sp in heldout.items():
        scores[f'heldout-{lvl}'], _ = evaluate(model, sp, vocab, a.final_eval_items or len(sp))
    with open(os.path.join(a.work, 'hashes.json')) as f:
        hashes = json.load(f)
    with open(os.path.join(a.work, 'lengths.json')) as f:
        lengths = json.load(f)
    log = os.path.join(a.work, 'log.jsonl')
    shutil.copy(log, os.path.join(out, 'loss-log.jsonl'))
    with open(os.path.join(out, 'training.json'), 'w') as f:
        json.dump({'params': params, 'args': {k: v for k, v in vars(a).items() if k not in ('work', 'out')}, 'data_sha256': hashes, 'lengths': lengths, 'scores': scores}, f, indent=2, ensure_ascii=False)
    plot(log, os.path.join(out, 'loss.png'))
    print(json.dumps({'exported': out, 'params': params, 'bytes': offset, 'scores': scores}, ensure_ascii=False))


def plot(log_path, png):
    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        print('python3-matplotlib is not installed: no loss.png')
        return
    rows = [json.loads(line) for line in open(log_path)]
    train = [r for r in rows if r.get('loss') is not None]
    copy = [r for r in rows if r.get('copy_loss') is not None]
    evals = [r for r in rows if r.get('eval') == 'heldout-2']
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.6))
    ax[0].plot([r['step'] for r in train], [r['answer_loss'] for r in train], label='reply tokens')
    ax[0].plot([r['step'] for r in train], [r['loss'] for r in train], label='weighted (with prompt tokens)', alpha=0.6)
    ax[0].plot([r['step'] for r in copy], [r['copy_loss'] for r in copy], label='copy task', alpha=0.6)
    ax[0].set_xlabel('step')
    ax[0].set_ylabel('cross-entropy (nats)')
    ax[0].set_yscale('log')
    ax[0].legend()
    ax[0].set_title('training loss')
    for key, label in (('answer', 'contains answer'), ('cite', 'cites right source'), ('abstain', 'abstains when it should')):
        ax[1].plot([r['step'] for r in evals], [r[key] for r in evals], marker='o', label=label)
    ax[1].set_xlabel('step')
    ax[1].set_ylim(0, 1)
    ax[1].legend()
    ax[1].set_title('held-out synthetic items (level 2, greedy)')
    fig.tight_layout()
    fig.savefig(png, dpi=90)
