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
import type { RawCell, RawRow, RawTable } from './types.ts';
import { alignRow } from './cells.ts';
import { columnRole } from './vocab.ts';

export const HTML_TABLE_OPEN = /^ {0,3}<table[\s>]/i;
const TABLE_TAG = /<(\/?)table[\s>]/gi;
/** Elements whose start and end break a cell's text into lines. */
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

export interface HtmlTableRead {
  table: Omit<RawTable, 'heading' | 'caption'> | null;
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

/** A cell's text by line: whitespace collapsed as a browser shows it, `<br>` and blocks end a line. */
function cellLines(cell: Element, lineOffset: number): TextLine[] {
  const out: TextLine[] = [];
  let text = '';
  let line = (cell.position?.start.line ?? 1) + lineOffset;
  const end = (): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, line });
    text = '';
  };
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
      const block = BLOCK.has(node.tagName);
      if (block) end();
      for (const c of node.children) walk(c);
      if (block) end();
    }
  };
  for (const c of cell.children) walk(c);
  end();
  return out.length ? out : [{ text: '', line: (cell.position?.start.line ?? 1) + lineOffset }];
}

function cellsOf(row: Element): Element[] {
  return children(row).filter((c): c is Element => isElement(c, 'td', 'th'));
}

/** Read the HTML table block that starts at `lines[start]` (0-based). */
export function readHtmlTable(
  file: string,
  lines: string[],
  start: number,
): HtmlTableRead {
  const diagnostics: Diagnostic[] = [];
  // The block ends where its <table> closes (tables nested in cells open and close inside it).
  let end = start;
  let depth = 0;
  for (; end < lines.length; end++) {
    for (const m of lines[end]!.matchAll(TABLE_TAG)) depth += m[1] ? -1 : 1;
    if (depth <= 0) break;
  }
  if (end === lines.length) {
    // Never closed: stop at the next markdown heading (parse5 closes what is open).
    end = start + 1;
    while (end < lines.length && !/^ {0,3}#{1,6}(\s|$)/.test(lines[end]!)) end++;
    end--;
    diagnostics.push({ file, line: start + 1, severity: 'warning', code: 'unclosed-html-table', message: `<table> opened here is never closed; read up to line ${end + 1}` });
  }
  const root = fromHtml(lines.slice(start, end + 1).join('\n'), { fragment: true });
  const offset = start; // fragment line 1 is page line start + 1
  const table = children(root).find((c): c is Element => isElement(c, 'table'));
  const rows = table ? ownRows(table) : [];
  if (!table || rows.length === 0) return { table: null, end, diagnostics };
  const headIndex = Math.max(0, rows.findIndex((r) => cellsOf(r).length > 0 && cellsOf(r).every((c) => c.tagName === 'th')));
  const headRow = rows[headIndex]!;
  const header = cellsOf(headRow).map((c) => cellLines(c, offset).map((p) => p.text).join(' ').trim());
  const roles = header.map(columnRole);
  const lineOf = (e: Element): number => (e.position?.start.line ?? 1) + offset;
  const out: RawRow[] = [];
  for (const r of rows.slice(headIndex + 1)) {
    const raw: RawCell[] = cellsOf(r).map((c) => ({ parts: cellLines(c, offset) }));
    if (raw.length === 0) continue;
    const { cells, diagnostic } = alignRow(file, lineOf(r), raw, roles);
    if (diagnostic) diagnostics.push(diagnostic);
    out.push({ cells, line: lineOf(r), endLine: (r.position?.end.line ?? lineOf(r) - offset) + offset, group: null });
  }
  return { table: { layout: 'html-table', markup: 'text', header, roles, line: lineOf(headRow), rows: out }, end, diagnostics };
}
