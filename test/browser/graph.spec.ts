// Reasoning on Graphs in the app: the Graph view draws the knowledge graph the
// ingest worker extracted, Chat answers from reasoning paths with RoG's prompt,
// and the LLM chosen in Chat extracts more triples from the Graph view.
import { expect, test, type Locator } from '@playwright/test';
import { addDemoQaSet, importDemoLibrary, nav } from './helpers';
import { readStore } from './idb';

/** Where cytoscape drew an edge, relative to the drawing (its own registry on the container gives the instance). */
async function edgeMidpoint(canvas: Locator, relation: string): Promise<{ x: number; y: number }> {
  return canvas.evaluate((box, rel) => {
    const cy = (box as unknown as { _cyreg: { cy: { edges(s: string): { renderedMidpoint(): { x: number; y: number } }[] } } })._cyreg.cy;
    return cy.edges(`[label = "${rel}"]`)[0]!.renderedMidpoint();
  }, relation);
}

test('Graph draws an entity\'s neighbourhood and an edge\'s sentence; Chat answers a 2-hop question from numbered, sourced paths; an eval run asks the same way; the LLM extracts triples until cancelled', async ({ page }) => {
  test.setTimeout(240_000);
  await importDemoLibrary(page);
  await nav(page, 'Graph');
  await expect(page.getByTestId('graph-entities')).toHaveText(/^[1-9]\d+$/);
  await page.getByText('Triples per document').click();
  await expect(page.getByRole('table', { name: 'Triples per document' }).locator('tbody tr')).toHaveCount(26);

  await page.getByLabel('Find an entity').fill('seawall fund');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('list', { name: 'Entities found' }).getByRole('button', { name: /^seawall fund/ }).click();
  const canvas = page.locator('[data-testid="graph-canvas"][data-ready="true"]');
  await expect(page.getByTestId('graph-shown')).toContainText('Neighbourhood of seawall fund');
  // Something was painted: cytoscape draws on canvas 2D layers inside the container.
  const painted = await canvas.evaluate((box) => [...box.querySelectorAll('canvas')].some((c) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
    return false;
  }));
  expect(painted).toBe(true);
  // cytoscape learns that the page scrolled from the scroll event, a frame after Playwright scrolls the drawing into
  // view; a click before that lands where the drawing was. So: scroll first, then click until the edge is selected.
  await canvas.scrollIntoViewIfNeeded();
  const details = page.getByTestId('edge-details');
  await expect(async () => {
    await canvas.click({ position: await edgeMidpoint(canvas, 'paid_into') });
    await expect(details).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(details).toContainText('rent → paid_into → seawall fund');
  await expect(details.locator('blockquote[data-doc="lighthouse-cottage.md"]')).toContainText('All rent from the cottage goes into the seawall fund.');

  await nav(page, 'Chat');
  await page.getByLabel('Retrieval mode').selectOption('graph');
  // The random-weight fixture model's words do not matter here: a short answer keeps the test short.
  await page.getByText('Advanced').click();
  await page.getByLabel('Max tokens').fill('16');
  await page.getByLabel('Max tokens').blur();
  await page.getByLabel('Ask a question').fill('The rent from the cottage goes into a fund created after which event?');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  // RoG's prompt: the numbered paths are what [n] cites; the baseline answers with the entity the best fitting path reaches.
  await expect(turn).toHaveAttribute('data-prompt', 'rog');
  const paths = turn.getByRole('list', { name: 'Reasoning paths' });
  const first = paths.locator(':scope > li').first();
  await expect(first).toHaveAttribute('id', 'source-1');
  await expect(first.locator('code')).toHaveText('rent → paid_into → seawall fund → created_after → storm');
  await expect(turn.getByTestId('rog-baseline')).toContainText('storm');
  // RoG's planning step ran first: the model wrote relation paths under the grammar, so only the graph's labels.
  const plans = turn.getByTestId('llm-plans');
  await expect(plans).toContainText('Relation paths the model planned');
  for (const plan of await plans.locator('code').allTextContents()) expect(plan).toMatch(/^[a-z_]+( → [a-z_]+){0,2}$/);
  // Each hop's sentence, with its document and offsets, links to the chunk that holds it.
  await first.locator('summary').click();
  const sources = first.getByRole('list', { name: 'Sources of path 1' });
  await expect(sources.locator('blockquote[data-doc="history.md"]')).toContainText('The seawall fund was created after that storm.');
  await expect(sources.locator('blockquote[data-doc="lighthouse-cottage.md"]')).toContainText(/characters \d+–\d+/);
  const link = sources.locator('blockquote[data-doc="history.md"] a');
  const target = (await link.getAttribute('href'))!;
  expect(Number(target.replace('#source-', ''))).toBeGreaterThan(await paths.locator(':scope > li').count());
  await link.click();
  await expect(page.locator(target)).toHaveAttribute('data-doc', 'history.md');
  await expect(page.locator(target)).toContainText('The seawall fund was created after that storm.');

  // Evaluate in "Graph (RoG)" asks with the same prompt, keeps the paths, times each retrieval stage, and measures the
  // extraction against the demo pack's gold triples (stored with its QA set).
  await addDemoQaSet(page);
  await page.getByRole('checkbox', { name: 'Base model' }).uncheck();
  await page.getByRole('combobox', { name: 'Retrieval', exact: true }).selectOption('graph');
  for (const [label, value] of [['Question limit', 1], ['Max tokens', 4]] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(1, { timeout: 120_000 });
  const [result] = await readStore(page, 'evalResults');
  expect(result!.mode).toBe('rag');
  expect(result!.messages[0]!.content).toContain('Based on the reasoning paths, please answer the given question.');
  // The paths it answered from are kept, each with the documents whose sentences state its hops.
  expect(result!.paths!.length).toBeGreaterThan(0);
  for (const path of result!.paths!) {
    // Entities joined by relations, followed either way (a ← b reads a hop against the edge's direction).
    expect(path.text).toMatch(/^[^→←]+( [→←] [^→←]+)+$/);
    expect(path.docs.length).toBeGreaterThan(0);
  }
  // Each retrieval stage was timed (a stage that did not run records null).
  for (const stage of ['graphLinkMs', 'graphPlanMs', 'graphSearchMs'] as const) expect(result!.scores[stage]).toEqual(expect.any(Number));
  expect((await readStore(page, 'evalRuns'))[0]!.provenance.extraction).toMatchObject({ documents: 26, labelled: { gold: 163, extracted: expect.any(Number) } });
  await expect(page.getByTestId('extraction')).toContainText('26 documents: 163 gold');
  await expect(page.getByRole('table', { name: 'Metrics' }).locator('tr[data-metric="graphSearchP50"] td')).toHaveText(/ ms /);
  const perQuestion = page.getByRole('table', { name: 'Per question' });
  await perQuestion.locator('tr[data-item] button').click();
  await expect(perQuestion.locator('.item-details article[data-mode="rag"]')).toHaveAttribute('data-prompt', 'rog');

  // The LLM extractor with Chat's model (loaded above). One small document first, to the end: its LLM triples count.
  await nav(page, 'Graph');
  await expect(page.getByTestId('graph-llm-triples')).toHaveText('0');
  const extract = page.getByRole('region', { name: 'Extract with the LLM' });
  await expect(extract.getByTestId('extract-model')).toContainText('Tiny Llama');
  await expect(extract.getByTestId('extract-plan')).toContainText('To read: 26 documents');
  const tokens = extract.getByLabel('Max tokens per chunk');
  // The random-weight model fills every line up to its limit: 48 tokens write about one line.
  await tokens.fill('48');
  await tokens.blur();
  await extract.getByRole('combobox', { name: /^Documents/ }).selectOption({ label: 'lighthouse-cottage.md' });
  await extract.getByRole('button', { name: 'Start extraction' }).click();
  const status = extract.getByTestId('extract-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toContainText("The LLM's triples of 1 document were stored (local/tiny-llama");
  // The random-weight model writes relation labels like "whenjjjj": they are dropped and counted, not stored (#26).
  await expect(status).toContainText(/lines? dropped: .*not a short snake_case phrase of real words/);
  const llmLabels = (await readStore(page, 'triples')).flatMap((r) => r.triples.filter((t) => t.prov.extractor === 'llm').map((t) => t.relation));
  for (const l of llmLabels) expect(l).toMatch(/^(?!.*(.)\1\1)[a-z]{2,15}(?:_[a-z]{2,15}){0,2}$/);
  await page.getByText('Triples per document').click();
  const perDoc = page.getByRole('table', { name: 'Triples per document' });
  await expect(perDoc.locator('tr[data-doc="lighthouse-cottage.md"] code')).toHaveText('local/tiny-llama');
  // Then every other document, cancelled once one is stored: stored documents stay, the one being read is dropped.
  await extract.getByRole('button', { name: 'Dismiss' }).click();
  await extract.getByRole('combobox', { name: /^Documents/ }).selectOption('all');
  await expect(extract.getByTestId('extract-plan')).toContainText('To read: 25 documents');
  await tokens.fill('8');
  await tokens.blur();
  await extract.getByRole('button', { name: 'Start extraction' }).click();
  await expect(status).toHaveAttribute('data-stored', /^[1-9]/, { timeout: 60_000 });
  await extract.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveAttribute('data-state', 'cancelled');
  const kept = Number(await status.getAttribute('data-stored'));
  expect(kept).toBeLessThan(25);
  await expect(status).toContainText(`The LLM's triples of ${kept} document`);
  await expect(status).toContainText('the one being read was not stored');
  await expect(perDoc.locator('td code', { hasText: 'local/tiny-llama' })).toHaveCount(kept + 1);
  await expect(extract.getByTestId('extract-plan')).toContainText(`To read: ${25 - kept} documents`);
});
