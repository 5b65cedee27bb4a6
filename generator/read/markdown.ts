/**
 * Reading a markdown page: code fences and pipe tables by a line scan, the rest (headings,
 * links) with unified + remark-parse, each only when it needs a parse.
 *
 * Why the tables are read by hand: GFM tables (remark-gfm) end a row at the end of its line,
 * but these pages continue a cell over several lines and paragraphs until the row's closing
 * `|`; no markdown library reads that. Why fences are found by hand too: several real pages
 * leave a fence open (or close it as ``` ``` |```) and CommonMark then swallows the rest of
 * the page into one code block; we report the open fence and stop it at the next heading.
 * Speed is the other half: table rows and code bodies are most of a page's bytes, and
 * remark only needs to see the prose between them, so they are blanked (line count kept, so
 * remark's positions stay the page's own line numbers) before remark parses the page.
 */
import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { Diagnostic, TextLine } from '../model/ir.ts';
import type { Fence, Heading, Link, RawCell, RawTable } from './types.ts';
import { columnRole, sectionKind, TABLE_CAPTION } from './vocab.ts';
import { parseWithCells } from './inline.ts';
import { alignRow } from './cells.ts';
import { HTML_TABLE_OPEN, readHtmlTable } from './html-table.ts';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(\s|$)/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export interface MarkdownScan {
  fences: Fence[];
  tables: RawTable[];
  headings: Heading[];
  links: (select?: (line: string) => boolean) => Link[];
  diagnostics: Diagnostic[];
}

/** Split one table row (its physical lines) into cells on unescaped `|`. */
export function splitRow(lines: TextLine[]): RawCell[] {
  const cells: RawCell[] = [];
  let current: TextLine[] = [];
  let buf = '';
  let started = false; // past the leading pipe
  for (let li = 0; li < lines.length; li++) {
    const { text, line } = lines[li]!;
    let i = 0;
    if (!started) {
      const lead = text.match(/^\s*\|/);
      if (lead) i = lead[0].length;
      started = true;
    }
    buf = '';
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && i + 1 < text.length) {
        buf += ch + text[i + 1];
        i++;
        continue;
      }
      if (ch === '|') {
        current.push({ text: buf, line });
        cells.push({ parts: current });
        current = [];
        buf = '';
        continue;
      }
      buf += ch;
    }
    current.push({ text: buf, line });
  }
  // Whatever follows the last pipe: a real cell only if it holds text (no trailing pipe).
  if (current.some((p) => p.text.trim() !== '')) cells.push({ parts: current });
  return cells;
}

function endsWithPipe(text: string): boolean {
  const t = text.trimEnd();
  return t.endsWith('|') && !t.endsWith('\\|');
}

function cellText(c: RawCell): string {
  return c.parts.map((p) => p.text).join('\n').trim();
}

interface Blanked {
  /** Lines with table rows and fence bodies replaced by '' (for remark). */
  prose: string[];
  fences: Fence[];
  tables: Omit<RawTable, 'heading' | 'caption'>[];
  diagnostics: Diagnostic[];
}

