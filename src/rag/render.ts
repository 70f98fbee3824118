// Answer text → safe HTML: Markdown through marked, sanitized by DOMPurify, then
// [n] citations turned into links to the Sources list. Model and document text
// never reach innerHTML unsanitized.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Raw HTML in an answer is shown as text, not interpreted: a model (or a quoted
// document) can write <img onerror=…> and it stays visible and inert.
const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

/** Replaces [n] / [n, m] in text nodes (not inside code) with links to #source-n. */
function linkCitations(root: HTMLElement, sourceCount: number, anchorPrefix: string): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n.parentElement?.closest('code, pre, a'))) nodes.push(n as Text);
  }
  for (const node of nodes) {
    const text = node.data;
    const re = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
    if (!re.test(text)) continue;
    re.lastIndex = 0;
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const m of text.matchAll(re)) {
      frag.append(text.slice(at, m.index));
      frag.append('[');
      m[1]!.split(',').forEach((part, i) => {
        const n = Number(part.trim());
        if (i) frag.append(', ');
        const a = document.createElement('a');
        a.textContent = String(n);
        a.className = 'cite';
        if (n >= 1 && n <= sourceCount) a.href = `#${anchorPrefix}${n}`;
        else (a.className = 'cite missing'), (a.title = `There is no source ${n}`), a.setAttribute('aria-label', `${n} (no such source)`);
        frag.append(a);
      });
      frag.append(']');
      at = m.index! + m[0].length;
    }
    frag.append(text.slice(at));
    node.replaceWith(frag);
  }
}

/** Safe HTML for an answer, with citation links to `#<anchorPrefix>n`. Runs in the page (needs a DOM). */
export function renderAnswer(markdown: string, sourceCount: number, anchorPrefix = 'source-'): string {
  const html = marked.parse(markdown, { async: false }) as string;
  const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'img', 'form', 'input'] });
  const box = document.createElement('div');
  box.innerHTML = clean;
  // A second guard, independent of the sanitizer: links only to the web, mail, or this page.
  for (const a of box.querySelectorAll('a[href]')) {
    if (!/^(https?:|mailto:|#)/i.test(a.getAttribute('href') ?? '')) a.removeAttribute('href');
    else if (!a.getAttribute('href')!.startsWith('#')) a.setAttribute('rel', 'noopener noreferrer');
  }
  linkCitations(box, sourceCount, anchorPrefix);
  return box.innerHTML;
}
