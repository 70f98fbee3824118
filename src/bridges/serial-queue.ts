// Jobs for one worker model, one at a time and in order. A job whose signal
// aborted while it waited does not start; a failed job does not stop the next.
import { abortError } from '../shared/errors';

/** Returns `enqueue(signal, job)`: the job runs after every job enqueued before it has settled. */
export function serialQueue(): <T>(signal: AbortSignal | undefined, job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(signal: AbortSignal | undefined, job: () => Promise<T>): Promise<T> => {
    const run = async () => {
      if (signal?.aborted) throw abortError();
      return job();
    };
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}
