// Training in the browser: the UI's side of finetune/train. Renders the dataset with
// the base model's template, unloads the chat and eval models, opens the run in the
// trainer worker (checks, estimate), trains with live progress, stores a checkpoint
// every N steps and at Pause (IndexedDB, one transaction each), and at the end sends
// the adapter through the usual check → merge → register path. One tab trains at a
// time: the run holds the Web Lock `rag-lab-training`.
import { modelShape } from '../../llm/reference/config';
import { estimateMemory } from '../../finetune/train/estimate';
import { isTrainableQuantization } from '../../shared/llm-types';
import type { TrainingRunRecord } from '../../finetune/records';
import { renderExample } from '../../finetune/render';
import { readTargetModel } from '../../finetune/target-model';
import { adapterFiles, trainingRecord } from '../../finetune/train/adapter';
import type { PromptCompletion } from '../../finetune/train/data';
import type { GradientCheckResult, GradientCheckSpec } from '../../finetune/train/gradient-check';
import type { Checkpoint } from '../../finetune/train/run';
import { presets, type PresetName, type TrainSettings } from '../../finetune/train/settings';
import type { LlmChoice } from '../../llm/model-registry';
import { hfBaseModelName } from '../../llm/web-llm/curated';
import { configScope, readCachedOrFetch } from '../../llm/web-llm/model-cache';
import { DivergedError, TrainingError, tKey, type Translatable } from '../../shared/errors';
import { errorText, messageOf, say, type Message } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';
import { sha256Hex } from '../../shared/hash';
import type { TrainEstimate } from '../../shared/train-api';
import type { Services } from '../actions';
import { baseChoices, loadedLlm, loadedLlmDevice } from '../chat/chat-state';
import { comparing } from '../compare/compare-state';
import { stores } from '../database';
import { activeRun } from '../evaluate/eval-state';
import { adapterBase, adapterState, datasets } from './finetune-state';
import { checkAdapterNow, mergeAndRegister, modelFolder, picked } from './finetune-actions';
import { saveFile } from '../save-file';
import { gpu } from '../state';
import { baseConfigs, lossCurve, trainBaseId, trainDatasetId, trainingElsewhere, trainName, trainPreset, trainRuns, trainSettings, trainTask } from './train-state';

const lockName = 'rag-lab-training';
let release: (() => void) | null = null;
const task = new CancellableTask();
/** What the open (estimated, not yet started) session trains on. */
let pending: Omit<TrainingRunRecord, 'id' | 'status' | 'checkpoint' | 'createdAt' | 'updatedAt'> | null = null;

const store = async () => (await stores()).training;

/** Debug hook (window.ragLabDebug.holdTrainingAfterCheckpoint): the run stops moving once a checkpoint at this step or later is stored. */
let holdAfter: number | null = null;
export function holdAfterCheckpoint(step: number): void {
  holdAfter = step;
}

/** Takes the training lock if no tab holds it; resolves with its release, or null. */
function takeLock(): Promise<(() => void) | null> {
  if (!navigator.locks) return Promise.resolve(() => undefined);
  return new Promise((resolve) => {
    void navigator.locks.request(lockName, { ifAvailable: true }, (lock) => {
      if (!lock) return resolve(null);
      return new Promise<void>((done) => resolve(done));
    });
  });
}

function dropLock(): void {
  release?.();
  release = null;
}

/**
 * Loads the stored runs (at start-up and after each change), and whether another tab trains now. At
 * start-up (`waitMs`) the lock is briefly waited for: a reloaded page takes a moment to release it.
 */
export async function refreshTrainingRuns(waitMs = 0): Promise<void> {
  trainRuns.value = await (await store()).listRuns();
  if (release || !navigator.locks) return void (trainingElsewhere.value = false);
  const free = await navigator.locks
    .request(lockName, waitMs ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true }, (lock) => lock !== null)
    .catch(() => false);
  trainingElsewhere.value = !free;
}

export function choosePreset(name: PresetName): void {
  trainSettings.value = presets[name];
  trainPreset.value = name;
}

export function updateSettings(patch: Partial<TrainSettings>): void {
  trainSettings.value = { ...trainSettings.value, ...patch };
  trainPreset.value = 'custom';
}

