// QA synthesis: sample chunks, let a model write a question/answer/quote for
// each, filter, then hand the pairs to the person for review.
import { filterCandidates, normalizeSynthOptions, parseCandidate, sampleIndices, synthMessages, type Generated, type SynthOptions } from '../../eval/synth';
import { makeQaSet } from '../../eval/qa-set';
import { seededSplit } from '../../eval/split';
import { seededRandom } from '../../shared/random.mjs';
import { EvalError, tKey } from '../../shared/errors';
import { CancellableTask } from '../cancellable-task';
import { messageOf, t } from '../i18n/i18n';
import type { Services } from '../actions';
import { loadEngine } from '../engines';
import { refreshEval, storeRef } from './eval-actions';
import { runForm, synth, synthForm, type ReviewPair } from './eval-state';
import { clearJob, journaled, keepUnsaved } from '../job-journal';
import { libraryChunks } from '../library/library-actions';

const task = new CancellableTask();

/** Updates the synthesis form, keeping every number in its range. */
export function updateSynthForm(patch: Partial<typeof synthForm.value>): void {
  synthForm.value = normalizeSynthOptions({ ...synthForm.value, ...patch });
}

export async function generateQa(services: Services, options: SynthOptions): Promise<void> {
  const o = normalizeSynthOptions(options);
  await task.run(async (signal) => {
    const chunks = await libraryChunks();
    if (!chunks.length) throw new EvalError(tKey('errors:eval.synthEmptyLibrary'));
    const picked = sampleIndices(chunks.length, o.count, seededRandom(o.seed)).map((i) => chunks[i]!);
    const label = t('evaluate:synth.jobLabel', { count: picked.length });
    synth.value = { state: 'running', done: 0, total: picked.length };
    const generated = await journaled('synthesis', label, picked.length, async (update) => {
      const engine = await loadEngine(services, o.model, () => {}, signal);
      const out: (Generated & { chunkText: string })[] = [];
      for (const chunk of picked) {
        let output = '';
        for await (const c of engine.chat(synthMessages(chunk.text), { temperature: 0, maxTokens: o.maxTokens, seed: o.seed }, signal)) {
          if (c.type === 'delta') output += c.text;
        }
        signal.throwIfAborted();
        out.push({ chunkRef: { docName: chunk.docName, ord: chunk.ord }, chunkText: chunk.text, output, candidate: parseCandidate(output) });
        synth.value = { state: 'running', done: out.length, total: picked.length };
        update({ done: out.length });
      }
      return out;
    });
    const { kept, rejected } = filterCandidates(generated);
    // The review lives in this tab only: after a reload the page says that these pairs were not saved.
    keepUnsaved('synthesis', t('evaluate:synth.unsavedWhat'), t('evaluate:synth.unsavedDetail', { count: kept.length }));
    synth.value = { state: 'review', pairs: kept.map((k, key) => ({ key, ...k })), rejected, seed: o.seed, model: o.model };
  }, (e, cancelled) => void (synth.value = cancelled ? { state: 'idle' } : { state: 'failed', message: messageOf(e) }));
}

export function cancelSynth(): void {
  task.cancel();
}

export function editPair(key: number, patch: Partial<ReviewPair>): void {
  const s = synth.value;
  if (s.state === 'review') synth.value = { ...s, pairs: s.pairs.map((p) => (p.key === key ? { ...p, ...patch } : p)) };
}

export function removePair(key: number): void {
  const s = synth.value;
  if (s.state === 'review') synth.value = { ...s, pairs: s.pairs.filter((p) => p.key !== key) };
}

/** Saves the reviewed pairs as a QA set with a seeded 70/30 train/test split. */
export async function saveGenerated(name: string): Promise<void> {
  const s = synth.value;
  if (s.state !== 'review') return;
  const pairs = s.pairs.filter((p) => p.question.trim() && p.answer.trim());
  if (!pairs.length) {
    synth.value = { state: 'failed', message: tKey('evaluate:synth.nothingToSave') };
    return;
  }
  const ids = pairs.map((_, i) => `g${String(i + 1).padStart(3, '0')}`);
  const test = new Set(seededSplit(ids, s.seed, 0.3).test);
  const items = pairs.map((p, i) => ({
    id: ids[i]!, question: p.question.trim(), answer: p.answer.trim(), quote: p.quote, doc_ids: [p.docName],
    split: test.has(ids[i]!) ? ('test' as const) : ('train' as const), type: 'generated',
  }));
  const set = await makeQaSet(name.trim() || t('evaluate:synth.generatedBy', { model: s.model }), 'generated', items, s.seed);
  await (await storeRef()).putQaSet(set);
  clearJob('synthesis');
  runForm.value = { ...runForm.value, qaSetId: set.id };
  synth.value = { state: 'idle' };
  await refreshEval();
}

/** Drops the pairs under review without saving them. */
export function discardGenerated(): void {
  clearJob('synthesis');
  synth.value = { state: 'idle' };
}

/** Turns a rejected chunk into an empty pair the person writes by hand (its document stays the gold document). */
export function writeByHand(index: number): void {
  const s = synth.value;
  if (s.state !== 'review') return;
  const r = s.rejected[index];
  if (!r) return;
  const key = Math.max(-1, ...s.pairs.map((p) => p.key)) + 1;
  synth.value = { ...s, pairs: [...s.pairs, { key, question: '', answer: '', quote: '', docName: r.chunkRef.docName }], rejected: s.rejected.filter((_, i) => i !== index) };
}
