import { useEffect, useRef } from 'preact/hooks';
import type { MetricDef } from '../../../eval/aggregate';
import type { RunSummary } from '../../../eval/report';
import type { EvalMode } from '../../../eval/types';
import { metricChart } from '../../charts';

/** One metric's chart; Plot builds the SVG, which is placed into the box. */
export function MetricChart({ metric, summary, modes }: { metric: MetricDef; summary: RunSummary; modes: EvalMode[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void metricChart(metric, summary, modes).then((chart) => live && box.current?.replaceChildren(...(chart ? [chart] : [])));
    return () => void (live = false);
  }, [metric, summary, modes]);
  return <figure class="chart" data-metric={metric.id}><figcaption>{metric.label}</figcaption><div ref={box} /></figure>;
}