/** Why training cannot start now, or null. */
function refusal(): Translatable | null {
  if (activeRun.value) return tKey('finetune:train.refuseEval');
  if (comparing.value) return tKey('finetune:train.refuseCompare');
  return null;
}

/** The base model `baseId` as this site offers it; refused when it is gone. */
function baseToTrain(baseId: string): LlmChoice {
  const base = baseChoices.value.find((m) => m.id === baseId);
  if (!base) throw new TrainingError(`The base model ${baseId} is not available on this site any more.`);
  return base;
}

/** The trainer's device: WebGPU where this browser has it (the worker falls back to WebAssembly with a note). */
const trainDevice = (): 'webgpu' | 'wasm' => (gpu.value?.available ? 'webgpu' : 'wasm');

/**
 * The trainer's loss and LoRA gradients for `check` on base `baseId`, on WebGPU where this browser has it:
 * the debug hook (window.ragLabDebug.trainGradients) with which the browser test compares WebGPU with PyTorch's goldens.
 */
export async function trainGradients(services: Services, baseId: string, check: GradientCheckSpec): Promise<GradientCheckResult & { device: 'webgpu' | 'wasm' }> {
  const base = baseToTrain(baseId);
  const refused = refusal();
  if (refused) throw new TrainingError(say(refused), { i18n: refused });
  await unloadModels(services);
  return services.train.gradients(modelFolder(base), base.label, trainDevice(), check);
}

/** Frees the GPU: the chat and eval models are unloaded first (they load again on their next question). */
async function unloadModels(services: Services): Promise<void> {
  await Promise.all([services.llm.lab.unload(), services.llm.webllm.unload()]);
  loadedLlm.value = null;
  loadedLlmDevice.value = null;
}

async function open(services: Services, baseId: string, examples: PromptCompletion[], settings: TrainSettings): Promise<TrainEstimate> {
  const base = baseToTrain(baseId);
  trainTask.value = { state: 'opening', label: tKey('finetune:train.unloading') };
  await unloadModels(services);
  trainTask.value = { state: 'opening', label: tKey('finetune:train.reading', { base: base.label.split(' — ')[0]!, count: examples.length }) };
  return services.train.open({ baseUrl: modelFolder(base), baseLabel: base.label, examples, settings, device: trainDevice() });
}

/** Step 1: checks the settings, data and model, and shows the memory and time estimate (or the refusal). */
export async function estimateTraining(services: Services): Promise<void> {
  const refused = refusal();
  const dataset = datasets.value.find((d) => d.id === trainDatasetId.value) ?? datasets.value[0];
  const base = baseChoices.value.find((m) => m.id === trainBaseId.value) ?? baseChoices.value.find((m) => !m.unavailable);
  const problem = refused ?? (!dataset ? tKey('finetune:train.needDataset') : !base ? tKey('finetune:train.needBase') : null);
  if (problem) return void (trainTask.value = { state: 'failed', runId: null, message: problem });
  if (!(release = await takeLock())) return void (trainTask.value = { state: 'failed', runId: null, message: tKey('finetune:train.lockedStart') });
  lossCurve.value = { train: [], validation: [], totalSteps: 0 };
  try {
    const folder = modelFolder(base!);
    trainTask.value = { state: 'opening', label: tKey('finetune:train.rendering', { name: dataset!.name, base: base!.label.split(' — ')[0]! }) };
    const target = await readTargetModel((f) => readCachedOrFetch(new URL(f, folder).href));
    const examples = dataset!.examples.map((e) => renderExample(target.template, e));
    const settings = trainSettings.value;
    const estimate = await open(services, base!.id, examples, settings);
    const name = trainName.value.trim() || `${dataset!.name}-r${settings.r}`;
    pending = {
      name, dataset: { id: dataset!.id, name: dataset!.name, hash: await sha256Hex([JSON.stringify(examples)]) }, examples,
      baseModel: base!.id, baseLabel: base!.label, baseModelName: hfBaseModelName(base!.id),
      settings, device: estimate.device, prepared: preparedOf(estimate),
    };
    trainTask.value = { state: 'ready', estimate };
  } catch (e) {
    discard(services);
    trainTask.value = { state: 'failed', runId: null, message: messageOf(e) };
  }
}

const preparedOf = (e: TrainEstimate) => ({ train: e.train, validation: e.validation, truncatedExamples: e.truncatedExamples, truncatedTokens: e.truncatedTokens, droppedExamples: e.droppedExamples });

