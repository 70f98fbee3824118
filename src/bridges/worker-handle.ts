// The one way a bridge holds a worker: started lazily on the first call, the
// calls in flight counted, stopped after a while idle to give its memory back,
// and a crash (the worker's 'error' event) turned into a rejected call instead
// of a promise that never settles (a deliberate terminate rejects them with an
// AbortError). Bridges add their own typed methods on top.
import { wrap, type Remote } from 'comlink';
import { WorkerCrashError, abortError } from '../shared/errors';
import { installErrorTransport } from './error-transport';

// Named errors come back from every worker as their class, with code and translation key.
installErrorTransport();

export interface WorkerHandleOptions {
  /** Stop the worker this long after the last call ends; null keeps it (a loaded LLM). */
  idleMs: number | null;
  /** Called whenever the worker stops (idle, terminate or crash): the bridge forgets worker-side state. */
  onStop?: () => void;
  /** The sentence a crashed call rejects with, given what happened ("out of memory"); it should say what to do. */
  crashMessage?: (reason: string) => string;
}

export class WorkerHandle<Api> {
  #worker: Worker | null = null;
  #api: Remote<Api> | null = null;
  #pending = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rejects the calls in flight when the worker dies under them. */
  #crashed = new Set<(e: Error) => void>();

  constructor(
    private readonly createWorker: () => Worker,
    private readonly options: WorkerHandleOptions,
  ) {}

  /** Whether a worker is running now. */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** Runs one call on the worker, starting it if needed. */
  async call<T>(fn: (api: Remote<Api>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    const api = this.#start();
    this.#pending++;
    let onCrash: (e: Error) => void = () => undefined;
    const crash = new Promise<never>((_, reject) => (onCrash = reject));
    this.#crashed.add(onCrash);
    try {
      return await Promise.race([fn(api), crash]);
    } finally {
      this.#crashed.delete(onCrash);
      if (--this.#pending === 0 && this.#worker && this.options.idleMs !== null) {
        this.#idleTimer = setTimeout(() => this.terminate(), this.options.idleMs);
      }
    }
  }

  /** Stops the worker now and frees its memory; calls in flight reject with an AbortError; the next call starts a fresh one. */
  terminate(): void {
    this.#stop(abortError('The worker was stopped.'));
  }

  /** Treats the worker as crashed: it is stopped, and calls in flight reject with a WorkerCrashError saying why. */
  crash(reason: string): void {
    this.#stop(new WorkerCrashError(this.options.crashMessage?.(reason) ?? `The worker stopped unexpectedly (${reason}).`));
  }

  #stop(error: Error): void {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = null;
    this.#api = null;
    worker?.terminate();
    if (worker) this.options.onStop?.();
    for (const reject of this.#crashed) reject(error);
    this.#crashed.clear();
  }

  #start(): Remote<Api> {
    if (!this.#api) {
      const worker = this.createWorker();
      // An uncaught error in the worker's top level or a crash of its runtime: the worker cannot be trusted any more.
      worker.addEventListener('error', (e) => {
        e.preventDefault?.();
        if (this.#worker === worker) this.crash(e.message || 'an error in the worker');
      });
      this.#worker = worker;
      this.#api = wrap<Api>(worker);
    }
    return this.#api;
  }
}
