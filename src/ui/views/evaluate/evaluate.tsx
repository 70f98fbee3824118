import { useEffect } from 'preact/hooks';
import type { Services } from '../../actions';
import { selectRun } from '../../eval-actions';
import { evalNotice, evalReady, runs, selectedRunId } from '../../eval-state';
import { QaSetsPanel } from './qa-sets';
import { RunDetails } from './run-details';
import { RunFormPanel } from './run-form';
import { RunList } from './run-list';
import { SynthesisPanel } from './synthesis';

export function EvaluateView({ services }: { services: Services }) {
  // The latest run's results are read when Evaluate opens, not at start-up.
  useEffect(() => {
    if (evalReady.value && !selectedRunId.value && runs.value[0]) void selectRun(runs.value[0].id);
  }, [evalReady.value]);
  if (!evalReady.value) return <section class="card"><h2>Evaluate on a question set</h2><p class="muted">{evalNotice.value?.text ?? 'Opening stored runs…'}</p></section>;
  return (
    <>
      <QaSetsPanel services={services} />
      <RunFormPanel services={services} />
      <RunList services={services} />
      <RunDetails />
      <SynthesisPanel services={services} />
    </>
  );
}
