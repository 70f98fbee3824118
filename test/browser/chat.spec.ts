import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const demoFiles = readdirSync('public/demo/docs').sort().map((f) => `public/demo/docs/${f}`);

test('Chat answers with retrieval: the answer streams, and Sources lists the retrieved passages', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Add documents').setInputFiles(demoFiles.filter((f) => /kelp|honey|history|price/.test(f)));
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(4, { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat', exact: true }).click();
  await expect(page.getByLabel('Model')).toHaveValue('local/tiny-llama');
  await expect(page.getByLabel('Use retrieval')).toBeChecked();
  await page.getByLabel('Ask a question').fill('When is the kelp harvest season?');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  // The tiny fixture model has random weights: its words are not meaningful, but they stream in.
  expect((await turn.getByTestId('answer').innerText()).trim().length).toBeGreaterThan(0);
  const sources = turn.getByRole('list', { name: 'Sources' });
  await expect(sources.locator('li').first()).toHaveAttribute('data-doc', 'kelp-harvest-guide.md');
  // SwiftShader gives WebGPU here, so the lab engine generates through its jax-js WebGPU path.
  await expect(page.getByTestId('models-status')).toContainText('LLM local/tiny-llama (lab engine, WebGPU)');
  await expect(turn.getByTestId('latency')).toContainText(/embed .* ms · search .* ms · first token .* ms · .* tokens\/s/);
  // The conversation is kept for the session.
  await page.reload();
  await expect(page.locator('article.turn')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.locator('article.turn')).toHaveCount(0);
});

test('Stop interrupts a long answer', async ({ page }) => {
  await page.goto('./#/chat');
  await page.getByLabel('Use retrieval').uncheck();
  await page.getByLabel('Ask a question').fill('Tell me everything.');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'generating', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(turn).toHaveAttribute('data-status', /stopped|done/);
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('document text with markup is shown as text in sources, and runs nothing', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'xss-'));
  const file = join(dir, 'evil.md');
  writeFileSync(file, '# Seawall notes\n\nThe seawall has three sluice gates. <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [link](javascript:window.__pwned=3)\n');
  await page.goto('./');
  await page.getByLabel('Add documents').setInputFiles(file);
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByLabel('Ask a question').fill('How many sluice gates does the seawall have? <img src=y onerror="window.__pwned=4">');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(turn.getByRole('list', { name: 'Sources' })).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(turn.locator('.question')).toContainText('<img src=y');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('article.turn img, article.turn script').count()).toBe(0);
});
