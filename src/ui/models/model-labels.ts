// Model choices and their "cannot run here" reasons in the interface language. The registry
// (llm/model-registry.ts) keeps English labels for stored provenance and gives their parts as data.
import type { LlmChoice } from '../../llm/model-registry';
import { unavailableReasons } from '../../llm/web-llm/app-config';
import { formatNumber } from '../format';
import { t } from '../i18n/i18n';

const reasonKeys: Record<string, string> = {
  [unavailableReasons.webgpu]: 'common:unavailable.webgpu',
  [unavailableReasons.shaderF16]: 'common:unavailable.shaderF16',
  [unavailableReasons.shaderF16Merged]: 'common:unavailable.shaderF16Merged',
};

/** Why a model cannot run here, translated (an unknown reason is shown as it is). */
export function reasonText(reason: string): string {
  const key = reasonKeys[reason];
  return key ? t(key) : reason;
}

/** A model choice's label: "SmolLM2 — lab engine, WebGPU" / "SmolLM2 — 实验引擎，WebGPU". */
export function choiceLabel(m: LlmChoice): string {
  const p = m.parts;
  if (!p) return m.label;
  if (p.engine === 'lab') return t(p.labDevice === 'webgpu' ? 'common:llmLabel.labWebGpu' : 'common:llmLabel.labCpu', { name: p.name });
  if (p.downloaded) return t('common:llmLabel.webLlmDownloaded', { name: p.name });
  if (p.vramMB) return t('common:llmLabel.webLlmDownload', { name: p.name, mb: formatNumber(Math.round(p.vramMB), { useGrouping: false }) });
  return t('common:llmLabel.webLlm', { name: p.name });
}
