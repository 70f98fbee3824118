// What scripts/train.mjs imports (bundled for Node by Vite).
export { trainCli } from './train-node';
export { presets } from '../../src/finetune/train/settings';
