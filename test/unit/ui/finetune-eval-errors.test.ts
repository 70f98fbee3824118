// Errors that Evaluate and Fine-tune show from lower layers carry translation keys: in English the
// translation is the message word for word, in Chinese it is translated; across a worker the name
// and the key survive (bridges/error-transport.ts, on both ends of comlink).
import { afterEach, describe, expect, it } from 'vitest';
import { assertNoLeakage, trainingUse } from '../../../src/eval/leakage';
import { planRun } from '../../../src/eval/plan';
import type { QaItem, QaSet } from '../../../src/eval/types';
import { parseTrainingJsonl, prepareData } from '../../../src/finetune/train/data';
import { presets, settingsProblemMessages } from '../../../src/finetune/train/settings';
import { parseAdapter } from '../../../src/llm/lora/peft';
import { WorkerHandle } from '../../../src/bridges/worker-handle';
import { AdapterError, DivergedError, RagLabError, TrainingError, tKey } from '../../../src/shared/errors';
import { fakeWorkers } from '../helpers';
import { errorText, setLanguage, tr } from '../../../src/ui/i18n/i18n';

const thrown = (f: () => unknown): RagLabError => {
  try {
    f();
  } catch (e) {
    return e as RagLabError;
  }
  throw new Error('nothing was thrown');
};

const items: QaItem[] = [{ id: 'q1', question: 'Who runs the warehouse?', answer: 'Luo', split: 'train' } as QaItem];
const set = { id: 's', name: 'Demo', hash: 'h', items } as QaSet;
const form = { name: '', qaSetId: 's', split: 'test', modes: ['base'], baseModel: 'm', fineTunedModel: null, retrieval: { k: 3, mode: 'hybrid' }, temperature: 0, topP: 1, maxTokens: 8, seed: 1, limit: null } as never;
const ctx = { fineTuned: [], trainingUses: [], promptTemplate: 'T', embedderId: null, appVersion: '0', browser: 'b', gpuAdapter: 'g', now: 0 };

const errors = (): RagLabError[] => [
  thrown(() => planRun(form, undefined, ctx)),
  thrown(() => planRun(form, set, ctx)),
  thrown(() => assertNoLeakage('s', items, [trainingUse('d1', 'RAFT demo', 's', items)])),
  thrown(() => parseAdapter('{', new ArrayBuffer(0))),
  thrown(() => parseAdapter('{"r": 0, "lora_alpha": 16}', new ArrayBuffer(0))),
  thrown(() => prepareData([], () => [], [], 64)),
  thrown(() => parseTrainingJsonl('{"prompt": 1}')),
];

afterEach(() => setLanguage('en'));

describe('Evaluate and Fine-tune errors from lower layers', () => {
  it('carry keys whose English is the message word for word', () => {
    setLanguage('en');
    for (const e of errors()) {
      expect(e.i18n, e.message).toBeDefined();
      expect(errorText(e)).toBe(e.message);
    }
  });

  it('the training settings form lists its problems in the interface language', () => {
    const bad = settingsProblemMessages({ ...presets.quick, r: 0, lr: -1, targets: ['q_proj', 'w_proj' as never], steps: 0, maxLength: 8, valShare: 0.9 });
    expect(bad.length).toBeGreaterThan(4);
    setLanguage('en');
    for (const p of bad) expect(tr(p.i18n)).toBe(p.text);
    setLanguage('zh');
    expect(bad.map((p) => tr(p.i18n))).toContain('学习率必须是正数。');
  });

  it('are shown in Chinese when the interface is', () => {
    setLanguage('zh');
    const [noSet, emptySplit, leakage, json] = errors().map(errorText);
    expect(noSet).toBe('请先选择一个 QA 集：示例包的、导入的文件，或从你的文档生成的。');
    expect(emptySplit).toBe('“Demo”的测试集中没有问题。');
    expect(leakage).toContain('已用于构建微调数据集“RAFT demo”');
    expect(json).toBe('adapter_config.json 不是有效的 JSON。');
  });

  it('keep their class and key across a worker', async () => {
    type Api = { fail(): Promise<never>; refuse(): never; bug(): never };
    const { create } = fakeWorkers(() => ({
      fail: async () => {
        throw new DivergedError('The loss became NaN', { i18n: tKey('errors:training.diverged', { step: 3, lr: 0.001, lower: 0.0001 }) });
      },
      refuse: () => {
        throw new AdapterError('adapter_config.json is not valid JSON.', { i18n: tKey('errors:adapter.configJson') });
      },
      bug: () => {
        throw new TypeError('x is undefined');
      },
    }));
    const worker = new WorkerHandle<Api>(create, { idleMs: null });
    const back = (await worker.call((api) => api.fail()).catch((e: unknown) => e)) as DivergedError;
    expect(back).toBeInstanceOf(DivergedError);
    expect(back).toBeInstanceOf(TrainingError);
    expect(back.i18n).toEqual({ key: 'errors:training.diverged', params: { step: 3, lr: 0.001, lower: 0.0001 } });
    const refused = (await worker.call((api) => api.refuse()).catch((e: unknown) => e)) as AdapterError;
    expect(refused).toBeInstanceOf(AdapterError);
    expect(refused.i18n?.key).toBe('errors:adapter.configJson');
    // A bug is not one of ours: it comes back as an Error with its name and message.
    const bug = (await worker.call((api) => api.bug()).catch((e: unknown) => e)) as Error;
    expect(bug).not.toBeInstanceOf(RagLabError);
    expect(bug).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
    worker.terminate();
  });
});
