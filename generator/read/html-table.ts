/**
 * HTML tables in markdown pages (`<table>` … `</table>` blocks, as documentation sites emit
 * them when a cell needs lists or line breaks). CommonMark keeps such a block as raw HTML, so
 * remark has nothing to offer: the block is parsed with hast-util-from-html (parse5, the HTML
 * standard's parser: unclosed `<td>`, entities, `<br>`, `<thead>`/`<tbody>`), and each cell is
 * turned into text lines that keep the page line they come from (facts cite them).
 *
 * The table becomes a RawTable like any other (layout `html-table`, plain-text cells): the
 * first row of `<th>` cells (else the first row) is the header; every other row of the table
 * itself (not of a table nested in a cell) is a row; a row with fewer or more cells than the
 * header is aligned as pipe-table rows are (./cells.ts).
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Diagnostic, TextLine } from '../model/ir.ts';
import type { CellLink, RawCell, RawRow, RawTable } from './types.ts';
import { alignRow } from './cells.ts';
import { headerRoles } from './vocab.ts';

/** A `<table>` block's first line; how deep it may be indented is the markdown reader's call (list items). */
export const HTML_TABLE_OPEN = /^[ \t]*<table[\s>]/i;
const TABLE_TAG = /<(\/?)table[\s>]/gi;
/** Elements whose start and end break a cell's text into lines. */
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

export interface HtmlTableRead {
  table: Omit<RawTable, 'heading' | 'caption' | 'traits' | 'status'> | null;
  /** Index (0-based) of the block's last line. */
  end: number;
  diagnostics: Diagnostic[];
}

function children(node: Root | Element): ElementContent[] {
  return (node.children as Array<Root['children'][number]>).filter((c): c is ElementContent => c.type !== 'doctype');
}

function isElement(node: ElementContent | Root, ...names: string[]): node is Element {
  return node.type === 'element' && names.includes(node.tagName);
}

/** The table's own rows, in order (through thead, tbody and tfoot; not into nested tables). */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of children(table)) {
    if (isElement(c, 'tr')) rows.push(c);
    else if (isElement(c, 'thead', 'tbody', 'tfoot')) for (const r of children(c)) if (isElement(r, 'tr')) rows.push(r);
  }
  return rows;
}

/**
 * A cell's text by line: whitespace collapsed as a browser shows it, `<br>` and blocks end a
 * line; a list item's first line starts with `• ` (two spaces more per level of nesting), the
 * bullet text scraped from HTML has, so the row reader makes it a `- item` line. Links
 * (`<a href>`) are collected with their text and line.
 */
function cellLines(cell: Element, lineOffset: number): { parts: TextLine[]; links: CellLink[] } {
  const out: TextLine[] = [];
  const links: CellLink[] = [];
  let text = '';
  let prefix = '';
  let depth = 0;
  let line = (cell.position?.start.line ?? 1) + lineOffset;
  const end = (): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) {
      out.push({ text: prefix + t, line });
      prefix = '';
    }
    text = '';
  };
  const textOf = (node: ElementContent): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '');
  const walk = (node: ElementContent): void => {
    if (node.type === 'text') {
      if (text.trim() === '') {
        // The line is where the first visible character is.
        const lead = /^\s*/.exec(node.value)![0];
        if (lead.length < node.value.length && node.position) line = node.position.start.line + lineOffset + (lead.match(/\n/g)?.length ?? 0);
      }
      text += node.value;
    } else if (node.type === 'element') {
      if (node.tagName === 'br') return end();
      const href = node.tagName === 'a' ? node.properties?.href : undefined;
      if (typeof href === 'string') links.push({ url: href, text: textOf(node).replace(/\s+/g, ' ').trim(), line: (node.position?.start.line ?? 1) + lineOffset });
      const block = BLOCK.has(node.tagName);
      if (block) end();
      const list = node.tagName === 'ul' || node.tagName === 'ol';
      if (list) depth++;
      if (node.tagName === 'li') prefix = `${'  '.repeat(Math.max(1, depth))}• `;
      for (const c of node.children) walk(c);
      if (list) depth--;
      if (block) end();
      if (node.tagName === 'li') prefix = '';
    }
  };
  for (const c of cell.children) walk(c);
  end();
  return { parts: out.length ? out : [{ text: '', line: (cell.position?.start.line ?? 1) + lineOffset }], links };
}

function cellsOf(row: Element): Element[] {
  return children(row).filter((c): c is Element => isElement(c, 'td', 'th'));
}

/** Deeper nesting than this is not read: hast-util-from-parse5 and the cell walk recurse per level. */
const MAX_DEPTH = 400;
/** Elements that never nest in themselves (HTML closes them implicitly) or hold nothing. */
const FLAT = new Set(['tr', 'td', 'th', 'li', 'p', 'dt', 'dd', 'option', 'thead', 'tbody', 'tfoot', 'br', 'img', 'hr', 'input', 'meta', 'link', 'col', 'area', 'base', 'wbr', 'source', 'track', 'embed', 'param', 'a']);

/**
 * How deep a block's elements nest, counted on its tags (one pass; `[^<>]`: a scan from one `<`
 * stops at the next). Elements HTML closes implicitly are not counted, so a table without
 * closing tags does not look deep.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)([A-Za-z][\w-]*)([^<>]*)>/g)) {
    const name = m[2]!.toLowerCase();
    if (FLAT.has(name) || m[3]!.endsWith('/')) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

/**
 * For each line that opens a table block, the line its `<table>` closes on (-1: never), found
 * for every block of the page in one pass: with D[k] the count of `<table` minus `</table` on
 * the lines before k, the block opened on line s ends on the first line e with D[e + 1] ≤ D[s]
 * (a "next smaller or equal" search, a stack). Scanning from each opening to its close instead
 * takes time quadratic in the page when tables are never closed.
 */