/** Drops the estimated session without training. */
export function discard(services: Services): void {
  services.train.stop();
  pending = null;
  dropLock();
  if (trainTask.value.state === 'ready') trainTask.value = { state: 'idle' };
}

/** Step 2: trains the estimated session as a new stored run. */
export async function startTraining(services: Services): Promise<void> {
  const task = trainTask.value;
  if (task.state !== 'ready' || !pending) return;
  const now = Date.now();
  const run: TrainingRunRecord = { ...pending, id: `run-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`, status: 'running', checkpoint: null, createdAt: now, updatedAt: now };
  pending = null;
  await (await store()).putRun(run);
  await refreshTrainingRuns();
  await drive(services, run, task.estimate, null);
}

/**
 * Resumes a paused, cut-off or failed run from its last checkpoint (with its own settings and data). A diverged run
 * repeats its divergence with the same settings, so it resumes with the learning rate × `lrScale` (stored in the run).
 */
export async function resumeRun(services: Services, id: string, lrScale = 1): Promise<void> {
  const stored = await (await store()).getRun(id);
  if (!stored) return;
  const run = lrScale === 1 ? stored : { ...stored, settings: { ...stored.settings, lr: stored.settings.lr * lrScale } };
  if (run !== stored) await (await store()).putRun(run);
  const refused = refusal();
  if (refused) return void (trainTask.value = { state: 'failed', runId: id, message: refused });
  if (!(release = await takeLock())) return void (trainTask.value = { state: 'failed', runId: id, message: tKey('finetune:train.lockedResume') });
  try {
    const estimate = await open(services, run.baseModel, run.examples, run.settings);
    await (await store()).setStatus(id, 'running', { device: estimate.device });
    await drive(services, { ...run, device: estimate.device }, estimate, run.checkpoint);
  } catch (e) {
    services.train.stop();
    dropLock();
    trainTask.value = { state: 'failed', runId: id, message: messageOf(e) };
  }
}

async function drive(services: Services, run: TrainingRunRecord, estimate: TrainEstimate, resume: Checkpoint | null): Promise<void> {
  let saved = resume?.step ?? null;
  lossCurve.value = { train: resume?.losses ?? [], validation: resume?.validation ?? [], totalSteps: resume?.totalSteps ?? estimate.totalSteps };
  trainTask.value = { state: 'training', runId: run.id, estimate, progress: null, resumedFrom: resume?.step ?? null };
  const s = await store();
  await task.run(async (signal) => {
    const outcome = await services.train.run(resume, {
      onStep: (p) => {
        const c = lossCurve.value;
        lossCurve.value = {
          train: [...c.train, { step: p.step, loss: p.loss }], totalSteps: p.totalSteps,
          validation: p.validationLoss === null ? c.validation : [...c.validation, { step: p.step, loss: p.validationLoss }],
        };
        const t = trainTask.value;
        if (t.state === 'training' || t.state === 'pausing' || t.state === 'cancelling') trainTask.value = { ...t, progress: p };
      },
      onCheckpoint: async (c) => {
        await s.saveCheckpoint(run.id, c);
        saved = c.step;
        void refreshTrainingRuns();
        // The browser test reloads the page here: a cut-off run, at a known step.
        if (holdAfter !== null && c.step >= holdAfter) await new Promise<never>(() => undefined);
      },
      signal,
    });
    if (outcome.status === 'paused') {
      await s.setStatus(run.id, 'paused');
      trainTask.value = { state: 'paused', runId: run.id, step: outcome.checkpoint.step };
    } else {
      dropLock();
      await finish(services, run, outcome.checkpoint);
    }
  }, async (e, cancelled) => {
    const kept = saved === null ? tKey('finetune:train.noCheckpointSaved') : tKey('finetune:train.checkpointKept', { step: saved });
    const message: Message = cancelled ? [tKey('finetune:train.cancelled'), kept] : messageOf(e);
    // The stored run keeps the words of the moment (its record holds a string).
    await s.setStatus(run.id, 'failed', { message: cancelled ? say(message) : errorText(e), diverged: e instanceof DivergedError }).catch(() => undefined);
    trainTask.value = cancelled ? { state: 'idle' } : { state: 'failed', runId: run.id, message };
  });
  dropLock();
  await refreshTrainingRuns();
}

