#!/usr/bin/env node
// npm run train -- --model <folder with mlc-chat-config.json> --dataset <jsonl> --out <folder>
//   [--steps N] [--epochs N] [--lr X] [--r N] [--alpha N] [--rslora] [--targets q_proj,v_proj,...]
//   [--optimizer adamw|sgd] [--batch N] [--accum N] [--max-len N] [--seed N] [--val-share X]
//   [--weight-decay X] [--warmup X] [--clip X] [--preset quick|thorough] [--fresh]
// Trains a LoRA adapter with the app's own trainer on Wasm, and writes adapter_config.json,
// adapter_model.safetensors and training.json into --out. A killed run resumes from its
// checkpoint when started again with the same arguments.
import { join } from 'node:path';
import { importTsForNode } from './node-import.mjs';
import { root } from './bench/harness.mjs';

const args = process.argv.slice(2);
const flags = new Map();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith('--')) fail(`Unexpected argument ${a}.`);
  const boolean = a === '--rslora' || a === '--fresh';
  flags.set(a.slice(2), boolean ? 'true' : args[++i]);
  if (!boolean && flags.get(a.slice(2)) === undefined) fail(`${a} needs a value.`);
}
function fail(message) {
  console.error(`train: ${message}`);
  process.exit(1);
}
for (const need of ['model', 'dataset', 'out']) if (!flags.has(need)) fail(`--${need} is required. Usage: npm run train -- --model <folder> --dataset <jsonl> --out <folder> [options]`);

const { trainCli, presets } = await importTsForNode(root, join(root, 'scripts', 'train', 'train-entry.ts'), 'train');
const preset = flags.get('preset') ?? 'quick';
if (!presets[preset]) fail(`--preset must be quick or thorough.`);
const num = (name, fallback) => {
  if (!flags.has(name)) return fallback;
  const v = Number(flags.get(name));
  if (!Number.isFinite(v)) fail(`--${name} must be a number.`);
  return v;
};
const base = presets[preset];
const settings = {
  ...base,
  r: num('r', base.r), alpha: num('alpha', base.alpha), rslora: flags.has('rslora') || base.rslora,
  targets: flags.has('targets') ? flags.get('targets').split(',').map((t) => t.trim()).filter(Boolean) : base.targets,
  optimizer: flags.get('optimizer') ?? base.optimizer, lr: num('lr', base.lr), warmupShare: num('warmup', base.warmupShare),
  weightDecay: num('weight-decay', base.weightDecay), maxGradNorm: num('clip', base.maxGradNorm),
  epochs: num('epochs', base.epochs), steps: flags.has('steps') ? num('steps') : flags.has('epochs') ? null : base.steps,
  batchSize: num('batch', base.batchSize), gradAccum: num('accum', base.gradAccum), maxLength: num('max-len', base.maxLength),
  seed: num('seed', base.seed), valShare: num('val-share', base.valShare),
  checkpointEvery: num('checkpoint-every', base.checkpointEvery), evalEvery: num('eval-every', base.evalEvery),
};
if (settings.optimizer !== 'adamw' && settings.optimizer !== 'sgd') fail('--optimizer must be adamw or sgd.');
try {
  const result = await trainCli({ model: flags.get('model'), dataset: flags.get('dataset'), out: flags.get('out'), settings, fresh: flags.has('fresh'), log: (l) => console.log(l) });
  console.log(`Wrote ${result.out} after ${result.steps} steps (final loss ${result.finalLoss?.toFixed(4)}).`);
  process.exit(0);
} catch (e) {
  fail(e?.name === 'TrainingError' || e?.name === 'UnsupportedModelError' ? e.message : e?.stack ?? String(e));
}
