// The one way to put jax-js on a device: initialise the backend, check that this environment
// has it, and make it the default that every later array and jit lands on. jax-js is imported on
// first use, so code that only names a device does not load it.

/** The devices jax-js runs on here (the lab engine's 'cpu' is the TypeScript reference, not jax-js). */
export type JaxDevice = 'webgpu' | 'wasm';

/** Initialises `device` and makes it jax-js's default; false (and nothing changed) when this environment lacks it. */
export async function useJaxDevice(device: JaxDevice): Promise<boolean> {
  const { init, defaultDevice } = await import('@jax-js/jax');
  const available = await init(device).catch((): string[] => []);
  if (!available.includes(device)) return false;
  defaultDevice(device);
  return true;
}

/** WebGPU where it works, else WebAssembly; throws when neither does. */
export async function pickJaxDevice(): Promise<JaxDevice> {
  if (await useJaxDevice('webgpu')) return 'webgpu';
  if (await useJaxDevice('wasm')) return 'wasm';
  throw new Error('Neither WebGPU nor WebAssembly is available to jax-js here.');
}
