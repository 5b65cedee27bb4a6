/**
 * Tables of one page that detail a row of another table (issue 12.3): Huawei's
 *
 *   |vpc|是|<a href="#table33750194">vpc</a> object|<a href="#table33750194">vpc对象</a>|
 *   **表 3**  vpc对象  <a name="table33750194"></a>  |name|否|String|...|
 *
 * and the same with `详情请参见表3`, with only the type naming the caption (`CreateSubNetworkInterfaceOption
 * object` over `**表 4**  CreateSubNetworkInterfaceOption`), Alibaba's captioned sub-tables
 * (`Array of [AvailableZoneType](#AvailableZoneType)` over `**AvailableZoneType**`), a section
 * per structure (`[KeyMetadata](#section_28947_03)` over `## KeyMetadata {#section_28947_03}`),
 * and a table introduced as "the fields of the Sources parameter".
 *
 * A linked table's rows go right after the row that links to it, one level deeper, with that
 * row as their parent: the depth and parent that `└` tree rows get, so reconcile builds the
 * nested model the same way. A table linked from several rows is copied under each; a table
 * that (through others) links to itself is not expanded again (a `linked-table` diagnostic),
 * nor is anything past a cap on the copies a page may make (nesting costs linear memory).
 */
import type { Diagnostic, ParamRow, TableKind, TypeRef } from '../model/ir.ts';
import type { RawCell, RawRow, RawTable } from '../read/types.ts';
import { cellLinks } from '../read/inline.ts';
import { captionNumber, captionTitle, FIELDS_OF_CAPTIONS, normalizeLabel, STRUCTURE_TITLE_SUFFIXES, TABLE_NUMBER_TEXT, TABLE_REFERENCES } from '../read/vocab.ts';

export interface TableRows {
  table: RawTable;
  kind: TableKind;
  /** The table's own rows (rowsFromTable), in its order. */
  rows: ParamRow[];
}

export interface LinkedTables {
  /** Per table: the rows to report for it (its own, with linked tables spliced in); [] for a nested table. */
  rows: ParamRow[][];
  /** Per table: its kind, a nested table taking the kind of the table it went into. */
  kinds: TableKind[];
  /** Per table: its anchors (`<a name>` above it, the id of the heading it is first under). */
  anchors: string[][];
  /** Per table: the structures its caption or heading names, as written (`vpc`, `AvailableZoneType`). */
  names: string[][];
  /** Per table: the row it went under, or null. */
  nestedUnder: ({ name: string; line: number } | null)[];
  /** Per table: whether it links to another table or is linked to (sample nesting is left to the others). */
  linked: boolean[];
  diagnostics: Diagnostic[];
}

/** How a name compares: case, spaces, `_` and `-` ignored (`Security Group Rule` = `security_group_rule`). */
export function looseName(s: string): string {
  return normalizeLabel(s).replace(/[\s_-]+/g, '');
}

/** A structure's name as pages write one (ASCII, maybe spaced: `Security Group Rule`, `binding:vif_details`). */
const STRUCT_NAME = /^[A-Za-z_$][\w$.:-]*(?: [A-Za-z_$][\w$.:-]*)*$/;

