// `npm run train` as presenters run it: a real process on the fixture model. A run killed
// mid-way resumes from its checkpoint and ends with the adapter an uninterrupted run
// writes; bad input exits with code 1, a message that names the problem, and no output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAdapter } from '../../../src/llm/lora/peft';
import { fixtureModelsDir } from '../helpers';

const dir = mkdtempSync(join(tmpdir(), 'rag-lab-train-'));
const modelDir = join(fixtureModelsDir, 'tiny-llama');
const dataset = join(dir, 'data.jsonl');
const common = ['--model', modelDir, '--dataset', dataset, '--steps', '40', '--batch', '2', '--max-len', '64', '--lr', '0.01', '--checkpoint-every', '2', '--val-share', '0'];
const train = (args: string[]) => spawnSync(process.execPath, ['scripts/train.mjs', ...args], { encoding: 'utf8' });

beforeAll(() => {
  const rows = ['Who chaired it first?|Maren Ostgaard', 'When was it founded?|1962', 'What is the fee?|120 crowns', 'Where do they meet?|Brennock Hall'];
  writeFileSync(dataset, rows.map((r) => {
    const [q, a] = r.split('|');
    return JSON.stringify({ prompt: `<|start_header_id|>user<|end_header_id|>\n\n${q}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`, completion: `${a}<|eot_id|>` });
  }).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const weights = (out: string) => {
  const parsed = parseAdapter(readFileSync(join(out, 'adapter_config.json'), 'utf8'), new Uint8Array(readFileSync(join(out, 'adapter_model.safetensors'))).buffer);
  return new Map(parsed.pairs.map((p) => [p.module, [...p.A.data, ...p.B.data]]));
};

describe('npm run train', () => {
  it('writes a PEFT adapter and training.json; a killed run resumes from its checkpoint and ends with the same adapter', async () => {
    const straight = join(dir, 'straight');
    const done = train([...common, '--out', straight]);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/step 40\/40 loss/);
    const config = JSON.parse(readFileSync(join(straight, 'adapter_config.json'), 'utf8'));
    expect(config).toMatchObject({ peft_type: 'LORA', r: 8, lora_alpha: 16, target_modules: ['q_proj', 'v_proj'], base_model_name_or_path: 'tiny-llama' });
    const record = JSON.parse(readFileSync(join(straight, 'training.json'), 'utf8'));
    expect(record.losses).toHaveLength(40);
    expect(record.settings.seed).toBe(42);

    // Kill the second run (SIGKILL: no clean-up) once it has passed step 3 (more than 30 steps before its end), then start it again.
    const resumed = join(dir, 'resumed');
    const child = spawn(process.execPath, ['scripts/train.mjs', ...common, '--out', resumed]);
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        if (/step [3-9]\/40/.test(b.toString())) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(existsSync(join(resumed, 'adapter_config.json'))).toBe(false); // nothing half-written
    const again = train([...common, '--out', resumed]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Resuming from the checkpoint at step \d+\./);
    const a = weights(straight);
    const b = weights(resumed);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    let worst = 0;
    for (const [module, values] of a) values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b.get(module)![i]!))));
    expect(worst).toBeLessThanOrEqual(1e-6);
  }, 300_000);

  it('trains over a q4f16_1 base (QLoRA): the loss falls, the PEFT files parse, and training.json records the base\'s quantization', () => {
    const out = join(dir, 'q4');
    const args = [...common];
    args[args.indexOf('--model') + 1] = join(fixtureModelsDir, 'tiny-llama-q4');
    const run = train([...args, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'training.json'), 'utf8'));
    expect(record.baseQuantization).toBe('q4f16_1');
    const losses = record.losses.map((p: { loss: number }) => p.loss);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) / 2);
    expect([...weights(out).keys()].sort()).toEqual(['model.layers.0.self_attn.q_proj', 'model.layers.0.self_attn.v_proj', 'model.layers.1.self_attn.q_proj', 'model.layers.1.self_attn.v_proj']);
  }, 120_000);

  it.each([
    ['a missing model', ['--model', join(dir, 'nowhere')], /has no mlc-chat-config\.json/],
    ['a dataset line that does not parse', ['--dataset', join(dir, 'bad.jsonl')], /Line 2 of the dataset is not valid JSON/],
    ['an unknown target module', ['--targets', 'q_proj,w_proj'], /w_proj is not a target module/],
  ])('refuses %s with exit code 1 and writes nothing', (_, override, message) => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"prompt":"a","completion":"b"}\n{"prompt": oops}\n');
    const args = [...common];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i]!);
      if (at >= 0) args[at + 1] = override[i + 1]!;
      else args.push(override[i]!, override[i + 1]!);
    }
    const out = join(dir, `refused-${override[0]!.slice(2)}`);
    const run = train([...args, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
