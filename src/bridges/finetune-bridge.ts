// Main-thread handle on the fine-tune worker: started on first use, stopped when
// idle (a merge holds model tensors; the memory goes back with the worker).
import { wrap, type Remote } from 'comlink';
import type { FinetuneApi } from '../shared/finetune-api';
import { AdapterError, RagLabError } from '../shared/errors';

const idleMs = 60_000;

export class FinetuneBridge {
  #worker: Worker | null = null;
  #api: Remote<FinetuneApi> | null = null;
  #idle: ReturnType<typeof setTimeout> | null = null;
  #busy = 0;

  constructor(private readonly createWorker: () => Worker) {}

  /** Runs one call on the worker; named errors lose their class crossing threads, so AdapterError is restored by name. */
  async run<T>(call: (api: Remote<FinetuneApi>) => Promise<T>): Promise<T> {
    if (this.#idle) clearTimeout(this.#idle);
    if (!this.#api) {
      this.#worker = this.createWorker();
      this.#api = wrap<FinetuneApi>(this.#worker);
    }
    this.#busy++;
    try {
      return await call(this.#api);
    } catch (e) {
      const err = e as Error;
      if (err?.name === 'AdapterError') throw new AdapterError(err.message);
      if (err instanceof RagLabError) throw err;
      throw e;
    } finally {
      if (--this.#busy === 0) this.#idle = setTimeout(() => this.stop(), idleMs);
    }
  }

  stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }
}
