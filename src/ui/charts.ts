// One bar chart per metric across modes, with the 95% bootstrap interval as a
// rule, drawn by Observable Plot as plain SVG: the same element goes into the
// page and, serialized, into the offline HTML report. Plot (with its d3 parts)
// loads on first use, not with the page.
import type { MetricDef } from '../eval/aggregate';
import type { RunSummary } from '../eval/report';
import type { EvalMode } from '../eval/types';
import { metricLabel, modeLabel } from './evaluate/eval-labels';
import { formatNumber } from './format';
import { t } from './i18n/i18n';

/** A rate as a percentage with one decimal ("45.0%"). */
const percent = (x: number) => formatNumber(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const oneDecimal = (x: number) => formatNumber(x, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
/** A value over its bar: whole units, or two decimals below 10 (a graph stage takes a fraction of a millisecond). */
const plain = (x: number) => formatNumber(x, { maximumFractionDigits: x < 10 ? 2 : 0, useGrouping: false });

const colors: Record<EvalMode, string> = { base: '#8a94a6', rag: '#2f6fde', ft: '#d9822b', 'rag-ft': '#1d9a6c' };

/** The chart of one metric, or null when it applies to no mode of the run. */
export async function metricChart(metric: MetricDef, summary: RunSummary, modes: EvalMode[]): Promise<SVGSVGElement | HTMLElement | null> {
  const data = modes.flatMap((mode) => {
    const e = summary[mode]?.[metric.id];
    return e && e.value !== null ? [{ mode: modeLabel(mode), key: mode, value: e.value, low: e.low ?? e.value, high: e.high ?? e.value }] : [];
  });
  if (!data.length) return null;
  const rate = metric.unit === 'rate';
  const Plot = await import('@observablehq/plot');
  return Plot.plot({
    width: 320,
    height: 190,
    marginLeft: 48,
    ariaLabel: t('evaluate:chart.label', { metric: metricLabel(metric.id) }),
    ariaDescription: data.map((d) => t('evaluate:chart.value', { mode: d.mode, value: rate ? percent(d.value) : d.value < 10 ? plain(d.value) : oneDecimal(d.value) })).join(t('evaluate:chart.separator')),
    x: { label: null, domain: data.map((d) => d.mode) },
    // With percent, Plot shows values ×100, so the domain is in percent too.
    y: { label: rate ? '%' : metric.unit, grid: true, percent: rate, ...(rate ? { domain: [0, 100] } : {}) },
    style: { fontSize: '11px', background: 'transparent' },
    marks: [
      Plot.barY(data, { x: 'mode', y: 'value', fill: (d: { key: EvalMode }) => colors[d.key] }),
      Plot.ruleX(data, { x: 'mode', y1: 'low', y2: 'high', stroke: '#1d2433', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
      // The value over each bar, so a 0% bar still reads as a measured zero.
      Plot.text(data, { x: 'mode', y: 'high', text: (d: { value: number }) => (rate ? percent(d.value) : plain(d.value)), dy: -8, fill: 'currentColor' }),
    ],
  });
}

export interface LossSeries {
  train: { step: number; loss: number }[];
  validation: { step: number; loss: number }[];
}

/** The training run's loss per step (train) and at each validation, on one chart. */
export async function lossChart(curve: LossSeries, totalSteps: number): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import('@observablehq/plot');
  const last = (s: { loss: number }[]) => (s.length ? formatNumber(s[s.length - 1]!.loss, { minimumFractionDigits: 3, maximumFractionDigits: 3, useGrouping: false }) : t('finetune:chart.noneYet'));
  const train = t('finetune:chart.train');
  const validation = t('finetune:chart.validation');
  return Plot.plot({
    width: 520,
    height: 220,
    marginLeft: 48,
    ariaLabel: t('finetune:chart.label'),
    ariaDescription: t('finetune:chart.description', { train: last(curve.train), validation: last(curve.validation), done: curve.train.length, total: totalSteps }),
    x: { label: t('finetune:chart.step'), domain: [0, Math.max(1, totalSteps)] },
    y: { label: t('finetune:chart.loss'), grid: true, zero: true },
    color: { legend: true, domain: [train, validation], range: ['#2f6fde', '#d9822b'] },
    style: { fontSize: '11px', background: 'transparent' },
    marks: [
      Plot.lineY(curve.train, { x: 'step', y: 'loss', stroke: () => train, strokeWidth: 1.5 }),
      Plot.dot(curve.train, { x: 'step', y: 'loss', r: 1.5, fill: () => train, ariaDescription: t('finetune:chart.trainLoss') }),
      Plot.lineY(curve.validation, { x: 'step', y: 'loss', stroke: () => validation, strokeWidth: 1.5 }),
      Plot.dot(curve.validation, { x: 'step', y: 'loss', r: 3, fill: () => validation, ariaDescription: t('finetune:chart.validationLoss') }),
    ],
  });
}
