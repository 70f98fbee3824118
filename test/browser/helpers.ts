// Steps many browser tests share.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { demoLibraries, seededLibraryPath, type DemoLibraryId } from './seed-paths';

/** Opens a view and waits until it is the current one: the route changes on `hashchange`, after the click returns,
 *  so a locator used at once could still find the previous view (Fine-tune's "Fine-tuned models" table once
 *  answered Compare's "Fine-tuned model" label that way). */
export async function nav(page: Page, name: string, navigation = 'Main'): Promise<void> {
  const link = page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/**
 * Opens the Library and imports a demo pack's library as the global set-up built it (documents, chunks, vectors
 * and graph triples, indexed in Node with the same code and fixture embedder): for specs whose subject is not
 * indexing. Waits until every document is listed as indexed.
 */
export async function importDemoLibrary(page: Page, pack: DemoLibraryId = 'en', url = './#/library'): Promise<void> {
  await page.goto(url);
  // The Library's "Import library" input, found by what it accepts so that it works in either interface language.
  await page.locator('input[type="file"][accept=".zip"]').setInputFiles(seededLibraryPath(pack));
  const { documents } = demoLibraries.find((l) => l.id === pack)!;
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(documents);
}

/** In Evaluate, stores the demo pack's QA set (93 train / 44 test). */
export async function addDemoQaSet(page: Page): Promise<void> {
  await nav(page, 'Evaluate');
  await page.getByRole('button', { name: "Add the demo pack's QA set" }).click();
  await expect(page.getByRole('table', { name: 'QA sets' })).toContainText('93 / 44');
}

/**
 * Opens the page with the test hooks (window.ragLabDebug, src/debug-hooks.ts) installed: they are only there when
 * this flag is set before the page loads. Call before page.goto; await `ready` after it.
 */
export async function debugHooks(page: Page): Promise<{ ready: () => Promise<void> }> {
  await page.addInitScript(() => localStorage.setItem('rag-lab-debug-hooks', '1'));
  return { ready: () => page.waitForFunction(() => 'ragLabDebug' in window).then(() => undefined) };
}

/** Fills the field with this exact label and leaves it, so that its change is committed. */
export async function setField(page: Page, label: string, value: string | number): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.blur();
}

/** In Chat, caps the answer at `tokens` (the "Advanced" panel's Max tokens): a random-weight fixture model writes
 *  until the cap, and a few tokens prove that an answer streams and finishes. */
export async function chatMaxTokens(page: Page, tokens: number): Promise<void> {
  const details = page.locator('details.advanced');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await setField(page, 'Max tokens', tokens);
  await expect(page.getByLabel('Max tokens', { exact: true })).toHaveValue(String(tokens));
}

/** Every request to a model host fails as on a network without it; returns the URLs that were tried. */
export async function blockModelHosts(context: BrowserContext): Promise<string[]> {
  const tried: string[] = [];
  await context.route(/^https:\/\/([^/]+\.)?(huggingface\.co|hf\.co|raw\.githubusercontent\.com)\//, (route) => {
    tried.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return tried;
}
