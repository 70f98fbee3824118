// `npm run train`'s Node half: the same session and run driver as the trainer worker,
// on jax-js's Wasm backend. Writes the PEFT adapter and training.json into --out only
// when the run has finished (a folder beside it holds the work until then), and keeps a
// checkpoint beside --out so that a killed run resumes where it stopped.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { adapterFiles, trainingRecord } from '../../src/finetune/train/adapter';
import { checkpointFromFiles, checkpointToFiles } from '../../src/finetune/train/checkpoint-files';
import { parseTrainingJsonl } from '../../src/finetune/train/data';
import { runTraining, type Checkpoint } from '../../src/finetune/train/run';
import { openSession } from '../../src/finetune/train/session';
import type { TrainSettings } from '../../src/finetune/train/settings';
import { hfBaseModelName } from '../../src/llm/web-llm/curated';
import { TrainingError } from '../../src/shared/errors';
import { sha256Hex } from '../../src/shared/hash';

export interface CliJob {
  model: string;
  dataset: string;
  out: string;
  settings: TrainSettings;
  /** Ignore an existing checkpoint and start again. */
  fresh: boolean;
  log: (line: string) => void;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

export async function trainCli(job: CliJob): Promise<{ out: string; steps: number; finalLoss: number | null; resumedFrom: number | null }> {
  const out = resolve(job.out);
  if (await exists(join(out, 'adapter_config.json'))) throw new TrainingError(`${out} already holds an adapter: choose another --out, or delete it.`);
  const modelDir = resolve(job.model);
  if (!(await exists(join(modelDir, 'mlc-chat-config.json')))) throw new TrainingError(`${modelDir} has no mlc-chat-config.json: --model must be a folder with an MLC model.`);
  let datasetText: string;
  try {
    datasetText = await readFile(resolve(job.dataset), 'utf8');
  } catch {
    throw new TrainingError(`Cannot read the dataset ${job.dataset}.`);
  }
  const examples = parseTrainingJsonl(datasetText);
  const datasetHash = await sha256Hex([datasetText]);
  await init('wasm');
  defaultDevice('wasm');
  const read = async (f: string) => {
    const b = await readFile(join(modelDir, f));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const session = await openSession(read, basename(modelDir), examples, job.settings, { device: 'wasm' });
  const { prepared } = session;
  job.log(`${examples.length} examples (${session.data.train.length} train, ${session.data.validation.length} validation); ${session.totalSteps} steps; ` +
    `${prepared.truncatedExamples} truncated (${prepared.truncatedTokens} prompt tokens), ${prepared.droppedExamples} left out; ` +
    `probe step ${session.probe.ms.toFixed(0)} ms, about ${(session.estimatedMs / 1000).toFixed(0)} s; memory about ${(session.memory.total / 2 ** 20).toFixed(0)} MB.`);
  const ckptDir = join(dirname(out), `.${basename(out)}.checkpoint`);
  const meta = { model: modelDir, datasetHash, settings: job.settings };
  let resume: Checkpoint | null = null;
  if (!job.fresh && (await exists(join(ckptDir, 'checkpoint.json')))) {
    const files = checkpointFromFiles(await readFile(join(ckptDir, 'checkpoint.json'), 'utf8'), (await readFile(join(ckptDir, 'checkpoint.safetensors'))).buffer as ArrayBuffer);
    if (JSON.stringify(files.meta) !== JSON.stringify(meta)) throw new TrainingError(`${ckptDir} holds a checkpoint of another run (model, dataset or settings differ): add --fresh to start again.`);
    resume = files.checkpoint;
    job.log(`Resuming from the checkpoint at step ${resume.step}.`);
  }
  const saveCheckpoint = async (c: Checkpoint) => {
    const files = checkpointToFiles(c, meta);
    await mkdir(ckptDir, { recursive: true });
    // Write, then rename: a kill mid-write leaves the previous checkpoint whole.
    await writeFile(join(ckptDir, 'checkpoint.safetensors.tmp'), files.tensors);
    await writeFile(join(ckptDir, 'checkpoint.json.tmp'), files.json);
    await rename(join(ckptDir, 'checkpoint.safetensors.tmp'), join(ckptDir, 'checkpoint.safetensors'));
    await rename(join(ckptDir, 'checkpoint.json.tmp'), join(ckptDir, 'checkpoint.json'));
  };
  try {
    const { checkpoint } = await runTraining(session.trainer, session.data, job.settings, {
      onStep: (p) => job.log(`step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(4)}${p.validationLoss === null ? '' : ` validation ${p.validationLoss.toFixed(4)}`} lr ${p.lr.toExponential(2)} ${p.tokensPerSecond.toFixed(0)} tok/s ETA ${(p.etaMs / 1000).toFixed(0)} s`),
      onCheckpoint: saveCheckpoint,
    }, resume);
    const files = adapterFiles(basename(out), checkpoint.state.lora, job.settings, basename(modelDir));
    const record = trainingRecord(checkpoint, {
      dataset: { id: basename(job.dataset), name: basename(job.dataset), hash: datasetHash, examples: examples.length, train: session.data.train.length, validation: session.data.validation.length },
      baseModel: basename(modelDir), baseModelName: hfBaseModelName(basename(modelDir)), baseQuantization: session.quantization, settings: job.settings, device: 'wasm (Node)',
      truncatedExamples: prepared.truncatedExamples, truncatedTokens: prepared.truncatedTokens, droppedExamples: prepared.droppedExamples,
    });
    const partial = `${out}.partial`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, 'adapter_config.json'), files.configText);
    await writeFile(join(partial, 'adapter_model.safetensors'), new Uint8Array(files.weights));
    await writeFile(join(partial, 'training.json'), JSON.stringify(record, null, 2));
    await rm(out, { recursive: true, force: true });
    await rename(partial, out);
    await rm(ckptDir, { recursive: true, force: true });
    return { out, steps: checkpoint.step, finalLoss: record.finalLoss, resumedFrom: resume?.step ?? null };
  } finally {
    session.dispose();
  }
}
