// The one-click demo packs: public/demo/ (English, ~25 documents of an invented
// island cooperative) and public/demo-zh/ (Chinese, an invented island tea
// cooperative), each a manifest, documents and a QA set. Fetched from the app's
// own origin.
import { PackError, tKey } from '../shared/errors';

export type DemoDocType = 'md' | 'txt' | 'html' | 'pdf' | 'docx';

export interface DemoDocument {
  id: string;
  file: string;
  title: string;
  type: DemoDocType;
}

export interface DemoManifest {
  name: string;
  version: 1;
  description: string;
  documents: DemoDocument[];
  qa: { file: string; split: string };
  /** Gold triples of the documents (kg.jsonl), for measuring the knowledge-graph extractor. */
  kg?: { file: string };
}

export interface DemoPackInfo {
  id: 'en' | 'zh';
  /** Folder under the app's base URL, with a trailing slash. */
  folder: string;
}

/** The packs the Library and Evaluate offer, English first. */
export const demoPacks: readonly DemoPackInfo[] = [
  { id: 'en', folder: 'demo/' },
  { id: 'zh', folder: 'demo-zh/' },
];

const docTypes: readonly string[] = ['md', 'txt', 'html', 'pdf', 'docx'];

/** Validates a parsed manifest; throws PackError naming the first problem. */
export function parseDemoManifest(json: unknown): DemoManifest {
  const m = json as Partial<DemoManifest> | null;
  if (!m || typeof m !== 'object' || m.version !== 1 || typeof m.name !== 'string' || !Array.isArray(m.documents)) {
    throw new PackError('The demo pack manifest (demo/manifest.json) is not a version-1 pack manifest. Rebuild the site or restore public/demo/.');
  }
  const ids = new Set<string>();
  m.documents.forEach((d, i) => {
    if (typeof d?.id !== 'string' || typeof d.file !== 'string' || !docTypes.includes(d.type)) {
      throw new PackError(`Demo pack document ${i + 1} needs an id, a file and a type (${docTypes.join(', ')}).`);
    }
    if (ids.has(d.id)) throw new PackError(`Demo pack document id "${d.id}" appears twice.`);
    ids.add(d.id);
  });
  if (!m.qa || typeof m.qa.file !== 'string') throw new PackError('The demo pack manifest must name its QA file.');
  return m as DemoManifest;
}

export interface LoadedDemoFile {
  doc: DemoDocument;
  file: File;
}

/** Fetches the manifest, then every document as a File, reporting each one as it arrives. */
export async function fetchDemoPack(
  appBaseUrl: string,
  onFile?: (done: number, total: number) => void,
  signal?: AbortSignal,
  folder = 'demo/',
): Promise<{ manifest: DemoManifest; files: LoadedDemoFile[] }> {
  const base = new URL(folder, appBaseUrl);
  const res = await fetch(new URL('manifest.json', base), { signal });
  if (!res.ok) {
    throw new PackError(tKey('errors:demo.missing', { status: res.status, folder }));
  }
  const manifest = parseDemoManifest(await res.json());
  const files: LoadedDemoFile[] = [];
  for (const doc of manifest.documents) {
    const r = await fetch(new URL(doc.file, base), { signal });
    if (!r.ok) throw new PackError(tKey('errors:demo.document', { file: doc.file, status: r.status }));
    const name = doc.file.split('/').pop() ?? doc.file;
    files.push({ doc, file: new File([await r.blob()], name, { type: r.headers.get('content-type') ?? '' }) });
    onFile?.(files.length, manifest.documents.length);
  }
  return { manifest, files };
}
