import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readStore } from './idb';
import { addDemoQaSet, chatMaxTokens, importDemoLibrary, nav } from './helpers';

const adapterDir = 'test/fixtures/models/adapters';

async function importAdapter(page: Page, name: string) {
  const files = ['adapter_config.json', 'adapter_model.safetensors'].map((f) => `${adapterDir}/${name}/${f}`).filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });
  await page.getByLabel('Import adapter files').setInputFiles(files);
}

test('a broken adapter is refused with the reason, and nothing is registered; a q4f16_1 base\'s adapter merges back into q4f16_1 in web-llm\'s cache, and the lab engine answers from it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/finetune');
  await page.getByLabel('Base model').selectOption('local/tiny-llama');
  await importAdapter(page, 'broken-wrong-shapes');
  // One broken variant in the page (the message reaches the view from the worker); the others — another base, NaN
  // weights, a missing weights file, a tied lm_head — are refused the same way in Node (test/unit/finetune/adapters.test.ts, merge-job.test.ts).
  await expect(page.getByRole('alert')).toContainText('the adapter maps 128 → 128, but in Tiny Llama fixture (random weights, test only) — lab engine, WebGPU this module maps 64 → 64');
  await expect(page.getByRole('button', { name: 'Merge and register' })).toHaveCount(0);
  expect(await readStore(page, 'mergedModels')).toEqual([]);

  // QLoRA's merge: into q4f16_1 by default (the other choice, q0f16, is exact and bigger).
  await page.getByLabel('Base model').selectOption('local/tiny-qwen2-q4');
  await importAdapter(page, 'tiny-qwen2-strong');
  await expect(page.getByTestId('adapter-summary')).toContainText('a qwen2 LoRA');
  await expect(page.getByLabel('Merge into')).toHaveValue('q4f16_1');
  await page.getByRole('button', { name: 'Merge and register' }).click();
  const row = page.getByRole('table', { name: 'Fine-tuned models' }).locator('tr[data-model]');
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(row).toHaveAttribute('data-cached', 'true');
  await expect(row).toContainText('merged as q4f16_1');
  await expect(row.getByTestId('requant')).toContainText(/Re-quantized \d+ matrices to q4f16_1: largest error \d\.\d+e-\d+; worst relative \(Frobenius\) error \d+(\.\d)?%/);
  const id = (await row.getAttribute('data-model'))!;
  const stored = await page.evaluate(async () => {
    const model = await caches.open('webllm/model');
    const tc = (await model.keys()).map((r) => r.url).find((k) => k.endsWith('/tensor-cache.json'))!;
    const cache = await (await model.match(tc))!.json();
    return cache.records.flatMap((s: { records: { name: string; dtype: string }[] }) => s.records).filter((r: { name: string }) => r.name.includes('c_attn')).map((r: { name: string; dtype: string }) => `${r.name.split('.').slice(-2).join('.')}:${r.dtype}`);
  });
  expect(stored).toEqual(expect.arrayContaining(['c_attn.q_weight:uint32', 'c_attn.q_scale:float16', 'c_attn.bias:float16']));
  // (Check merge's top-1 agreement for q4 merges: test/unit/finetune/merge-job.test.ts.)
  // The lab engine loads the merged q4 model from web-llm's cache and answers.
  await page.goto('./#/chat');
  await page.getByLabel('Model').selectOption(id);
  await chatMaxTokens(page, 4);
  await page.getByLabel('Ask a question').fill('Hello?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('article.turn').last()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});

test('import, merge and register an adapter: web-llm sees it cached, the lab engine loads it from the cache, its answers differ, Compare uses it; delete keeps the base', async ({ page }) => {
  test.setTimeout(300_000);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await importDemoLibrary(page);
  await nav(page, 'Fine-tune');
  await page.getByLabel('Base model').selectOption('local/tiny-llama');
  await importAdapter(page, 'tiny-llama-strong');
  await expect(page.getByTestId('adapter-summary')).toContainText('a llama LoRA with r 4, alpha 16, scale 4.000, on 12 modules');
  await page.getByLabel('Adapter name').fill('tiny-llama-strong');
  await page.getByRole('button', { name: 'Merge and register' }).click();
  const row = page.getByRole('table', { name: 'Fine-tuned models' }).locator('tr[data-model]');
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  // web-llm's own hasModelInCache finds it.
  await expect(row).toHaveAttribute('data-cached', 'true');
  const id = (await row.getAttribute('data-model'))!;
  expect(id).toMatch(/^local\/tiny-llama\+tiny-llama-strong-[0-9a-f]{8}$/);
  // The merged weights are really in web-llm's Cache API cache, written raw float32, not bf16.
  const cached = await page.evaluate(async () => {
    const keys = (await (await caches.open('webllm/model')).keys()).map((r) => r.url);
    const config = (await (await caches.open('webllm/config')).keys()).map((r) => r.url);
    const tc = keys.find((k) => k.endsWith('/tensor-cache.json'))!;
    const cache = await (await (await caches.open('webllm/model')).match(tc))!.json();
    return { keys, config, formats: [...new Set(cache.records.flatMap((s: { records: { format: string; name: string }[] }) => s.records.filter((r) => r.name.includes('qkv_proj')).map((r) => r.format)))] };
  });
  expect(cached.keys.every((k) => k.includes('/merged/'))).toBe(true);
  expect(cached.config.some((k) => k.endsWith('/mlc-chat-config.json'))).toBe(true);
  expect(cached.formats).toEqual(['raw']);
  // The check on this machine: merged logits equal base + runtime LoRA, and the adapter changes the greedy tokens.
  await row.getByRole('button', { name: 'Check merge' }).click();
  await expect(page.getByTestId(`merge-check-${id}`)).toContainText(/max \|Δ logit\| .* ✓ · greedy same; the adapter changes the base's greedy tokens/, { timeout: 60_000 });

  // Compare: the fine-tuned cells are available now; greedy answers differ from the base's.
  await nav(page, 'Compare');
  await expect(page.getByRole('combobox', { name: 'Fine-tuned model', exact: true })).toHaveValue(id);
  await page.getByText('Sampling and prompt').click();
  await page.getByLabel('Max tokens').fill('6');
  await page.getByLabel('Max tokens').blur();
  await page.getByLabel('Question to compare').fill('When does the kelp harvest season run?');
  const before = requests.length;
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const ft = page.getByRole('article', { name: 'Fine-tuned, no retrieval' });
  await expect(ft).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  await expect(page.getByRole('article', { name: 'Fine-tuned with retrieval (RAG + FT)' })).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  const base = page.getByRole('article', { name: 'Base model, no retrieval' });
  expect(await ft.getByTestId('answer').innerText()).not.toBe(await base.getByTestId('answer').innerText());
  await expect(ft).toContainText('Tiny Llama fixture (random weights, test only) + tiny-llama-strong');
  // The lab engine loaded the merged model from the cache: nothing under /merged/ was requested from the network.
  expect(requests.slice(before).filter((u) => u.includes('/merged/'))).toEqual([]);

  // Evaluate offers the fine-tuned modes now, with the merged model.
  await nav(page, 'Evaluate');
  await expect(page.getByLabel('Fine-tuned', { exact: true })).toBeEnabled();
  await expect(page.getByTestId('ft-unavailable')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: /^Fine-tuned model/ }).locator('option', { hasText: '+ tiny-llama-strong' })).toHaveCount(1);

  // Delete: only the merged model's own files go; the base still loads and answers.
  await nav(page, 'Models');
  await page.getByRole('table', { name: 'Fine-tuned models' }).getByRole('button', { name: /^Delete / }).click();
  await expect(page.getByRole('table', { name: 'Fine-tuned models' })).toHaveCount(0);
  expect(await page.evaluate(async () => (await (await caches.open('webllm/model')).keys()).length)).toBe(0);
  expect(await readStore(page, 'mergedModels')).toEqual([]);
  await nav(page, 'Compare');
  await expect(page.getByRole('article', { name: 'Fine-tuned, no retrieval' })).toHaveAttribute('data-status', 'unavailable');
  await base.getByRole('button', { name: 'Re-run Base model, no retrieval' }).click();
  await expect(base).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});

