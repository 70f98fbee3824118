// A training run's loss chart (train per step, validation every few steps), drawn by
// Observable Plot: live in Fine-tune while a run trains, and from the stored training
// record in Evaluate's provenance.
import { useEffect, useRef } from 'preact/hooks';
import { lossChart, type LossSeries } from '../charts';
import { language } from '../i18n/i18n';

export function LossChart({ curve, totalSteps, caption, testId }: { curve: LossSeries; totalSteps: number; caption: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const lang = language.value; // the chart's words follow the interface language
  useEffect(() => {
    let live = true;
    void lossChart(curve, totalSteps).then((chart) => live && box.current?.replaceChildren(chart));
    return () => void (live = false);
  }, [curve, totalSteps, lang]);
  if (!totalSteps) return null;
  return <figure class="chart" data-testid={testId}><figcaption>{caption}</figcaption><div ref={box} /></figure>;
}
