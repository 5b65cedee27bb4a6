/**
 * Cell text → clean text. Markdown cells go through remark-parse when they hold inline
 * syntax that needs a real parser (links, emphasis, HTML, entities); cells whose only markup
 * is backslash escapes or code spans — most of them — take the two-regex path, because a
 * remark parse costs ~0.1-0.3 ms per call and a large corpus has hundreds of thousands of
 * cells. Results are cached by text (zh pages come in near-identical cn/intl copies).
 *
 * The cache is sound because a cell's result depends on its text alone: every cell is parsed as
 * if it were alone, never with link-reference definitions (a cell that would be one,
 * `[ref]: <https://...>`, is read as text) and never inside a block another cell opened (a cell
 * starting a fence is read as text too). Otherwise one page's cell could define `[ref]` for an
 * identical cell of another page, through the cache.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root, RootContent } from 'mdast';
import type { CellLink, RawCell } from './types.ts';

const processor = unified().use(remarkParse);

/** Inline syntax that needs the parser: multi-backtick code spans, links/images, html tags, entities, emphasis. */
const NEEDS_PARSE = /``|\]\(|<[A-Za-z/!]|&(#\d+|#x[0-9a-f]+|[a-z]+);|(^|[^\\\w])(\*\*?|__?)(?=\S)|~~/i;
/** CommonMark backslash escapes: a backslash before ASCII punctuation. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** Escapes text pages scraped from HTML still carry (`\*\*\*\*`, `\[`); `\"` and `\\` are literal there. */
const TEXT_ESCAPE = /\\([*_[\](){}#|`~<>!+\-.])/g;

const cache = new Map<string, string>();
/** The links of the cached cells that have any (destination and text). */
const linkCache = new Map<string, { url: string; text: string }[]>();
const CACHE_LIMIT = 200_000;

function mdastText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
      return /^<br\s*\/?>$/i.test(node.value) ? ' ' : '';
    case 'image':
      return node.alt ?? '';
    default:
      if ('children' in node) {
        let s = '';
        const kids = node.children as Nodes[];
        for (let i = 0; i < kids.length; i++) {
          if (i > 0 && (node.type === 'root' || node.type === 'list' || node.type === 'listItem')) s += ' ';
          s += mdastText(kids[i]!);
        }
        return s;
      }
      return '';
  }
}

function stripCode(s: string): string {
  return s.replace(/`+([^`]*)`+/g, '$1');
}

function needsParse(s: string): boolean {
  return NEEDS_PARSE.test(s);
}

/**
 * How many inline-markup characters (`[ ] < > * _ ~` and backticks) a line may have to be parsed
 * by remark. micromark's matching of emphasis, labels and inline HTML takes time quadratic in
 * the unmatched ones on a line (`*a_` 4,000 times: 8.6 s); no real page has more than 117 on a
 * line, so a line with more is read by the escapes-and-code path, its other markup left as text.
 */
export const MARKUP_LIMIT = 256;

export function tooMuchMarkup(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // [ ] < > * _ ~ `
    if (c === 91 || c === 93 || c === 60 || c === 62 || c === 42 || c === 95 || c === 126 || c === 96) if (++n > MARKUP_LIMIT) return true;
  }
  return false;
}

/**
 * A cell line that is a code fence (```` ``` ````, `~~~json`): the page's site shows a code block
 * there, so the marker itself is no text. Never parsed in a batch, where it would open a block
 * over the cells after it.
 */
const FENCE_LINE = /^\s*(?:`{3,}[^`]*|~{3,}.*)$/;

/**
 * A cell line as a paragraph of its own: behind the inert prefix `x `, nothing in it can start a
 * block (a heading, list, quote, code block, HTML block, thematic break, or a link-reference
 * definition that would apply to other cells), and its first characters flank emphasis as at
 * the start of a line (a space and the start of a line count alike). The prefix is taken off the
 * text again (fromCell). Link destinations with spaces (`[addon](/intl.en-US/API Reference/x.md)`,
 * common in these pages and rendered as links by their site) are not links in CommonMark;
 * wrapping the destination in `<...>`, CommonMark's own form for such destinations, keeps them
 * links (found from each `](` up to the next parenthesis or angle bracket: linear).
 */
const PREFIX = 'x ';
function asParagraph(s: string): string {
  return PREFIX + s.trimStart().replace(/\]\(([^()<>]*)\)/g, (m, dest: string) => (/\s/.test(dest) && !/^\s/.test(dest) ? `](<${dest}>)` : m));
}

function fromCell(nodes: Nodes[]): string {
  const out = fromTree(nodes);
  return out.startsWith(PREFIX) ? out.slice(PREFIX.length) : out === PREFIX.trim() ? '' : out;
}

