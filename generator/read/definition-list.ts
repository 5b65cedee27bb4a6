/**
 * Parameters written as a definition list (RAM's older pages and its data-type pages): a bold
 * term on its own line, then a bullet list of `key：value` items naming the parameter's facts.
 *
 *     **UserName**
 *
 *     -   类型：String
 *     -   必须：是
 *     -   描述：指定用户名，最多包含64个字符
 *     -   格式：
 *
 *         ```
 *         ^[a-zA-Z0-9\.@\-_]+$
 *         ```
 *
 * A run of such entries is read as one table of layout `definition-list`: one row per term, one
 * column per item key the vocabulary knows (`columnRole`: 类型/Type, 必须/Required, 描述/Description
 * …); items whose key it does not know (格式, 取值范围, 默认值) are kept in the description as
 * `key：value` lines, where the facts miner reads them. A run is a parameter table only when one of
 * its entries has a type item: error lists (`HTTP Status：400`, `Error Message：…`) and bold labels
 * over code (`**Action**` over ```` ```ram:CreateUser``` ````) are not.
 *
 * Every line is looked at a bounded number of times: a run that is no table is not tried again
 * from its later terms (see `failUntil`).
 */
import type { TextLine } from '../model/ir.ts';
import type { RawCell, RawRow, RawTable } from './types.ts';
import { columnRole } from './vocab.ts';
import { indentOf } from './cells.ts';

/** A bold term alone on its line (no `*` inside: the match is linear). */
const TERM = /^ {0,3}\*\*([^*]{1,120})\*\*[ \t]*$/;
/** A bullet item `-   key：value`; the key is short and holds no colon. */
const ITEM = /^( {0,3})[-*+][ \t]+([^:：]{1,24}?)[ \t]*[:：][ \t]*(.*)$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

interface Item {
  key: string;
  parts: TextLine[];
}

interface Entry {
  term: string;
  line: number;
  items: Item[];
  end: number;
}


const isBlank = (s: string): boolean => s.trim() === '';

/** The entry whose term is on line `i` (0-based), or null. */
function entryAt(lines: string[], i: number): Entry | null {
  const t = TERM.exec(lines[i]!);
  if (!t) return null;
  const term = t[1]!.trim();
  if (term === '' || /[:：]$/.test(term)) return null; // `**说明：**` is a note, not a term
  const n = lines.length;
  let j = i + 1;
  while (j < n && isBlank(lines[j]!)) j++;
  const items: Item[] = [];
  let end = i;
  while (j < n) {
    const m = lines[j]!.length < 4000 ? ITEM.exec(lines[j]!) : null;
    if (!m) break;
    const base = m[1]!.length;
    const parts: TextLine[] = [{ text: m[3]!, line: j + 1 }];
    end = j;
    let k = j + 1;
    let fence: string | null = null;
    // The item's own lines: those indented past its bullet (and blank lines between them).
    while (k < n) {
      const l = lines[k]!;
      if (isBlank(l)) {
        k++;
        continue;
      }
      if (indentOf(l) <= base) break;
      const f = FENCE.exec(l);
      if (f && (fence === null || f[1]![0] === fence[0])) fence = fence === null ? f[1]! : null;
      else {
        const text = l.trim();
        parts.push({ text: fence !== null && !text.includes('`') ? `\`${text}\`` : text, line: k + 1 });
      }
      end = k;
      k++;
    }
    items.push({ key: m[2]!.trim(), parts });
    j = k;
    while (j < n && isBlank(lines[j]!)) j++;
  }
  return items.length > 0 ? { term, line: i + 1, items, end } : null;
}

export interface DefinitionListRead {
  table: Omit<RawTable, 'heading' | 'caption' | 'anchors' | 'status'> | null;
  /** Last line (0-based) of the run of entries looked at. */
  end: number;
}

/**
 * The definition list starting at line `i` (0-based), or null when no entry starts there. With
 * `table: null`, the entries up to `end` are no parameter table (none has a type item).
 */
export function readDefinitionList(lines: string[], i: number): DefinitionListRead | null {
  const entries: Entry[] = [];
  let j = i;
  const n = lines.length;
  while (j < n) {
    const e = entryAt(lines, j);
    if (!e) break;
    // An entry without any key the vocabulary knows (`HTTP Status：400`, `Error Message：…`) ends the run.
    if (!e.items.some((it) => columnRole(it.key) !== 'other')) {
      if (entries.length === 0) return { table: null, end: e.end };
      break;
    }
    entries.push(e);
    j = e.end + 1;
    while (j < n && isBlank(lines[j]!)) j++;
  }
  if (entries.length === 0) return null;
  const end = entries[entries.length - 1]!.end;
  if (!entries.some((e) => e.items.some((it) => columnRole(it.key) === 'type'))) return { table: null, end };

  // Columns: the term (named as an item key naming it, else in the page's language), then one per
  // role the keys give, in first-seen order; unknown keys go to the description.
  const keys = entries.flatMap((e) => e.items.map((it) => it.key));
  const latin = keys.every((k) => /^[\x20-\x7e]*$/.test(k));
  const header: string[] = [keys.find((k) => columnRole(k) === 'name') ?? (latin ? 'Name' : '名称')];
  const roles: RawTable['roles'] = ['name'];
  for (const k of keys) {
    const r = columnRole(k);
    if (r === 'other' || roles.includes(r)) continue;
    header.push(k);
    roles.push(r);
  }
  if (!roles.includes('description') && keys.some((k) => columnRole(k) === 'other')) {
    header.push(latin ? 'Description' : '描述');
    roles.push('description');
  }
  const desc = roles.indexOf('description');
  const rows: RawRow[] = entries.map((e) => {
    const cells: RawCell[] = roles.map(() => ({ parts: [] }));
    cells[0]!.parts.push({ text: e.term, line: e.line });
    const extra: TextLine[] = [];
    for (const it of e.items) {
      const r = columnRole(it.key);
      if (r === 'name') continue;
      if (r === 'other') {
        const [first, ...rest] = it.parts;
        extra.push({ text: `${it.key}：${first!.text}`, line: first!.line }, ...rest);
        continue;
      }
      const cell = cells[roles.indexOf(r)]!;
      cell.parts.push(...it.parts);
    }
    if (extra.length > 0) cells[desc]!.parts.push(...extra);
    for (const c of cells) if (c.parts.length === 0) c.parts.push({ text: '', line: e.line });
    return { cells, line: e.line, endLine: e.end + 1, group: null };
  });
  return { table: { layout: 'definition-list', markup: 'markdown', header, roles, line: i + 1, traits: [], rows }, end };
}
