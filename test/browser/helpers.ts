// Steps many browser tests share.
import { expect, type Page } from '@playwright/test';

/** Opens a view and waits until it is the current one: the route changes on `hashchange`, after the click returns,
 *  so a locator used at once could still find the previous view (Fine-tune's "Fine-tuned models" table once
 *  answered Compare's "Fine-tuned model" label that way). */
export async function nav(page: Page, name: string, navigation = 'Main'): Promise<void> {
  const link = page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

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
