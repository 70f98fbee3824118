// Long jobs that cannot resume after a reload (building a dataset, generating
// QA pairs) write a small journal entry while they run, and hold a Web Lock.
// At start-up an entry whose lock nobody holds was cut off by a reload or a
// closed tab: the page then says exactly what was not finished.
import { signal } from '@preact/signals';

export type JobKind = 'dataset' | 'synthesis';

export interface JobEntry {
  kind: JobKind;
  /** What the job was making, in words ("dataset "RAFT · demo""). */
  label: string;
  done: number;
  total: number;
  /** What the job had that was not saved, in words, when it had something (review pairs). */
  unsaved?: string;
  startedAt: number;
}

const key = (kind: JobKind) => `rag-lab-job-${kind}`;
const lockName = (kind: JobKind) => `rag-lab-job-${kind}`;

/** Jobs found cut off at start-up, until the person dismisses the notice. */
export const interruptedJobs = signal<JobEntry[]>([]);

function write(entry: JobEntry): void {
  try {
    localStorage.setItem(key(entry.kind), JSON.stringify(entry));
  } catch {
    // Storage full or disabled: the job runs, it just cannot be reported after a reload.
  }
}

/**
 * Runs a job under its lock and journal entry. `update` records progress; the
 * entry is removed when the job ends in any way this tab sees (done, failed, cancelled).
 */
export async function journaled<T>(kind: JobKind, label: string, total: number, job: (update: (patch: Partial<JobEntry>) => void) => Promise<T>): Promise<T> {
  let entry: JobEntry = { kind, label, done: 0, total, startedAt: Date.now() };
  write(entry);
  const update = (patch: Partial<JobEntry>) => write((entry = { ...entry, ...patch }));
  const run = async () => {
    try {
      return await job(update);
    } finally {
      localStorage.removeItem(key(kind));
    }
  };
  return navigator.locks ? navigator.locks.request(lockName(kind), run) : run();
}

const releases = new Map<JobKind, () => void>();

/** Marks a job whose running part ended but whose result waits unsaved (a review); the lock is held until clearJob. */
export function keepUnsaved(kind: JobKind, label: string, unsaved: string): void {
  write({ kind, label, done: 0, total: 0, unsaved, startedAt: Date.now() });
  releases.get(kind)?.();
  void navigator.locks?.request(lockName(kind), () => new Promise<void>((resolve) => releases.set(kind, resolve)));
}

/** The unsaved work was saved or dropped. */
export function clearJob(kind: JobKind): void {
  localStorage.removeItem(key(kind));
  releases.get(kind)?.();
  releases.delete(kind);
}

/** At start-up: entries whose job no tab is running any more. */
export async function findInterruptedJobs(): Promise<void> {
  const held = new Set(((await navigator.locks?.query())?.held ?? []).map((l) => l.name));
  const found: JobEntry[] = [];
  for (const kind of ['dataset', 'synthesis'] as const) {
    const raw = localStorage.getItem(key(kind));
    if (!raw || held.has(lockName(kind))) continue;
    try {
      found.push(JSON.parse(raw) as JobEntry);
    } catch {
      // A damaged entry says nothing useful.
    }
    localStorage.removeItem(key(kind));
  }
  interruptedJobs.value = found;
}

/** The sentence that says what was not finished. */
export function describeInterrupted(j: JobEntry): string {
  if (j.unsaved) return `Before the page was reloaded or closed, ${j.unsaved} of ${j.label} had not been saved. Nothing of it was kept: generate it again.`;
  const what = j.kind === 'dataset' ? 'Building' : 'Generating questions for';
  const unit = j.kind === 'dataset' ? 'questions' : 'passages';
  return `${what} ${j.label} was stopped by a reload or a closed tab after ${j.done} of ${j.total} ${unit}. Nothing of it was saved: start it again.`;
}
