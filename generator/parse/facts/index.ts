/**
 * The facts miner: enum, default, numeric range, string length, array item count, deprecation and
 * sub-fields' required flags, mined from one parameter's cleaned description. English and Chinese
 * (Alibaba and Huawei phrasings) alike; nothing here knows about any operation or parameter. One
 * module per fact kind; the phrasings are data (./phrases.ts); this driver states the order.
 *
 * Input: one TextLine per source line; list items appear as `- item`, nested items indented by two
 * spaces per level; markdown (backticks, escapes) already removed. Bold markers (`**`) that survive
 * are ignored.
 *
 * Precedence. Lines are read in order; on each line:
 *  1. deprecation (./deprecated.ts);
 *  2. lead-ins of values and ranges, on any line (./enum.ts → ./range.ts): a list, a range, or
 *     inline values;
 *  3. on ordinary lines (not list items, which describe one value or a case): default
 *     (./default.ts), "Set the value to X" (./enum.ts), explicit min/max (./range.ts), length
 *     (./length.ts), item count (./items.ts); on a list item not taken by a lead-in: a lead-less
 *     list of values (./enum.ts);
 * then, over the whole description, sub-fields (./fields.ts). Each fact kind keeps its FIRST clear
 * statement; a later statement may only fill a missing bound of a range, length or item count
 * stated one bound at a time. Conditional statements ("if/when/unless/当/如果/若/…时") are skipped
 * for enum, range and default unless the clause only says when the parameter applies.
 *
 * Every pattern is linear in the line it reads (bounded repetition only; test/facts-growth.test.ts
 * measures each one at 10 KB and 100 KB); a description is read up to MAX_LINES lines of MAX_LINE
 * characters. Never throws: on an unexpected error the facts mined so far are returned.
 */
import type { Facts, Fact, LengthRange, Lang, TextLine, TypeRef } from '../../model/ir.ts';
import { Mining } from './context.ts';
import { deprecated } from './deprecated.ts';
import { defaults } from './default.ts';
import { leadIns, leadless, setValue } from './enum.ts';
import { fields } from './fields.ts';
import { itemsCount } from './items.ts';
import { length } from './length.ts';
import { minMax } from './range.ts';
import { prepare } from './text.ts';

function run(m: Mining): void {
  const L = m.L;
  for (let i = 0; i < L.length; i++) {
    const l = L[i]!;
    deprecated(m, l);
    leadIns(m, i);
    if (!l.item) {
      defaults(m, l);
      setValue(m, l);
      minMax(m, l);
      length(m, l);
      itemsCount(m, l);
    } else if (!m.consumed.has(i)) leadless(m, i);
  }
  fields(m);
}

/**
 * Mine the facts of one parameter description. `lang` is accepted for the record: the rules read
 * English and Chinese phrasings alike (pages mix them), so it does not switch rule sets.
 */
export function mineFacts(lines: TextLine[], lang: Lang, file: string, type: TypeRef): Facts {
  void lang;
  let m: Mining | undefined;
  try {
    if (!Array.isArray(lines) || lines.length === 0) return {};
    m = new Mining(prepare(lines), file, type ?? { kind: 'unknown' });
    run(m);
    return m.facts;
  } catch {
    return m?.facts ?? {};
  }
}

/**
 * The item count of an array described by `lines` (the descriptions of the rows that make up one
 * array, e.g. the dotted `Tag.N.Key` rows): what `mineFacts` gives as `items` for an array of
 * strings. For reconcile, which re-mines it over rows it joins.
 */
export function itemsFact(lines: TextLine[], lang: Lang, file: string): Fact<LengthRange> | undefined {
  return mineFacts(lines, lang, file, { kind: 'array', items: { kind: 'string' } }).items;
}
