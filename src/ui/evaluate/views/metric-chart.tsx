import { useEffect, useRef } from 'preact/hooks';
import type { MetricDef } from '../../../eval/aggregate';
import type { RunSummary } from '../../../eval/report';
import type { EvalMode } from '../../../eval/types';
import { metricChart } from '../../charts';
import { language } from '../../i18n/i18n';
import { metricLabel } from '../eval-labels';

/** One metric's chart; Plot builds the SVG, which is placed into the box. */
export function MetricChart({ metric, summary, modes }: { metric: MetricDef; summary: RunSummary; modes: EvalMode[] }) {
  const box = useRef<HTMLDivElement>(null);
  const lang = language.value; // the chart's labels are in the interface language: redraw on a switch
  useEffect(() => {
    let live = true;
    void metricChart(metric, summary, modes).then((chart) => live && box.current?.replaceChildren(...(chart ? [chart] : [])));
    return () => void (live = false);
  }, [metric, summary, modes, lang]);
  return <figure class="chart" data-metric={metric.id}><figcaption>{metricLabel(metric.id)}</figcaption><div ref={box} /></figure>;
}
