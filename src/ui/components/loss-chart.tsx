// A training run's loss chart (train per step, validation every few steps), drawn by
// Observable Plot: live in Fine-tune while a run trains, and from the stored training
// record in Evaluate's provenance.
import { useEffect, useRef } from 'preact/hooks';
import { lossChart, type LossSeries } from '../charts';

export function LossChart({ curve, totalSteps, caption, testId }: { curve: LossSeries; totalSteps: number; caption: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void lossChart(curve, totalSteps).then((chart) => live && box.current?.replaceChildren(chart));
    return () => void (live = false);
  }, [curve, totalSteps]);
  if (!totalSteps) return null;
  return <figure class="chart" data-testid={testId}><figcaption>{caption}</figcaption><div ref={box} /></figure>;
}
