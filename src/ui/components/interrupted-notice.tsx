// Says, after a reload or a closed tab, which long job was cut off and what of
// it was not saved (see ui/job-journal.ts).
import { t } from '../i18n/i18n';
import { describeInterrupted, interruptedJobs, type JobKind } from '../job-journal';

export function InterruptedNotice({ kind }: { kind: JobKind }) {
  const jobs = interruptedJobs.value.filter((j) => j.kind === kind);
  if (!jobs.length) return null;
  const dismiss = () => (interruptedJobs.value = interruptedJobs.value.filter((j) => j.kind !== kind));
  return (
    <div class="banner" role="status" data-testid={`interrupted-${kind}`}>
      {jobs.map((j) => describeInterrupted(j)).join(t('common:sentenceSeparator'))}{' '}
      <button type="button" class="link" onClick={dismiss}>{t('common:actions.dismiss')}</button>
    </div>
  );
}
