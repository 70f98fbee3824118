export const BUCKETS: number;
export const DIM: number;
export const builtinEmbedderFolder: string;
export const builtinRerankerFolder: string;
export function writeBuiltinModels(dir: string): Promise<{ vocabSize: number; dim: number }>;
