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
import type { Diagnostic, TableTrait, TextLine } from '../model/ir.ts';
import type { Fence, Heading, Link, RawCell, RawTable } from './types.ts';
import { captionOf, headerRoles, isErrorHeader, isParameterHeader, sectionKind, statusOf } from './vocab.ts';
import { CELL_LIST_MARK, parseWithCells, tooMuchMarkup } from './inline.ts';
import { alignRow, indentOf } from './cells.ts';
import { HTML_TABLE_OPEN, htmlTableEnds, readHtmlTable } from './html-table.ts';
import { readDefinitionList } from './definition-list.ts';

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(\s|$)/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\S/;
/** A line holding only anchors: `<a name="table33750194"></a>` (Huawei puts one above every table). */
const ANCHOR_LINE = /^(?:<a\s+(?:name|id)="[^"<>]*"\s*>\s*<\/a>\s*)+$/i;
const ANCHOR_ID = /<a\s+(?:name|id)="([^"<>]*)"/gi;

export interface MarkdownScan {
  fences: Fence[];
  tables: RawTable[];
  headings: Heading[];
  links: (select?: (line: string) => boolean) => Link[];
  diagnostics: Diagnostic[];
}


function isSpace(c: number): boolean {
  // \s of a regular expression, as one code unit (what the old DELIMITER_ROW pattern allowed).
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Columns of a GFM delimiter row (`|--|:-:|`, `:--|--`), or 0 when the line is not one. One pass
 * over the line by hand: the regular expression it replaces backtracked over runs of spaces
 * (100,000 spaces took 4.5 s).
 */
export function delimiterColumns(line: string): number {
  const n = line.length;
  let i = 0;
  const skip = (): void => {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
  };
  skip();
  if (line[i] === '|') {
    i++;
    skip();
  }
  let cols = 0;
  while (i < n) {
    if (line[i] === ':') i++;
    let dashes = 0;
    while (line[i] === '-') {
      i++;
      dashes++;
    }
    if (dashes === 0) return 0;
    if (line[i] === ':') i++;
    cols++;
    skip();
    if (i >= n) break;
    if (line[i] !== '|') return 0;
    i++;
    skip();
  }
  return cols;
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
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text[i] === '|') i++;
      else i = 0;
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

/**
 * The cell count `splitRow` gives, kept up to date line by line (a row that spans many lines
 * is counted once per line, not re-split at each one).
 */
class CellCounter {
  private closed = 0;
  private started = false;
  /** Text after the last pipe so far (a cell that is not closed yet). */
  trailing = false;
  add(text: string): void {
    let i = 0;
    if (!this.started) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text[i] === '|') i++;
      else i = 0;
      this.started = true;
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && i + 1 < text.length) {
        i++;
        this.trailing = true;
      } else if (ch === '|') {
        this.closed++;
        this.trailing = false;
      } else if (!isSpace(text.charCodeAt(i))) this.trailing = true;
    }
  }
  get count(): number {
    return this.closed + (this.trailing ? 1 : 0);
  }
}

/** Unescaped pipes of a line. */
function pipeCount(text: string): number {
  let c = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '|') c++;
  }
  return c;
}

function endsWithPipe(text: string): boolean {
  const t = text.trimEnd();
  return t.endsWith('|') && !t.endsWith('\\|');
}

function cellText(c: RawCell): string {
  return c.parts.map((p) => p.text).join('\n').trim();
}

/** A pipe row's first non-space character is its pipe. */
function startsWithPipe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

type ScannedTable = Omit<RawTable, 'heading' | 'caption' | 'anchors' | 'status'> & { start: number; anchors?: string[] };

interface Blanked {
  /** Lines with table rows and fence bodies replaced by '' (for remark). */
  prose: string[];
  fences: Fence[];
  tables: ScannedTable[];
  diagnostics: Diagnostic[];
}

/** Where a table's header ends and its rows start (0-based line indexes). */
interface TableStart {
  /** First line of the header. */
  start: number;
  /** Last line of the header. */
  headerEnd: number;
  /** The delimiter row, or null for a table without one. */
  delimiter: number | null;
  traits: TableTrait[];
}

/**
 * For each line, the longest bare closing fence of each kind below it: a fence that opens with
 * a longer marker than any closer below it is never closed, and is known to be without a scan
 * (a page of unclosed fences, each scanned to the end, took time quadratic in its lines).
 */
