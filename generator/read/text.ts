/**
 * Reading a page of text scraped from HTML (no markdown structure survives the scrape).
 *
 * Written by hand because no library reads these: the table grid is gone, so a row is
 * recognised by its shape — an identifier, then a type, then (where the table has the
 * column) a required flag — and everything until the next such shape is the row's
 * description. Two shapes occur:
 * - one row per line: `name Type Yes example description...`, the description possibly
 *   continuing on following lines (bullets as `  •`);
 * - one cell per line: every cell on its own line, blank lines between, with an optional
 *   leading category column whose value appears once, as a group row, above its rows.
 * Section headings are lines that equal a known heading (see vocab.ts).
 */
import type { ColumnRole, Diagnostic, TextLine } from '../model/ir.ts';
import type { Heading, RawCell, RawRow, RawTable } from './types.ts';
import { columnRole, isParameterHeader, requiredValue, positionValue, sectionKind, TABLE_CAPTION, type SectionKind } from './vocab.ts';

export interface TextScan {
  headings: Heading[];
  tables: RawTable[];
  diagnostics: Diagnostic[];
}

/** Type words of this doc family (lower-case). A named model (`runtime`, `tag`) is accepted separately. */
const PRIMITIVE_TYPES = new Set([
  'string', 'long', 'integer', 'int', 'int32', 'int64', 'boolean', 'bool', 'float', 'double', 'number',
  'object', 'array', 'map', 'struct', 'list', 'repeatlist', 'date', 'datetime', 'json', 'byte', 'short',
]);

const IDENT = /^[A-Za-z_$][\w$.\-]*$/;
const STRONG_SECTIONS = new Set<SectionKind>([
  'request-syntax', 'request-params', 'response-syntax', 'response-params', 'examples', 'request-example',
  'response-example', 'errors', 'debug',
]);
const NOTE_LABELS = /^(note|notes|important|warning|notice|caution|tip|说明|注意|重要|警告|提示)$/i;

function tokens(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

/** Match the header labels of a one-line header (`Parameter Type Required Example Description`). */
function headerFromLine(text: string): string[] | null {
  const t = tokens(text);
  if (t.length < 3 || t.length > 12) return null;
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const two = i + 1 < t.length ? `${t[i]} ${t[i + 1]}` : null;
    if (two && columnRole(two) !== 'other') {
      out.push(two);
      i++;
    } else if (columnRole(t[i]!) !== 'other') out.push(t[i]!);
    else return null;
  }
  return isParameterHeader(out.map(columnRole)) ? out : null;
}

/** Parse a type at the start of `toks`: `Array of X`, `List of X`, `Map of X`, or one word. Returns tokens used. */
function typeAt(toks: string[], name: string | null, strict: boolean): number {
  const a = toks[0];
  if (!a) return 0;
  if (/^(array|list|map|set)$/i.test(a) && toks[1]?.toLowerCase() === 'of' && toks[2] && IDENT.test(toks[2])) return 3;
  if (PRIMITIVE_TYPES.has(a.toLowerCase())) return 1;
  // A named model type: the row's own name (`runtime runtime`) or, when a required flag follows, any identifier.
  if (IDENT.test(a) && (a === name || (!strict && /^[a-z][a-z0-9_]*$/.test(a)))) return 1;
  return 0;
}

interface SplitRest {
  example: string | null;
  description: string;
}

const CJK_PUNCT = /[。，：；！？、（）]/;

