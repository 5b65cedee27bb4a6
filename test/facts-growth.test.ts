/**
 * Every pattern the fact miner (and the page-identity reader) runs on page text is linear in its
 * input: each matcher, the value and number readers, and the whole miner are run on 10 KB and
 * 100 KB inputs built to make a backtracking pattern blow up (long runs of spaces, digits,
 * punctuation, repeated lead-in words, half-finished lists), and the growth of the time is
 * asserted, not the time: linear work grows about 10×, quadratic about 100×.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../generator/parse/facts/phrases.ts';
import { mineFacts } from '../generator/parse/facts/index.ts';
import { readInlineValues, parseItem } from '../generator/parse/facts/values.ts';
import { prepare, sentences } from '../generator/parse/facts/text.ts';
import { ACTION_IN_SAMPLE, NOTE_START, PROSE_PHRASES, SUMMARY_PHRASES } from '../generator/parse/identity/vocab.ts';
import type { TextLine, TypeRef } from '../generator/model/ir.ts';

/** Inputs of about `n` characters, one per family. */
const FAMILIES: Record<string, (n: number) => string> = {
  spaces: (n) => `a${' '.repeat(n)}b`,
  digits: (n) => '1'.repeat(n),
  'spaced digits': (n) => '1 '.repeat(n / 2),
  'digit ranges': (n) => '1-'.repeat(n / 2),
  'minus bars': (n) => '-1 | '.repeat(n / 5),
  tildes: (n) => '1~'.repeat(n / 2),
  'zh lead-ins': (n) => '取值'.repeat(n / 2),
  'zh range lead-ins': (n) => '取值范围：'.repeat(n / 5),
  'en lead-ins': (n) => 'Valid values '.repeat(n / 13),
  'value colons': (n) => 'value :'.repeat(n / 7),
  defaults: (n) => '默认值'.repeat(n / 3),
  'en defaults': (n) => 'default value is '.repeat(n / 17),
  'value lists': (n) => `Valid values: ${'a, '.repeat(n / 3)}`,
  'meanings': (n) => 'a (b) '.repeat(n / 6),
  parens: (n) => '('.repeat(n),
  'up to': (n) => 'up to '.repeat(n / 6),
  'at least': (n) => 'at least '.repeat(n / 9),
  fields: (n) => 'x (required '.repeat(n / 12),
  'field colons': (n) => 'name: '.repeat(n / 6),
  cjk: (n) => '字'.repeat(n),
  counters: (n) => '个'.repeat(n),
  'zh lengths': (n) => '长度为1'.repeat(n / 4),
  dots: (n) => '.'.repeat(n),
  colons: (n) => ':'.repeat(n),
  quotes: (n) => '"'.repeat(n),
  'words then dot': (n) => `${'ab '.repeat(n / 3)}.`,
  'calls': (n) => 'call the '.repeat(n / 9),
  'zh calls': (n) => '调用'.repeat(n / 2),
  'actions': (n) => 'Action=Ab'.repeat(n / 9),
};

/** Best of `rounds` rounds of `reps` runs, in ms. */
function time(run: () => void, reps: number, rounds = 3): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Growth of `f` from the 10 KB to the 100 KB input of one family (enough repetitions that the small one takes ~0.5 ms). */
function ratioOf(f: (s: string) => void, small: string, big: string): number {
  f(small); // warm up
  const t1 = Math.max(time(() => f(small), 1, 1), 1e-3);
  const reps = Math.min(4096, Math.max(1, Math.ceil(0.5 / t1)));
  return time(() => f(big), reps) / Math.max(time(() => f(small), reps), 1e-3);
}

/**
 * The family on which `f` grows most from 10 KB to 100 KB. A ratio over the bound is measured
 * again (the median of three): the machine is shared, and one slow round is noise, not growth.
 */
function worstGrowth(f: (s: string) => void, families: string[] = Object.keys(FAMILIES)): { family: string; ratio: number } {
  let worst = { family: '', ratio: 0 };
  for (const family of families) {
    const make = FAMILIES[family]!;
    const small = make(10_000);
    const big = make(100_000);
    let ratio = ratioOf(f, small, big);
    if (ratio >= LINEAR) ratio = [ratioOf(f, small, big), ratioOf(f, small, big), ratioOf(f, small, big)].sort((x, y) => x - y)[1]!;
    if (ratio > worst.ratio) worst = { family, ratio };
  }
  return worst;
}

/** Linear work grows ~10× for 10× the input; quadratic ~100×. Noise on a shared machine stays well under 40×. */
const LINEAR = 40;

function scanAll(re: RegExp): (s: string) => void {
  const g = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g');
  return (s) => {
    let n = 0;
    for (const m of s.matchAll(g)) if (++n > 1_000_000 || m[0].length < 0) break;
  };
}

