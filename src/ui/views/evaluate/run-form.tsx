import { evalModes, modeLabels, modeUsesFineTune, type EvalMode } from '../../../eval/types';
import type { Services } from '../../actions';
import { baseChoices, fineTunedChoices, noFineTunedReason } from '../../chat-state';
import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import { RerankSettings } from '../../components/rerank-settings';
import { SamplingFields } from '../../components/sampling-fields';
import { LlmSuggestion } from '../../components/llm-suggestion';
import { cancelRun, startRun } from '../../eval-actions';
import { activeRun, evalNotice, qaSets, runForm, type RunForm } from '../../eval-state';

const set = (patch: Partial<RunForm>) => (runForm.value = { ...runForm.value, ...patch });

function toggleMode(mode: EvalMode, on: boolean) {
  const modes = evalModes.filter((m) => (m === mode ? on : runForm.value.modes.includes(m)));
  set({ modes });
}

export function ActiveRunPanel() {
  const a = activeRun.value;
  if (!a) return null;
  const { done, total, current } = a.progress;
  return (
    <div class="progress run-progress" role="status">
      <progress aria-label="Eval progress" max={total || 1} value={done} />
      <span>
        {a.resumed ? 'Resumed: ' : ''}{done} of {total} answers
        {current ? ` · now ${modeLabels[current.mode]} on ${current.itemId}` : ''}
        {a.loading ? ` · ${a.loading}` : ''}
      </span>
      <button type="button" class="secondary" onClick={cancelRun}>Cancel run</button>
    </div>
  );
}

export function RunFormPanel({ services }: { services: Services }) {
  const f = runForm.value;
  const busy = !!activeRun.value;
  const base = f.baseModel ?? baseChoices.value.find((m) => !m.unavailable)?.id ?? null;
  const sets = qaSets.value;
  return (
    <section class="card" aria-labelledby="run-title">
      <h2 id="run-title">New eval run</h2>
      <form class="run-form" onSubmit={(e) => {
        e.preventDefault();
        if (!f.baseModel && base) set({ baseModel: base });
        void startRun(services);
      }}>
        <div class="search-settings">
          <label>
            QA set{' '}
            <select value={f.qaSetId} onChange={(e) => set({ qaSetId: e.currentTarget.value })} disabled={busy}>
              {!sets.length && <option value="">none yet: add one above</option>}
              {sets.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <label>
            Questions{' '}
            <select value={f.split} onChange={(e) => set({ split: e.currentTarget.value as RunForm['split'] })} disabled={busy}>
              <option value="test">test split</option>
              <option value="all">all (train and test)</option>
            </select>
          </label>
          <label>
            Question limit{' '}
            <input type="number" min={0} value={f.limit ?? 0} disabled={busy} onChange={(e) => set({ limit: e.currentTarget.valueAsNumber > 0 ? e.currentTarget.valueAsNumber : null })} />
          </label>
          <label class="grow">
            Run name{' '}
            <input type="text" value={f.name} placeholder="optional" disabled={busy} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
        </div>
        <fieldset>
          <legend>Modes</legend>
          {evalModes.map((m) => {
            const reason = modeUsesFineTune(m) ? noFineTunedReason.value : null;
            return (
              <label class="check" key={m} title={reason ?? undefined}>
                <input type="checkbox" checked={f.modes.includes(m) && !reason} disabled={busy || !!reason} onChange={(e) => toggleMode(m, e.currentTarget.checked)} /> {modeLabels[m]}
              </label>
            );
          })}
          {noFineTunedReason.value && <p class="muted small" data-testid="ft-unavailable">Fine-tuned modes are unavailable. {noFineTunedReason.value}</p>}
        </fieldset>
        <div class="search-settings">
          <label>
            Base model{' '}
            <select value={base ?? ''} onChange={(e) => set({ baseModel: e.currentTarget.value })} disabled={busy}>
              {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
            </select>
          </label>
          <label>
            Fine-tuned model{' '}
            <select value={f.fineTunedModel ?? ''} onChange={(e) => set({ fineTunedModel: e.currentTarget.value || null })} disabled={busy || !fineTunedChoices.value.length}>
              <option value="">{fineTunedChoices.value.length ? 'choose…' : 'none yet'}</option>
              {fineTunedChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
            </select>
          </label>
          <RetrievalModeSelect label="Retrieval" value={f.retrieval.mode} disabled={busy} onChange={(mode) => set({ retrieval: { ...f.retrieval, mode } })} />
          <label>
            Top k{' '}
            <input type="number" min={1} max={20} value={f.retrieval.k} disabled={busy} onChange={(e) => {
              const k = e.currentTarget.valueAsNumber;
              if (k >= 1 && k <= 20) set({ retrieval: { ...f.retrieval, k } });
            }} />
          </label>
          <RerankSettings value={f.retrieval.rerank} disabled={busy} onChange={(rerank) => {
            const { rerank: _old, ...rest } = f.retrieval;
            set({ retrieval: rerank ? { ...rest, rerank } : rest });
          }} />
        </div>
        <LlmSuggestion kind="qa-set" text={sets.find((s) => s.id === f.qaSetId)?.items.map((i) => i.question).join('\n') ?? ''}
          choices={baseChoices.value} currentId={base} onUse={(id) => set({ baseModel: id })} disabled={busy} />
        <SamplingFields value={f} onChange={(v) => set(v)} disabled={busy} />
        <div class="actions">
          <button type="submit" disabled={busy || !sets.length || !base}>Start run</button>
        </div>
      </form>
      {evalNotice.value && <p class={evalNotice.value.kind === 'error' ? 'error' : 'notice'} role="alert">{evalNotice.value.text}</p>}
      <ActiveRunPanel />
    </section>
  );
}
