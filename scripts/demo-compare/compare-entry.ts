// The bundle entry of `npm run demo:compare` (scripts/demo-compare.mjs builds it for Node with Vite).
export { demoCompare, type CompareJob, type CompareResult } from './compare-node';
export { metrics } from '../../src/eval/aggregate';
export { formatEstimate } from '../../src/eval/report';
export { parseCatalog } from '../../src/catalog/catalog';