const MATCHERS: Record<string, RegExp> = {
  LEAD_RE: P.LEAD_RE,
  DEFAULT_RE: P.DEFAULT_RE,
  DEFAULT_MARK: P.DEFAULT_MARK,
  SET_VALUE_RE: P.SET_VALUE_RE,
  MAX_RE: P.MAX_RE,
  MIN_RE: P.MIN_RE,
  LEN_EACH: P.LEN_EACH,
  LEN_RANGE_EN: P.LEN_RANGE_EN,
  LEN_BETWEEN_EN: P.LEN_BETWEEN_EN,
  LEN_MAX_EN: P.LEN_MAX_EN,
  LEN_MIN_EN: P.LEN_MIN_EN,
  LEN_RANGE_ZH: P.LEN_RANGE_ZH,
  LEN_MAX_ZH: P.LEN_MAX_ZH,
  LEN_MIN_ZH: P.LEN_MIN_ZH,
  LEN_MAX_UNITLESS: P.LEN_MAX_UNITLESS,
  ITEMS_TO_EN: P.ITEMS_TO_EN,
  ITEMS_MAX_EN: P.ITEMS_MAX_EN,
  ITEMS_MIN_EN: P.ITEMS_MIN_EN,
  ITEMS_MAX_ZH: P.ITEMS_MAX_ZH,
  ITEMS_MIN_ZH: P.ITEMS_MIN_ZH,
  ITEMS_RANGE_ZH: P.ITEMS_RANGE_ZH,
  DEP_START: P.DEP_START,
  DEP_ANY: P.DEP_ANY,
  STRUCT_INTRO: P.STRUCT_INTRO,
  FIELD_MEANING: P.FIELD_MEANING,
  FIELD_REQ: P.FIELD_REQ,
  FIELD_OPT: P.FIELD_OPT,
  FIELD_SAYS: P.FIELD_SAYS,
  COND: P.COND,
  APPLIES_RE: P.APPLIES_RE,
  LABELS: P.LABELS,
  'identity SUMMARY_PHRASES[0]': SUMMARY_PHRASES[0]!,
  'identity SUMMARY_PHRASES[1]': SUMMARY_PHRASES[1]!,
  'identity SUMMARY_PHRASES[2]': SUMMARY_PHRASES[2]!,
  'identity PROSE_PHRASES[0]': PROSE_PHRASES[0]!,
  'identity PROSE_PHRASES[1]': PROSE_PHRASES[1]!,
  'identity ACTION_IN_SAMPLE': ACTION_IN_SAMPLE,
  'identity NOTE_START': NOTE_START,
};

describe('every pattern is linear in its input (10 KB vs 100 KB)', () => {
  for (const [name, re] of Object.entries(MATCHERS)) {
    it(name, () => {
      const worst = worstGrowth(scanAll(re));
      expect(worst.ratio, `${name} on ${worst.family}`).toBeLessThan(LINEAR);
    });
  }

  it('the inline value reader, the list-item reader and the sentence splitter', () => {
    for (const [name, f] of Object.entries({
      readInlineValues: (s: string) => readInlineValues(s, 0),
      parseItem: (s: string) => parseItem(s),
      sentences: (s: string) => sentences(s),
      prepare: (s: string) => prepare([{ text: s, line: 1 }]),
    })) {
      const worst = worstGrowth(f);
      expect(worst.ratio, `${name} on ${worst.family}`).toBeLessThan(LINEAR);
    }
  });

  it('the whole miner, on a description of 10 KB and one of 100 KB (many lines, and one long line)', () => {
    const types: TypeRef[] = [{ kind: 'string' }, { kind: 'integer' }, { kind: 'array', items: { kind: 'string' } }, { kind: 'ref', name: 'x' }];
    // the families that reach the most code: lead-ins, lists, numbers, defaults, fields, punctuation
    const families = ['spaces', 'minus bars', 'zh range lead-ins', 'value colons', 'value lists', 'meanings', 'fields', 'field colons', 'en defaults', 'dots', 'words then dot', 'zh lengths'];
    const asLines = (s: string): TextLine[] => s.match(/[^]{1,100}/g)!.map((text, i) => ({ text: i % 3 === 0 ? `- ${text}` : text, line: i + 1 }));
    for (const t of types) {
      const many = worstGrowth((s) => mineFacts(asLines(s), 'zh', 'x', t), families);
      expect(many.ratio, `lines, ${t.kind}, ${many.family}`).toBeLessThan(LINEAR);
      const one = worstGrowth((s) => mineFacts([{ text: s, line: 1 }], 'en', 'x', t), families);
      expect(one.ratio, `one line, ${t.kind}, ${one.family}`).toBeLessThan(LINEAR);
    }
  });
});