function linksOf(nodes: Nodes[]): { url: string; text: string }[] {
  const out: { url: string; text: string }[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'link') out.push({ url: n.url, text: mdastText(n).replace(/\s+/g, ' ').trim() });
    else if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  for (const n of nodes) visit(n);
  return out;
}

function store(s: string, nodes: Nodes[]): string {
  const out = fromCell(nodes);
  const text = /^\s/.test(s) && out ? ' ' + out : out;
  if (cache.size > CACHE_LIMIT) {
    cache.clear();
    linkCache.clear();
  }
  cache.set(s, text);
  if (s.includes('](') || s.includes('<')) {
    const links = linksOf(nodes);
    if (links.length) linkCache.set(s, links);
  }
  return text;
}

function fromTree(nodes: Nodes[]): string {
  return nodes.map(mdastText).join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Parse a page's markdown prose and all its cell lines in ONE remark call (a call has a fixed
 * cost of ~0.1-0.3 ms, and a page has hundreds of cells): each cell line becomes its own
 * paragraph after the prose, blank lines between, and each top-level node is mapped back to
 * its cell by its position. Cell results land in the cache markdownToText reads; the prose's
 * top-level nodes are returned (positions are those of `prefix`).
 */
export function parseWithCells(prefix: string, cells: string[]): RootContent[] {
  const todo = [...new Set(cells.filter((s) => needsParse(s) && !cache.has(s) && !FENCE_LINE.test(s) && !tooMuchMarkup(s)))];
  const prefixLines = prefix === '' ? 0 : prefix.split('\n').length;
  const first = prefixLines === 0 ? 1 : prefixLines + 2;
  const text = (prefix && todo.length ? `${prefix}\n\n` : prefix) + todo.map(asParagraph).join('\n\n');
  const tree = processor.parse(text) as Root;
  const byLine = new Map<number, Nodes[]>();
  const prose: RootContent[] = [];
  for (const n of tree.children) {
    const line = n.position!.start.line;
    if (line <= prefixLines) prose.push(n);
    else byLine.set(line, [...(byLine.get(line) ?? []), n as Nodes]);
  }
  todo.forEach((s, i) => {
    const nodes = byLine.get(first + 2 * i);
    // A cell the batch did not give back (swallowed by an open construct above it) is parsed alone.
    store(s, nodes ?? ((processor.parse(asParagraph(s)) as Root).children as Nodes[]));
  });
  return prose;
}

/** Inline markdown (one line of a cell) → plain text. */
export function markdownToText(s: string): string {
  if (!s.includes('\\') && !s.includes('`') && !NEEDS_PARSE.test(s)) return s;
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  if (FENCE_LINE.test(s)) return '';
  if (NEEDS_PARSE.test(s) && !tooMuchMarkup(s)) return store(s, (processor.parse(asParagraph(s)) as Root).children as Nodes[]);
  // Escapes and code spans only. Code spans first: escapes inside them are literal.
  const out = s.includes('`') ? s.split(/(`+[^`]*`+)/).map((p, i) => (i % 2 ? stripCode(p) : p.replace(ESCAPE, '$1'))).join('') : s.replace(ESCAPE, '$1');
  if (cache.size > CACHE_LIMIT) {
    cache.clear();
    linkCache.clear();
  }
  cache.set(s, out);
  return out;
}

/** The links of one line of a markdown cell (destination and clean text). */
export function markdownLinks(s: string): { url: string; text: string }[] {
  if (!s.includes('](') && !s.includes('<')) return [];
  if (!cache.has(s)) markdownToText(s);
  return linkCache.get(s) ?? [];
}

/** A list marker at the start of a cell line (stripped before a description line's inline text is cleaned). */
export const CELL_LIST_MARK = /^\s*([-*+]|\d+[.)])\s+/;

/**
 * A cell's links with their lines, whatever its markup (HTML cells carry theirs). `list`: the
 * cell is a description, whose lines are read without their list markers (as the reader batched them).
 */
export function cellLinks(cell: RawCell | undefined, markup: 'markdown' | 'text', list = false): CellLink[] {
  if (!cell) return [];
  if (markup === 'text') return cell.links ?? [];
  const out: CellLink[] = [];
  for (const p of cell.parts) for (const l of markdownLinks(list ? p.text.replace(CELL_LIST_MARK, '') : p.text)) out.push({ ...l, line: p.line });
  return out;
}

/** Text scraped from HTML: only the escapes the scrape kept. */
export function plainToText(s: string): string {
  return s.includes('\\') ? s.replace(TEXT_ESCAPE, '$1') : s;
}

export function cleanInline(s: string, markup: 'markdown' | 'text'): string {
  return markup === 'markdown' ? markdownToText(s) : plainToText(s);
}
