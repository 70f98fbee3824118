// Helpers for the trainer's unit tests: a fixture LLM read from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../../src/llm/reference/config';
import { fixtureModelsDir } from '../helpers';

export async function loadFixtureModel(name: string) {
  const dir = join(fixtureModelsDir, name);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { dir, config, shape: modelShape(config), tensors };
}
