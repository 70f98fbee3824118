// The retrieval mode picker: Library search and eval runs offer the same modes, the
// knowledge-graph ones (docs/graph.md) included.
import type { RetrievalMode } from '../../shared/search-api';

const modes: [RetrievalMode, string][] = [
  ['hybrid', 'Hybrid'], ['vector', 'Vector'], ['lexical', 'Lexical (BM25)'], ['graph', 'Graph (RoG)'], ['hybrid-graph', 'Hybrid + graph'],
];

export function RetrievalModeSelect({ label, value, onChange, disabled }: { label: string; value: RetrievalMode; onChange: (m: RetrievalMode) => void; disabled?: boolean }) {
  return (
    <label>
      {label}{' '}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as RetrievalMode)}>
        {modes.map(([m, text]) => <option key={m} value={m}>{text}</option>)}
      </select>
    </label>
  );
}
