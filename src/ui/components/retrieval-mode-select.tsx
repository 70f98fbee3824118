// The retrieval mode picker: Library search and eval runs offer the same modes, the
// knowledge-graph ones (docs/graph.md) included.
import type { RetrievalMode } from '../../shared/search-api';
import { t } from '../i18n/i18n';

const modes: [RetrievalMode, string][] = [
  ['hybrid', 'common:retrieval.hybrid'],
  ['vector', 'common:retrieval.vector'],
  ['lexical', 'common:retrieval.lexical'],
  ['graph', 'common:retrieval.graph'],
  ['hybrid-graph', 'common:retrieval.hybridGraph'],
];

export function RetrievalModeSelect({ label, value, onChange, disabled }: { label: string; value: RetrievalMode; onChange: (m: RetrievalMode) => void; disabled?: boolean }) {
  return (
    <label>
      {label}{' '}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as RetrievalMode)}>
        {modes.map(([m, key]) => <option key={m} value={m}>{t(key)}</option>)}
      </select>
    </label>
  );
}
