// Evaluate actions: QA sets, starting/resuming/cancelling runs, exports.
import { runEval, type EvalPorts } from '../../eval/runner';
import { metrics } from '../../eval/aggregate';
import { planRun } from '../../eval/plan';
import { loadTagger } from '../../graph/verbs';
import { summarizeRun, toCsv, toHtml, toJson } from '../../eval/report';
import { maxQaFileBytes, parseQaFile } from '../../eval/qa-import';
import { makeQaSet } from '../../eval/qa-set';
import type { EvalResult, EvalRun } from '../../eval/types';
import { demoPacks, type DemoManifest, type DemoPackInfo } from '../../demo/demo-pack';
import { isGraphMode, type LibraryTriples } from '../../eval/extraction';
import { parseGoldTriples, type GoldTriple } from '../../graph/metrics';
import { metricChart } from '../charts';
import { saveFile } from '../save-file';
import { EvalError, tKey } from '../../shared/errors';
import { errorText, messageOf, t } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';
import { reportText } from './eval-labels';
import type { EvalStore } from '../../store/eval-store';
import { stores } from '../database';
import type { Services } from '../actions';
import { fineTunedChoices, ragTemplate } from '../chat/chat-state';
import { loadEngine } from '../engines';
import { noteLlmDownload } from '../llm-download';
import { llmPlanner } from '../graph/graph-planner';
import { activeRun, evalNotice, evalReady, importReport, otherResults, otherRunId, qaSets, runForm, runs, selectedResults, selectedRunId } from './eval-state';
import { gpu, selectedEmbedder } from '../state';
import { retrievalOptions } from '../library/library-state';

const task = new CancellableTask();

const store = async (): Promise<EvalStore> => (await stores()).eval;

async function refresh(): Promise<void> {
  const s = await store();
  [qaSets.value, runs.value] = await Promise.all([s.listQaSets(), s.listRuns()]);
  if (!runForm.value.qaSetId && qaSets.value[0]) runForm.value = { ...runForm.value, qaSetId: qaSets.value[0].id };
}

let opened: Promise<void> | null = null;

/**
 * Opens the eval store, and resumes a run that a reload or closed tab interrupted.
 * Called once at start-up, after the model catalog and the library are ready.
 */
export function openEval(services: Services): Promise<void> {
  opened ??= (async () => {
    try {
      await refresh();
      evalReady.value = true;
      const interrupted = runs.value.find((r) => r.status === 'running');
      if (interrupted) void executeRun(services, interrupted, true);
    } catch (e) {
      evalNotice.value = { kind: 'error', text: messageOf(e) };
    }
  })();
  return opened;
}

/** The pack's gold triples (kg.jsonl), when its manifest names them: graph-mode runs measure the extraction with them. */
async function fetchGoldTriples(services: Services, pack: DemoPackInfo, file: string): Promise<{ file: string; triples: GoldTriple[] }> {
  const res = await fetch(new URL(`${pack.folder}${file}`, services.baseUrl));
  if (!res.ok) throw new EvalError(tKey('errors:eval.demoKgMissing', { file, status: res.status }));
  const { triples, badLine } = parseGoldTriples(await res.text());
  if (badLine !== null) throw new EvalError(tKey('errors:eval.demoKgDamaged', { file, line: badLine }));
  return { file, triples };
}

/** Stores a demo pack's QA set (its fixed train/test split, and its gold triples if it has them) and selects it; the English pack by default. */
export async function addDemoQaSet(services: Services, pack: DemoPackInfo = demoPacks[0]!): Promise<void> {
  try {
    const manifest = (await (await fetch(new URL(`${pack.folder}manifest.json`, services.baseUrl))).json()) as Pick<DemoManifest, 'name' | 'qa' | 'kg'>;
    const res = await fetch(new URL(`${pack.folder}${manifest.qa.file}`, services.baseUrl));
    if (!res.ok) throw new EvalError(tKey('errors:eval.demoQaMissing', { status: res.status }));
    const parsed = parseQaFile(await res.text(), manifest.qa.file);
    if (parsed.errors.length) throw new EvalError(tKey('errors:eval.demoQaDamaged', { line: parsed.errors[0]!.line, detail: parsed.errors[0]!.message }));
    const gold = manifest.kg ? await fetchGoldTriples(services, pack, manifest.kg.file) : undefined;
    const set = await makeQaSet(t('evaluate:qa.demoName', { name: manifest.name }), 'demo', parsed.items, undefined, gold);
    await (await store()).putQaSet(set);
    runForm.value = { ...runForm.value, qaSetId: set.id };
    await refresh();
  } catch (e) {
    evalNotice.value = { kind: 'error', text: messageOf(e) };
  }
}

