// A checkpoint as two files (for `npm run train`, which keeps them on disk): the
// tensors (adapter and AdamW moments) as safetensors, everything else as JSON.
// In the browser, checkpoints go to IndexedDB as they are (typed arrays clone).
import { readSafetensors } from '../../llm/lora/safetensors';
import { writeSafetensors } from '../../shared/safetensors-write.mjs';
import type { HostLora } from './lora-trainer';
import type { Checkpoint } from './run';

type Named = Record<string, { shape: number[]; data: Float32Array }>;

export function checkpointToFiles(c: Checkpoint, meta: Record<string, unknown>): { json: string; tensors: Uint8Array } {
  const named: Named = {};
  const put = (prefix: string, lora: HostLora | null) => {
    for (const [module, pair] of Object.entries(lora ?? {})) {
      named[`${prefix}.${module}.A`] = { shape: [pair.A.length], data: pair.A };
      named[`${prefix}.${module}.B`] = { shape: [pair.B.length], data: pair.B };
    }
  };
  put('lora', c.state.lora);
  put('m', c.state.m);
  put('v', c.state.v);
  const { state, ...rest } = c;
  return { json: JSON.stringify({ ...meta, checkpoint: { ...rest, step: state.step, moments: !!state.m } }), tensors: writeSafetensors(named) };
}

export function checkpointFromFiles(json: string, tensors: ArrayBuffer): { meta: Record<string, unknown>; checkpoint: Checkpoint } {
  const { checkpoint, ...meta } = JSON.parse(json) as { checkpoint: Omit<Checkpoint, 'state'> & { moments: boolean } } & Record<string, unknown>;
  const read = readSafetensors(tensors, 'checkpoint.safetensors');
  const take = (prefix: string): HostLora => {
    const out: HostLora = {};
    for (const [name, t] of read) {
      if (!name.startsWith(`${prefix}.`)) continue;
      const [module, which] = [name.slice(prefix.length + 1, -2), name.slice(-1) as 'A' | 'B'];
      (out[module] ??= { A: new Float32Array(0), B: new Float32Array(0) })[which] = t.data;
    }
    return out;
  };
  const { moments, ...rest } = checkpoint;
  return { meta, checkpoint: { ...rest, state: { step: checkpoint.step, lora: take('lora'), m: moments ? take('m') : null, v: moments ? take('v') : null } } };
}
