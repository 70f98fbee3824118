// Shared plumbing for `npm run bench:*`: build the bench pages, serve them on
// localhost with the fixture models, drive headless Chromium, and print
// figures next to their baselines (a table, or one JSON object per line with --json).
import { importTsForNode } from '../node-import.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const json = process.argv.includes('--json');

/** p50 and p95 of a list of milliseconds. */
export function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)) };
}

export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Prints one measurement: a JSON line, or a readable line. */
export function report(result) {
  if (json) return console.log(JSON.stringify(result));
  const { bench, case: name, n, baseline, ...figures } = result;
  const fmt = (o) => Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ');
  const base = Object.values(baseline).some((v) => typeof v === 'object')
    ? Object.entries(baseline).map(([k, v]) => `\n    ${k}: ${typeof v === 'object' ? fmt(v) : v}`).join('')
    : fmt(baseline);
  console.log(`${bench} · ${name} (n=${n})\n  ours:     ${fmt(figures)}\n  baseline: ${base}`);
}

function findChromium() {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p) try { execFileSync(p, ['--version'], { stdio: 'ignore' }); return p; } catch { /* next */ }
  }
  throw new Error('No Chromium found: install one (apt-get install chromium) or set CHROME_PATH.');
}

/**
 * Builds the bench pages (src/bench/pages/) and serves them; returns { page, browser, url, close }. `fixtures: false` keeps the
 * models folder as it is (the server lists its files once, at start, so extra models go in first).
 */
export async function openBench({ port = 4393, fixtures = true, persistent = false } = {}) {
  if (fixtures) execFileSync(process.execPath, [join(root, 'scripts', 'make-fixtures.mjs')], { stdio: 'ignore' });
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src/bench/pages/vite.config.ts', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const server = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--port', String(port), '--dist', join(root, 'dist-bench'), '--models', join(root, 'test/fixtures/models')], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const args = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // `persistent`: a profile on disk, as a person's browser has. A fresh context is off the record: its OPFS and
  // IndexedDB live in memory behind inter-process calls (an OPFS read of one row costs 0.3 ms there, 6 µs on disk).
  // A string is a profile folder to keep (and reuse) between runs.
  const profile = typeof persistent === 'string' ? persistent : persistent ? mkdtempSync(join(tmpdir(), 'rag-lab-bench-')) : null;
  const context = profile ? await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args }) : null;
  const browser = context ? null : await chromium.launch({ executablePath: findChromium(), args });
  const page = context ? await context.newPage() : await (await browser.newContext()).newPage();
  const url = `http://127.0.0.1:${port}/`;
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'bench ready');
  return {
    page,
    url,
    /** Reloads the page: a new JS heap, so nothing stays cached in memory. */
    async reload() {
      await page.reload();
      await page.waitForFunction(() => document.title === 'bench ready');
    },
    async close() {
      await (context ?? browser).close();
      server.kill();
      if (profile && typeof persistent !== 'string') rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Builds one src/bench/*.ts module for Node with Vite (TypeScript, same resolution as the app) and imports it. */
export function importForNode(name) {
  return importTsForNode(root, join(root, 'src', 'bench', `${name}.ts`), `bench-${name}`);
}
