/**
 * Array item counts (arrays only): range statements after a lead-in (./range.ts, values dropped),
 * "A to B <things>" with digits or spelled-out numbers ("one to three vSwitches"), "up to N",
 * "a maximum of N", "at least N" (not "at least three of"), "最多(支持/设置/指定/…)N个",
 * "至少(要)(指定/…)一个", "A~B个" — never about characters.
 */
import type { LengthRange } from '../../model/ir.ts';
import type { Mining } from './context.ts';
import { ITEMS_MAX_EN, ITEMS_MAX_ZH, ITEMS_MIN_EN, ITEMS_MIN_ZH, ITEMS_RANGE_ZH, ITEMS_TO_EN } from './phrases.ts';
import { sentences, wordNumber, type Line } from './text.ts';

export function itemsCount(m: Mining, l: Line): void {
  if (m.kind !== 'array') return;
  const cur = m.facts.items?.value;
  if (cur && cur.min !== undefined && cur.max !== undefined) return;
  for (const [a, b] of sentences(l.norm)) {
    const sent = l.norm.slice(a, b);
    const text = l.raw.slice(a, b).trim();
    const r = ITEMS_TO_EN.exec(sent) ?? ITEMS_RANGE_ZH.exec(sent);
    if (r) {
      const min = wordNumber(r[1]!);
      const max = wordNumber(r[2]!);
      if (min !== null && max !== null && min <= max) {
        m.setBounds('items', { min, max }, text, l.line);
        continue;
      }
    }
    const mx = ITEMS_MAX_EN.exec(sent) ?? ITEMS_MAX_ZH.exec(sent);
    const mn = ITEMS_MIN_EN.exec(sent) ?? ITEMS_MIN_ZH.exec(sent);
    const out: LengthRange = {};
    if (mx) {
      const v = wordNumber(mx[1]!);
      if (v !== null) out.max = v;
    }
    if (mn) {
      const v = wordNumber(mn[1]!);
      if (v !== null) out.min = v;
    }
    m.setBounds('items', out, text, l.line);
  }
}
