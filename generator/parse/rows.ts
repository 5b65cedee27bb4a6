/** Raw table rows (cells still in the page's markup) → ParamRow, with mined facts. */
import type { ColumnRole, Diagnostic, Lang, ParamRow, Position, TextLine } from '../model/ir.ts';
import type { RawCell, RawTable } from '../read/types.ts';
import { positionValue, requiredValue } from '../read/vocab.ts';
import { mineFacts } from './facts.ts';
import { dottedListCounts, nestingFromSample, type SampleTree } from './nesting.ts';
import { cellLinks, cleanInline } from '../read/inline.ts';
import { normalizeType } from './types.ts';

/**
 * Where a table's rows go when no Position column says: its caption's or section's location, or
 * `uri` (Huawei's `## URI` tables): a path parameter when the path template names it, else a
 * query parameter. `placeholders`: the `{name}`s of the page's path template.
 */
export interface TableLocation {
  where: Position | 'uri' | null;
  placeholders: ReadonlySet<string>;
}

/** The `{name}` placeholders of a normalised path template. */
export function pathPlaceholders(path: string | null): Set<string> {
  const out = new Set<string>();
  if (path) for (const m of path.matchAll(/\{([^{}/]+)\}/g)) out.add(m[1]!);
  return out;
}

const TREE_MARKS = /[└├│─┗┣━]/g;
const MD_LIST = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/; // same marker as CELL_LIST_MARK in read/markdown.ts
const TEXT_BULLET = /^(\s*)[•·●○▪◦■□]\s*(.*)$/;

function joinCell(c: RawCell | undefined, markup: 'markdown' | 'text'): string {
  if (!c) return '';
  return c.parts
    .map((p) => cleanInline(p.text, markup))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Description cell → lines of clean text; list items become `- item`, indented two spaces per level. */
export function descriptionLines(c: RawCell | undefined, markup: 'markdown' | 'text'): TextLine[] {
  if (!c) return [];
  const out: TextLine[] = [];
  for (const p of c.parts) {
    let text = p.text;
    if (text.trim() === '') continue;
    let prefix = '';
    if (markup === 'markdown') {
      const m = MD_LIST.exec(text);
      if (m) {
        prefix = `${'  '.repeat(Math.floor(m[1]!.length / 4))}- `;
        text = m[3]!;
      }
    } else {
      const m = TEXT_BULLET.exec(text);
      if (m) {
        prefix = `${'  '.repeat(Math.floor(Math.max(0, m[1]!.length - 2) / 2))}- `;
        text = m[2]!;
      }
    }
    const clean = cleanInline(text, markup).replace(/\s+/g, ' ').trim();
    if (clean === '') continue;
    out.push({ text: prefix + clean, line: p.line });
  }
  return out;
}

/**
 * The rows of one table, in the table's order, with tree depth from `└` markers; sample-based
 * nesting and the duplicate check are the caller's (see nestBySample, reportDuplicates), because
 * tables linked to each other are nested by their links first.
 */
export function rowsFromTable(table: RawTable, file: string, lang: Lang, diagnostics: Diagnostic[], location: TableLocation = { where: null, placeholders: new Set() }, withFacts = true): ParamRow[] {
  const col = (role: ColumnRole): number => table.roles.indexOf(role);
  const iName = col('name');
  const iType = col('type');
  const iReq = col('required');
  const iEx = col('example');
  const iPos = col('position');
  const iCat = col('category');
  const iDesc = col('description');
  const rows: ParamRow[] = [];
  const parents: string[] = [];
  let category: string | null = null;
  for (const raw of table.rows) {
    const cell = (i: number): RawCell | undefined => (i >= 0 ? raw.cells[i] : undefined);
    const rawName = joinCell(cell(iName), table.markup);
    const depth = (rawName.match(/[└├┗┣]/g) ?? []).length;
    const name = rawName.replace(TREE_MARKS, '').trim();
    if (iCat >= 0) {
      const c = joinCell(cell(iCat), table.markup);
      if (c) category = c;
    }
    if (raw.group) category = raw.group;
    if (name === '') {
      // An untitled row (e.g. `| |Object|Body|否| |请求体参数。|`) describes the body itself, not a parameter.
      continue;
    }
    const rawType = joinCell(cell(iType), table.markup);
    let type = normalizeType(rawType);
    if (!type) {
      diagnostics.push({ file, line: raw.line, severity: 'warning', code: 'unknown-type', message: `type "${rawType}" of "${name}" is not a type this reader knows; treated as unknown` });
      type = { kind: 'unknown' };
    }
    let required: boolean | null = null;
    let rawRequired: string | null = null;
    if (iReq >= 0) {
      rawRequired = joinCell(cell(iReq), table.markup);
      const v = requiredValue(rawRequired, true);
      if (v === undefined) {
        diagnostics.push({ file, line: raw.line, severity: 'warning', code: 'unknown-required', message: `required cell "${rawRequired}" of "${name}" is neither yes nor no; treated as not stated` });
      } else required = v;
    }
    const example = joinCell(cell(iEx), table.markup);
    const stated = iPos >= 0 ? positionValue(joinCell(cell(iPos), table.markup)) : null;
    const where = location.where === 'uri' ? (location.placeholders.has(name) ? 'Path' : 'Query') : location.where;
    const descLines = descriptionLines(cell(iDesc), table.markup);
    parents.length = depth;
    const parent = depth > 0 ? (parents[depth - 1] ?? null) : null;
    parents[depth] = name;
    const row: ParamRow = {
      name,
      rawType,
      type,
      required,
      rawRequired,
      example: example === '' ? null : example,
      position: stated ?? (depth === 0 ? where : null),
      category,
      depth,
      parent,
      description: descLines.map((l) => l.text).join('\n'),
      descriptionLines: descLines,
      facts: withFacts ? mineFacts(descLines, lang, file, type) : {},
      source: { file, line: raw.line },
    };
    // A type linked to another page (`[User](../数据类型/User.md)`, `Array of [tag](/cn.zh-CN/API参考/通用数据结构.md)`):
    // reconcile/linked.ts resolves it across pages.
    const link = cellLinks(cell(iType), table.markup).find((l) => !l.url.startsWith('#') && /\.md(#|$)/i.test(l.url));
    if (link) row.typeLink = { url: link.url, text: link.text };
    rows.push(row);
  }
  if (withFacts) dottedListCounts(rows, lang, file);
  return rows;
}

/** The facts of rows read without them (tables that may turn out not to be parameter tables). */
export function fillFacts(rows: ParamRow[], lang: Lang, file: string): void {
  for (const r of rows) r.facts = mineFacts(r.descriptionLines, lang, file, r.type);
  dottedListCounts(rows, lang, file);
}

/** Members listed under their struct without `└`: the page's samples say where they belong (./nesting.ts). */
export function nestBySample(rows: ParamRow[], sample: SampleTree | undefined): void {
  const nesting = sample ? nestingFromSample(rows, sample) : null;
  if (!nesting) return;
  rows.forEach((r, i) => {
    r.depth = nesting[i]!.depth;
    r.parent = nesting[i]!.parent;
  });
}

/** The same name twice under the same parent of one table: a warning (both rows are kept). */
export function reportDuplicates(rows: ParamRow[], file: string, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.parent ?? ''}/${r.name}`;
    if (seen.has(key)) {
      diagnostics.push({ file, line: r.source.line, severity: 'warning', code: 'duplicate-parameter', message: `parameter "${r.name}" appears more than once in the table (kept both)` });
    }
    seen.add(key);
  }
}
