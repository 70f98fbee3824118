// HTML → readable text: headings and text blocks only. Scripts, styles,
// navigation, headers, footers, forms and asides are dropped. htmlparser2
// runs in workers and Node alike (no DOM needed).
import { Parser } from 'htmlparser2';
import type { ParsedDoc } from '../shared/library-types';
import { TextBuilder } from './text-builder';

const skipped = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'svg', 'iframe', 'head', 'title']);
const blockTags = new Set(['p', 'div', 'li', 'tr', 'blockquote', 'pre', 'section', 'article', 'main', 'dd', 'dt', 'figcaption', 'caption', 'table', 'ul', 'ol', 'dl', 'body', 'br', 'hr']);

export function parseHtml(html: string): ParsedDoc {
  const b = new TextBuilder();
  let skipDepth = 0;
  let buffer = '';
  let heading = 0;
  const flush = () => {
    if (heading) b.add('heading', buffer, heading);
    else b.add('paragraph', buffer);
    buffer = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipped.has(name)) return void skipDepth++;
        if (skipDepth) return;
        const h = /^h([1-6])$/.exec(name);
        if (h) {
          flush();
          heading = Number(h[1]);
        } else if (blockTags.has(name)) flush();
        else if (name === 'td' || name === 'th') buffer += buffer ? ' | ' : '';
      },
      ontext(text) {
        if (!skipDepth) buffer += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (skipped.has(name)) return void (skipDepth = Math.max(0, skipDepth - 1));
        if (skipDepth) return;
        if (/^h[1-6]$/.test(name)) {
          flush();
          heading = 0;
        } else if (blockTags.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return b.build();
}
