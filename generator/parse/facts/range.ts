/**
 * Numeric ranges (integer and number parameters; for arrays the same words give the item count):
 * after a range lead-in `A to B`, `A~B`, `A-B`, `A到B`, `A至B`, `[A,B]`, `(A,B)`, `[A - B]` (RAM), `{a, b, c}`
 * (→ values); numbers allowed besides the range, on either side ("1 to 5120 and -1",
 * "-1 | 1-5120", "-1或1~5120" → `also`); "Maximum value: N" / "最大值：N" → max, "Minimum value: N" /
 * "最小值：N" / "起始值：N" → min.
 */
import type { NumericRange } from '../../model/ir.ts';
import type { Mining } from './context.ts';
import { MAX_RE, MIN_RE } from './phrases.ts';
import { sentenceAt, toNumber, type Line } from './text.ts';

const NUMP = '(-?\\d{1,15}(?:\\.\\d{1,15})?)';
const SP = '[ ]{0,16}';
/** One part of a statement of numbers, at `lastIndex`: `[A,B]`, `(A,B)`, `A to B` (groups 1–2) or one number (group 3). */
const part = (to: string): RegExp => new RegExp(`${SP}(?:from[ ]{1,16})?(?:[\\[(]${SP}${NUMP}${SP}(?:,|${to})${SP}${NUMP}${SP}[\\])]|${NUMP}${SP}(?:${to})${SP}${NUMP}(?!${SP}(?:\\.\\d|,${SP}\\d))|${NUMP}(?![\\d.]))`, 'iy');
const PART_Y = part('to|~|-|到|至');
/** After "between": "A and B" is a range too. */
const PART_AND_Y = part('to|~|-|到|至|and');
// PART_Y's groups: 1-2 bracketed, 3-4 "A to B", 5 one number.
const ALT_SEP_Y = new RegExp(`${SP}(?:,${SP}(?:and|or)[ ]{1,16}|[ ]{1,16}(?:and|or)[ ]{1,16}|,|、|\\||或|和)`, 'iy');
const END_Y = new RegExp(`${SP}(?:[.;]|$)`, 'y');
const RANGE_SET = /^[ ]{0,16}\{([^{}]{0,600})\}/;
/** What follows a range that makes it a length (read by ./length.ts). */
const UNIT_CHARS = /^[ ]{0,16}(?:个)?(?:[\u4e00-\u9fff]{0,6})?(?:字符|字节)|^[ ]{0,16}(?:characters?|bytes?)\b/i;

interface Part {
  min: number;
  max: number;
  /** A range (`A to B`, `[A,B]`), not one number. */
  range: boolean;
  end: number;
}

/** Parts of a statement of numbers from the start of `rest`, up to the first thing that is none. */
function parts(rest: string, andRange: boolean): Part[] {
  const list: Part[] = [];
  const re = andRange ? PART_AND_Y : PART_Y;
  let pos = 0;
  for (let guard = 0; guard < 50; guard++) {
    re.lastIndex = pos;
    const m = re.exec(rest);
    if (!m) break;
    const a = Number(m[1] ?? m[3] ?? m[5]);
    const b = Number(m[2] ?? m[4] ?? m[5]);
    if (!Number.isFinite(a) || !Number.isFinite(b)) break;
    list.push({ min: a, max: b, range: m[5] === undefined, end: re.lastIndex });
    pos = re.lastIndex;
    ALT_SEP_Y.lastIndex = pos;
    if (!ALT_SEP_Y.exec(rest)) break;
    pos = ALT_SEP_Y.lastIndex;
  }
  return list;
}

/**
 * A numeric statement after a range lead-in (`rest`: the sentence after it). Returns true when
 * the text is a range or a length (even if this parameter takes neither), false when it is none.
 * A statement that is one range and single numbers, and nothing else, is the range with the
 * numbers `also` allowed; otherwise a statement that starts with a range is that range.
 */
export function rangeFrom(m: Mining, rest: string, text: string, line: number, andRange = false): boolean {
  let r: NumericRange;
  const list = parts(rest, andRange);
  const first = list[0];
  const ranges = list.filter((p) => p.range);
  END_Y.lastIndex = list.at(-1)?.end ?? 0;
  const whole = list.length > 1 && END_Y.test(rest);
  if (first?.range && UNIT_CHARS.test(rest.slice(first.end))) return true; // a length, read elsewhere
  if (whole && ranges.length === 1) {
    const range = ranges[0]!;
    // numbers inside the range add nothing ("取值：1|1-5120")
    const also = list.filter((p) => p !== range && (p.min < range.min || p.min > range.max)).map((p) => p.min);
    r = also.length ? { min: range.min, max: range.max, also } : { min: range.min, max: range.max };
  } else if (first?.range) {
    r = { min: first.min, max: first.max };
  } else {
    if (first && ranges.length > 0) return false;
    const set = RANGE_SET.exec(rest);
    if (!set) return false;
    const nums: number[] = [];
    for (const p of set[1]!.split(/[,、]/).map((x) => x.trim().replace(/^["']|["']$/g, ''))) {
      const n = toNumber(p);
      if (n === null) return false;
      nums.push(n);
    }
    if (nums.length === 0) return false;
    r = { values: nums };
  }
  if (m.kind === 'numeric') m.setRange(r, text, line);
  else if (m.kind === 'array' && !r.values) m.setBounds('items', { min: r.min, max: r.max }, text, line);
  return true;
}

/** "Maximum value: N", "最小值：N". */
export function minMax(m: Mining, l: Line): void {
  if (m.kind !== 'numeric') return;
  const mx = MAX_RE.exec(l.norm);
  if (mx) m.setRange({ max: Number(mx[1]) }, sentenceAt(l, mx.index), l.line);
  const mn = MIN_RE.exec(l.norm);
  if (mn) m.setRange({ min: Number(mn[1]) }, sentenceAt(l, mn.index), l.line);
}