/** Imports a JSONL or CSV QA set; any invalid line refuses the whole file, with every error listed. */
export async function importQaSet(file: File): Promise<void> {
  if (file.size > maxQaFileBytes) {
    importReport.value = { fileName: file.name, errors: [{ line: 0, message: t('evaluate:qa.tooLarge', { size: Math.round(file.size / 2 ** 20), limit: maxQaFileBytes / 2 ** 20 }) }], imported: null };
    return;
  }
  const parsed = parseQaFile(await file.text(), file.name, Date.now() % 100000);
  if (parsed.errors.length) {
    importReport.value = { fileName: file.name, errors: parsed.errors, imported: null };
    return;
  }
  const set = await makeQaSet(file.name.replace(/\.[^.]+$/, ''), 'import', parsed.items, parsed.splitSeed);
  await (await store()).putQaSet(set);
  importReport.value = { fileName: file.name, errors: [], imported: set.items.length };
  runForm.value = { ...runForm.value, qaSetId: set.id };
  await refresh();
}

export async function deleteQaSet(id: string): Promise<void> {
  await (await store()).deleteQaSet(id);
  if (runForm.value.qaSetId === id) runForm.value = { ...runForm.value, qaSetId: '' };
  await refresh();
}

/** Checks the form (QA items, models, leakage), stores the run, and runs it. */
export async function startRun(services: Services): Promise<void> {
  evalNotice.value = null;
  try {
    const s = await store();
    const form = runForm.value;
    const g = gpu.value;
    const set = await s.getQaSet(form.qaSetId);
    // The extraction score compares triples with compromise's word roots (graph/verbs.ts), loaded on first use.
    if (set?.gold && isGraphMode(form.retrieval.mode)) await loadTagger();
    const { run } = planRun(form, set, {
      fineTuned: fineTunedChoices.value, trainingUses: await s.trainingUses(), promptTemplate: ragTemplate.value,
      embedderId: selectedEmbedder.value?.entry.id ?? null, appVersion: __APP_VERSION__, browser: navigator.userAgent,
      gpuAdapter: g?.available ? `${g.adapterName}${g.fallback ? ' (software)' : ''}` : `none (${g?.reason ?? 'not probed'})`,
      now: Date.now(),
      ...(set?.gold && isGraphMode(form.retrieval.mode) ? { libraryTriples: await libraryTriples() } : {}),
    });
    await s.putRun(run);
    await refresh();
    await executeRun(services, run, false);
  } catch (e) {
    evalNotice.value = { kind: 'error', text: messageOf(e) };
  }
}

/** Every library document's stored triples, with its file name (for the extraction figure of a graph-mode run). */
async function libraryTriples(): Promise<LibraryTriples[]> {
  const { library } = await stores();
  const [docs, sets] = await Promise.all([library.listDocuments(), library.graph.all()]);
  const names = new Map(docs.map((d) => [d.id, d.name]));
  return sets.flatMap((s) => (names.has(s.docId) ? [{ docName: names.get(s.docId)!, triples: s.triples }] : []));
}

