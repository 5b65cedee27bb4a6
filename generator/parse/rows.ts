/** Raw table rows (cells still in the page's markup) → ParamRow, with mined facts. */
import type { ColumnRole, Diagnostic, Lang, ParamRow, TextLine } from '../model/ir.ts';
import type { RawCell, RawTable } from '../read/types.ts';
import { positionValue, requiredValue } from '../read/vocab.ts';
import { mineFacts } from './facts.ts';
import { dottedListCounts, nestingFromSample, type SampleTree } from './nesting.ts';
import { cleanInline } from '../read/inline.ts';
import { normalizeType } from './types.ts';

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

/** `sample`: the names of the page's samples of this table's kind (see ./nesting.ts). */
export function rowsFromTable(table: RawTable, file: string, lang: Lang, diagnostics: Diagnostic[], sample?: SampleTree): ParamRow[] {
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
  const seen = new Set<string>();
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
      const v = requiredValue(rawRequired);
      if (v === undefined) {
        diagnostics.push({ file, line: raw.line, severity: 'warning', code: 'unknown-required', message: `required cell "${rawRequired}" of "${name}" is neither yes nor no; treated as not stated` });
      } else required = v;
    }
    const example = joinCell(cell(iEx), table.markup);
    const position = iPos >= 0 ? positionValue(joinCell(cell(iPos), table.markup)) : null;
    const descLines = descriptionLines(cell(iDesc), table.markup);
    parents.length = depth;
    const parent = depth > 0 ? (parents[depth - 1] ?? null) : null;
    parents[depth] = name;
    rows.push({
      name,
      rawType,
      type,
      required,
      rawRequired,
      example: example === '' ? null : example,
      position,
      category,
      depth,
      parent,
      description: descLines.map((l) => l.text).join('\n'),
      descriptionLines: descLines,
      facts: mineFacts(descLines, lang, file, type),
      source: { file, line: raw.line },
    });
  }
  dottedListCounts(rows, lang, file);
  // Members listed under their struct without `└`: the page's samples say where they belong.
  const nesting = sample ? nestingFromSample(rows, sample) : null;
  if (nesting) {
    rows.forEach((r, i) => {
      r.depth = nesting[i]!.depth;
      r.parent = nesting[i]!.parent;
    });
  }
  for (const r of rows) {
    const key = `${r.parent ?? ''}/${r.name}`;
    if (seen.has(key)) {
      diagnostics.push({ file, line: r.source.line, severity: 'warning', code: 'duplicate-parameter', message: `parameter "${r.name}" appears more than once in the table (kept both)` });
    }
    seen.add(key);
  }
  return rows;
}
