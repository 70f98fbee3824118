// Workshop packs and privacy: a pack made by `npm run pack` from the fixtures (via
// a local fake hub), served with the built site. The whole flow runs while every
// request is recorded; then again with the network off, from the service worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { makePack } from '../../scripts/pack.mjs';
import { chatMaxTokens, nav } from './helpers';
import { fixtureEmbedderId, fixtureLlmId, fixtureRecord, startFakeHub, type FakeHub } from '../support/fake-hub.mjs';

// Its own servers sit just above the suite's port, so that runs on other ports (RAG_LAB_TEST_PORT) do not collide.
const port = Number(process.env.RAG_LAB_TEST_PORT ?? 4317) + 2;
const origin = `http://127.0.0.1:${port}`;
let hub: FakeHub;
let server: ChildProcess;

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startFakeHub('test/fixtures/models');
  const pack = mkdtempSync(join(tmpdir(), 'rag-lab-pack-'));
  await makePack({ llm: fixtureLlmId, embedder: fixtureEmbedderId, source: hub.url, out: pack, lab: true, docs: 'public/demo/docs', prebuilt: [fixtureRecord], log: () => {} });
  await hub.close();
  server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port), '--models', pack], { stdio: 'ignore' });
  await expect.poll(() => fetch(`${origin}/`).then((r) => r.status, () => 0), { timeout: 15_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill();
});

/** Four of the demo pack's documents, one of each text format: what is sent while indexing does not depend on how many. */
const indexedHere = ['kelp-harvest-guide.md', 'history.md', 'honey-and-bees.txt', 'price-list-2026.html'];

/** Sentences from the documents indexed here: none may appear in any request body. */
const documentText = readdirSync('public/demo/docs').filter((f) => /\.(md|txt)$/.test(f) && indexedHere.includes(f)).map((f) => readFileSync(join('public/demo/docs', f), 'utf8').split('\n').find((l) => l.length > 60)!.slice(0, 50));

function audit(context: BrowserContext) {
  const requests: { url: string; body: string | null }[] = [];
  context.on('request', (r) => requests.push({ url: r.url(), body: r.postData() }));
  return requests;
}

async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const swState = (page: Page) => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state ?? 'none'));
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

async function indexDocuments(page: Page) {
  await nav(page, 'Library');
  await page.getByLabel('Add documents').setInputFiles(indexedHere.map((f) => join('public/demo/docs', f)));
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(indexedHere.length, { timeout: 120_000 });
}

/** Ask with retrieval; then (unless `evaluate` is false) run a one-question eval and export its report. */
async function askAndEvaluate(page: Page, evaluate = true) {
  await nav(page, 'Chat');
  await expect(page.getByLabel('Model')).toHaveValue(`lab/${fixtureLlmId}`);
  await chatMaxTokens(page, 4);
  await page.getByLabel('Ask a question').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(turn.locator('ol[aria-label="Sources"] li').first()).toHaveAttribute('data-doc', 'kelp-harvest-guide.md');
  if (!evaluate) return;
  await nav(page, 'Evaluate');
  await page.getByRole('button', { name: "Add the demo pack's QA set" }).click();
  await expect(page.getByRole('table', { name: 'QA sets' })).toBeVisible();
  for (const [label, value] of [['Question limit', '1'], ['Max tokens', '4']] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(1, { timeout: 120_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML report' }).click();
  expect(readFileSync((await (await download).path())!, 'utf8')).toContain('<svg');
}

test('with a workshop pack, the whole flow makes no request outside the page\'s origin, sends no document text, and breaks no CSP rule; then it runs again offline', async ({ page, context }) => {
  test.setTimeout(420_000);
  const requests = audit(context);
  await watchCsp(page);
  const response = await page.goto(`${origin}/`);
  // The policy is both a header (which also covers workers) and a meta tag (any static host).
  expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("connect-src 'self'");
  // The app shell is cached by the service worker before going on.
  await expect.poll(() => swState(page), { timeout: 60_000 }).toBe('activated');
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await nav(page, 'About');
  await expect(page.getByRole('heading', { name: 'What leaves the device' })).toBeVisible();
  await expect(page.getByText('The app is cached: it opens with the network off.')).toBeVisible();
  await indexDocuments(page);
  await askAndEvaluate(page);

  const offOrigin = requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(r.url));
  expect(offOrigin).toEqual([]);
  expect(requests.filter((r) => r.body && documentText.some((t) => r.body!.includes(t)))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);

  // Offline: everything from the caches. The stored library is kept (indexing it again would prove nothing more);
  // the demo pack's files are served by the service worker, a new document is indexed with the pack's embedder, and
  // the chat and the eval run as before.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-status')).toContainText('Offline');
  expect(await page.evaluate(async () => {
    const manifest = await (await fetch('demo/manifest.json')).json() as { documents: { file: string }[] };
    const ok = await Promise.all(manifest.documents.map((d) => fetch(`demo/${d.file}`).then((r) => r.ok)));
    return ok.filter(Boolean).length;
  })).toBe(26);
  await nav(page, 'Library');
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(indexedHere.length);
  await page.getByText('Paste text').click();
  await page.getByLabel('Title').fill('Ferry note');
  await page.getByLabel('Text to add').fill('The ferry to Carrow leaves at 07:15 on weekdays.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(indexedHere.length + 1, { timeout: 60_000 });
  // The chat model answers offline; Evaluate runs the same engine and retriever, so its run is not repeated here.
  await askAndEvaluate(page, false);
  expect(await cspViolations(page)).toEqual([]);
  expect(requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(r.url))).toEqual([]);
});

test('a pack made with --docs offers its ready-made library, which imports without re-embedding; offline, a model that is neither downloaded nor in the pack says so instead of spinning', async ({ page, context }) => {
  await page.goto(`${origin}/#/library`);
  await page.getByRole('button', { name: 'Load the workshop library' }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(26);
  await expect(page.getByText('Imported 26 document(s)')).toBeVisible();
  await expect(page.getByText('Needs re-embedding')).toHaveCount(0);

  await page.goto(`${origin}/#/models`);
  await expect.poll(() => swState(page), { timeout: 60_000 }).toBe('activated');
  await context.setOffline(true);
  await page.getByLabel('Embedder').selectOption('Xenova/all-MiniLM-L6-v2');
  await page.getByRole('button', { name: 'Load embedder' }).click();
  await expect(page.getByRole('alert').first()).toContainText("You are offline, and all-MiniLM-L6-v2 (English, 384-d) is neither downloaded nor in this site's model pack");
});

test('the same build works under any sub-path: models, the demo pack and the service worker all resolve below it', async ({ page, context }) => {
  const subPort = port + 1;
  const sub = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(subPort), '--prefix', '/workshop/rag/', '--models', 'test/fixtures/models'], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${subPort}/workshop/rag/`;
    await expect.poll(() => fetch(base).then((r) => r.status, () => 0), { timeout: 15_000 }).toBe(200);
    const requests = audit(context);
    await page.goto(`${base}#/library`);
    await page.getByRole('button', { name: 'Load demo pack' }).click();
    // All 26 files are fetched below the sub-path before any is indexed: one indexed row proves them all found.
    await expect(page.locator('tr[data-status="indexed"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody tr')).toHaveCount(26);
    await expect.poll(() => swState(page), { timeout: 60_000 }).toBe('activated');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope))).toBe(base);
    expect(requests.filter((r) => !r.url.startsWith(base) && !/^(data|blob):/.test(r.url))).toEqual([]);
  } finally {
    sub.kill();
  }
});
