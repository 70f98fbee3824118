// A small embedding playground: one sentence per line in, vector dimension,
// norm and pairwise cosine similarities out. Also how a person checks that a
// model loaded and behaves sensibly before indexing a whole library.
import { useSignal } from '@preact/signals';
import { rowDot, rowNorm } from '../../../embed/vectors';
import type { EmbedResult } from '../../../shared/embed-api';
import type { Services } from '../../actions';
import { embedTexts } from '../../actions';
import { embedTask } from '../../state';
import { formatNumber } from '../../format';
import { t } from '../../i18n/i18n';

const fixed = (x: number, digits: number) => formatNumber(x, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

function Results({ texts, result }: { texts: string[]; result: EmbedResult }) {
  const { vectors, dim } = result;
  return (
    <div class="scroll">
      <table aria-label={t('models:similarity.tableLabel')} class="matrix">
        <thead>
          <tr>
            <th>{t('models:similarity.col.sentence')}</th><th>{t('models:similarity.col.tokens')}</th><th>{t('models:similarity.col.dim')}</th><th>{t('models:similarity.col.norm')}</th>
            {texts.map((_, j) => <th key={j}>#{j + 1}</th>)}
          </tr>
        </thead>
        <tbody>
          {texts.map((text, i) => (
            <tr key={i} data-row={i} data-dim={dim} data-norm={rowNorm(vectors, dim, i).toFixed(6)}>
              <td class="sentence">#{i + 1} {text}</td>
              <td>{result.tokenCounts[i]}</td>
              <td>{dim}</td>
              <td>{fixed(rowNorm(vectors, dim, i), 4)}</td>
              {texts.map((_, j) => {
                const s = rowDot(vectors, dim, i, j);
                return <td key={j} data-sim={s.toFixed(6)} style={{ '--sim': Math.max(0, s).toFixed(3) }} class="sim">{fixed(s, 3)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SimilarityCheck({ services }: { services: Services }) {
  // The example follows the interface language at first; the person's own text is kept after that.
  const text = useSignal(t('models:similarity.example'));
  const result = useSignal<{ texts: string[]; result: EmbedResult } | null>(null);
  const run = async () => {
    const texts = text.value.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 12);
    if (texts.length === 0) return;
    const r = await embedTexts(services, texts);
    if (r) result.value = { texts, result: r };
  };
  return (
    <section class="card" aria-labelledby="simcheck-title">
      <h3 id="simcheck-title">{t('models:similarity.title')}</h3>
      <p class="muted">{t('models:similarity.intro')}</p>
      <label for="simcheck-input">{t('models:similarity.input')}</label>
      <textarea id="simcheck-input" rows={4} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      <button type="button" onClick={run} disabled={embedTask.value.state === 'running'}>
        {t('models:similarity.run')}
      </button>
      {result.value && <Results {...result.value} />}
    </section>
  );
}
