// Where the global set-up leaves the seeded demo libraries (ignored by git).
import { join } from 'node:path';

export const demoLibraries = [
  { id: 'en', folder: 'demo', documents: 26 },
  { id: 'zh', folder: 'demo-zh', documents: 22 },
] as const;

export type DemoLibraryId = (typeof demoLibraries)[number]['id'];

export const seededLibraryPath = (id: DemoLibraryId) => join(import.meta.dirname, '..', 'fixtures', 'libraries', `demo-${id}.zip`);
