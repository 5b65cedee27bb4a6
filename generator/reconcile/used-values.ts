/**
 * Values the pages themselves use for a parameter, checked against the facts mined from their
 * words (rule `used-values-beat-mined-facts`): an example cell (`service_cidr`: "172.21.0.0/20")
 * or a value a sample request sends (`template_type`: "web server cluster") that a mined enum or
 * range does not allow means the reading or the list does not hold (a range of CIDR blocks read
 * as values, a list the page did not update, a range another page of the operation states): the
 * fact is not kept, and a conflict names the fact and the value with both lines.
 *
 * Masked examples (`i-xxx****`), lists and several values in one cell say nothing.
 */
import type { Conflict, NumericRange, ParamRow, Scalar, SourceRef } from '../model/ir.ts';
import type { Page } from './pages.ts';

export interface UsedValue {
  value: Scalar;
  source: SourceRef;
  page: Page;
  /** `example` (a table's example cell) or `sample` (a value a sample request sends). */
  from: 'example' | 'sample';
}

/** A table row's example as one plain value, or null when it says nothing checkable. */
export function exampleValue(row: ParamRow): Scalar | null {
  const ex = row.example?.trim().replace(/^["“](.*)["”]$/, '$1');
  if (!ex || /\*/.test(ex) || /[,，、;；]/.test(ex) || /^[[{]/.test(ex)) return null;
  return ex;
}

/** The scalar values a sample sends at a position (a list's items count one by one). */
export function sampleScalars(v: unknown): Scalar[] {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [v];
  if (Array.isArray(v)) return v.filter((x): x is Scalar => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
  return [];
}

const sameValue = (a: Scalar, b: Scalar): boolean => String(a) === String(b) || String(a).toLowerCase() === String(b).toLowerCase();

/** The first used value an enum does not allow. */
export function outsideEnum(values: Scalar[], used: UsedValue[]): UsedValue | null {
  return used.find((u) => !values.some((v) => sameValue(v, u.value))) ?? null;
}

/** The first used number a range does not allow (values that are no number are not checked). */
export function outsideRange(range: NumericRange, used: UsedValue[]): UsedValue | null {
  for (const u of used) {
    const n = typeof u.value === 'number' ? u.value : typeof u.value === 'string' && /^-?\d+(\.\d+)?$/.test(u.value.trim()) ? Number(u.value) : NaN;
    if (!Number.isFinite(n)) continue;
    if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max) || (range.values?.length && !range.values.includes(n))) return u;
  }
  return null;
}

/** The conflict that records a mined fact dropped for a value the pages use. */
export function factContradicted(path: string, kind: 'enum' | 'range', fact: { value: unknown; source: SourceRef; text: string; page: Page }, used: UsedValue): Conflict {
  return {
    path,
    kind,
    values: [
      { value: fact.value, source: fact.source, lang: fact.page.lang, date: fact.page.date },
      { value: used.value, source: used.source, lang: used.page.lang, date: used.page.date },
    ],
    resolution: null,
    rule: 'used-values-beat-mined-facts',
    note: `the ${used.from === 'example' ? "table's example" : 'sample'} ${JSON.stringify(used.value)} (${used.source.file}:${used.source.line}) is outside the ${kind} read from "${fact.text.slice(0, 80)}" (${fact.source.file}:${fact.source.line}): the ${kind} is not kept`,
  };
}
