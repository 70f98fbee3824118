// RoG's answering side: paths rendered as text, the prompt that asks the LLM to
// answer from them (RoG's own wording, plus our [n] citations), and RoG's no-LLM
// baseline, which answers with the last entity of the best path.
import type { GraphPath } from './types';

/**
 * `A → relation → B → relation → C`. A hop followed against the edge's direction is
 * written `B ← relation ← C` (C relation B), so the text never states a fact backwards.
 */
export function renderPath(path: GraphPath): string {
  let out = path.startName;
  for (const s of path.steps) out += s.reverse ? ` ← ${s.relation} ← ${s.toName}` : ` → ${s.relation} → ${s.toName}`;
  return out;
}

/** The numbered reasoning paths, one per line: `[1] A → r → B`. */
export function renderPaths(paths: GraphPath[]): string {
  return paths.map((p, i) => `[${i + 1}] ${renderPath(p)}`).join('\n');
}

/** RoG's reasoning prompt (Luo et al., 2024), asking for `[n]` citations of the paths used. */
export function rogPrompt(question: string, paths: GraphPath[]): string {
  return [
    'Based on the reasoning paths, please answer the given question. Please keep the answer as simple as possible and return all the possible answers as a list.',
    'Cite the paths you used as [n]. If no path answers the question, say that the graph does not contain the answer.',
    '',
    'Reasoning Paths:',
    paths.length ? renderPaths(paths) : '(none)',
    '',
    'Question:',
    question,
  ].join('\n');
}

/** RoG's baseline without an LLM: the last entity of the best path, or null when there is none. */
export function baselineAnswer(paths: GraphPath[]): string | null {
  const best = paths[0];
  return best && best.steps.length ? best.steps[best.steps.length - 1]!.toName : null;
}
