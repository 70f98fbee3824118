/** safetensors bytes for float32 tensors, in the order given; `__metadata__` defaults to {format: 'pt'}. */
export function writeSafetensors(tensors: Record<string, { shape: number[]; data: Float32Array }>, metadata?: Record<string, string>): Uint8Array;
