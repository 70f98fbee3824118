// Finds a Chromium for the browser tests and the flags that give it WebGPU on
// a machine without a GPU (SwiftShader). Playwright's own browser download is
// never used: it needs the internet.
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** CHROME_PATH first, then the usual install locations; a clear error otherwise. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium or Chrome found for the browser tests. Install one (Debian/Ubuntu: "sudo apt-get install chromium"), ' +
      'or set CHROME_PATH to its executable.',
  );
}

/**
 * Launch flags: WebGPU through SwiftShader and no background network. The fresh
 * profile comes from Playwright itself: launch() always starts in a new temporary
 * user-data-dir (and refuses the flag).
 */
export function chromiumArgs(): string[] {
  const args = [
    '--enable-unsafe-webgpu',
    '--use-webgpu-adapter=swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
