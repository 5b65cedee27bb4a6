/**
 * Markdown reports are pasted into pull requests: text from a page must stay text. Every hostile
 * construct goes through mdText / mdCodeSpan and is parsed back with remark-gfm (the GFM parser
 * the project already uses): no link, image, HTML or autolink may come out, the visible text must
 * be the input, and what GitHub links by itself (URLs, e-mail, @mentions, #refs) sits in code.
 */
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mdCodeSpan, mdText } from '../generator/emit/md.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

function walk(n: Nodes, out: Nodes[] = []): Nodes[] {
  out.push(n);
  if ('children' in n) for (const c of n.children as Nodes[]) walk(c, out);
  return out;
}

/** The text a reader sees (text and code values, in order). */
function visible(n: Nodes): string {
  if (n.type === 'text' || n.type === 'inlineCode') return n.value;
  if (n.type === 'break') return '\n';
  if ('children' in n) return (n.children as Nodes[]).map(visible).join('');
  return '';
}

const HOSTILE = [
  '[click](https://evil.example/x)',
  '![pixel](https://evil.example/p.png)',
  '<https://evil.example>',
  'see https://evil.example/a?b=c and www.evil.example',
  'mail admin@evil.example now',
  'cc @octocat and @org/team',
  'fixes #123',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[ref]: https://evil.example',
  '[ref]',
  'javascript:alert(1)',
  '[x](javascript:alert(1))',
  '**bold** _em_ ~~strike~~ `code`',
  'a | b | c',
  '# heading',
  'back\\slash \\[',
  '``` fence',
  '&amp; &lt;tag&gt;',
];

describe('mdText', () => {
  it.each(HOSTILE)('%s stays literal text', (s) => {
    const tree = parser.parse(`| a |\n|---|\n| ${mdText(s)} |\n\n${mdText(s)}\n`) as Root;
    const kinds = new Set(walk(tree).map((n) => n.type));
    for (const bad of ['link', 'image', 'html', 'linkReference', 'imageReference', 'definition', 'emphasis', 'strong', 'delete', 'heading', 'code'] as const) expect(kinds.has(bad), bad).toBe(false);
    const table = tree.children[0]!;
    expect(table.type).toBe('table');
    const rows = (table as Extract<Nodes, { type: 'table' }>).children;
    expect(rows[1]!.children).toHaveLength(1); // the pipe did not split the cell
    expect(visible(rows[1]!.children[0]!)).toBe(s);
    expect(visible(tree.children[1]!)).toBe(s);
  });

  it('puts what GitHub links by itself in code', () => {
    for (const s of ['https://evil.example/x', 'www.evil.example', 'a@evil.example', '@octocat', '#123']) {
      const tree = parser.parse(mdText(`x ${s} y`)) as Root;
      expect(walk(tree).filter((n) => n.type === 'inlineCode').map((n) => (n as { value: string }).value)).toEqual([s]);
    }
  });

  it('keeps line breaks as <br> and plain words untouched', () => {
    expect(mdText('one\ntwo')).toBe('one<br>two');
    expect(mdText('plain words, 1.5 GB')).toBe('plain words, 1.5 GB');
  });
});

describe('mdCodeSpan', () => {
  it('holds backticks and pipes literally', () => {
    for (const s of ['a`b', '``x``', '`', 'p|q', 'x.N.Key']) {
      const tree = parser.parse(`| a |\n|---|\n| ${mdCodeSpan(s)} |\n`) as Root;
      const codes = walk(tree).filter((n) => n.type === 'inlineCode');
      expect(codes.map((n) => (n as { value: string }).value)).toEqual([s]);
    }
  });
});
