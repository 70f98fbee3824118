import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chatMaxTokens } from './helpers';

const demoFiles = readdirSync('public/demo/docs').sort().map((f) => `public/demo/docs/${f}`);

test('Chat answers with retrieval: the answer streams, and Sources lists the retrieved passages; document text with markup is shown as text and runs nothing; Stop interrupts a long answer', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'xss-'));
  const evil = join(dir, 'evil.md');
  writeFileSync(evil, '# Seawall notes\n\nThe seawall has three sluice gates. <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [link](javascript:window.__pwned=3)\n');
  await page.goto('./');
  await page.getByLabel('Add documents').setInputFiles([...demoFiles.filter((f) => /kelp|honey|history|price/.test(f)), evil]);
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(5, { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat', exact: true }).click();
  await expect(page.getByLabel('Model')).toHaveValue('local/tiny-llama');
  await expect(page.getByLabel('Use retrieval')).toBeChecked();
  await chatMaxTokens(page, 8);
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

  // Markup in a document and in the question is shown as text, and runs nothing.
  await chatMaxTokens(page, 4);
  await page.getByLabel('Ask a question').fill('How many sluice gates does the seawall have? <img src=y onerror="window.__pwned=4">');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(turn.getByRole('list', { name: 'Sources' })).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(turn.locator('.question')).toContainText('<img src=y');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('article.turn img, article.turn script').count()).toBe(0);

  // Stop interrupts a long answer. Room for 2048 tokens: the fixture model, decoding greedily (Chat's default), repeats
  // itself and does not end this answer on its own within the test's time, so only Stop can end it ("stopped", never "done").
  await page.getByLabel('Use retrieval').uncheck();
  await chatMaxTokens(page, 2048);
  await page.getByLabel('Ask a question').fill('Tell me everything.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('article.turn')).toHaveCount(2);
  await expect(turn).toHaveAttribute('data-status', 'generating', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(turn).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('answers render in the real browser: [n] links to source n, a missing source is marked, model markup stays inert', async ({ page }) => {
  // A conversation as Chat stores it for the session; the random-weight fixture model cannot be made to cite, so the
  // answer text is set here and goes through the same rendering as a streamed one.
  const turn = {
    id: 1, question: 'When is kelp cut?', model: 'test', status: 'done',
    answer: 'Kelp is cut **only** between 1 May and 15 August [1], never in winter [2]. <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> [see](javascript:window.__pwned=3)',
    sources: [{ docId: 'd', docName: 'kelp-harvest-guide.md', ord: 0, text: 'Kelp is cut only between 1 May and 15 August.', headingPath: ['Season'], start: 0, end: 45, score: 1, scores: {} }],
  };
  await page.addInitScript((t) => sessionStorage.setItem('rag-lab-chat', JSON.stringify([t])), turn);
  await page.goto('./#/chat');
  const answer = page.getByTestId('answer');
  await expect(answer.locator('strong')).toHaveText('only');
  await expect(answer.getByRole('link', { name: '1', exact: true })).toHaveAttribute('href', '#source-1');
  await expect(answer.locator('a.cite.missing')).toHaveText('2');
  await answer.getByRole('link', { name: '1', exact: true }).click();
  await expect(page).toHaveURL(/#source-1$/);
  await expect(page.locator('#source-1')).toContainText('kelp-harvest-guide.md');
  await expect(page.locator('#source-1 mark')).toHaveText('Kelp is cut only between 1 May and 15 August');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(answer).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await answer.locator('img, script').count()).toBe(0);
  expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
