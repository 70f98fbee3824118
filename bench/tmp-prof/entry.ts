import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabEngine } from '../../src/llm/lab/lab-engine';
export async function run() {
  const { init, defaultDevice } = await import('@jax-js/jax');
  await init('wasm');
  defaultDevice('wasm');
  const models = '/work/main/test/fixtures/models';
  const engine = new LabEngine(async (id, file) => new Uint8Array(await readFile(join(models, id, file))).buffer);
  await engine.load('tiny-llama');
  await engine.setDevice('wasm');
  const msgs = [{ role: 'user' as const, content: 'who owns the reservoir and where is the dairy of the cooperative?' }];
  for (let r = 0; r < 2; r++) for await (const _ of engine.chat(msgs, { maxTokens: 8 })) {}
  const t = performance.now();
  let n = 0;
  for (let r = 0; r < 5; r++) for await (const c of engine.chat(msgs, { maxTokens: 64 })) if (c.type === 'done') n += c.usage.completionTokens, console.log(c.usage.decodeTokensPerS.toFixed(0));
  console.log('total', n, (performance.now() - t).toFixed(0));
}
