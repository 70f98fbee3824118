// Builds dist/sw.js: bundles src/sw/sw.ts (Serwist) with Vite, then injects the
// precache list of everything in dist/ except a pack's models/ and the built-in models' files (builtin/*/; its
// catalog.json is precached): both are cached when first used (see docs/offline.md).
// Called by vite.config.ts after the app is built.
import { join } from 'node:path';

/** What the service worker precaches of dist/ (the unit tests check it against a built tree). */
export const precacheGlobs = {
  globPatterns: ['**/*'],
  globIgnores: ['models/**', 'builtin/*/**/*', 'sw.js', '_headers'],
  // ONNX Runtime's WebAssembly is the largest file (about 27 MB).
  maximumFileSizeToCacheInBytes: 64 * 2 ** 20,
};

export async function buildServiceWorker(root, outDir) {
  const { build } = await import('vite');
  await build({
    root, configFile: false, logLevel: 'warn',
    // Serwist's development checks read process.env.NODE_ENV, which library builds leave in place.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir, emptyOutDir: false, target: 'es2020', copyPublicDir: false,
      lib: { entry: join(root, 'src/sw/sw.ts'), formats: ['iife'], name: 'ragLabServiceWorker', fileName: () => 'sw.js' },
    },
  });
  const { injectManifest } = await import('@serwist/build');
  const result = await injectManifest({
    swSrc: join(outDir, 'sw.js'),
    swDest: join(outDir, 'sw.js'),
    globDirectory: outDir,
    ...precacheGlobs,
  });
  return result;
}
