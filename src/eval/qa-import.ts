// Reads a QA set from JSONL or CSV and validates it, collecting every problem
// with its line number instead of stopping at the first.
import Papa from 'papaparse';
import { seededSplit } from './split';
import type { QaItem } from './types';

export interface QaImportError {
  line: number;
  message: string;
}

export interface QaImport {
  items: QaItem[];
  errors: QaImportError[];
  /** Set when the file had no split column and one was made here. */
  splitSeed?: number;
}

/** The largest QA file we read (a set of tens of thousands of questions is still far below). */
export const maxQaFileBytes = 20 * 1024 * 1024;

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** Validates one raw record; `line` is its line in the file. */
function validate(raw: Record<string, unknown>, line: number, errors: QaImportError[]): QaItem | null {
  const fail = (message: string) => (errors.push({ line, message }), null);
  const { question, answer, aliases, doc_ids: docIds, quote, split, id, type } = raw;
  if (typeof question !== 'string' || !question.trim()) return fail('"question" must be a non-empty string.');
  if (answer !== null && (typeof answer !== 'string' || !answer.trim())) {
    return fail('"answer" must be a non-empty string, or null for an unanswerable question.');
  }
  if (aliases !== undefined && !stringList(aliases)) return fail('"aliases" must be a list of strings.');
  if (docIds !== undefined && !stringList(docIds)) return fail('"doc_ids" must be a list of strings (document file names).');
  if (quote !== undefined && quote !== null && typeof quote !== 'string') return fail('"quote" must be a string or null.');
  if (split !== undefined && split !== 'train' && split !== 'test') return fail('"split" must be "train" or "test".');
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return fail('"id" must be a string or a number.');
  return {
    id: id === undefined ? `line-${line}` : String(id),
    question: question.trim(),
    answer: answer === null ? null : (answer as string).trim(),
    ...(aliases ? { aliases: aliases as string[] } : {}),
    ...(docIds ? { doc_ids: docIds as string[] } : {}),
    ...(typeof quote === 'string' ? { quote } : {}),
    split: (split as 'train' | 'test' | undefined) ?? 'test',
    ...(typeof type === 'string' ? { type } : {}),
  };
}

function parseJsonl(text: string, errors: QaImportError[]): { raw: Record<string, unknown>; line: number }[] {
  const out: { raw: Record<string, unknown>; line: number }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim()) return;
    try {
      const v: unknown = JSON.parse(l);
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push({ raw: v as Record<string, unknown>, line: i + 1 });
      else errors.push({ line: i + 1, message: 'Each line must be one JSON object.' });
    } catch {
      errors.push({ line: i + 1, message: 'This line is not valid JSON.' });
    }
  });
  return out;
}

/** A CSV list cell: a JSON array, or values separated by "|". */
function csvList(cell: string | undefined): string[] | undefined {
  const c = cell?.trim();
  if (!c) return undefined;
  if (c.startsWith('[')) {
    try {
      return JSON.parse(c) as string[];
    } catch {
      return [c];
    }
  }
  return c.split('|').map((s) => s.trim()).filter(Boolean);
}

function parseCsv(text: string, errors: QaImportError[]): { raw: Record<string, unknown>; line: number }[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  for (const e of parsed.errors) errors.push({ line: (e.row ?? 0) + 2, message: `CSV: ${e.message}.` });
  if (!parsed.meta.fields?.includes('question') || !parsed.meta.fields.includes('answer')) {
    errors.push({ line: 1, message: 'The header row must name the columns "question" and "answer".' });
    return [];
  }
  // Line numbers assume one line per record (quoted newlines make them approximate); the header is line 1.
  return parsed.data.map((row, i) => {
    const answer = row.answer?.trim();
    const raw: Record<string, unknown> = {
      question: row.question,
      answer: !answer || answer === 'null' ? null : answer,
      aliases: csvList(row.aliases),
      doc_ids: csvList(row.doc_ids),
      quote: row.quote?.trim() || undefined,
      split: row.split?.trim() || undefined,
      id: row.id?.trim() || undefined,
      type: row.type?.trim() || undefined,
    };
    for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
    return { raw, line: i + 2 };
  });
}

/** Parses and validates a QA file. Items without a split get a seeded 70/30 train/test split. */
export function parseQaFile(text: string, fileName: string, splitSeed = 1): QaImport {
  const errors: QaImportError[] = [];
  const isCsv = /\.csv$/i.test(fileName);
  if (!isCsv && !/\.jsonl?$/i.test(fileName)) {
    return { items: [], errors: [{ line: 0, message: 'Choose a .jsonl or .csv file (one question per line or row).' }] };
  }
  const records = isCsv ? parseCsv(text, errors) : parseJsonl(text, errors);
  const items: QaItem[] = [];
  const ids = new Map<string, number>();
  for (const { raw, line } of records) {
    const item = validate(raw, line, errors);
    if (!item) continue;
    const seen = ids.get(item.id);
    if (seen !== undefined) {
      errors.push({ line, message: `The id "${item.id}" was already used on line ${seen}.` });
      continue;
    }
    ids.set(item.id, line);
    items.push(item);
  }
  if (!records.length && !errors.length) errors.push({ line: 0, message: 'The file has no questions.' });
  errors.sort((a, b) => a.line - b.line);
  const hadSplit = records.some((r) => r.raw.split !== undefined);
  if (hadSplit || !items.length) return { items, errors };
  const test = new Set(seededSplit(items.map((i) => i.id), splitSeed, 0.3).test);
  return { items: items.map((i) => ({ ...i, split: test.has(i.id) ? 'test' : 'train' })), errors, splitSeed };
}