/** The structure a caption title or heading names (`vpc对象` → `vpc`, `tag字段数据结构说明` → `tag`), or null. */
export function structureName(title: string): string | null {
  let t = title.replace(/\\(.)/g, '$1').replace(/[*`“”"「」]/g, '').trim();
  let suffixed = false;
  const lower = t.toLowerCase();
  for (const suffix of STRUCTURE_TITLE_SUFFIXES) {
    if (lower.endsWith(suffix)) {
      t = t.slice(0, t.length - suffix.length).trim();
      suffixed = true;
      break;
    }
  }
  // Several words name a structure only with a suffix that says so (`Security Group Rule对象`),
  // not in a caption such as "Request body parameters".
  return t && STRUCT_NAME.test(t) && (suffixed || !t.includes(' ')) ? t : null;
}

/** The name of the parameter a "fields of X" caption details, or null. */
function fieldsOf(caption: string | null): string | null {
  if (!caption) return null;
  for (const re of FIELDS_OF_CAPTIONS) {
    const m = re.exec(caption);
    if (m) return m[1]!;
  }
  return null;
}

/** The model a type names, through arrays and maps (`Array of route objects` → `route`). */
function refName(t: TypeRef): string | null {
  if (t.kind === 'ref') return t.name;
  if (t.kind === 'array') return refName(t.items);
  if (t.kind === 'map') return refName(t.values);
  return null;
}

function isScalar(t: TypeRef): boolean {
  const k = t.kind === 'array' ? t.items.kind : t.kind;
  return k === 'string' || k === 'integer' || k === 'number' || k === 'boolean';
}

/** What a table is known by on its page. */
interface Keys {
  anchors: string[];
  number: number | null;
  /** Loose structure names (caption title, bold caption, heading). */
  names: string[];
  /** The parameter a "fields of X" caption names (loose). */
  fieldsOf: string | null;
  /** The structure names as written (TableInfo.names). */
  written: string[];
}

function keysOf(tables: TableRows[]): Keys[] {
  let prevLine = 0;
  return tables.map(({ table }) => {
    // A heading names the table only when it is the first table under it.
    const h = table.heading;
    const first = h !== null && h.line > prevLine;
    prevLine = table.line;
    const anchors = [...table.anchors];
    if (first && h.id) anchors.push(h.id);
    const written: string[] = [];
    const names: string[] = [];
    const add = (n: string | null): void => {
      if (!n) return;
      const l = looseName(n);
      if (l && !names.includes(l)) {
        names.push(l);
        written.push(n);
      }
    };
    const f = fieldsOf(table.caption);
    if (table.caption) add(f ?? structureName(captionTitle(table.caption)));
    if (first && h.kind === 'other') add(structureName(h.text));
    return { anchors, number: table.caption ? captionNumber(table.caption) : null, names, fieldsOf: f ? looseName(f) : null, written };
  });
}

/** How many tables deep linking nests (real pages: 4). */
const MAX_LEVELS = 32;

/** How many row copies linking may add to a page, beyond its own rows. */
const COPY_CAP = (own: number): number => 4 * own + 1000;

/**
 * `prepare(i)` is called before the rows of table i go into a request or response (the caller
 * completes rows it read cheaply: facts are mined only for tables that are used).
 */
export function linkTables(tables: TableRows[], file: string, prepare: (i: number) => void = () => {}): LinkedTables {
  const keys = keysOf(tables);
  const byAnchor = new Map<string, number>();
  const byNumber = new Map<number, number>();
  /** Tables by structure name, in page order (a name can caption a request and a response table). */
  const byName = new Map<string, number[]>();
  const byFieldsOf = new Map<string, number>();
  const isTarget = (i: number): boolean => tables[i]!.table.roles.includes('name') && tables[i]!.rows.length > 0;
  keys.forEach((k, i) => {
    if (!isTarget(i)) return;
    for (const a of k.anchors) if (!byAnchor.has(a)) byAnchor.set(a, i);
    if (k.number !== null && !byNumber.has(k.number)) byNumber.set(k.number, i);
    for (const n of k.names) byName.set(n, [...(byName.get(n) ?? []), i]);
    if (k.fieldsOf && !byFieldsOf.has(k.fieldsOf)) byFieldsOf.set(k.fieldsOf, i);
  });

  const ok = (i: number | undefined, ti: number): number => (i !== undefined && i !== ti ? i : -1);
  // Of the tables a name captions, the first one below the row, else the last one above it.
  const named = (name: string, ti: number, line: number): number => {
    const list = byName.get(looseName(name));
    if (!list) return -1;
    let before = -1;
    for (const i of list) {
      if (i === ti) continue;
      if (tables[i]!.table.line > line) return i;
      before = i;
    }
    return before;
  };
  /** A cell that can hold a link to an anchor at all (most cannot: a quick test first). */
  const mayLink = (cell: RawCell | undefined): boolean => Boolean(cell && (cell.links?.some((l) => l.url.includes('#')) || cell.parts.some((p) => p.text.includes('#'))));
  const viaLinks = (ti: number, row: ParamRow, cell: RawCell | undefined, markup: 'markdown' | 'text', list: boolean): number => {
    if (!mayLink(cell)) return -1;
    for (const l of cellLinks(cell, markup, list)) {
      // `#anchor` is this page. `other.md#anchor` is another page's table, unless this page has
      // that anchor too (pages copy each other's tables, anchors and all); its table number
      // and name are that page's.
      const hash = l.url.indexOf('#');
      if (hash < 0) continue;
      let t = ok(byAnchor.get(decodeAnchor(l.url.slice(hash + 1))), ti);
      if (hash > 0) {
        if (t >= 0) return t;
        continue;
      }
      const num = TABLE_NUMBER_TEXT.exec(l.text);
      if (t < 0 && num) t = ok(byNumber.get(Number(num[1])), ti);
      if (t < 0) {
        const n = structureName(l.text);
        if (n) t = named(n, ti, row.source.line);
      }
      if (t >= 0) return t;
    }
    return -1;
  };
  /**
   * The table a row links to (index), or -1: a link to a table of this page first (its anchor,
   * its number, its name), then the structure the type names, then a "see table N" in words
   * (only in a description without links: "参见表4" next to a link to another page means that
   * page's table 4), then a "fields of X" table for a row named X.
   */
  const targetOf = (ti: number, row: ParamRow, raw: RawRow | undefined, iType: number, iDesc: number, markup: 'markdown' | 'text'): number => {
    const desc = raw && iDesc >= 0 ? raw.cells[iDesc] : undefined;
    let t = viaLinks(ti, row, raw && iType >= 0 ? raw.cells[iType] : undefined, markup, false);
    const scalar = isScalar(row.type);
    if (t < 0 && !scalar) t = viaLinks(ti, row, desc, markup, true);
    const ref = refName(row.type);
    if (t < 0 && ref && byName.size) t = named(ref, ti, row.source.line);
    if (t < 0 && !scalar && byNumber.size && (row.description.includes('表') || /table/i.test(row.description))) {
      if (cellLinks(desc, markup, true).length === 0) {
        for (const re of TABLE_REFERENCES) {
          const m = re.exec(row.description);
          if (m && (t = ok(byNumber.get(Number(m[1])), ti)) >= 0) break;
        }
      }
    }
    if (t < 0 && byFieldsOf.size) t = ok(byFieldsOf.get(looseName(row.name)), ti);
    return t;
  };
  // Only rows of request and response tables, and of the tables they reach, link: an overview
  // table of links does not take a request table in.
  const linksOf = (ti: number): number[] => {
    const { table, rows } = tables[ti]!;
    const iType = table.roles.indexOf('type');
    const iDesc = table.roles.indexOf('description');
    const rawAt = new Map(table.rows.map((r) => [r.line, r]));
    return rows.map((row) => targetOf(ti, row, rawAt.get(row.source.line), iType, iDesc, table.markup));
  };
  const target: number[][] = tables.map(() => []);
  const queue = tables.map((t, i) => (t.kind === 'request' || t.kind === 'response' ? i : -1)).filter((i) => i >= 0);
  const seen = new Set(queue);
  while (queue.length) {
    const ti = queue.shift()!;
    target[ti] = linksOf(ti);
    for (const t of target[ti]!) if (t >= 0 && !seen.has(t)) (seen.add(t), queue.push(t));
  }

  const n = tables.length;
  const nestedIn = new Array<boolean>(n).fill(false);
  const linked = new Array<boolean>(n).fill(false);
  target.forEach((list, ti) =>
    list.forEach((t) => {
      if (t < 0) return;
      nestedIn[t] = true;
      linked[t] = true;
      linked[ti] = true;
    }),
  );

  const rows: ParamRow[][] = tables.map(() => []);
  const kinds = tables.map((t) => t.kind);
  const nestedUnder: ({ name: string; line: number } | null)[] = tables.map(() => null);
  const diagnostics: Diagnostic[] = [];
  const done = new Array<boolean>(n).fill(false);
  const cap = COPY_CAP(tables.reduce((s, t) => s + t.rows.length, 0));
  let budget = cap;
  let capped = false;

  /** Tables being expanded, outermost first (a table met again is a cycle). */
  const open = new Set<number>();
  let tooDeep = false;
  const emit = (ti: number, out: ParamRow[], offset: number, parent: ParamRow | null, kind: TableKind): void => {
    if (kind === 'request' || kind === 'response') prepare(ti);
    done[ti] = true;
    kinds[ti] = kind;
    open.add(ti);
    const hasPosition = tables[ti]!.table.roles.includes('position');
    tables[ti]!.rows.forEach((row, ri) => {
      const copy: ParamRow =
        parent === null
          ? row
          : { ...row, depth: row.depth + offset, parent: row.depth === 0 ? parent.name : row.parent, position: hasPosition ? row.position : null };
      if (parent !== null && --budget < 0) {
        capped = true;
        return;
      }
      out.push(copy);
      const t = target[ti]![ri] ?? -1;
      if (t < 0) return;
      if (open.has(t)) {
        diagnostics.push({ file, line: row.source.line, severity: 'info', code: 'linked-table', message: `"${row.name}" links to the table at line ${tables[t]!.table.line}, which contains it: not nested again (a structure that contains itself)` });
        return;
      }
      if (open.size >= MAX_LEVELS) {
        tooDeep = true;
        done[t] = true; // left out, not put at the top instead
        return;
      }
      nestedUnder[t] ??= { name: row.name, line: row.source.line };
      emit(t, out, copy.depth + 1, copy, kind);
    });
    open.delete(ti);
  };
  // Top-level tables first, in page order; then whatever only a cycle reaches.
  for (let ti = 0; ti < n; ti++) if (!nestedIn[ti]) emit(ti, rows[ti]!, 0, null, tables[ti]!.kind);
  // Tables only a cycle reaches (no top-level table leads to them) stand at the top; tables a
  // cap or the depth bound cut off stay out.
  const reached = new Array<boolean>(n).fill(false);
  const todo = [...Array(n).keys()].filter((ti) => !nestedIn[ti]);
  for (const ti of todo) reached[ti] = true;
  while (todo.length) for (const t of target[todo.shift()!]!) if (t >= 0 && !reached[t]) (reached[t] = true, todo.push(t));
  for (let ti = 0; ti < n; ti++) if (!done[ti] && !reached[ti]) emit(ti, rows[ti]!, 0, null, tables[ti]!.kind);
  if (tooDeep) {
    diagnostics.push({ file, line: tables[0]?.table.line ?? 1, severity: 'warning', code: 'linked-table', message: `tables link to each other more than ${MAX_LEVELS} levels deep; the levels past that were not nested` });
  }
  if (capped) {
    diagnostics.push({ file, line: tables[0]?.table.line ?? 1, severity: 'warning', code: 'linked-table', message: `linked tables would copy more than ${cap} rows into this page; the copies past that were left out` });
  }
  return { rows, kinds, anchors: keys.map((k) => k.anchors), names: keys.map((k) => k.written), nestedUnder, linked, diagnostics };
}

function decodeAnchor(a: string): string {
  try {
    return decodeURIComponent(a);
  } catch {
    return a;
  }
}
