// @vitest-environment happy-dom
// happy-dom stands in for the browser here. It is not faithful enough to test DOMPurify itself, so these
// tests check the guards of our own: raw HTML escaped by the Markdown renderer, and the link filter.
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/rag/render';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderAnswer', () => {
  it('renders Markdown and links [n] citations to their sources', () => {
    const root = dom(renderAnswer('Kelp is cut **from May** [1], barley in August [2, 3].', 2));
    expect(root.querySelector('strong')?.textContent).toBe('from May');
    const links = [...root.querySelectorAll('a.cite')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['1', '#source-1'], ['2', '#source-2'], ['3', null]]);
    expect(links[2]!.className).toContain('missing'); // there is no source 3
  });

  it('shows model markup as text and runs nothing', () => {
    const evil = 'Look: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:alert(1))';
    const root = dom(renderAnswer(evil, 1));
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(root.textContent).toContain('<script>window.__pwned=2</script>');
    expect([...root.querySelectorAll('a')].every((a) => !/^javascript:/i.test(a.getAttribute('href') ?? ''))).toBe(true);
  });

  it('leaves [n] inside code alone', () => {
    const root = dom(renderAnswer('Use `arr[1]` here [1].', 1));
    expect(root.querySelector('code')?.textContent).toBe('arr[1]');
    expect(root.querySelectorAll('a.cite')).toHaveLength(1);
  });
});
