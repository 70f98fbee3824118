// The training benchmark's entry for Node (scripts/bench-train.mjs builds it with Vite and
// imports it): the shared measurement code of src/finetune/train/bench.ts, and the in-memory
// model with SmolLM2-135M's shape.
export { allCases, measureMatmul, measureTrainCase, readBenchModel, layoutFor, runTrainBench } from '../src/finetune/train/bench';
export { randomWeights, smolLm2Shape } from '../src/llm/lab/synthetic-model';
