import { say } from '../i18n/i18n';
import type { Task } from '../state';

/** A labelled progress bar; indeterminate when the fraction is unknown. */
export function TaskProgress({ task, name }: { task: Task; name: string }) {
  if (task.state === 'idle') return null;
  if (task.state === 'failed') {
    return (
      <p class="error" role="alert">
        {say(task.message)}
      </p>
    );
  }
  return (
    <div class="progress">
      <progress aria-label={name} max={1} value={task.fraction ?? undefined} />
      <span>{say(task.label)}</span>
    </div>
  );
}
