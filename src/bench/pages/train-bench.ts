// Browser entry of `npm run bench:train`: the fixture models served at models/ and the
// SmolLM2-135M-shaped model made in memory, trained on WebGPU (SwiftShader here).
import { useJaxDevice } from '../../llm/lab/jax-device';
import { allCases, gpuBufferMemory, readBenchModel, runTrainBench, type TrainBenchCase } from '../train-core';
import { randomWeights, smolLm2Shape } from '../../llm/lab/synthetic-model';
import type { TrainMeasurement } from '../../shared/device-bench-api';

interface Plan { fixtures: string[]; fixtureSeqLens: number[]; synthetic: TrainBenchCase[]; warmup: number; steps: number; syntheticSteps: number }

(window as unknown as { trainBench: (p: Plan) => Promise<TrainMeasurement[]> }).trainBench = async (plan) => {
  if (!(await useJaxDevice('webgpu'))) throw new Error('WebGPU is not available to the training bench here.');
  const memory = gpuBufferMemory(); // before any upload, so that every buffer is counted
  const o = { device: 'webgpu' as const, where: 'Chromium (SwiftShader WebGPU)', memory, warmup: plan.warmup, steps: plan.steps };
  const out: TrainMeasurement[] = [];
  for (const id of plan.fixtures) {
    const { shape, weights } = await readBenchModel(async (f) => (await fetch(new URL(`models/${id}/${f}`, location.href))).arrayBuffer());
    await runTrainBench(id, shape, weights, allCases(plan.fixtureSeqLens), o, (m) => out.push(m));
  }
  if (plan.synthetic.length) await runTrainBench('SmolLM2-135M shape (random weights)', smolLm2Shape, randomWeights(smolLm2Shape), plan.synthetic, { ...o, steps: plan.syntheticSteps }, (m) => out.push(m));
  return out;
};