/** Take a balanced `[...]` / `{...}` chunk from the start of s (strings respected). */
function balancedChunk(s: string): number {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function looksLikeExample(candidate: string, rest: string): boolean {
  if (CJK_PUNCT.test(candidate)) return false;
  if (/[.:;,]$/.test(candidate)) return false;
  if (NOTE_LABELS.test(candidate)) return false;
  if (rest === '') return true;
  // The description that follows an example starts a sentence.
  return /^[A-Z0-9\u3400-\u9fff(（"“`]/.test(rest);
}

/** Split what follows the flags of a one-row-per-line row into example and description. */
export function splitExample(rest: string): SplitRest {
  const r = rest.trim();
  if (r === '') return { example: null, description: '' };
  if (r[0] === '[' || r[0] === '{') {
    const end = balancedChunk(r);
    if (end > 0) return { example: r.slice(0, end), description: r.slice(end).trim() };
  }
  const m = /^(\S+)\s*(.*)$/.exec(r)!;
  const cand = m[1]!;
  const after = m[2]!;
  if (looksLikeExample(cand, after)) return { example: cand, description: after };
  return { example: null, description: r };
}

function cell(text: string, line: number): RawCell {
  return { parts: [{ text, line }] };
}

interface RowStart {
  cells: Map<ColumnRole, RawCell>;
  /** For one-cell-per-line: how many units the row's flag cells used. */
  used: number;
}

/** Try to read the start of a row from one line (one-row-per-line layout). */
function rowFromLine(text: string, line: number, roles: ColumnRole[], requiredFilled: boolean): RowStart | null {
  const toks = tokens(text);
  const name = toks[0];
  if (!name || !IDENT.test(name) || toks.length < 2) return null;
  let k = 1;
  const cells = new Map<ColumnRole, RawCell>();
  cells.set('name', cell(name, line));
  let posIdx = roles.indexOf('position');
  let typeIdx = roles.indexOf('type');
  const takePosition = (): boolean => {
    const p = toks[k];
    if (p && positionValue(p)) {
      cells.set('position', cell(p, line));
      k++;
      return true;
    }
    return false;
  };
  if (posIdx >= 0 && typeIdx >= 0 && posIdx < typeIdx && !takePosition()) return null;
  if (typeIdx >= 0) {
    const strict = !(roles.includes('required') && requiredValue(toks[k + 1] ?? 'x') !== undefined);
    const used = typeAt(toks.slice(k), name, strict);
    if (used === 0) return null;
    cells.set('type', cell(toks.slice(k, k + used).join(' '), line));
    k += used;
  }
  if (posIdx >= 0 && (typeIdx < 0 || posIdx > typeIdx)) takePosition();
  if (roles.includes('required')) {
    const v = toks[k] !== undefined ? requiredValue(toks[k]!) : undefined;
    if (v !== undefined && v !== null) {
      cells.set('required', cell(toks[k]!, line));
      k++;
    } else if (requiredFilled) return null;
    else cells.set('required', cell('', line));
  }
  // Re-find the rest of the line after the consumed tokens, keeping its spacing.
  let idx = 0;
  for (let t = 0; t < k; t++) idx = text.indexOf(toks[t]!, idx) + toks[t]!.length;
  const rest = text.slice(idx);
  if (roles.includes('example')) {
    const { example, description } = splitExample(rest);
    cells.set('example', cell(example ?? '', line));
    cells.set('description', cell(description, line));
  } else {
    cells.set('description', cell(rest.trim(), line));
  }
  return { cells, used: 1 };
}

/** Try to read the start of a row from units (one-cell-per-line layout). */
function rowFromUnits(units: TextLine[], i: number, roles: ColumnRole[]): RowStart | null {
  const nameU = units[i];
  if (!nameU || !IDENT.test(nameU.text.trim())) return null;
  const name = nameU.text.trim();
  const cells = new Map<ColumnRole, RawCell>();
  cells.set('name', cell(name, nameU.line));
  let k = i + 1;
  const rest = roles.slice(roles.indexOf('name') + 1);
  for (const role of rest) {
    const u = units[k];
    if (role === 'type') {
      if (!u) return null;
      const t = tokens(u.text);
      const used = typeAt(t, name, false);
      if (used === 0 || used !== t.length) return null;
      cells.set('type', cell(u.text.trim(), u.line));
      k++;
    } else if (role === 'position') {
      if (u && positionValue(u.text)) {
        cells.set('position', cell(u.text.trim(), u.line));
        k++;
      }
    } else if (role === 'required') {
      const v = u ? requiredValue(u.text) : undefined;
      if (v === undefined || v === null) return null;
      cells.set('required', cell(u!.text.trim(), u!.line));
      k++;
    } else if (role === 'example') {
      if (u && (tokens(u.text).length === 1 || /^[[{]/.test(u.text.trim())) && looksLikeExample(u.text.trim(), '')) {
        cells.set('example', cell(u.text.trim(), u.line));
        k++;
      } else cells.set('example', cell('', u?.line ?? nameU.line));
    } else break; // description: the rest
  }
  return { cells, used: k - i };
}

function isGroupLabel(text: string): boolean {
  const t = text.trim();
  if (NOTE_LABELS.test(t)) return false;
  if (/^[A-Z][A-Za-z&/\- ]{2,48}$/.test(t) && tokens(t).length <= 6 && /\s/.test(t)) return true;
  return /^[\u3400-\u9fff]{2,12}$/.test(t);
}

function assemble(start: RowStart, descLines: TextLine[], roles: ColumnRole[], group: string | null, line: number): RawRow {
  const desc = start.cells.get('description');
  const parts: TextLine[] = [];
  if (desc && desc.parts[0]!.text !== '') parts.push(...desc.parts);
  parts.push(...descLines);
  if (parts.length === 0) parts.push({ text: '', line });
  const cells = roles.map((r) => {
    if (r === 'description') return { parts };
    if (r === 'category') return cell(group ?? '', line);
    return start.cells.get(r) ?? cell('', line);
  });
  const endLine = parts[parts.length - 1]!.line;
  return { cells, line, endLine, group };
}

export function readText(file: string, lines: string[]): TextScan {
  const headings: Heading[] = [];
  const tables: RawTable[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = lines.length;
  let caption: string | null = null;
  let i = 0;
  /** Lines before this one belong to a run of column labels already found not to be a header. */
  let labelRunEnd = 0;
  const lastHeading = (): Heading | null => headings[headings.length - 1] ?? null;

  const isBoundary = (t: string): boolean => {
    const s = t.trim();
    if (s.length === 0 || s.length > 60) return false;
    return STRONG_SECTIONS.has(sectionKind(s)) || TABLE_CAPTION.test(s);
  };

  while (i < n) {
    const text = lines[i]!;
    const trimmed = text.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    // One-line header.
    const header = headerFromLine(trimmed);
    if (header) {
      const roles = header.map(columnRole);
      const body: TextLine[] = [];
      let j = i + 1;
      for (; j < n && !isBoundary(lines[j]!) && !headerFromLine(lines[j]!.trim()); j++) body.push({ text: lines[j]!, line: j + 1 });
      tables.push(readRowPerLine(file, header, roles, i + 1, body, lastHeading(), caption, diagnostics));
      caption = null;
      i = j;
      continue;
    }
    // One-cell-per-line header: consecutive units that are all column labels. When the run from
    // line i is no header, no run starting inside it is one either (its labels are a subset), so
    // it is scanned once: rescanning it from every line took time quadratic in its length.
    if (i >= labelRunEnd && columnRole(trimmed) !== 'other') {
      const units: TextLine[] = [];
      let j = i;
      for (; j < n; j++) {
        const t = lines[j]!.trim();
        if (t === '') continue;
        if (columnRole(t) === 'other') break;
        units.push({ text: t, line: j + 1 });
      }
      const roles = units.map((u) => columnRole(u.text));
      if (units.length >= 3 && isParameterHeader(roles)) {
        const body: TextLine[] = [];
        for (; j < n && !isBoundary(lines[j]!); j++) if (lines[j]!.trim() !== '') body.push({ text: lines[j]!, line: j + 1 });
        tables.push(readCellPerLine(file, units.map((u) => u.text), roles, i + 1, body, lastHeading(), caption, diagnostics));
        caption = null;
        i = j;
        continue;
      }
      labelRunEnd = j;
    }
    if (TABLE_CAPTION.test(trimmed)) caption = trimmed;
    else {
      const kind = sectionKind(trimmed);
      if (kind !== 'other' && trimmed.length <= 60) headings.push({ text: trimmed, level: 2, line: i + 1, kind, id: null });
    }
    i++;
  }
  return { headings, tables, diagnostics };
}

function unparsed(file: string, l: TextLine): Diagnostic {
  return { file, line: l.line, severity: 'warning', code: 'row-unparsed', message: `line inside a table is neither a row nor the continuation of one: "${l.text.trim().slice(0, 60)}"` };
}

function readRowPerLine(
  file: string,
  header: string[],
  roles: ColumnRole[],
  headerLine: number,
  body: TextLine[],
  heading: Heading | null,
  caption: string | null,
  diagnostics: Diagnostic[],
): RawTable {
  // Does any line carry a required flag? If none does, the column is empty (shown as an icon on the page).
  const requiredFilled =
    roles.includes('required') && body.some((b) => rowFromLine(b.text, b.line, roles, true) !== null);
  const rows: RawRow[] = [];
  let start: RowStart | null = null;
  let startLine = 0;
  let desc: TextLine[] = [];
  const flush = (): void => {
    if (start) rows.push(assemble(start, desc, roles, null, startLine));
    start = null;
    desc = [];
  };
  for (const b of body) {
    const r = rowFromLine(b.text, b.line, roles, requiredFilled);
    if (r) {
      flush();
      start = r;
      startLine = b.line;
    } else if (b.text.trim() !== '') {
      if (start) desc.push(b);
      else diagnostics.push(unparsed(file, b));
    }
  }
  flush();
  return { layout: 'text-row-per-line', markup: 'text', header, roles, line: headerLine, heading, caption, status: null, anchors: [], traits: caption ? ['captioned'] : [], rows };
}

function readCellPerLine(
  file: string,
  header: string[],
  roles: ColumnRole[],
  headerLine: number,
  units: TextLine[],
  heading: Heading | null,
  caption: string | null,
  diagnostics: Diagnostic[],
): RawTable {
  const rows: RawRow[] = [];
  let group: string | null = null;
  let i = 0;
  let start: RowStart | null = null;
  let startLine = 0;
  let desc: TextLine[] = [];
  const flush = (): void => {
    if (start) rows.push(assemble(start, desc, roles, group, startLine));
    start = null;
    desc = [];
  };
  while (i < units.length) {
    const r = rowFromUnits(units, i, roles);
    if (r) {
      flush();
      start = r;
      startLine = units[i]!.line;
      i += r.used;
      continue;
    }
    if (roles[0] === 'category' && isGroupLabel(units[i]!.text) && rowFromUnits(units, i + 1, roles)) {
      flush();
      group = units[i]!.text.trim();
      i++;
      continue;
    }
    if (start) desc.push(units[i]!);
    else diagnostics.push(unparsed(file, units[i]!));
    i++;
  }
  flush();
  return { layout: 'text-cell-per-line', markup: 'text', header, roles, line: headerLine, heading, caption, status: null, anchors: [], traits: caption ? ['captioned'] : [], rows };
}
