import { expect, test, type Page } from '@playwright/test';
import { importDemoLibrary, nav } from './helpers';

/**
 * Records every data-status change of the Compare cells, in order, with the status of every
 * cell at that moment. Mutation records keep each change even when several happen before the
 * observer runs, so no state is missed however fast six tokens are generated.
 */
function recordStatuses(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { statusLog: { cell: string; status: string; all: Record<string, string> }[]; statusObserver?: MutationObserver };
    w.statusObserver?.disconnect();
    w.statusLog = [];
    const cells = () => [...document.querySelectorAll('article[data-status]')];
    const current: Record<string, string> = Object.fromEntries(cells().map((c) => [c.getAttribute('aria-label')!, c.getAttribute('data-status')!]));
    w.statusObserver = new MutationObserver((records) => {
      // Each record holds the old value; the new value of a record is the next record's old value for that cell.
      const byCell = new Map<string, string[]>();
      for (const r of records) {
        const cell = (r.target as Element).getAttribute('aria-label')!;
        byCell.set(cell, [...(byCell.get(cell) ?? []), r.oldValue ?? '']);
      }
      const queue = records.map((r) => (r.target as Element).getAttribute('aria-label')!);
      const seen = new Map<string, number>();
      for (const cell of queue) {
        const i = (seen.get(cell) ?? 0) + 1;
        seen.set(cell, i);
        const olds = byCell.get(cell)!;
        const status = i < olds.length ? olds[i]! : cells().find((c) => c.getAttribute('aria-label') === cell)!.getAttribute('data-status')!;
        // Preact may set the same value again: only changes are logged.
        if (current[cell] === status) continue;
        current[cell] = status;
        w.statusLog.push({ cell, status, all: { ...current } });
      }
    });
    w.statusObserver.observe(document.querySelector('main')!, { attributes: true, attributeFilter: ['data-status'], attributeOldValue: true, subtree: true });
  });
}
const statusLog = (page: Page) => page.evaluate(() => (window as unknown as { statusLog: { cell: string; status: string; all: Record<string, string> }[] }).statusLog);

test('Compare fills the base and RAG cells with answers, sources and latency; the fine-tuned cells say why they are unavailable', async ({ page }) => {
  test.setTimeout(240_000);
  await importDemoLibrary(page);
  await nav(page, 'Compare');
  await page.getByText('Sampling and prompt').click();
  await page.getByLabel('Max tokens').fill('6');
  await page.getByLabel('Max tokens').blur();
  await page.getByLabel('Question to compare').fill('When does the kelp harvest season run?');
  await recordStatuses(page);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const baseName = 'Base model, no retrieval';
  const ragName = 'Base model with retrieval (RAG)';
  const base = page.getByRole('article', { name: baseName });
  const rag = page.getByRole('article', { name: ragName });
  await expect(rag).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(base).toHaveAttribute('data-status', 'done');
  // One GPU: the RAG cell waits (queued) while the base cell generates, and starts only once it is done.
  const log = await statusLog(page);
  expect(log.some((e) => e.cell === baseName && e.status === 'generating' && e.all[ragName] === 'queued')).toBe(true);
  expect(log.filter((e) => e.cell === ragName && e.status !== 'queued' && e.status !== 'done').every((e) => e.all[baseName] === 'done')).toBe(true);
  expect(log.filter((e) => e.cell === ragName).map((e) => e.status)).toContain('generating');
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
  await recordStatuses(page);
  await base.getByRole('button', { name: 'Re-run Base model, no retrieval' }).click();
  // The re-run really ran (the cell generated again) and only this cell changed.
  await expect.poll(async () => (await statusLog(page)).filter((e) => e.cell === baseName).map((e) => e.status).join(' → '), { timeout: 60_000 }).toMatch(/generating → done$/);
  expect((await statusLog(page)).every((e) => e.cell === baseName)).toBe(true);
  await expect(base).toHaveAttribute('data-status', 'done');
  expect(await base.getByTestId('answer').innerText()).toBe(first);
  await expect(rag).toHaveAttribute('data-status', 'done');
});