async function executeRun(services: Services, run: EvalRun, resumed: boolean): Promise<void> {
  const s = await store();
  const set = await s.getQaSet(run.config.qaSetId);
  const ids = new Set(run.provenance.itemIds);
  const items = set ? set.items.filter((i) => ids.has(i.id)) : [];
  if (!set || set.hash !== run.provenance.qaSetHash) {
    // The reason is stored with the run, in the language of the moment.
    await finish(s, run, 'failed', t('evaluate:runs.qaSetChanged', { name: run.provenance.qaSetName }));
    return;
  }
  activeRun.value = { runId: run.id, progress: { done: 0, total: 0, current: null }, loading: null, resumed };
  await selectRun(run.id);
  const ports: EvalPorts = {
    engine: (id, signal) => loadEngine(services, id, (p) => activeRun.value && (activeRun.value = { ...activeRun.value, loading: p.text }), signal)
      .finally(() => activeRun.value && (activeRun.value = { ...activeRun.value, loading: null })),
    // The run's own settings decide reranking, never the Library's toggle: what runs is what the provenance says.
    retrieve: (question, options, signal, engine) => {
      const { rerank: _library, ...library } = retrievalOptions.value;
      return services.retriever.retrieve({ ...library, ...options, query: question, mmr: undefined, docFilter: undefined, verify: false }, { ...(signal ? { signal } : {}), ...(engine ? { planner: llmPlanner(engine) } : {}) });
    },
    savedKeys: (id) => s.resultKeys(id),
    save: async (r) => {
      await s.putResult(r);
      if (selectedRunId.value === run.id) selectedResults.value = [...selectedResults.value, r];
    },
  };
  await task.run(async (signal) => {
    await runEval(run, items, ports, (progress) => activeRun.value && (activeRun.value = { ...activeRun.value, progress }), signal);
    await finish(s, run, 'done');
  }, (e, cancelled) => {
    // A model that could not be downloaded: the run stops with its results kept (resumable), and one notice offers to go on.
    if (!cancelled && noteLlmDownload(e, 'evaluate', () => resumeRun(services, run.id))) return finish(s, run, 'cancelled');
    return finish(s, run, cancelled ? 'cancelled' : 'failed', cancelled ? undefined : errorText(e));
  });
}

async function finish(s: EvalStore, run: EvalRun, status: EvalRun['status'], error?: string): Promise<void> {
  await s.putRun({ ...run, status, finishedAt: Date.now(), ...(error ? { error } : {}) });
  activeRun.value = null;
  await refresh();
}

export function cancelRun(): void {
  task.cancel();
}

/** Continues a cancelled or failed run from where it stopped. */
export async function resumeRun(services: Services, id: string): Promise<void> {
  const s = await store();
  const run = await s.getRun(id);
  if (!run || activeRun.value) return;
  const { error: _e, finishedAt: _f, ...rest } = run;
  const again: EvalRun = { ...rest, status: 'running' };
  await s.putRun(again);
  await executeRun(services, again, true);
}

export async function deleteRun(id: string): Promise<void> {
  await (await store()).deleteRun(id);
  if (selectedRunId.value === id) {
    selectedRunId.value = null;
    selectedResults.value = [];
  }
  if (otherRunId.value === id) otherRunId.value = null;
  await refresh();
}

export async function selectRun(id: string | null): Promise<void> {
  selectedRunId.value = id;
  selectedResults.value = id ? await (await store()).results(id) : [];
}

export async function selectOtherRun(id: string | null): Promise<void> {
  otherRunId.value = id;
  otherResults.value = id ? await (await store()).results(id) : [];
}

export async function storeRef(): Promise<EvalStore> {
  return store();
}

export { refresh as refreshEval };

/** Downloads a run as JSON, CSV, or a self-contained HTML report with its charts inline. */
export async function exportRun(run: EvalRun, results: EvalResult[], format: 'json' | 'csv' | 'html') {
  const base = `rag-lab-eval-${run.id}`;
  if (format === 'json') saveFile(new Blob([toJson(run, results)], { type: 'application/json' }), `${base}.json`);
  else if (format === 'csv') saveFile(new Blob([toCsv(results)], { type: 'text/csv' }), `${base}.csv`);
  else {
    const summary = summarizeRun(run, results);
    const charts: Record<string, string> = {};
    for (const m of metrics) {
      const svg = await metricChart(m, summary, run.config.modes);
      if (svg) charts[m.id] = svg.outerHTML;
    }
    saveFile(new Blob([toHtml(run, results, charts, reportText())], { type: 'text/html' }), `${base}.html`);
  }
}
