import { expect, test } from '@playwright/test';
import { loadDemoPack, nav } from './helpers';

test('Compare fills the base and RAG cells with answers, sources and latency; the fine-tuned cells say why they are unavailable', async ({ page }) => {
  test.setTimeout(240_000);
  await loadDemoPack(page);
  await nav(page, 'Compare');
  await page.getByText('Sampling and prompt').click();
  await page.getByLabel('Max tokens').fill('6');
  await page.getByLabel('Max tokens').blur();
  await page.getByLabel('Question to compare').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const base = page.getByRole('article', { name: 'Base model, no retrieval' });
  const rag = page.getByRole('article', { name: 'Base model with retrieval (RAG)' });
  // One GPU: the RAG cell waits while the base cell runs.
  await expect(rag).toHaveAttribute('data-status', /queued|retrieving|loading|generating|done/);
  await expect(rag).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(base).toHaveAttribute('data-status', 'done');
  for (const cell of [base, rag]) {
    expect((await cell.getByTestId('answer').innerText()).trim().length).toBeGreaterThan(0);
    await expect(cell.getByTestId('latency')).toContainText(/first token .* ms · .* tokens\/s · \d+ tokens · total .* ms/);
  }
  await expect(rag.getByTestId('latency')).toContainText(/^search /);
  // Sources start folded in a cell; they are in the page all the same.
  await expect(rag.locator('ol[aria-label="Sources"] li').first()).toHaveAttribute('data-doc', 'kelp-harvest-guide.md');
  await expect(rag.getByText('Sources (5)')).toBeVisible();
  await expect(base.locator('ol[aria-label="Sources"]')).toHaveCount(0);
  for (const name of ['Fine-tuned, no retrieval', 'Fine-tuned with retrieval (RAG + FT)']) {
    const cell = page.getByRole('article', { name });
    await expect(cell).toHaveAttribute('data-status', 'unavailable');
    await expect(cell.getByTestId('unavailable')).toContainText('No fine-tuned model is registered yet');
    await expect(cell.getByRole('button', { name: /Re-run/ })).toBeDisabled();
  }
  // A single cell re-runs on its own, with the same seed: greedy decoding gives the same answer.
  const first = await base.getByTestId('answer').innerText();
  await base.getByRole('button', { name: 'Re-run Base model, no retrieval' }).click();
  await expect(base).toHaveAttribute('data-status', 'generating', { timeout: 60_000 });
  await expect(base).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  expect(await base.getByTestId('answer').innerText()).toBe(first);
  await expect(rag).toHaveAttribute('data-status', 'done');
});
