export function buildServiceWorker(root: string, outDir: string): Promise<{ count: number; size: number; warnings: string[] }>;
export const precacheGlobs: { globPatterns: string[]; globIgnores: string[]; maximumFileSizeToCacheInBytes: number };
