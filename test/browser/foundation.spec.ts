import { expect, test, type Page } from '@playwright/test';
import { readStore } from './idb';

/** Each view, and the heading it opens with: a view that fails to render has none. */
const views: [string, string | RegExp][] = [
  ['Library', 'Library'], ['Chat', 'Chat with your documents'], ['Graph', 'Knowledge graph'], ['Compare', 'Compare four ways to add knowledge'],
  ['Evaluate', /^(Evaluate on a question set|QA sets)$/], ['Fine-tune', 'Training data'], ['Models', 'Embedding model'], ['About', 'About RAG Lab and your data'],
];

/** Every request the page makes, so tests can assert that nothing leaves 127.0.0.1. */
function recordRequests(page: Page): URL[] {
  const urls: URL[] = [];
  page.on('request', (r) => urls.push(new URL(r.url())));
  return urls;
}

function offOrigin(urls: URL[]): string[] {
  return urls.filter((u) => u.protocol !== 'data:' && u.protocol !== 'blob:' && u.host !== '127.0.0.1:' + (process.env.RAG_LAB_TEST_PORT ?? '4317')).map(String);
}

test('the built page loads, the status bar finds a WebGPU adapter and reports storage, and every view is reachable from the navigation', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page).toHaveTitle('RAG Lab');
  // The status bar finds a WebGPU adapter (SwiftShader here) and reports storage.
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? { f16: a.features.has('shader-f16') } : null;
  });
  expect(adapter).not.toBeNull();
  const gpu = page.getByTestId('gpu-status');
  await expect(gpu).toHaveAttribute('data-available', 'true');
  await expect(gpu).toContainText(`shader-f16: ${adapter!.f16 ? 'yes' : 'no'}`);
  await expect(page.getByTestId('storage-status')).toContainText(/Storage: .+ of .+/);
  await expect(page.getByRole('note')).toHaveCount(0); // the no-WebGPU banner stays hidden
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [name, heading] of views) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    // The view itself rendered, not just the navigation.
    await expect(page.getByRole('main').getByRole('heading', { level: 2, name: heading, exact: true }).first()).toBeVisible();
  }
  // About says plainly what leaves the device: model downloads only, from the named hosts.
  await nav.getByRole('link', { name: 'About', exact: true }).click();
  await expect(page.getByTestId('model-hosts')).toContainText('https://huggingface.co');
  expect(errors).toEqual([]);
});

test('"Load demo pack" fetches the demo documents and indexes them all; the embed worker embeds sentences with the fixture embedder from models/catalog.json', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Load demo pack' }).click();
  const files = page.getByRole('table', { name: 'Documents' });
  await expect(files.locator('tbody tr[data-status="indexed"]')).toHaveCount(26, { timeout: 90_000 });
  for (const name of ['member-handbook.md', 'annual-report-2025.pdf', 'price-list-2026.html', 'barley-varieties.txt']) {
    await expect(files.getByRole('cell', { name, exact: true })).toBeVisible();
  }
  expect(requests.filter((u) => u.pathname.includes('/demo/docs/'))).toHaveLength(26);
  expect(offOrigin(requests)).toEqual([]);
  // The ingest worker extracted each document's knowledge-graph triples and stored them with it (the other specs
  // import a library the same code built in Node).
  const triples = await readStore(page, 'triples');
  expect(triples).toHaveLength(26);
  expect(triples.reduce((n, t) => n + t.triples.length, 0)).toBeGreaterThan(100);
  expect(triples.find((t) => t.triples.some((x) => x.head === 'lighthouse tower' && x.relation === 'owned_by'))).toBeDefined();

  // Then, in the same page, Models embeds sentences with the fixture embedder from models/catalog.json.
  await page.goto('./#/models');
  const select = page.getByLabel('Embedder', { exact: true });
  await expect(select).toHaveValue('local/tiny-embedder');
  await page.getByLabel('Sentences to compare').fill(
    ['Kelp is cut between May and August.', 'Kelp cutting runs from May to August.', 'The ferry leaves Brennock harbour at dawn.'].join('\n'),
  );
  await page.getByRole('button', { name: 'Embed and compare' }).click();
  const table = page.getByRole('table', { name: 'Embedding results' });
  await expect(table).toBeVisible({ timeout: 90_000 });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i)).toHaveAttribute('data-dim', '128');
    expect(Number(await rows.nth(i).getAttribute('data-norm'))).toBeCloseTo(1, 4);
  }
  const sim = async (i: number, j: number) => Number(await rows.nth(i).locator('td[data-sim]').nth(j).getAttribute('data-sim'));
  expect(await sim(0, 0)).toBeCloseTo(1, 4);
  expect(await sim(0, 1)).toBeGreaterThan((await sim(0, 2)) + 0.2);
  expect(await sim(0, 1)).toBeCloseTo(await sim(1, 0), 5);
  // The model came from the local pack, and the ONNX runtime from our own origin.
  await expect(page.getByTestId('embedder-status')).toHaveAttribute('data-model', 'local/tiny-embedder');
  expect(requests.some((u) => u.pathname.endsWith('/models/tiny-embedder/onnx/model.onnx'))).toBe(true);
  expect(requests.some((u) => u.pathname.endsWith('.wasm'))).toBe(true);
  expect(offOrigin(requests)).toEqual([]);
  await expect(page.getByTestId('models-status')).toContainText('local/tiny-embedder');
});

test('the page is usable on a phone-sized screen; the interface switches to Chinese, keeps the choice after a reload, and switches back', async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Load demo pack' })).toBeInViewport();
  for (const view of ['library', 'chat', 'graph', 'models', 'compare', 'evaluate', 'finetune', 'about']) {
    await page.goto(`./#/${view}`);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, view).toBeLessThanOrEqual(0);
  }
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '文档库', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2, name: '文档库', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '加载中文示例包', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '还没有文档' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The header with the switch still fits a phone in Chinese.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.reload();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh');
  await expect(nav.getByRole('link', { name: '对话', exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load demo pack' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A first visit follows the browser's language.
  const zhContext = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
  const zhPage = await zhContext.newPage();
  await zhPage.goto(new URL('./', page.url()).href);
  await expect(zhPage.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '文档库', exact: true })).toBeVisible();
  await zhContext.close();
});