function scanBlocks(file: string, lines: string[]): Blanked {
  const prose = lines.slice();
  const fences: Fence[] = [];
  const tables: Omit<RawTable, 'heading' | 'caption'>[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = lines.length;
  let i = 0;
  while (i < n) {
    const text = lines[i]!;
    const fm = FENCE_OPEN.exec(text);
    if (fm && !(fm[1]![0] === '`' && fm[2]!.includes('`'))) {
      const marker = fm[1]!;
      const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      let j = i + 1;
      let closed: number | null = null;
      for (; j < n; j++) {
        if (close.test(lines[j]!)) {
          closed = j;
          break;
        }
      }
      if (closed === null) {
        // Never closed: stop the block at the next heading so the rest of the page is still read.
        let end = i + 1;
        while (end < n && !ATX_HEADING.test(lines[end]!)) end++;
        diagnostics.push({
          file,
          line: i + 1,
          severity: 'warning',
          code: 'unbalanced-fence',
          message: `code fence opened here is never closed; treated as ending before line ${end + 1}`,
        });
        fences.push({ open: i + 1, close: null, info: fm[2]!.trim() });
        for (let k = i; k < end; k++) prose[k] = '';
        i = end;
        continue;
      }
      fences.push({ open: i + 1, close: closed + 1, info: fm[2]!.trim() });
      for (let k = i; k <= closed; k++) prose[k] = '';
      i = closed + 1;
      continue;
    }
    if (HTML_TABLE_OPEN.test(text)) {
      const h = readHtmlTable(file, lines, i);
      diagnostics.push(...h.diagnostics);
      if (h.table) tables.push(h.table);
      for (let k = i; k <= h.end; k++) prose[k] = '';
      i = h.end + 1;
      continue;
    }
    if (text.includes('|') && i + 1 < n && DELIMITER_ROW.test(lines[i + 1]!) && lines[i + 1]!.includes('-')) {
      const headerCells = splitRow([{ text, line: i + 1 }]).map(cellText);
      const roles = headerCells.map(columnRole);
      const table: Omit<RawTable, 'heading' | 'caption'> = {
        layout: 'pipe-table',
        markup: 'markdown',
        header: headerCells,
        roles,
        line: i + 1,
        rows: [],
      };
      prose[i] = '';
      prose[i + 1] = '';
      let j = i + 2;
      while (j < n && /^ {0,3}\|/.test(lines[j]!)) {
        const rowLines: TextLine[] = [{ text: lines[j]!, line: j + 1 }];
        prose[j] = '';
        let k = j + 1;
        if (!endsWithPipe(lines[j]!)) {
          // A cell that spans lines: the row goes on until a line ends with its closing pipe.
          while (k < n) {
            const t = lines[k]!;
            // A new row: the last one had no closing pipe.
            // (A line that is a lone `|` closes the current row instead.)
            if (/^ {0,3}\|/.test(t) && t.trim() !== '|' && splitRow(rowLines).length >= roles.length) break;
            if (ATX_HEADING.test(t)) break;
            rowLines.push({ text: t, line: k + 1 });
            prose[k] = '';
            k++;
            if (endsWithPipe(t)) break;
          }
        }
        const raw = splitRow(rowLines);
        const { cells, diagnostic } = alignRow(file, j + 1, raw, roles, 'an unescaped "|" inside a cell? ');
        if (diagnostic) diagnostics.push(diagnostic);
        table.rows.push({ cells, line: j + 1, endLine: k, group: null });
        j = k;
      }
      tables.push(table);
      i = j;
      continue;
    }
    i++;
  }
  return { prose, fences, tables, diagnostics };
}

function phrasingText(nodes: PhrasingContent[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
    else if ('children' in n) s += phrasingText(n.children as PhrasingContent[]);
    else if (n.type === 'break') s += ' ';
  }
  return s;
}

/** A list marker at the start of a cell line (stripped before the line's inline text is cleaned). */
export const CELL_LIST_MARK = /^\s*([-*+]|\d+[.)])\s+/;

