import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { answerMessages, answersWithPaths, baselineAnswer, citableCount, citationNumbering, citedDocuments, graphKinds, graphSex, renderPath, rogMessages, rogPrompt } from '../../../src/graph/prompt';
import { askedSex } from '../../../src/graph/answer-type';
import { entityKey } from '../../../src/graph/normalize';
import type { GraphRetrievalInfo } from '../../../src/shared/search-api';
import type { RetrievedChunk } from '../../../src/shared/search-api';
import { followPlan } from '../../../src/graph/search';
import type { GraphPath } from '../../../src/graph/types';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([['a', [t('a', 'rent', 'comes_from', 'Pellan Cottage'), t('a', 'rent', 'paid_into', 'Seawall Fund')]]]);
const path: GraphPath = { ...followPlan(kg, 'pellan cottage', ['comes_from', 'paid_into'], 5)[0]!, score: 1 };

describe('RoG prompt', () => {
  it('renders a path with arrows, a reverse hop pointing back', () => {
    expect(renderPath(path)).toBe('Pellan Cottage ← comes_from ← rent → paid_into → Seawall Fund');
  });

  it('numbers the paths in RoG\'s prompt and asks for citations', () => {
    const prompt = rogPrompt('Where does the cottage rent go?', [path, { ...path, steps: path.steps.slice(0, 1) }].map(renderPath));
    expect(prompt).toContain('Based on the reasoning paths, please answer the given question.');
    expect(prompt).toContain('Reasoning Paths:\n[1] Pellan Cottage ← comes_from ← rent → paid_into → Seawall Fund\n[2] Pellan Cottage ← comes_from ← rent\n');
    expect(prompt).toMatch(/Question:\nWhere does the cottage rent go\?$/);
    expect(prompt).toContain('[n]');
    expect(rogPrompt('q', [])).toContain('(none)');
  });

  it('builds chat messages: instruction and paths as the system message, then the conversation and the question', () => {
    const history = [{ role: 'user' as const, content: 'Hello' }, { role: 'assistant' as const, content: 'Hi' }];
    const m = rogMessages([renderPath(path)], history, 'Where does the rent go?');
    expect(m.map((x) => x.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(m[0]!.content).toContain('Reasoning Paths:\n[1] Pellan Cottage ← comes_from ← rent → paid_into → Seawall Fund');
    expect(m[0]!.content).not.toContain('Passages:');
    expect(m.at(-1)).toEqual({ role: 'user', content: 'Where does the rent go?' });
  });

  it('numbers passages after the paths, so one [n] names either', () => {
    const chunk: RetrievedChunk = { docId: 'd', docName: 'lighthouse-cottage.md', ord: 0, text: 'All rent goes into the seawall fund.', headingPath: ['Rent'], start: 0, end: 36, score: 1, scores: {} };
    const system = rogMessages(['a → r → b', 'a → s → c'], [], 'q', [chunk])[0]!.content;
    expect(system).toContain('[2] a → s → c\n\nPassages:\n[3] (lighthouse-cottage.md › Rent)\nAll rent goes into the seawall fund.');
    expect(system).toContain('Cite the paths and passages you used as [n].');
  });

  it('answers with RoG\'s prompt in "Graph (RoG)", and in "Hybrid + graph" only when paths were found', () => {
    const chunk: RetrievedChunk = { docId: 'd', docName: 'x.md', ord: 0, text: 'Text.', headingPath: [], start: 0, end: 5, score: 1, scores: {} };
    const graph: GraphRetrievalInfo = { linked: ['rent'], paths: [{ text: 'rent → paid_into → seawall fund', score: 1, end: 'seawall fund', sources: [], hops: [] }], baseline: 'seawall fund', entities: 3, edges: 2 };
    const none: GraphRetrievalInfo = { ...graph, paths: [], baseline: null };
    const rag = (m: ReturnType<typeof answerMessages>) => m[0]!.content.includes('Reasoning Paths:') ? 'rog' : 'rag';
    expect(rag(answerMessages('{sources}', { mode: 'graph', graph, results: [chunk] }, [], 'q'))).toBe('rog');
    expect(answerMessages('{sources}', { mode: 'graph', graph, results: [chunk] }, [], 'q')[0]!.content).not.toContain('Passages:');
    expect(answerMessages('{sources}', { mode: 'hybrid-graph', graph, results: [chunk] }, [], 'q')[0]!.content).toContain('Passages:\n[2] (x.md)\nText.');
    expect(rag(answerMessages('{sources}', { mode: 'hybrid-graph', graph: none, results: [chunk] }, [], 'q'))).toBe('rag');
    expect(answerMessages('Sources: {sources}', { mode: 'hybrid', results: [chunk] }, [], 'q')[0]!.content).toBe('Sources: [1] (x.md)\nText.');
    expect(answerMessages('{sources}', null, [], 'q')[0]!.content).not.toContain('Reasoning Paths');
    // Graph mode without paths still asks RoG's way: the model is told the graph holds no answer.
    expect(answersWithPaths({ mode: 'graph', graph: none })).toBe(true);
    expect(citableCount({ mode: 'graph', graph, results: [chunk, chunk] })).toBe(1);
    expect(citableCount({ mode: 'hybrid-graph', graph, results: [chunk, chunk] })).toBe(3);
    expect(citableCount({ mode: 'hybrid-graph', graph: none, results: [chunk, chunk] })).toBe(2);
    expect(citableCount({ mode: 'vector', results: [chunk] })).toBe(1);
  });

  it('numbers an answer\'s [n] as its prompt did, and says which documents each names: paths first, then passages', () => {
    const chunk = (docName: string): RetrievedChunk => ({ docId: docName, docName, ord: 0, text: 'Text.', headingPath: [], start: 0, end: 5, score: 1, scores: {} });
    const evidence = (docName: string) => ({ docId: docName, docName, ord: 0, start: 0, end: 1, text: 's', extractor: 'pattern' });
    const hops = [
      { from: 'rent', fromName: 'rent', to: 'seawall fund', toName: 'seawall fund', relation: 'paid_into', reverse: false, evidence: [evidence('cottage.md')] },
      { from: 'seawall fund', fromName: 'seawall fund', to: 'storm', toName: 'storm', relation: 'created_after', reverse: false, evidence: [evidence('history.md'), evidence('cottage.md')] },
    ];
    const graph: GraphRetrievalInfo = {
      linked: ['rent'], baseline: 'storm', entities: 3, edges: 2,
      paths: [{ text: 'rent → paid_into → seawall fund → created_after → storm', score: 1, end: 'storm', sources: [], hops }, { text: 'rent → paid_into → seawall fund', score: 0.5, end: 'seawall fund', sources: [], hops: hops.slice(0, 1) }],
    };
    const results = [chunk('prices.md'), chunk('history.md')];
    expect(citationNumbering({ mode: 'hybrid-graph', graph, results })).toEqual({ rog: true, paths: 2, first: 3, count: 4 });
    expect(citedDocuments({ mode: 'hybrid-graph', graph, results })).toEqual([['cottage.md', 'history.md'], ['cottage.md'], ['prices.md'], ['history.md']]);
    // "Graph (RoG)": the chunks are listed after the paths but were not in the prompt, so no [n] names them.
    expect(citationNumbering({ mode: 'graph', graph, results })).toEqual({ rog: true, paths: 2, first: 3, count: 2 });
    expect(citedDocuments({ mode: 'graph', graph, results })).toEqual([['cottage.md', 'history.md'], ['cottage.md']]);
    // The RAG prompt (no path in "Hybrid + graph", or another mode): the chunks are [1..k].
    expect(citationNumbering({ mode: 'hybrid-graph', graph: { ...graph, paths: [] }, results })).toEqual({ rog: false, paths: 0, first: 1, count: 2 });
    expect(citedDocuments({ mode: 'hybrid', results })).toEqual([['prices.md'], ['history.md']]);
    expect(citationNumbering({ results: [] })).toEqual({ rog: false, paths: 0, first: 1, count: 0 });
  });

  it('answers without an LLM with the last entity of the best path', () => {
    expect(baselineAnswer([path])).toBe('Seawall Fund');
    expect(baselineAnswer([])).toBeNull();
  });

  it('prefers, among the paths that fit the question\'s type, one that ends at what a "which X" question names', () => {
    const ending = (name: string): GraphPath => ({ ...path, steps: [...path.steps.slice(0, -1), { ...path.steps.at(-1)!, toName: name }] });
    const paths = [ending('Seawall Fund'), ending('Harbour Fund'), ending('Tolsey trial plot')];
    expect(baselineAnswer(paths, 'On which plot is the rent spent?')).toBe('Tolsey trial plot');
    expect(baselineAnswer(paths, 'Where is the rent spent?')).toBe('Seawall Fund');
  });

  it('answers "Who is the mother of …" with the parent the graph does not say is a man', () => {
    const kin = KnowledgeGraph.from([['k', [
      t('k', 'Susan Nance', 'daughter_of', 'Arthur Nance'), t('k', 'Susan Nance', 'daughter_of', 'Hilda'), t('k', 'Hilda', 'holds_role', 'wife of Arthur Nance'), t('k', 'Hilda', 'married_to', 'Arthur Nance'),
      t('k', '周晓梅', 'daughter_of', '周庆山'), t('k', '周晓梅', 'daughter_of', '林秀英'), t('k', '周庆山', 'married_to', '林秀英'), t('k', '周庆山', 'son_of', '周福来'),
    ]]]);
    const parents = (who: string) => ['', 'x'].map((_, i): GraphPath => ({ ...followPlan(kin, who, ['daughter_of'], 5)[i]!, score: 1 - i / 10 }));
    const sex = graphSex(kin);
    // (Arthur Nance comes first, and is Hilda's husband; 周庆山 is a son_of, so 林秀英, his wife, is a woman.)
    expect(parents('susan nance').map((p) => p.steps[0]!.toName)).toEqual(['Arthur Nance', 'Hilda']);
    expect(baselineAnswer(parents('susan nance'), 'Who is the mother of Susan Nance?', undefined, sex)).toBe('Hilda');
    expect(baselineAnswer(parents('susan nance'), 'Who is the father of Susan Nance?', undefined, sex)).toBe('Arthur Nance');
    expect(parents('周晓梅').map((p) => p.steps[0]!.toName)).toEqual(['周庆山', '林秀英']);
    expect(baselineAnswer(parents('周晓梅'), '周晓梅的母亲是谁？', undefined, sex)).toBe('林秀英');
    expect(sex('周庆山')).toBe('m');
    expect(sex('林秀英')).toBe('f');
    // Without the graph's word, the best path answers.
    expect(baselineAnswer(parents('susan nance'), 'Who is the mother of Susan Nance?')).toBe('Arthur Nance');
  });

  it('takes a role with an owner as a kind of its holder: "oldest engine of the railway" is an engine, 文化馆的馆员 a 馆员', () => {
    const rail = KnowledgeGraph.from([['r', [
      t('r', 'Huw Ellis', 'drive', 'Meirion'), t('r', 'Meirion', 'built_by', 'Hunslet Engine Company'), t('r', 'Meirion', 'holds_role', 'oldest engine of Corris Bank Light Railway'),
      t('r', '王建平', 'holds_role', '松溪县文化馆的馆员'),
    ]]]);
    const paths = [['drive', 'built_by'], ['drive']].map((plan, i): GraphPath => ({ ...followPlan(rail, entityKey('Huw Ellis'), plan, 5)[0]!, score: 1 - i / 10 }));
    expect(graphKinds(rail)('meirion')).toEqual(['oldest engine']);
    expect(graphKinds(rail)('王建平')).toEqual(['馆员']);
    expect(baselineAnswer(paths, 'Which engine does Huw Ellis drive?', graphKinds(rail))).toBe('Meirion');
    // (Not a railway: the owner is not what the holder is.)
    expect(baselineAnswer(paths, 'Which railway does Huw Ellis drive for?', graphKinds(rail))).toBe('Hunslet Engine Company');
  });

  it('passes over a role that restates the path (何文远 ← great_grandson_of ← 何建新 → holds_role → 何文远的曾孙)', () => {
    const kin = KnowledgeGraph.from([['k', [
      t('k', '河口义学', 'founded_by', '何文远'), t('k', '何建新', 'great_grandson_of', '何文远'), t('k', '何建新', 'holds_role', '何文远的曾孙'), t('k', '何建新', 'holds_role', '河口镇的镇长'),
    ]]]);
    const paths = followPlan(kin, '河口义学', ['founded_by', 'great_grandson_of', 'holds_role'], 5).map((p): GraphPath => ({ ...p, score: 1 }));
    expect(paths.map((p) => p.steps[2]!.toName)).toEqual(['何文远的曾孙', '河口镇的镇长']);
    expect(baselineAnswer(paths, '捐资兴办河口义学的乡绅的曾孙担任什么职务？')).toBe('河口镇的镇长');
    // (… unless it is all there is.)
    expect(baselineAnswer(paths.slice(0, 1), '捐资兴办河口义学的乡绅的曾孙担任什么职务？')).toBe('何文远的曾孙');
  });

  it('answers "What did X do?" and 担任什么职务 with a role or a kind the path ends at', () => {
    const olds = KnowledgeGraph.from([['o', [t('o', 'Margaret Olds', 'married_to', 'Harold Olds'), t('o', 'Harold Olds', 'is_a', 'fisherman'), t('o', 'Nell Olds', 'aunt_of', 'Harold Olds'),
      t('o', 'Harold Olds', 'holds_role', 'great-grandfather')]]]);
    // (Kin is no work: the path to "great-grandfather" comes first and is passed over.)
    const paths = [['married_to'], ['married_to', 'holds_role'], ['married_to', 'is_a'], ['married_to', 'aunt_of']].map((plan, i): GraphPath => ({ ...followPlan(olds, entityKey('Margaret Olds'), plan, 5)[0]!, score: 1 - i / 10 }));
    expect(baselineAnswer(paths, 'What did the husband of Margaret Olds do?')).toBe('fisherman');
    expect(baselineAnswer(paths, 'What was the occupation of the husband of Margaret Olds?')).toBe('fisherman');
    // (Another question keeps the best path's end; a path ending at a kind answers with what the kind describes.)
    expect(baselineAnswer(paths, 'Who did Margaret Olds marry?')).toBe('Harold Olds');
    const zh = KnowledgeGraph.from([['z', [t('z', '陈立', 'colleague_of', '许秋云'), t('z', '许秋云', 'works_at', '碧窑陶瓷厂'), t('z', '许秋云', 'holds_role', '碧窑陶瓷厂的画师')]]]);
    const zhPaths = [['colleague_of', 'works_at'], ['colleague_of', 'holds_role']].map((plan, i): GraphPath => ({ ...followPlan(zh, '陈立', plan, 5)[0]!, score: 1 - i / 10 }));
    expect(baselineAnswer(zhPaths, '收藏家陈立的同事是做什么工作的？')).toBe('碧窑陶瓷厂的画师');
    expect(baselineAnswer(zhPaths, '陈立的同事担任什么职务？')).toBe('碧窑陶瓷厂的画师');
  });

  it('answers with the person who holds a role that a path ends at, unless the question asks for a role', () => {
    const farm = KnowledgeGraph.from([['f', [t('f', 'Safety officer', 'reads', 'accident book'), t('f', 'Oskar Brandt', 'holds_role', 'Safety officer')]]]);
    const paths = [['reads'], ['reads', 'holds_role']].map((plan, i): GraphPath => ({ ...followPlan(farm, entityKey('accident book'), plan, 5)[0]!, score: 1 - i / 10 }));
    expect(baselineAnswer(paths, 'Which director reads the accident book each Friday?')).toBe('Oskar Brandt');
    expect(baselineAnswer(paths, 'Who reads the accident book?')).toBe('Oskar Brandt');
    expect(baselineAnswer(paths, 'What role reads the accident book?')).toBe('Safety officer');
  });

  it('does not answer with the thing a relative clause hangs on ("the sheds whose roof …"): the question describes it', () => {
    const kelp = KnowledgeGraph.from([['k', [t('k', 'solar array', 'located_in', 'kelp drying sheds'), t('k', 'kelp drying sheds', 'located_in', 'Pellan Point')]]]);
    const paths = [['located_in'], ['located_in', 'located_in']].map((plan, i): GraphPath => ({ ...followPlan(kelp, entityKey('solar array'), plan, 5)[0]!, score: 1 - i / 10 }));
    expect(baselineAnswer(paths, 'Where are the sheds whose roof carries the new solar array?')).toBe('Pellan Point');
    expect(baselineAnswer(paths, 'Where is the solar array?')).toBe('kelp drying sheds');
  });

  it('reads which sex a "who" question asks for from the kin noun "who is" names, in English and Chinese', () => {
    expect(askedSex('Who is the wife of the grandson of Ernest Pollard?')).toBe('f');
    expect(askedSex("Who was Tom Varley's father?")).toBe('m');
    expect(askedSex("Who is married to Jenny Crake's grandfather?")).toBeNull();
    expect(askedSex('Who founded the Shuttleby Male Voice Choir?')).toBeNull();
    expect(askedSex('现任石埠酒厂厂长的母亲是谁？')).toBe('f');
    expect(askedSex('谁是何俊的外孙女？')).toBe('f');
    expect(askedSex('刘志强的父亲曾在哪个茶场担任场长？')).toBeNull();
  });

  it('answers "在哪个茶场…" with a path that ends at a 茶场 even when no path ends at a place', () => {
    // (run ends at no place and no body a role is held at.)
    const tea = KnowledgeGraph.from([['z', [t('z', '刘长河', 'run', '青山茶场'), t('z', '青山茶场', 'in_year', '1958')]]]);
    const paths = [['run', 'in_year'], ['run']].map((plan, i): GraphPath => ({ ...followPlan(tea, '刘长河', plan, 5)[0]!, score: 1 - i / 10 }));
    expect(baselineAnswer(paths, '刘长河曾在哪个茶场担任场长？')).toBe('青山茶场');
    // (Without the noun, the best path's end answers.)
    expect(baselineAnswer(paths, '刘长河在哪里？')).toBe('1958');
  });
});
