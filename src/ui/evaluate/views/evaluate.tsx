import { useEffect } from 'preact/hooks';
import { say, t } from '../../i18n/i18n';
import type { Services } from '../../actions';
import { selectRun } from '../eval-actions';
import { evalNotice, evalReady, runs, selectedRunId } from '../eval-state';
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
  if (!evalReady.value) return <section class="card"><h2>{t('evaluate:title')}</h2><p class="muted">{evalNotice.value ? say(evalNotice.value.text) : t('evaluate:opening')}</p></section>;
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