export function htmlTableEnds(lines: string[]): Int32Array {
  const n = lines.length;
  const depth = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    let d = 0;
    const l = lines[k]!;
    if (l.includes('<') && /table/i.test(l)) for (const m of l.matchAll(TABLE_TAG)) d += m[1] ? -1 : 1;
    depth[k + 1] = depth[k]! + d;
  }
  const ends = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  for (let p = n; p >= 0; p--) {
    while (stack.length && depth[stack[stack.length - 1]!]! > depth[p]!) stack.pop();
    if (p < n) ends[p] = stack.length ? stack[stack.length - 1]! - 1 : -1;
    stack.push(p);
  }
  return ends;
}

/**
 * Read the HTML table block that starts at `lines[start]` (0-based) and closes on line `close`
 * (-1 when it never closes; see htmlTableEnds).
 */
export function readHtmlTable(file: string, lines: string[], start: number, close = htmlTableEnds(lines)[start]!): HtmlTableRead {
  const diagnostics: Diagnostic[] = [];
  let end = close;
  if (end < 0) {
    // Never closed: stop at the next markdown heading (parse5 closes what is open).
    end = start + 1;
    while (end < lines.length && !/^ {0,3}#{1,6}(\s|$)/.test(lines[end]!)) end++;
    end--;
    diagnostics.push({ file, line: start + 1, severity: 'warning', code: 'unclosed-html-table', message: `<table> opened here is never closed; read up to line ${end + 1}` });
  }
  const text = lines.slice(start, end + 1).join('\n');
  if (nestingDepth(text) > MAX_DEPTH) {
    diagnostics.push({ file, line: start + 1, severity: 'warning', code: 'table-too-deep', message: `this <table> nests elements more than ${MAX_DEPTH} deep; left out` });
    return { table: null, end, diagnostics };
  }
  try {
    const block = readBlock(file, text, start);
    return { table: block.table, end, diagnostics: [...diagnostics, ...block.diagnostics] };
  } catch (e) {
    // hast-util-from-parse5 (and the cell walk) recurse once per level of nesting: thousands of
    // nested elements overflow the stack. Such a table is left out, with a diagnostic.
    if (!(e instanceof RangeError)) throw e;
    diagnostics.push({ file, line: start + 1, severity: 'warning', code: 'table-too-deep', message: 'this <table> nests elements too deep to read; left out' });
    return { table: null, end, diagnostics };
  }
}

function readBlock(file: string, text: string, start: number): Omit<HtmlTableRead, 'end'> {
  const diagnostics: Diagnostic[] = [];
  const root = fromHtml(text, { fragment: true });
  const offset = start; // fragment line 1 is page line start + 1
  const table = children(root).find((c): c is Element => isElement(c, 'table'));
  const rows = table ? ownRows(table) : [];
  if (!table || rows.length === 0) return { table: null, diagnostics };
  const headIndex = Math.max(0, rows.findIndex((r) => cellsOf(r).length > 0 && cellsOf(r).every((c) => c.tagName === 'th')));
  const headRow = rows[headIndex]!;
  const header = cellsOf(headRow).map((c) => cellLines(c, offset).parts.map((p) => p.text).join(' ').trim());
  const roles = headerRoles(header);
  const lineOf = (e: Element): number => (e.position?.start.line ?? 1) + offset;
  const out: RawRow[] = [];
  // Cells that span rows (`rowspan`) stand in the rows below them too; a cell that spans columns
  // (`colspan`) is followed by empty cells, so every row lines up with the header.
  let spans: { col: number; cell: RawCell; left: number }[] = [];
  const span = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v > 1 ? Math.min(v, 1000) : 1);
  for (const r of rows.slice(headIndex + 1)) {
    const raw: RawCell[] = [];
    const carried = spans.filter((x) => x.left > 0);
    const place = (): void => {
      for (let c = carried.find((x) => x.col === raw.length); c; c = carried.find((x) => x.col === raw.length)) {
        raw.push(c.cell);
        c.left--;
      }
    };
    const next: typeof spans = [];
    for (const c of cellsOf(r)) {
      place();
      const { parts, links } = cellLines(c, offset);
      const cell: RawCell = links.length ? { parts, links } : { parts };
      const rowSpan = span(c.properties?.rowSpan);
      if (rowSpan > 1) next.push({ col: raw.length, cell, left: rowSpan - 1 });
      raw.push(cell);
      for (let k = 1; k < span(c.properties?.colSpan) && raw.length < roles.length; k++) raw.push({ parts: [{ text: '', line: parts[0]!.line }] });
    }
    place();
    spans = [...carried.filter((x) => x.left > 0), ...next];
    if (raw.length === 0 || roles.length === 0) continue;
    const { cells, diagnostic } = alignRow(file, lineOf(r), raw, roles);
    if (diagnostic) diagnostics.push(diagnostic);
    out.push({ cells, line: lineOf(r), endLine: (r.position?.end.line ?? lineOf(r) - offset) + offset, group: null });
  }
  const id = table.properties?.id;
  const anchors = typeof id === 'string' && id ? [id] : [];
  return { table: { layout: 'html-table', markup: 'text', header, roles, line: lineOf(headRow), rows: out, anchors }, diagnostics };
}
