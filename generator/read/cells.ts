/**
 * A table row's cells against its header, for every table reader (pipe tables, HTML tables).
 */
import type { ColumnRole, Diagnostic } from '../model/ir.ts';
import type { RawCell } from './types.ts';

/**
 * Align a row's cells to the header. Extra cells (an unescaped `|` inside a cell) are merged
 * back into the description column (else the last column); missing cells are padded.
 */
export function alignCells(cells: RawCell[], roles: ColumnRole[]): { cells: RawCell[]; off: number } {
  const n = roles.length;
  const off = cells.length - n;
  if (off === 0) return { cells, off };
  // A header without cells (a lone `|` read as a header) has nothing to align to.
  if (n === 0) return { cells: [], off };
  if (off < 0) {
    const padded = cells.slice();
    const last = cells[cells.length - 1]?.parts.at(-1)?.line ?? 0;
    while (padded.length < n) padded.push({ parts: [{ text: '', line: last }] });
    return { cells: padded, off };
  }
  let target = roles.indexOf('description');
  if (target < 0) target = n - 1;
  const merged: RawCell = { parts: [] };
  for (let k = target; k <= target + off; k++) {
    const c = cells[k]!;
    if (merged.parts.length > 0) {
      const prev = merged.parts[merged.parts.length - 1]!;
      const first = c.parts[0]!;
      if (first.line === prev.line) {
        merged.parts[merged.parts.length - 1] = { text: `${prev.text}|${first.text}`, line: prev.line };
        merged.parts.push(...c.parts.slice(1));
        continue;
      }
    }
    merged.parts.push(...c.parts);
  }
  return { cells: [...cells.slice(0, target), merged, ...cells.slice(target + off + 1)], off };
}

/**
 * A row aligned to its header, and the `cell-count` warning when its cell count was off (`cause`:
 * what usually makes it off in this kind of table, said first in the message).
 */
export function alignRow(file: string, line: number, raw: RawCell[], roles: ColumnRole[], cause = ''): { cells: RawCell[]; diagnostic: Diagnostic | null } {
  const { cells, off } = alignCells(raw, roles);
  if (off === 0) return { cells, diagnostic: null };
  const message =
    off > 0
      ? `row has ${raw.length} cells, the header has ${roles.length}: ${cause}extra cells were joined into the ${roles.includes('description') ? 'description' : 'last'} column`
      : `row has ${raw.length} cells, the header has ${roles.length}: missing cells were left empty`;
  return { cells, diagnostic: { file, line, severity: 'warning', code: 'cell-count', message } };
}

/** Columns (tab stops of 4) of a line's leading whitespace. */
export function indentOf(s: string): number {
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return col;
}
