// The library's protocol between tabs of the same site: a BroadcastChannel that says what
// changed, and the Web Lock that makes exactly one tab work the persisted ingestion queue
// (docs/architecture.md, "What crosses between threads"). It knows nothing of the service:
// library-actions.ts hands it what to do on each message.
import type { Progress, QueueItem } from '../../library/library-service';

const channelName = 'rag-lab-library';
/** The Web Lock that makes exactly one tab work the persisted ingestion queue. */
const queueLockName = 'rag-lab-ingest-queue';

/** Messages between tabs on the library channel ("changed" is the original plain string). */
export type TabMessage =
  | 'changed'
  | { type: 'queued' }
  | { type: 'cancel' }
  | { type: 'progress'; busy: boolean; queue: QueueItem[]; progress: Progress };

let channel: BroadcastChannel | null = null;
/** This tab told the others about its progress: it tells them when it stops, too. */
let broadcasting = false;

/** Starts listening to the other tabs. */
export function openTabChannel(onMessage: (message: TabMessage) => void): void {
  channel = new BroadcastChannel(channelName);
  channel.onmessage = (e: MessageEvent<TabMessage>) => onMessage(e.data);
}

function post(message: TabMessage): void {
  channel?.postMessage(message);
}

/** Tells other tabs to re-read the library. */
export function announceChange(): void {
  post('changed');
}

/** Asks the tab that works the queue (which may be another one) to stop. */
export function announceCancel(): void {
  post({ type: 'cancel' });
}

/** Files went into the persisted queue: the working tab takes them in. */
export function announceQueued(): void {
  // A query answers after this tab's own lock request is registered, so tabs woken by the message queue up behind it.
  void (navigator.locks?.query() ?? Promise.resolve()).then(() => post({ type: 'queued' }));
}

/** The tab that works the queue shows its progress in the other tabs too, and says when it stops. */
export function shareProgress(owner: boolean, busy: boolean, queue: QueueItem[], progress: Progress): void {
  if (owner || broadcasting) post({ type: 'progress', busy: busy && owner, queue, progress });
  broadcasting = owner;
}

/** The Web Locks API where the browser has it; else each tab works on its own (the unique hash still prevents copies). */
export function withQueueLock(work: () => Promise<void>): Promise<void> {
  return navigator.locks ? navigator.locks.request(queueLockName, work) : work();
}

/** Whether another open tab works the queue right now (asked before this tab may take the lock itself). */
export async function queueWorkedElsewhere(): Promise<boolean> {
  return (await navigator.locks?.query().catch(() => null))?.held?.some((l) => l.name === queueLockName) ?? false;
}
