// A small embedding playground: one sentence per line in, vector dimension,
// norm and pairwise cosine similarities out. Also how a person checks that a
// model loaded and behaves sensibly before indexing a whole library.
import { useSignal } from '@preact/signals';
import { rowDot, rowNorm } from '../../embed/vectors';
import type { EmbedResult } from '../../shared/embed-api';
import type { Services } from '../actions';
import { embedTexts } from '../actions';
import { embedTask } from '../state';

const example = 'The barley harvest begins in August.\nBarley is harvested in mid August.\nThe ferry to Carrow leaves at 07:15.';

function Results({ texts, result }: { texts: string[]; result: EmbedResult }) {
  const { vectors, dim } = result;
  return (
    <div class="scroll">
      <table aria-label="Embedding results" class="matrix">
        <thead>
          <tr>
            <th>Sentence</th><th>Tokens</th><th>Dim</th><th>Norm</th>
            {texts.map((_, j) => <th key={j}>#{j + 1}</th>)}
          </tr>
        </thead>
        <tbody>
          {texts.map((t, i) => (
            <tr key={i} data-row={i} data-dim={dim} data-norm={rowNorm(vectors, dim, i).toFixed(6)}>
              <td class="sentence">#{i + 1} {t}</td>
              <td>{result.tokenCounts[i]}</td>
              <td>{dim}</td>
              <td>{rowNorm(vectors, dim, i).toFixed(4)}</td>
              {texts.map((_, j) => {
                const s = rowDot(vectors, dim, i, j);
                return <td key={j} data-sim={s.toFixed(6)} style={{ '--sim': Math.max(0, s).toFixed(3) }} class="sim">{s.toFixed(3)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SimilarityCheck({ services }: { services: Services }) {
  const text = useSignal(example);
  const result = useSignal<{ texts: string[]; result: EmbedResult } | null>(null);
  const run = async () => {
    const texts = text.value.split('\n').map((t) => t.trim()).filter(Boolean).slice(0, 12);
    if (texts.length === 0) return;
    const r = await embedTexts(services, texts);
    if (r) result.value = { texts, result: r };
  };
  return (
    <section class="card" aria-labelledby="simcheck-title">
      <h3 id="simcheck-title">Similarity check</h3>
      <p class="muted">One sentence per line (up to 12). Sentences that mean the same should score close to 1.</p>
      <label for="simcheck-input">Sentences to compare</label>
      <textarea id="simcheck-input" rows={4} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      <button type="button" onClick={run} disabled={embedTask.value.state === 'running'}>
        Embed and compare
      </button>
      {result.value && <Results {...result.value} />}
    </section>
  );
}
