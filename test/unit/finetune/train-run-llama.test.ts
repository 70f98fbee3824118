import { describeTrainingRun } from './train-run-family';

describeTrainingRun('llama');
