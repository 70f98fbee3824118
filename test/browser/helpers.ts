// Steps many browser tests share.
import { expect, type Page } from '@playwright/test';

export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/** Opens the Library, loads the demo pack and waits until its 26 documents are indexed. */
export async function loadDemoPack(page: Page, url = './#/library'): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Load demo pack' }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(26, { timeout: 120_000 });
}

/** In Evaluate, stores the demo pack's QA set (93 train / 44 test). */
export async function addDemoQaSet(page: Page): Promise<void> {
  await nav(page, 'Evaluate');
  await page.getByRole('button', { name: "Add the demo pack's QA set" }).click();
  await expect(page.getByRole('table', { name: 'QA sets' })).toContainText('93 / 44');
}