function closerLengths(lines: string[]): { tick: Int32Array; tilde: Int32Array } {
  const n = lines.length;
  const tick = new Int32Array(n + 1);
  const tilde = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    tick[i] = tick[i + 1]!;
    tilde[i] = tilde[i + 1]!;
    const l = lines[i]!;
    if (!l.includes('``') && !l.includes('~~')) continue;
    const m = FENCE_CLOSE.exec(l);
    if (m) {
      const len = m[1]!.length;
      if (m[1]![0] === '`') tick[i] = Math.max(tick[i]!, len);
      else tilde[i] = Math.max(tilde[i]!, len);
    }
  }
  return { tick, tilde };
}

function scanBlocks(file: string, lines: string[]): Blanked {
  const prose = lines.slice();
  const fences: Fence[] = [];
  const tables: ScannedTable[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = lines.length;
  let closers: { tick: Int32Array; tilde: Int32Array } | null = null;
  let htmlEnds: Int32Array | null = null;
  /** Content column of the list item the scan is in (0: not in a list). */
  let listIndent = 0;
  /** Lines before this one are known not to start a split header (see tableAt). */
  let splitFailUntil = 0;
  /** Lines before this one are known not to start a definition list (see readDefinitionList). */
  let definitionFailUntil = 0;
  // Indented deeper than 3 columns, a block belongs to the list item it sits in; elsewhere it is code.
  const blockIndentOk = (ind: number): boolean => ind <= 3 || (listIndent > 0 && ind <= listIndent + 3);

  /** Does a pipe table start at line i? Each line is looked at a bounded number of times. */
  const tableAt = (i: number): TableStart | null => {
    const text = lines[i]!;
    if (!text.includes('|') || !blockIndentOk(indentOf(text))) return null;
    const next = lines[i + 1];
    if (next !== undefined && next.includes('-') && delimiterColumns(next) > 0) {
      return { start: i, headerEnd: i, delimiter: i + 1, traits: [] };
    }
    if (!startsWithPipe(text)) return null;
    if (!endsWithPipe(text)) {
      // Header cells one per line (`|Parameter`, blank, `|Type`, ..., maybe a lone `|`), then the delimiter.
      if (i < splitFailUntil) return null;
      let j = i + 1;
      while (j < n && (lines[j]!.trim() === '' || (startsWithPipe(lines[j]!) && !(lines[j]!.includes('-') && delimiterColumns(lines[j]!) > 0)))) j++;
      const d = lines[j];
      const cols = d !== undefined && d.includes('-') ? delimiterColumns(d) : 0;
      if (cols === 0) {
        splitFailUntil = j;
        return null;
      }
      // The header is the last lines before the delimiter that hold exactly its columns (lone
      // cells above them are prose): counted from the bottom up, each line once.
      let s = j - 1;
      while (s > i && lines[s]!.trim() === '') s--;
      const last = new CellCounter();
      last.add(lines[s]!);
      let pipes = 0;
      let from = -1;
      for (let k = j - 1; k >= i; k--) {
        pipes += pipeCount(lines[k]!);
        if (!startsWithPipe(lines[k]!)) continue;
        const count = pipes - 1 + (last.trailing ? 1 : 0);
        if (count === cols) from = k;
        if (count >= cols) break;
      }
      if (from < 0 || from > i) {
        splitFailUntil = from < 0 ? j - 1 : from;
        return null;
      }
      return { start: i, headerEnd: j - 1, delimiter: j, traits: j - 1 > i ? ['split-header'] : [] };
    }
    // No delimiter row: a header whose every cell is a column word, then a row.
    if (next === undefined || !startsWithPipe(next)) return null;
    const cells = splitRow([{ text, line: i + 1 }]).map(cellText);
    if (cells.length < 2 || cells.some((c) => c === '')) return null;
    const roles = headerRoles(cells);
    const known = roles.every((r) => r !== 'other') && isParameterHeader(roles);
    if (!known && !isErrorHeader(cells)) return null;
    return { start: i, headerEnd: i, delimiter: null, traits: ['no-delimiter-row'] };
  };

  let i = 0;
  while (i < n) {
    const text = lines[i]!;
    const ind = indentOf(text);
    const fm = text.includes('``') || text.includes('~~') ? FENCE_OPEN.exec(text) : null;
    if (fm && blockIndentOk(ind) && !(fm[1]![0] === '`' && fm[2]!.includes('`'))) {
      const marker = fm[1]!;
      // The closer is looked for line by line; once a fence was found never closed, the lengths
      // of the closers below each line are worked out once, so no other unclosed fence is
      // scanned to the end again.
      const longest = closers ? (marker[0] === '`' ? closers.tick : closers.tilde)[i + 1]! : Infinity;
      let closed: number | null = null;
      if (longest >= marker.length) {
        for (let j = i + 1; j < n; j++) {
          const c = FENCE_CLOSE.exec(lines[j]!);
          if (c && c[1]![0] === marker[0] && c[1]!.length >= marker.length) {
            closed = j;
            break;
          }
        }
      }
      if (closed === null) {
        closers ??= closerLengths(lines);
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
    if (text.includes('<') && HTML_TABLE_OPEN.test(text) && blockIndentOk(ind)) {
      htmlEnds ??= htmlTableEnds(lines);
      const h = readHtmlTable(file, lines, i, htmlEnds[i]!);
      diagnostics.push(...h.diagnostics);
      if (h.table) tables.push({ ...h.table, traits: ind > 3 ? ['indented'] : [], start: i });
      for (let k = i; k <= h.end; k++) prose[k] = '';
      i = h.end + 1;
      continue;
    }
    const ts = tableAt(i);
    if (ts) {
      const headerLines: TextLine[] = [];
      for (let k = ts.start; k <= ts.headerEnd; k++) if (lines[k]!.trim() !== '' || k === ts.start) headerLines.push({ text: lines[k]!, line: k + 1 });
      const headerCells = splitRow(headerLines).map((c) => c.parts.map((p) => p.text.trim()).filter(Boolean).join(' '));
      const roles = headerRoles(headerCells);
      const traits: TableTrait[] = ind > 3 ? [...ts.traits, 'indented'] : ts.traits;
      const table: ScannedTable = { layout: 'pipe-table', markup: 'markdown', header: headerCells, roles, line: ts.start + 1, rows: [], traits, start: ts.start };
      const rowIndent = Math.max(3, ind + 3);
      const isRow = (t: string): boolean => startsWithPipe(t) && indentOf(t) <= rowIndent;
      const first = ts.delimiter ?? ts.headerEnd;
      for (let k = ts.start; k <= first; k++) prose[k] = '';
      let j = first + 1;
      while (j < n && isRow(lines[j]!)) {
        const rowLines: TextLine[] = [{ text: lines[j]!, line: j + 1 }];
        prose[j] = '';
        let k = j + 1;
        if (!endsWithPipe(lines[j]!)) {
          const counter = new CellCounter();
          counter.add(lines[j]!);
          // A cell that spans lines: the row goes on until a line ends with its closing pipe.
          while (k < n) {
            const t = lines[k]!;
            // A new row: the last one had no closing pipe.
            // (A line that is a lone `|` closes the current row instead.)
            if (startsWithPipe(t) && t.trim() !== '|' && counter.count >= roles.length) break;
            if (ATX_HEADING.test(t)) break;
            rowLines.push({ text: t, line: k + 1 });
            counter.add(t);
            prose[k] = '';
            k++;
            if (endsWithPipe(t)) break;
          }
        }
        const raw = splitRow(rowLines);
        if (roles.length > 0) {
          const { cells, diagnostic } = alignRow(file, j + 1, raw, roles, 'an unescaped "|" inside a cell? ');
          if (diagnostic) diagnostics.push(diagnostic);
          table.rows.push({ cells, line: j + 1, endLine: k, group: null });
        }
        j = k;
      }
      tables.push(table);
      i = j;
      continue;
    }
    // A bold term over `key：value` bullets: parameters as a definition list.
    if (ind <= 3 && i >= definitionFailUntil && text.charCodeAt(ind) === 42 && text.charCodeAt(ind + 1) === 42) {
      const dl = readDefinitionList(lines, i);
      if (dl?.table) {
        tables.push({ ...dl.table, start: i });
        for (let k = i; k <= dl.end; k++) prose[k] = '';
        listIndent = 0;
        i = dl.end + 1;
        continue;
      }
      if (dl) definitionFailUntil = dl.end + 1;
    }
    // The list item the following lines belong to (tables and fences indented inside it).
    if (text.trim() !== '') {
      const first = text.charCodeAt(ind > 0 ? text.length - text.trimStart().length : 0);
      // `-`, `*`, `+` or a digit can start a list item; nothing else is tried.
      const li = first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57) ? LIST_ITEM.exec(text) : null;
      if (li) listIndent = indentOf(li[1]!) + li[2]!.length + Math.min(li[3]!.length, 4);
      else if (ind < listIndent) listIndent = ind >= 2 ? ind : 0;
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

export { CELL_LIST_MARK };

/** Heading text as the reader keeps it: anchors (`{#id}`) and attribute lists (`{ .class}`) removed. */
function headingText(text: string): string {
  // `[^{}]` (not `[^}]`): a scan from one `{` stops at the next, so a line of `{#{#{#` stays linear.
  return text.replace(/\{#[^{}]*\}|\{ *\.[^{}]*\}/g, '').trim();
}

/** The anchor id a heading line carries: `{#section_28947_03 .section}` or `<a name="section46808346"></a>`. */
function headingId(line: string): string | null {
  if (!line.includes('{#') && !line.includes('<a')) return null;
  const attr = /\{#([^\s{}]+)[^{}]*\}/.exec(line);
  if (attr) return attr[1]!;
  return /<a\s+(?:name|id)="([^"<>]*)"/i.exec(line)?.[1] ?? null;
}

function walkHeadings(root: Root, headings: Heading[], lineOf: (l: number) => number, lines: string[]): void {
  for (const node of root.children) {
    if (node.type === 'heading') {
      const text = headingText(phrasingText(node.children));
      const line = lineOf(node.position!.start.line);
      headings.push({ text, level: node.depth, line, kind: sectionKind(text), id: headingId(lines[line - 1] ?? '') });
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
/** On a line without trailing spaces or tabs (a trailing `[ \t]*$` after a lazy group backtracks quadratically). */
const ATX_PARTS = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

function trimSpacesEnd(line: string): string {
  let e = line.length;
  while (e > 0 && (line[e - 1] === ' ' || line[e - 1] === '\t')) e--;
  return e === line.length ? line : line.slice(0, e);
}

/**
 * An ATX heading whose content holds no inline markup and no closing `#` sequence: CommonMark
 * gives its content back verbatim, so it is read here and spares remark a parse (most headings
 * of these pages are plain words). Anything else returns null and goes to remark.
 */
function plainHeading(line: string): { level: number; text: string } | null {
  const m = ATX_PARTS.exec(trimSpacesEnd(line));
  if (!m) return null;
  const content = m[2] ?? '';
  if (INLINE_MARKUP.test(content) || content.endsWith('#')) return null;
  return { level: m[1]!.length, text: content };
}

/** Longer headings are not given to remark (the longest line of the corpora is 976 characters). */
const MAX_HEADING = 1024;

/** An ATX heading's level and content as written (markup kept). */
function rawHeading(line: string): { level: number; text: string } | null {
  const m = ATX_PARTS.exec(trimSpacesEnd(line));
  return m ? { level: m[1]!.length, text: m[2] ?? '' } : null;
}

/**
 * Setext headings (`tag {#tag}` over a line of `-`, as CS's 通用数据结构 names its tables) are
 * rewritten in `prose` as the ATX heading they mean, so the one heading path reads them. Only
 * a one-line paragraph counts (the text line has a blank line or nothing above it); YAML front
 * matter (`---` on line 1) is left alone.
 */
function setextToAtx(prose: string[]): void {
  let i = 0;
  if (prose[0]?.trim() === '---') {
    i = 1;
    while (i < prose.length && prose[i]!.trim() !== '---') i++;
    i++;
  }
  for (; i + 1 < prose.length; i++) {
    const t = prose[i]!;
    const u = prose[i + 1]!;
    if (u === '' || t.trim() === '' || (i > 0 && prose[i - 1]!.trim() !== '')) continue;
    if (!(u.includes('=') || u.includes('-')) || !SETEXT_UNDERLINE.test(u)) continue;
    if (indentOf(t) > 3 || ATX_HEADING.test(t) || LIST_ITEM.test(t) || /^\s*[>|<]/.test(t)) continue;
    prose[i] = `${u.trim()[0] === '=' ? '#' : '##'} ${t.trim()}`;
    prose[i + 1] = '';
  }
}

/**
 * Only heading lines carry structure we use from the prose up front: plain ones are read here,
 * the others handed to remark (each as its own block, separated by blank lines; `lineOf` maps
 * remark's positions back to the page's lines). Lines that may hold a link are only listed:
 * links are parsed when asked for (ReadDocument.links).
 */
function proseToParse(prose: string[], lines: string[]): { text: string; lineOf: number[]; plain: Heading[]; linkLines: number[] } {
  setextToAtx(prose);
  const toParse: number[] = [];
  const plain: Heading[] = [];
  const linkLines: number[] = [];
  for (let i = 0; i < prose.length; i++) {
    const t = prose[i]!;
    if (t === '') continue;
    if (t.includes('](') || t.includes('<http')) linkLines.push(i + 1);
    if (!ATX_HEADING.test(t)) continue;
    // A heading remark would not read in linear time (more markup than MARKUP_LIMIT, or longer
    // than any real heading: micromark looks for a closing `#` sequence at every `#`) is kept as written.
    const h = plainHeading(t) ?? (t.length > MAX_HEADING || tooMuchMarkup(t) ? rawHeading(t) : null);
    if (h) {
      const text = headingText(h.text);
      plain.push({ text, level: h.level, line: i + 1, kind: sectionKind(text), id: headingId(lines[i]!) });
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
  const chosen = linkLines.filter((n) => select(prose[n - 1]!) && !tooMuchMarkup(prose[n - 1]!));
  if (chosen.length === 0) return [];
  const { text, lineOf } = asBlocks(prose, chosen);
  const links: Link[] = [];
  walkLinks({ type: 'root', children: parseWithCells(text, []) }, links, (l) => lineOf[l] ?? l);
  return links;
}

/**
 * What names a table from right above it: a caption (numbered, bold, or a sentence naming the
 * parameter it details; see `captionOf` in ./vocab.ts) and anchor lines (`<a name="...">`),
 * looking up at most 4 lines past blank lines and anchors (the nearest caption wins).
 */
function above(lines: string[], start: number): { caption: string | null; anchors: string[]; status: number | null } {
  const anchors: string[] = [];
  let caption: string | null = null;
  let status: number | null = null;
  let l = start - 1;
  for (; l >= 0 && l >= start - 4; l--) {
    const t = lines[l]!.trim();
    if (t === '') continue;
    if (t.length < 400 && ANCHOR_LINE.test(t)) {
      for (const m of t.matchAll(ANCHOR_ID)) anchors.push(m[1]!);
      continue;
    }
    status = statusOf(t);
    if (status === null) caption = captionOf(t);
    break;
  }
  // Above a caption, the status the table is for (`**状态码为 400 时:**`, then `**表 7**  响应Body参数`).
  if (caption !== null && status === null) {
    for (let k = l - 1; k >= 0 && k >= l - 3; k--) {
      const t = lines[k]!.trim();
      if (t === '') continue;
      status = t.length < 200 ? statusOf(t) : null;
      break;
    }
  }
  return { caption, anchors, status };
}

export function readMarkdown(file: string, lines: string[]): MarkdownScan {
  const blocks = scanBlocks(file, lines);
  const { text, lineOf, plain, linkLines } = proseToParse(blocks.prose, lines);
  // Every cell line (and the same line without its list marker, as the description reader
  // will ask for it) is parsed in the same remark call as the headings that need it.
  const cells: string[] = [];
  for (const t of blocks.tables) {
    if (t.markup !== 'markdown') continue;
    const desc = t.roles.indexOf('description');
    for (const r of t.rows)
      r.cells.forEach((c, i) => {
        // A description line is cleaned without its list marker; other cells as they are.
        for (const p of c.parts) cells.push(i === desc ? p.text.replace(CELL_LIST_MARK, '') : p.text);
      });
  }
  const tree = { type: 'root', children: parseWithCells(text, cells) } as Root;
  const parsed: Heading[] = [];
  walkHeadings(tree, parsed, (l) => lineOf[l] ?? l, lines);
  const headings = parsed.length === 0 ? plain : plain.length === 0 ? parsed : [...plain, ...parsed].sort((a, b) => a.line - b.line);
  const links = (select: (line: string) => boolean = () => true): Link[] => parseLinks(blocks.prose, linkLines, select);
  // Tables come in page order: the heading of each is found by walking the headings alongside.
  let h = -1;
  const tables: RawTable[] = blocks.tables.map(({ start, ...t }) => {
    while (h + 1 < headings.length && headings[h + 1]!.line < t.line) h++;
    const { caption, anchors, status } = above(lines, start);
    const traits = caption && !t.traits.includes('captioned') ? [...t.traits, 'captioned' as const] : t.traits;
    return { ...t, traits, heading: headings[h] ?? null, caption, status, anchors: [...anchors, ...(t.anchors ?? [])] };
  });
  return { fences: blocks.fences, tables, headings, links, diagnostics: blocks.diagnostics };
}
