// Plain text and Markdown: paragraphs are separated by blank lines; Markdown
// ATX headings (# …) and, in plain text, short ALL-CAPS lines become headings.
import type { ParsedDoc } from '../shared/library-types';
import { TextBuilder } from './text-builder';

function isCapsHeading(p: string): boolean {
  return !p.includes('\n') && p.length <= 80 && /[A-Z]/.test(p) && p === p.toUpperCase() && !/[.!?]$/.test(p);
}

export function parsePlainText(text: string): ParsedDoc {
  const b = new TextBuilder();
  for (const p of text.split(/\n\s*\n/)) {
    const t = p.trim();
    if (isCapsHeading(t)) b.add('heading', t, 1);
    else b.add('paragraph', t);
  }
  return b.build();
}

export function parseMarkdown(text: string): ParsedDoc {
  const b = new TextBuilder();
  let para: string[] = [];
  let fence = false;
  const flush = () => {
    if (para.length) b.add('paragraph', para.join('\n'));
    para = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      b.add('heading', heading[2]!, heading[1]!.length);
    } else if (!fence && line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  return b.build();
}
