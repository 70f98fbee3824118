export function mirrored(url: string, source: string | null | undefined): string;
export function resolveMain(modelUrl: string): string;
export function onnxFile(dtype: string): string;