/** Heading text as the reader keeps it: anchors (`{#id}`) and attribute lists (`{ .class}`) removed. */
function headingText(text: string): string {
  return text.replace(/\{#[^}]*\}|\{ *\.[^}]*\}/g, '').trim();
}

function walkHeadings(root: Root, headings: Heading[], lineOf: (l: number) => number): void {
  for (const node of root.children) {
    if (node.type === 'heading') {
      const text = headingText(phrasingText(node.children));
      headings.push({ text, level: node.depth, line: lineOf(node.position!.start.line), kind: sectionKind(text) });
    }
  }
}

function walkLinks(root: Root, links: Link[], lineOf: (l: number) => number): void {
  const visit = (node: RootContent): void => {
    if (node.type === 'link') {
      links.push({ url: node.url, text: phrasingText(node.children), line: lineOf(node.position!.start.line) });
    }
    if ('children' in node) for (const c of node.children as RootContent[]) visit(c);
  };
  for (const c of root.children) visit(c);
}

/** Characters that may start inline markup (escapes, code, emphasis, links, images, HTML, entities). */
const INLINE_MARKUP = /[\\`*_[\]<>&!~]/;
const ATX_PARTS = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

/**
 * An ATX heading whose content holds no inline markup and no closing `#` sequence: CommonMark
 * gives its content back verbatim, so it is read here and spares remark a parse (most headings
 * of these pages are plain words). Anything else returns null and goes to remark.
 */
function plainHeading(line: string): { level: number; text: string } | null {
  const m = ATX_PARTS.exec(line);
  if (!m) return null;
  const content = m[2] ?? '';
  if (INLINE_MARKUP.test(content) || content.endsWith('#')) return null;
  return { level: m[1]!.length, text: content };
}

/**
 * Only heading lines carry structure we use from the prose up front: plain ones are read here,
 * the others handed to remark (each as its own block, separated by blank lines; `lineOf` maps
 * remark's positions back to the page's lines). Lines that may hold a link are only listed:
 * links are parsed when asked for (ReadDocument.links).
 */
function proseToParse(prose: string[]): { text: string; lineOf: number[]; plain: Heading[]; linkLines: number[] } {
  const toParse: number[] = [];
  const plain: Heading[] = [];
  const linkLines: number[] = [];
  for (let i = 0; i < prose.length; i++) {
    const t = prose[i]!;
    if (t === '') continue;
    if (t.includes('](') || t.includes('<http')) linkLines.push(i + 1);
    if (!ATX_HEADING.test(t)) continue;
    const h = plainHeading(t);
    if (h) {
      const text = headingText(h.text);
      plain.push({ text, level: h.level, line: i + 1, kind: sectionKind(text) });
      continue;
    }
    toParse.push(i + 1);
  }
  return { ...asBlocks(prose, toParse), plain, linkLines };
}

/**
 * Page lines (1-based numbers) as one text for remark, each its own block (blank lines between);
 * `lineOf[l]` is the page line of the text's line `l`.
 */
function asBlocks(prose: string[], lines: number[]): { text: string; lineOf: number[] } {
  const out: string[] = [];
  const lineOf: number[] = [0];
  for (const n of lines) {
    out.push(prose[n - 1]!, '');
    lineOf.push(n, n);
  }
  return { text: out.join('\n'), lineOf };
}

/** The links of the listed prose lines that `select` keeps, in one remark call. */
function parseLinks(prose: string[], linkLines: number[], select: (line: string) => boolean): Link[] {
  const chosen = linkLines.filter((n) => select(prose[n - 1]!));
  if (chosen.length === 0) return [];
  const { text, lineOf } = asBlocks(prose, chosen);
  const links: Link[] = [];
  walkLinks({ type: 'root', children: parseWithCells(text, []) }, links, (l) => lineOf[l] ?? l);
  return links;
}

export function readMarkdown(file: string, lines: string[]): MarkdownScan {
  const blocks = scanBlocks(file, lines);
  const { text, lineOf, plain, linkLines } = proseToParse(blocks.prose);
  // Every cell line (and the same line without its list marker, as the description reader
  // will ask for it) is parsed in the same remark call as the headings that need it.
  const cells: string[] = [];
  for (const t of blocks.tables) {
    const desc = t.roles.indexOf('description');
    for (const r of t.rows)
      r.cells.forEach((c, i) => {
        // A description line is cleaned without its list marker; other cells as they are.
        for (const p of c.parts) cells.push(i === desc ? p.text.replace(CELL_LIST_MARK, '') : p.text);
      });
  }
  const tree = { type: 'root', children: parseWithCells(text, cells) } as Root;
  const parsed: Heading[] = [];
  walkHeadings(tree, parsed, (l) => lineOf[l] ?? l);
  const headings = parsed.length === 0 ? plain : plain.length === 0 ? parsed : [...plain, ...parsed].sort((a, b) => a.line - b.line);
  const links = (select: (line: string) => boolean = () => true): Link[] => parseLinks(blocks.prose, linkLines, select);
  const tables: RawTable[] = blocks.tables.map((t) => {
    let heading: Heading | null = null;
    for (const h of headings) if (h.line < t.line) heading = h;
    let caption: string | null = null;
    for (let l = t.line - 1; l >= 1 && l >= t.line - 3; l--) {
      const c = lines[l - 1]!.trim();
      if (TABLE_CAPTION.test(c)) caption = c;
    }
    return { ...t, heading, caption };
  });
  return { fences: blocks.fences, tables, headings, links, diagnostics: blocks.diagnostics };
}
