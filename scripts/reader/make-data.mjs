// The reader's data, in two steps (train.py's pipeline runs both):
//   node scripts/reader/make-data.mjs text  --work DIR   examples as JSONL text (+ a tokenizer corpus)
//   node scripts/reader/make-data.mjs tokens --work DIR  the same, tokenized by transformers.js with DIR/tokenizer.json
// Tokenizing here, with the library the app uses, makes the training ids exactly the app's ids.
// Every file gets a SHA-256 in DIR/hashes.json. The generated names are checked against the demo packs.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importTsForNode } from '../node-import.mjs';
import { readerTemplate } from './template.mjs';

const root = join(import.meta.dirname, '..', '..');
const { positionals, values } = parseArgs({ allowPositionals: true, options: { work: { type: 'string', default: '/tmp/rag-lab-reader' }, seed: { type: 'string', default: '1' }, levels: { type: 'string', default: '' }, variant: { type: 'string', default: '' } } });
const work = values.work;
const seed = Number(values.seed);
/** Examples per split and curriculum level (train.py samples the levels on a schedule). */
const sizes = { train: [16000, 24000, 48000, 40000, 40000], heldout: [150, 0, 400, 300, 300] };
/** --levels 4: only these levels' files (adding a level to a work folder keeps the others, and the tokenizer, as they are). */
const only = values.levels ? new Set(values.levels.split(',').map(Number)) : null;

const sha = (b) => createHash('sha256').update(b).digest('hex');
async function recordHash(file, bytes) {
  const path = join(work, 'hashes.json');
  const hashes = JSON.parse(await readFile(path, 'utf8').catch(() => '{}'));
  hashes[file] = sha(bytes);
  await writeFile(path, JSON.stringify(hashes, null, 2));
}

/** Every text of both demo packs, so that no invented name can be one of theirs. */
async function demoText() {
  let text = '';
  for (const pack of ['demo', 'demo-zh']) {
    const dir = join(root, 'public', pack);
    for (const f of await readdir(dir, { recursive: true })) {
      if (/\.(md|txt|html|jsonl|json)$/.test(f)) text += (await readFile(join(dir, f), 'utf8')).toLowerCase();
    }
  }
  return text;
}

async function makeText() {
  const { makeExamples } = await importTsForNode(root, join(root, 'scripts/reader/examples.ts'), 'reader-examples');
  await mkdir(work, { recursive: true });
  const demo = await demoText();
  let corpus = '';
  for (const [split, counts] of Object.entries(sizes)) {
    for (const [level, n] of counts.entries()) {
      if (!n || (only && !only.has(level))) continue;
      // An example with a name that also occurs in a demo pack is dropped, so that nothing the
      // model learns can point at the demo domain.
      // --variant: which of level 4's versions (examples.ts readingVariants; train-shipped.sh replays each in turn).
      const all = values.variant ? makeExamples(n, level, seed, split, readerTemplate, undefined, Number(values.variant)) : makeExamples(n, level, seed, split, readerTemplate);
      const examples = all.filter((e) => !e.names.some((name) => demo.includes(name.toLowerCase())));
      const lines = examples.map((e) => JSON.stringify(e)).join('\n') + '\n';
      const file = `${split}-${level}.jsonl`;
      await writeFile(join(work, file), lines);
      await recordHash(file, lines);
      // The tokenizer learns from a slice of every level's training text.
      // Levels 0–2 only: the tokenizer was trained before level 3 (broad reading) existed, and phase 2 keeps its ids.
      if (split === 'train' && level < 3) corpus += examples.slice(0, 1500).map((e) => e.parts.join('') + e.target + '\n').join('');
      console.log(`${file}: ${examples.length} examples (${all.length - examples.length} dropped: a name occurs in a demo pack)`);
    }
  }
  if (only) return;
  await writeFile(join(work, 'corpus.txt'), corpus);
  await recordHash('corpus.txt', corpus);
}

async function makeTokens() {
  const { PreTrainedTokenizer } = await import('@huggingface/transformers');
  const tokJson = JSON.parse(await readFile(join(work, 'tokenizer.json'), 'utf8'));
  const tokenizer = new PreTrainedTokenizer(tokJson, {});
  const stop = tokJson.added_tokens.find((t) => t.content === '<|im_end|>').id;
  const stats = JSON.parse(await readFile(join(work, 'lengths.json'), 'utf8').catch(() => '{}'));
  for (const file of (await readdir(work)).filter((f) => /^(?:train|heldout)-\d+\.jsonl$/.test(f) && (!only || only.has(Number(f.match(/-(\d+)\.jsonl$/)[1])))).sort()) {
    const examples = (await readFile(join(work, file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const ids = [];
    const index = new Int32Array(examples.length * 3);
    const chars = [];
    examples.forEach((e, i) => {
      // As LabEngine.encodePrompt: each prompt part on its own; then the reply and the stop token.
      const prompt = e.parts.flatMap((p) => tokenizer.encode(p, { add_special_tokens: false }));
      const reply = [...tokenizer.encode(e.target, { add_special_tokens: false }), stop];
      index.set([ids.length, prompt.length, prompt.length + reply.length], i * 3);
      ids.push(...prompt, ...reply);
      chars.push(e.parts.join('').length + e.target.length);
    });
    const tokens = Uint16Array.from(ids);
    const base = file.replace('.jsonl', '');
    await writeFile(join(work, `${base}.tokens.u16`), tokens);
    await writeFile(join(work, `${base}.index.i32`), index);
    await recordHash(`${base}.tokens.u16`, new Uint8Array(tokens.buffer));
    // Sequence length in BPE tokens and in characters (what a character-level vocabulary would need), per language.
    const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    const summary = (rows) => {
      const bpe = rows.map((i) => index[i * 3 + 2]);
      const ch = rows.map((i) => chars[i]);
      return { examples: rows.length, bpe: { median: q(bpe, 0.5), p95: q(bpe, 0.95), max: Math.max(...bpe) }, chars: { median: q(ch, 0.5), p95: q(ch, 0.95), max: Math.max(...ch) }, charsPerToken: { median: Number(q(rows.map((i) => chars[i] / index[i * 3 + 2]), 0.5).toFixed(2)) } };
    };
    const all = examples.map((_, i) => i);
    stats[base] = { tokens: tokens.length, all: summary(all), en: summary(all.filter((i) => examples[i].lang === 'en')), zh: summary(all.filter((i) => examples[i].lang === 'zh')) };
    console.log(base, JSON.stringify(stats[base]));
  }
  await writeFile(join(work, 'lengths.json'), JSON.stringify(stats, null, 2));
}

if (positionals[0] === 'text') await makeText();
else if (positionals[0] === 'tokens') await makeTokens();
else throw new Error('Usage: node scripts/reader/make-data.mjs text|tokens [--work DIR] [--seed N]');
