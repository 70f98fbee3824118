// The Chinese demo pack end to end in the built site, with the fixture models:
// load it in the Library, see the embedder suggestion, ask a Chinese question in
// Chat (Qwen suggested, sources cited): all with the interface in Chinese, found by
// their Chinese accessible names. Then a short eval on its test split.
import { expect, test, type Page } from '@playwright/test';
import { nav } from './helpers';
import { readStore } from './idb';

async function loadChinesePack(page: Page, button = 'Load Chinese demo pack'): Promise<void> {
  await page.goto('./#/library');
  await page.getByRole('button', { name: button }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(22, { timeout: 120_000 });
}

test('the Chinese pack: indexed in the Library, a multilingual embedder suggested, a Chinese question answered with its sources', async ({ page }) => {
  test.setTimeout(240_000);
  // The interface in Chinese, as the language switch leaves it (src/ui/i18n/i18n.ts).
  await page.addInitScript(() => localStorage.setItem('rag-lab-language', 'zh'));
  const navZh = async (name: string) => {
    const link = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  };
  await loadChinesePack(page, '加载中文示例包');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The PDF's Chinese text layer is read like any other PDF.
  await expect(page.locator('tr[data-status="indexed"]').filter({ hasText: 'annual-report-2025.pdf' })).toHaveCount(1);

  // Most documents are Chinese and the pack's tiny embedder is not listed as covering Chinese: e5 is suggested, with why.
  await navZh('模型');
  const suggestion = page.getByTestId('embedder-suggestion');
  await expect(suggestion).toContainText('22 篇文档中有 22 篇是中文');
  await expect(suggestion.getByRole('button', { name: /^使用 multilingual-e5-small/ })).toBeVisible();

  await navZh('对话');
  // The select is inside its label, so its name goes on with the chosen model's label.
  const model = page.getByRole('combobox', { name: /^模型/ });
  await expect(model).toHaveValue('local/tiny-llama');
  await page.getByLabel('提问', { exact: true }).fill('合作社的仓库管理员是谁？');
  // A Chinese question with a non-Qwen model: the first Qwen model that runs here is suggested.
  const qwen = page.getByTestId('llm-suggestion');
  await expect(qwen).toContainText('这个问题是中文的');
  await qwen.getByRole('button', { name: /^使用 Tiny Qwen2 fixture/ }).click();
  await expect(model).toHaveValue('local/tiny-qwen2');
  await expect(qwen).toHaveCount(0);
  await page.getByRole('button', { name: '发送' }).click();
  const turn = page.locator('article.turn').last();
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(turn).toContainText('Tiny Qwen2 fixture');
  // The fixture model's words are random, but the sources are real: the warehouse document comes first.
  const sources = turn.getByRole('list', { name: '来源' });
  await expect(sources.locator('li').first()).toHaveAttribute('data-doc', 'warehouse.txt');
  await expect(sources.locator('li').first()).toContainText('仓库管理员是罗阿福');
});

test('a short eval on the Chinese pack: Qwen suggested, Chinese prompts recorded in the provenance, retrieval measured per item', async ({ page }) => {
  test.setTimeout(300_000);
  await loadChinesePack(page);
  await nav(page, 'Evaluate');
  await page.getByRole('button', { name: "Add the Chinese demo pack's QA set" }).click();
  await expect(page.getByRole('table', { name: 'QA sets' })).toContainText('45 / 20');
  // A Chinese QA set with the default (Llama) base model: a Qwen model is suggested, and taken.
  await expect(page.getByRole('combobox', { name: 'Base model' })).toHaveValue('local/tiny-llama');
  await page.getByTestId('llm-suggestion').getByRole('button', { name: /^Use Tiny Qwen2 fixture/ }).click();
  await expect(page.getByRole('combobox', { name: 'Base model' })).toHaveValue('local/tiny-qwen2');
  for (const [label, value] of [['Question limit', 2], ['Max tokens', 4], ['Temperature', 0], ['Seed', 7]] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(1, { timeout: 240_000 });

  const [run] = await readStore(page, 'evalRuns');
  expect(run!.config.baseModel).toBe('local/tiny-qwen2');
  expect(run!.provenance).toMatchObject({ qaSetName: 'Demo pack: 雾岚屿茶农合作社', itemIds: ['s003', 's006'], promptVariants: { zh: 2 } });
  await expect(page.getByTestId('provenance')).toContainText('prompts zh × 2');
  const results = await readStore(page, 'evalResults');
  expect(results.map((r) => r.key).sort()).toEqual(['base:s003', 'base:s006', 'rag:s003', 'rag:s006']);
  for (const r of results) {
    // The prompt the model saw is the Chinese variant, with sources for RAG and without for the base model.
    expect(r.messages[0]!.content).toContain(r.mode === 'rag' ? '你只根据下面编号的资料回答问题。' : '你是一个乐于助人的助手。');
    expect(r.scores.f1).not.toBeNull();
  }
  // Both questions' supporting documents are retrieved: s003 asks who chairs the board, s006 where 金线乌龙 came from.
  expect(results.filter((r) => r.mode === 'rag').map((r) => [r.itemId, r.scores.hit])).toEqual(expect.arrayContaining([['s003', 1], ['s006', 1]]));
  expect(results.find((r) => r.key === 'rag:s003')!.sources!.map((s) => s.docName)).toContain('board-of-directors.html');
  expect(results.find((r) => r.key === 'rag:s006')!.sources!.map((s) => s.docName)).toContain('tea-varieties.txt');
});
