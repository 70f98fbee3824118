// Reads the safetensors format: an 8-byte little-endian header length, a JSON
// header {name: {dtype, shape, data_offsets}}, then the raw little-endian data.
import { bf16ToF32, f16ToF32 } from '../mlc/tensor-cache';
import { AdapterError, tKey } from '../../shared/errors';

export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

const itemSize: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

/** Every tensor, decoded to float32. Throws AdapterError for a damaged or unsupported file. */
export function readSafetensors(buffer: ArrayBuffer, fileName = 'adapter_model.safetensors'): Map<string, NamedTensor> {
  const bad = (why: string) => new AdapterError(tKey('errors:adapter.safetensors', { file: fileName, why }));
  if (buffer.byteLength < 8) throw bad('it is too short.');
  const headerLength = Number(new DataView(buffer).getBigUint64(0, true));
  if (headerLength > buffer.byteLength - 8 || headerLength > 100 * 2 ** 20) throw bad('its header length is larger than the file.');
  let header: Record<string, { dtype?: string; shape?: number[]; data_offsets?: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)));
  } catch {
    throw bad('its header is not JSON.');
  }
  const dataStart = 8 + headerLength;
  const out = new Map<string, NamedTensor>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = info;
    if (!dtype || !(dtype in itemSize)) throw bad(`tensor ${name} has dtype ${String(dtype)}; only F32, F16 and BF16 are read.`);
    if (!Array.isArray(shape) || !Array.isArray(offsets) || offsets.length !== 2) throw bad(`tensor ${name} lacks a shape or data offsets.`);
    const n = shape.reduce((a, b) => a * b, 1);
    const [begin, end] = offsets;
    if (end - begin !== n * itemSize[dtype]! || dataStart + end > buffer.byteLength || begin < 0) throw bad(`tensor ${name}'s data does not match its shape or lies outside the file.`);
    // Copy: the data may not be aligned for a typed-array view.
    const bytes = buffer.slice(dataStart + begin, dataStart + end);
    const data = dtype === 'F32' ? new Float32Array(bytes) : dtype === 'F16' ? f16ToF32(new Uint16Array(bytes)) : bf16ToF32(new Uint16Array(bytes));
    out.set(name, { shape, data });
  }
  return out;
}