// Both kinds of training data on one library (a page's workers start once): RAFT first, then self-generated demonstrations.
test('training data: a RAFT dataset from the demo train split, exported as JSONL, whose questions Evaluate then refuses; self-generated demonstrations keep the model\'s answers it got right and abstain where it was wrong', async ({ page }) => {
  test.setTimeout(360_000);
  await importDemoLibrary(page);
  await addDemoQaSet(page);
  await nav(page, 'Fine-tune');
  await page.getByLabel('Questions (at most)').fill('12');
  await page.getByLabel('Questions (at most)').blur();
  await page.getByLabel('Dataset name').fill('raft-demo');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  const row = page.getByRole('table', { name: 'Datasets' }).locator('tr[data-kind="raft"]');
  await expect(row).toHaveCount(1, { timeout: 120_000 });
  const [dataset] = await readStore(page, 'datasets');
  expect(dataset!.itemIds.length).toBeGreaterThan(8);
  // Oracle present in roughly P = 0.8 of the answerable examples; every answerable target quotes and ends with the answer.
  expect(dataset!.stats.oracleRate).toBeGreaterThan(0.4);
  for (const e of dataset!.examples.filter((x) => !x.meta.abstain)) expect(e.messages.at(-1)!.content).toMatch(/##begin_quote##.+##end_quote##.*<ANSWER>: /s);
  await expect(row.locator('td[data-stat="oracle"]')).toHaveText(/%$/);
  await page.getByText('Examples as the model will see them').click();
  await expect(page.locator('pre.prompt').first()).toContainText('<|start_header_id|>assistant<|end_header_id|>');
  await expect(page.locator('pre.target').first()).toContainText(/<ANSWER>: .*<\|eot_id\|>$/);
  // Export: JSONL in the chat "messages" format with the rendered prompt/completion, and a training note.
  const downloads: string[] = [];
  page.on('download', async (d) => downloads.push(readFileSync((await d.path())!, 'utf8')));
  await row.getByRole('button', { name: 'Export raft-demo' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const jsonl = downloads.find((d) => d.trimStart().startsWith('{'))!;
  const first = JSON.parse(jsonl.split('\n')[0]!);
  expect(first.messages.at(-1).role).toBe('assistant');
  expect(first.completion.endsWith('<|eot_id|>')).toBe(true);
  expect(downloads.find((d) => d.startsWith('# raft-demo'))).toContain('target_modules=');
  // The leakage guard: an eval over all items (train included) is refused, the test split runs.
  await nav(page, 'Evaluate');
  await page.getByRole('combobox', { name: /^Questions/ }).selectOption('all');
  await page.getByLabel('Question limit').fill('0');
  await page.getByLabel('Question limit').blur();
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('alert')).toContainText('were used to build the fine-tune dataset "raft-demo"');
  expect(await readStore(page, 'evalRuns')).toEqual([]);

  // Self-generated demonstrations, on the same library and QA set.
  const selfGen = async () => (await readStore(page, 'datasets')).filter((d) => d.kind === 'self-gen');
  await nav(page, 'Fine-tune');
  await page.getByLabel('Kind').selectOption('self-gen');
  await page.getByLabel('Dataset name').fill('self-gen');
  // A reload in the middle of a build: the page says what was not finished (building cannot resume).
  await page.getByLabel('Questions (at most)').fill('5');
  await page.getByLabel('Questions (at most)').blur();
  await page.getByLabel('Max answer tokens').fill('8');
  await page.getByLabel('Max answer tokens').blur();
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByText('Question 2 of 5')).toBeVisible({ timeout: 120_000 });
  await page.reload();
  await expect(page.getByTestId('interrupted-dataset')).toContainText(/Building the dataset "self-gen" was stopped by a reload or a closed tab after \d+ of 5 questions\. Nothing of it was saved/);
  expect(await selfGen()).toEqual([]);
  await page.getByTestId('interrupted-dataset').getByRole('button', { name: 'Dismiss' }).click();
  await page.getByLabel('Kind').selectOption('self-gen');
  await page.getByLabel('Questions (at most)').fill('2');
  await page.getByLabel('Questions (at most)').blur();
  await page.getByLabel('Max answer tokens').fill('8');
  await page.getByLabel('Max answer tokens').blur();
  await page.getByRole('button', { name: 'Build dataset' }).click();
  const selfGenRow = page.getByRole('table', { name: 'Datasets' }).locator('tr[data-kind="self-gen"]');
  await expect(selfGenRow).toHaveCount(1, { timeout: 180_000 });
  const [selfGenerated] = await selfGen();
  // The random-weight fixture model answers nothing right: every target is the abstention, and the prompts are the real RAG prompts.
  expect(selfGenerated!.examples).toHaveLength(2);
  for (const e of selfGenerated!.examples) {
    expect(e.meta.abstain).toBe(true);
    expect(e.messages.at(-1)!.content).toBe("I don't know based on the provided documents.");
  }
  await expect(selfGenRow.locator('td[data-stat="abstention"]')).toHaveText('100.0%');
});

test('another tab upgrades the database while Fine-tune is open: this tab steps aside, says to reload, and a later write says so too instead of a raw error', async ({ page, context }) => {
  await page.goto('./#/finetune');
  await expect(page.getByRole('heading', { name: 'Training data' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => indexedDB.databases().then((d) => d.some((x) => x.name === 'rag-lab')))).toBe(true);
  // The other tab opens the next schema version; it must not be blocked by this tab's connection.
  const other = await context.newPage();
  await other.goto('./#/about');
  const upgraded = await other.evaluate(async () => {
    const current = (await indexedDB.databases()).find((d) => d.name === 'rag-lab')!.version!;
    return new Promise<string>((resolve) => {
      const r = indexedDB.open('rag-lab', current + 1);
      r.onblocked = () => resolve('blocked');
      r.onsuccess = () => (r.result.close(), resolve(`upgraded to ${current + 1}`));
      r.onerror = () => resolve(`error ${r.error?.message}`);
    });
  });
  expect(upgraded).toMatch(/^upgraded to \d+$/);
  await expect(page.getByTestId('database-notice')).toContainText('RAG Lab was updated in another tab');
  await expect(page.getByTestId('database-notice').getByRole('button', { name: 'Reload' })).toBeVisible();
  // A write after that: merging an adapter ends with the same plain message, not IndexedDB's "connection is closing".
  await page.getByLabel('Base model').selectOption('local/tiny-llama');
  await importAdapter(page, 'tiny-llama-strong');
  await page.getByRole('button', { name: 'Merge and register' }).click();
  await expect(page.getByRole('region', { name: 'LoRA adapters' }).getByRole('alert')).toContainText('RAG Lab was updated in another tab, so this tab stopped using its storage. Reload this tab to go on');
  await other.close();
});
