// The Chinese demo pack end to end in the built site, with the fixture models:
// load it in the Library (indexed in the page: this is the suite's one Chinese indexing test), see the embedder
// suggestion, ask a Chinese question in Chat (Qwen suggested, sources cited), and run a short eval on its test
// split over the same library: all with the interface in Chinese, found by their Chinese
// accessible names (the HTML report comes out in Chinese too).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { nav } from './helpers';
import { readStore } from './idb';

async function loadChinesePack(page: Page, button = 'Load Chinese demo pack'): Promise<void> {
  await page.goto('./#/library');
  await page.getByRole('button', { name: button }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(22, { timeout: 120_000 });
}

test('the Chinese pack: indexed in the Library, a multilingual embedder suggested, a Chinese question answered with its sources; a short eval with Qwen suggested, Chinese prompts recorded in the provenance, retrieval measured per item, the report in Chinese', async ({ page }) => {
  test.setTimeout(420_000);
  // The interface in Chinese, as the language switch leaves it (src/ui/i18n/i18n.ts).
  await page.addInitScript(() => localStorage.setItem('rag-lab-language', 'zh'));
  const navZh = (name: string) => nav(page, name, '主导航');
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

  // A short eval over the same library, still in Chinese.
  await navZh('评测');
  await page.getByRole('button', { name: '添加中文示例包的 QA 集' }).click();
  await expect(page.getByRole('table', { name: 'QA 集' })).toContainText('45 / 20');
  // A Chinese QA set with the default (Llama) base model: a Qwen model is suggested, and taken.
  await expect(page.getByRole('combobox', { name: '基础模型' })).toHaveValue('local/tiny-llama');
  await expect(page.getByTestId('llm-suggestion')).toContainText('这个 QA 集是中文的');
  await page.getByTestId('llm-suggestion').getByRole('button', { name: /^使用 Tiny Qwen2 fixture/ }).click();
  await expect(page.getByRole('combobox', { name: '基础模型' })).toHaveValue('local/tiny-qwen2');
  for (const [label, value] of [['问题数上限', 2], ['最多 token 数', 4], ['温度', 0], ['种子', 7]] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: '开始运行' }).click();
  await expect(page.getByRole('table', { name: '评测运行' }).locator('tr[data-status="done"]')).toHaveCount(1, { timeout: 240_000 });
  await expect(page.getByRole('table', { name: '评测运行' }).locator('tr[data-status="done"]')).toContainText('已完成');

  const [run] = await readStore(page, 'evalRuns');
  expect(run!.config.baseModel).toBe('local/tiny-qwen2');
  // The demo QA set is named in the interface language of the moment it was added.
  expect(run!.provenance).toMatchObject({ qaSetName: '示例包：雾岚屿茶农合作社', itemIds: ['s003', 's006'], promptVariants: { zh: 2 } });
  await expect(page.getByTestId('provenance')).toContainText('提示词 zh × 2');
  await expect(page.getByRole('table', { name: '指标' })).toContainText('完全匹配');
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

  // The offline HTML report follows the interface language.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 HTML 报告' }).click();
  const html = readFileSync((await (await download).path())!, 'utf8');
  expect(html).toContain('<html lang="zh-CN">');
  for (const words of ['<h2>设置</h2>', '<h2>逐题结果</h2>', '<th>完全匹配</th>', '<th>基础模型</th>', '状态：已完成']) expect(html).toContain(words);
});
