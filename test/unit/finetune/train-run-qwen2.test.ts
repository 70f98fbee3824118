import { describeTrainingRun } from './train-run-family';

describeTrainingRun('qwen2');
