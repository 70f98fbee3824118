export function buildServiceWorker(root: string, outDir: string): Promise<{ count: number; size: number; warnings: string[] }>;