/** The finished adapter: stored, then checked, merged and registered as "<base> + <name>". */
async function finish(services: Services, run: TrainingRunRecord, c: Checkpoint): Promise<void> {
  const s = await store();
  const files = adapterFiles(run.name, c.state.lora, run.settings, run.baseModelName);
  const adapter = await picked(files, `trained:${run.id}`);
  await s.setStatus(run.id, 'done', { adapterHash: adapter.hash });
  trainTask.value = { state: 'merging', runId: run.id, label: tKey('finetune:train.mergingRun', { name: run.name, base: run.baseLabel.split(' — ')[0]! }) };
  const record = trainingRecord(c, {
    dataset: { ...run.dataset, examples: run.examples.length, train: run.prepared.train, validation: run.prepared.validation },
    baseModel: run.baseModel, baseModelName: run.baseModelName, settings: run.settings, device: run.device,
    truncatedExamples: run.prepared.truncatedExamples, truncatedTokens: run.prepared.truncatedTokens, droppedExamples: run.prepared.droppedExamples,
  });
  adapterBase.value = run.baseModel;
  await checkAdapterNow(services, adapter);
  const mergedId = adapterState.value.state === 'valid' ? await mergeAndRegister(services, record) : null;
  const after = adapterState.value;
  const problem = after.state === 'invalid' ? after.message : null;
  if (mergedId) await s.setStatus(run.id, 'done', { mergedId });
  const label = mergedId ? `${run.baseLabel.split(' — ')[0]} + ${run.name}` : null;
  trainTask.value = { state: 'done', runId: run.id, mergedLabel: label, message: problem && tKey('finetune:train.notMerged', { problem: say(problem) }) };
}

export function pauseTraining(services: Services): void {
  const t = trainTask.value;
  if (t.state !== 'training') return;
  trainTask.value = { ...t, state: 'pausing' };
  services.train.pause();
}

export function cancelTraining(): void {
  const t = trainTask.value;
  if (t.state !== 'training' && t.state !== 'pausing') return;
  trainTask.value = { ...t, state: 'cancelling' };
  task.cancel();
}

export async function deleteRun(id: string): Promise<void> {
  await (await store()).deleteRun(id);
  await refreshTrainingRuns();
}

/** The run's adapter as PEFT files (adapter_config.json + adapter_model.safetensors), from its latest checkpoint. */
export async function downloadAdapter(id: string): Promise<void> {
  const run = await (await store()).getRun(id);
  if (!run?.checkpoint) return;
  const files = adapterFiles(run.name, run.checkpoint.state.lora, run.settings, run.baseModelName);
  saveFile(new Blob([files.configText], { type: 'application/json' }), 'adapter_config.json');
  saveFile(new Blob([files.weights]), 'adapter_model.safetensors');
}

/**
 * Reads each base's mlc-chat-config.json (a web-llm model's only from web-llm's cache, a lab model's from its pack
 * folder) into baseConfigs, for the base list's memory estimates. Never downloads a model.
 */
export async function refreshBaseConfigs(choices: LlmChoice[]): Promise<void> {
  const next = { ...baseConfigs.value };
  for (const m of choices) {
    if (m.id in next) continue;
    const url = new URL('mlc-chat-config.json', modelFolder(m)).href;
    try {
      const response = m.engine === 'web-llm' ? await (await caches.open(configScope)).match(url) : await fetch(url);
      if (!response?.ok) throw new Error('not available');
      const config = (await response.json()) as Record<string, unknown>;
      next[m.id] = { shape: modelShape(config), quantization: String(config.quantization ?? '') };
    } catch {
      next[m.id] = null;
    }
  }
  baseConfigs.value = next;
}

/** The base list's words for one base: its quantization and the estimate for the current settings, or why it cannot train. */
export function baseFit(id: string, settings: TrainSettings): { quantization: string; bytes: number | null } | null {
  const c = baseConfigs.value[id];
  if (!c) return null;
  if (!isTrainableQuantization(c.quantization)) return { quantization: c.quantization, bytes: null };
  return { quantization: c.quantization, bytes: estimateMemory(c.shape, settings, settings.maxLength, true, 8192, c.quantization).total };
}
