// Files from a drop, including the contents of dropped folders where the
// browser exposes them (webkitGetAsEntry). Hidden files (.DS_Store…) are skipped.

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: Entry, out: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile && entry.file) {
    out.push(await new Promise<File>((ok, fail) => entry.file!(ok, fail)));
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries returns at most ~100 entries per call: read until it returns none.
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const child of batch) await walk(child, out);
    }
  }
}

export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const entries: Entry[] = [];
  for (const item of Array.from(data.items)) {
    const entry = item.webkitGetAsEntry?.() as unknown as Entry | null;
    if (entry) entries.push(entry);
  }
  if (!entries.length) return Array.from(data.files);
  const out: File[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** Files from a folder picker, without hidden files. */
export function visibleFiles(list: ArrayLike<File> | null): File[] {
  return Array.from(list ?? []).filter((f) => !f.name.startsWith('.') && !(f.webkitRelativePath ?? '').split('/').some((p) => p.startsWith('.')));
}
