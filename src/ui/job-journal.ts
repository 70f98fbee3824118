// Long jobs that cannot resume after a reload (building a dataset, generating
// QA pairs) write a small journal entry while they run, and hold a Web Lock.
// At start-up an entry whose lock nobody holds was cut off by a reload or a
// closed tab: the page then says exactly what was not finished.
import { signal } from '@preact/signals';
import { t } from './i18n/i18n';

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
  const update = (patch: Partial<JobEntry>) => write((entry = { ...entry, ...patch }));
  // The entry is written only while the lock is held, so a start-up check in another tab never sees it unlocked.
  const run = async () => {
    write(entry);
    try {
      return await job(update);
    } finally {
      localStorage.removeItem(key(kind));
    }
  };
  return navigator.locks ? navigator.locks.request(lockName(kind), run) : run();
}

/** Unsaved work this tab holds, and how to let go of its lock. */
const unsavedSlots = new Map<JobKind, { dropped: boolean; release?: () => void }>();

/** Marks a job whose running part ended but whose result waits unsaved (a review); the lock is held until clearJob. */
export function keepUnsaved(kind: JobKind, label: string, unsaved: string): void {
  clearSlot(kind);
  const entry: JobEntry = { kind, label, done: 0, total: 0, unsaved, startedAt: Date.now() };
  if (!navigator.locks) return write(entry);
  const slot: { dropped: boolean; release?: () => void } = { dropped: false };
  unsavedSlots.set(kind, slot);
  void navigator.locks.request(lockName(kind), () => {
    // Saved or dropped while this request waited behind another tab: nothing to mark.
    if (slot.dropped) return;
    write(entry);
    return new Promise<void>((resolve) => (slot.release = resolve));
  });
}

function clearSlot(kind: JobKind): void {
  const slot = unsavedSlots.get(kind);
  if (!slot) return;
  slot.dropped = true;
  slot.release?.();
  unsavedSlots.delete(kind);
}

/** The unsaved work was saved or dropped. */
export function clearJob(kind: JobKind): void {
  localStorage.removeItem(key(kind));
  clearSlot(kind);
}

/**
 * At start-up: entries whose job no tab is running any more. Taking the job's lock first waits
 * out a job another tab is still running (it removes its entry when it ends) and the moment a
 * closed or reloaded page takes to release its locks; an entry still there then was cut off.
 */
export async function findInterruptedJobs(): Promise<void> {
  const check = (kind: JobKind) => {
    const raw = localStorage.getItem(key(kind));
    if (!raw) return;
    localStorage.removeItem(key(kind));
    try {
      const entry = JSON.parse(raw) as JobEntry;
      interruptedJobs.value = [...interruptedJobs.value.filter((j) => j.kind !== kind), entry];
    } catch {
      // A damaged entry says nothing useful.
    }
  };
  await Promise.all((['dataset', 'synthesis'] as const).map((kind) =>
    navigator.locks ? navigator.locks.request(lockName(kind), async () => check(kind)) : check(kind)));
}

/** The sentence that says what was not finished. */
export function describeInterrupted(j: JobEntry): string {
  // The label and the unsaved part were written in the language of the moment the job ran.
  if (j.unsaved) return t('common:interrupted.unsaved', { unsaved: j.unsaved, label: j.label });
  const params = { label: j.label, done: j.done, total: j.total };
  return j.kind === 'dataset' ? t('common:interrupted.dataset', params) : t('common:interrupted.synthesis', params);
}
