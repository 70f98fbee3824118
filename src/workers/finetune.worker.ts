// Merges LoRA adapters into MLC weights off the main thread, and checks merges.
import { expose } from 'comlink';
import { checkAdapter, checkMerge, mergeModel } from '../finetune/merge-job';
import { deleteUrls, putModelFiles, readCachedOrFetch } from '../llm/web-llm/model-cache';
import { installErrorTransport } from '../bridges/error-transport';
import type { FinetuneApi } from '../shared/finetune-api';

const reader = (folder: string) => (file: string) => readCachedOrFetch(new URL(file, folder).href);

const api: FinetuneApi = {
  async check(baseUrl, baseLabel, adapter) {
    const { shape, parsed, deltas, quantization } = await checkAdapter(reader(baseUrl), adapter, baseLabel);
    return { family: shape.family, baseQuantization: quantization, r: parsed.config.r, alpha: parsed.config.lora_alpha, scale: parsed.scale, rslora: !!parsed.config.use_rslora, modules: deltas.length };
  },
  async merge(job) {
    const merged = await mergeModel(reader(job.baseUrl), job.adapter, job.baseLabel, job.referenceBase ? job.baseUrl : null, job.target);
    const written: string[] = [];
    try {
      written.push(...(await putModelFiles(job.targetUrl, merged.files)));
    } catch (e) {
      // A full disk mid-write: remove what was written, so no half model stays behind.
      await deleteUrls([...merged.files.keys()].map((f) => new URL(f, job.targetUrl).href));
      throw e;
    }
    return { summary: merged.summary, urls: written };
  },
  checkMerge: (baseUrl, mergedUrl, adapter, baseLabel) => checkMerge(reader(baseUrl), reader(mergedUrl), adapter, baseLabel),
};

installErrorTransport();
expose(api);
