// Browser entry of `npm run bench:train`: the fixture models served at models/ and the
// SmolLM2-135M-shaped model made in memory, trained on WebGPU (SwiftShader here).
import { useJaxDevice } from '../../llm/lab/jax-device';
import { allCases, gpuBufferMemory, readBenchModel, runTrainBench, type TrainBenchCase } from '../train-core';
import { quantizeWeights, randomWeights, smolLm2Shape } from '../../llm/lab/synthetic-model';
import type { TrainMeasurement } from '../../shared/device-bench-api';

interface Plan { fixtures: string[]; fixtureSeqLens: number[]; synthetic: TrainBenchCase[]; quant: ('q0' | 'q4')[]; warmup: number; steps: number; syntheticSteps: number }

(window as unknown as { trainBench: (p: Plan) => Promise<TrainMeasurement[]> }).trainBench = async (plan) => {
  if (!(await useJaxDevice('webgpu'))) throw new Error('WebGPU is not available to the training bench here.');
  const memory = gpuBufferMemory(); // before any upload, so that every buffer is counted
  const o = { device: 'webgpu' as const, where: 'Chromium (SwiftShader WebGPU)', memory, warmup: plan.warmup, steps: plan.steps };
  const out: TrainMeasurement[] = [];
  for (const id of plan.fixtures) {
    const { shape, weights } = await readBenchModel(async (f) => (await fetch(new URL(`models/${id}/${f}`, location.href))).arrayBuffer());
    await runTrainBench(id, shape, weights, allCases(plan.fixtureSeqLens), o, (m) => out.push(m));
  }
  // The same model as float32 (q0) and as q4f16_1 codes (QLoRA), case by case, so each row has its twin in this run.
  if (plan.synthetic.length) {
    const q0 = randomWeights(smolLm2Shape);
    const models = { q0: ['SmolLM2-135M shape (random weights)', q0], q4: ['SmolLM2-135M shape (random weights), q4f16_1', quantizeWeights(q0)] } as const;
    for (const c of plan.synthetic) {
      for (const q of plan.quant) await runTrainBench(models[q][0], smolLm2Shape, models[q][1], [c], { ...o, steps: plan.syntheticSteps }, (m) => out.push(m));
    }
  }
  return out;
};
