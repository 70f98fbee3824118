import { useSignal } from '@preact/signals';
import { rejectionLabel } from '../eval-labels';
import { say, t } from '../../i18n/i18n';
import type { Services } from '../../actions';
import { InterruptedNotice } from '../../components/interrupted-notice';
import { baseChoices } from '../../chat/chat-state';
import { activeRun, synth, synthForm } from '../eval-state';
import { libraryDocs } from '../../library/library-state';
import { cancelSynth, discardGenerated, editPair, generateQa, removePair, saveGenerated, updateSynthForm, writeByHand } from '../synth-actions';

function Review() {
  const s = synth.value;
  const name = useSignal('');
  if (s.state !== 'review') return null;
  return (
    <div class="synth-review">
      <p role="status">
        {t('evaluate:synth.kept', { count: s.pairs.length, rejected: s.rejected.length })}
      </p>
      {s.pairs.map((p) => (
        <fieldset key={p.key} class="pair" data-pair={p.key}>
          <legend>{p.docName}</legend>
          <label>{t('evaluate:synth.question')} <input type="text" value={p.question} onInput={(e) => editPair(p.key, { question: e.currentTarget.value })} /></label>
          <label>{t('evaluate:synth.answer')} <input type="text" value={p.answer} onInput={(e) => editPair(p.key, { answer: e.currentTarget.value })} /></label>
          <label>{t('evaluate:synth.quote')} <input type="text" value={p.quote} onInput={(e) => editPair(p.key, { quote: e.currentTarget.value })} /></label>
          <button type="button" class="link" onClick={() => removePair(p.key)} aria-label={t('evaluate:synth.deletePair', { n: p.key + 1 })}>{t('evaluate:synth.delete')}</button>
        </fieldset>
      ))}
      {s.rejected.length > 0 && (
        <details>
          <summary>{t('evaluate:synth.rejected', { count: s.rejected.length })}</summary>
          <ul aria-label={t('evaluate:synth.rejectedList')}>
            {s.rejected.map((r, i) => (
              <li key={i}>
                {t('evaluate:synth.rejection', { doc: r.chunkRef.docName, n: r.chunkRef.ord + 1, reason: rejectionLabel(r.reason) })}{' '}
                <button type="button" class="link" onClick={() => writeByHand(i)}>{t('evaluate:synth.byHand')}</button>
                <pre class="prompt">{r.output.slice(0, 400)}</pre>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions">
        <label>{t('evaluate:synth.setName')} <input type="text" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} placeholder={t('evaluate:synth.generatedBy', { model: s.model })} /></label>
        <button type="button" disabled={!s.pairs.length} onClick={() => void saveGenerated(name.value)}>{t('evaluate:synth.save')}</button>
        <button type="button" class="secondary" onClick={discardGenerated}>{t('evaluate:synth.discard')}</button>
      </div>
    </div>
  );
}

export function SynthesisPanel({ services }: { services: Services }) {
  const form = synthForm.value;
  const s = synth.value;
  const models = baseChoices.value.filter((m) => !m.unavailable);
  const chosen = form.model ?? models[0]?.id ?? null;
  return (
    <section class="card" aria-labelledby="synth-title">
      <h2 id="synth-title">{t('evaluate:synth.title')}</h2>
      <p class="muted">{t('evaluate:synth.intro')}</p>
      <InterruptedNotice kind="synthesis" />
      <div class="search-settings">
        <label>
          {t('evaluate:synth.writer')}{' '}
          <select value={chosen ?? ''} onChange={(e) => updateSynthForm({ model: e.currentTarget.value })}>
            {models.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
        <label>{t('evaluate:synth.passages')} <input type="number" min={1} max={200} value={form.count} onChange={(e) => updateSynthForm({ count: e.currentTarget.valueAsNumber })} /></label>
        <label>{t('evaluate:synth.maxTokens')} <input type="number" min={16} max={512} value={form.maxTokens} onChange={(e) => updateSynthForm({ maxTokens: e.currentTarget.valueAsNumber })} /></label>
        <label>{t('evaluate:synth.seed')} <input type="number" min={0} value={form.seed} onChange={(e) => updateSynthForm({ seed: e.currentTarget.valueAsNumber })} /></label>
        <button type="button" disabled={!chosen || !libraryDocs.value.length || s.state === 'running' || !!activeRun.value}
          onClick={() => chosen && void generateQa(services, { ...form, model: chosen })}>
          {t('evaluate:synth.generate')}
        </button>
        {s.state === 'running' && <button type="button" class="secondary" onClick={cancelSynth}>{t('evaluate:synth.stop')}</button>}
      </div>
      {s.state === 'running' && (
        <div class="progress"><progress aria-label={t('evaluate:synth.progress')} max={s.total} value={s.done} /><span>{t('evaluate:synth.progressText', { done: s.done, total: s.total })}</span></div>
      )}
      {s.state === 'failed' && <p class="error" role="alert">{say(s.message)}</p>}
      <Review />
    </section>
  );
}
