// Browser entry of `npm run bench:retrieval`.
import { runRetrievalBench, type Measurement } from '../retrieval-core';

(window as unknown as { retrievalBench: (sizes: number[]) => Promise<Measurement[]> }).retrievalBench = async (sizes) => {
  const out: Measurement[] = [];
  await runRetrievalBench(sizes, 'Chromium', (m) => out.push(m));
  return out;
};
