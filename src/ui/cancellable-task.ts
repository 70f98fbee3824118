// The shape every long task of the UI shares (an answer, a dataset build, a QA synthesis, an eval
// run, a training run, …): a fresh AbortSignal per run, Stop or Cancel aborts it, and an AbortError
// means "cancelled", which a view shows apart from "failed".
import { isAbortError } from '../shared/errors';

/** How a run that threw ended: the error, whether it was a cancellation (an AbortError), and the run's signal. */
export type TaskError = (e: unknown, cancelled: boolean, signal: AbortSignal) => void | Promise<void>;

/** One kind of cancellable task; a module keeps one per kind and its Cancel calls `cancel()`. */
export class CancellableTask {
  #controller: AbortController | null = null;

  /** Aborts the run in progress, if any: its work meets an AbortError at its next check. */
  cancel(): void {
    this.#controller?.abort();
  }

  /**
   * Runs `work` with a fresh AbortSignal (the issue's `runTask`). When it throws, `onError` gets the error and
   * whether it was a cancellation; without `onError` the error is rethrown. The task is free again once it ends.
   */
  async run(work: (signal: AbortSignal) => Promise<void>, onError?: TaskError): Promise<void> {
    const controller = (this.#controller = new AbortController());
    try {
      await work(controller.signal);
    } catch (e) {
      if (!onError) throw e;
      await onError(e, isAbortError(e), controller.signal);
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }
}
