/**
 * What the fact modules share while one description is mined: the lines, the parameter's kind,
 * the facts found so far and the rules for adding to them (a fact keeps its FIRST clear statement;
 * a later statement may only fill a missing bound of a range, length or item count stated one
 * bound at a time).
 */
import type { Fact, Facts, LengthRange, NumericRange, Scalar, TypeRef } from '../../model/ir.ts';
import { APPLIES_RE, COND } from './phrases.ts';
import { src, type Line } from './text.ts';
import { kindOf, typeValues, valueKind, type Kind, type RawVal } from './values.ts';

/** Fill the bounds `v` lacks from `r`; whether any was filled. */
function fillBounds(v: { min?: number; max?: number }, r: { min?: number; max?: number }): boolean {
  let changed = false;
  if (v.min === undefined && r.min !== undefined) {
    v.min = r.min;
    changed = true;
  }
  if (v.max === undefined && r.max !== undefined) {
    v.max = r.max;
    changed = true;
  }
  return changed;
}

export class Mining {
  facts: Facts = {};
  /** Meanings of the enum values, for mapping prose defaults onto values. */
  meanings: Array<{ value: Scalar; meaning: string }> = [];
  /** List items read as the values of a lead-in's list (not re-read as a lead-less list). */
  consumed = new Set<number>();
  readonly kind: Kind;
  readonly vk: Kind;

  constructor(
    readonly L: Line[],
    readonly file: string,
    type: TypeRef,
  ) {
    this.kind = kindOf(type);
    this.vk = valueKind(type);
  }

  fact<T>(value: T, text: string, line: number): Fact<T> {
    return { value, text, source: src(this.file, line) };
  }

  setRange(r: NumericRange, text: string, line: number): void {
    const cur = this.facts.range;
    if (!cur) {
      this.facts.range = this.fact(r, text, line);
      return;
    }
    const v = cur.value;
    if (v.values || (v.min !== undefined && v.max !== undefined)) return;
    if (r.values) return;
    if (fillBounds(v, r) && !cur.text.includes(text)) cur.text = `${cur.text} ${text}`;
  }

  setBounds(key: 'length' | 'items', r: LengthRange, text: string, line: number): void {
    if (r.min === undefined && r.max === undefined) return;
    const clean: LengthRange = {};
    if (r.min !== undefined) clean.min = r.min;
    if (r.max !== undefined) clean.max = r.max;
    const cur = this.facts[key];
    if (!cur) {
      this.facts[key] = this.fact(clean, text, line);
      return;
    }
    const v = cur.value;
    if (v.min !== undefined && v.max !== undefined) return;
    if (fillBounds(v, clean) && !cur.text.includes(text)) cur.text = `${cur.text} ${text}`;
  }

  /**
   * Record an enum (or, for numeric types, a closed set of numbers as `range.values`); a value
   * marked as the default also gives the default. `defLine` says where each value was written.
   */
  setEnum(vals: RawVal[], text: string, line: number, defLine?: (idx: number) => { text: string; line: number }): boolean {
    const typed = typeValues(vals, this.vk);
    if (!typed) return false;
    if (this.vk === 'numeric') {
      if (this.kind === 'numeric') {
        if (this.facts.range) return false;
        this.setRange({ values: typed.numbers ?? [] }, text, line);
      } else if (!this.facts.enum) {
        this.facts.enum = this.fact(typed.scalars, text, line); // arrays of numbers: item values
      } else return false;
    } else {
      if (this.facts.enum) return false;
      this.facts.enum = this.fact(typed.scalars, text, line);
    }
    this.meanings = [];
    vals.forEach((rv, idx) => {
      const v = typed.scalars[idx];
      if (v !== undefined && rv.meaning) this.meanings.push({ value: v, meaning: rv.meaning });
    });
    if (typed.def !== undefined && !this.facts.default && this.kind !== 'array') {
      const idx = vals.findIndex((rv) => rv.def);
      const where = defLine ? defLine(idx) : { text, line };
      this.facts.default = this.fact(typed.def, where.text, where.line);
    }
    return true;
  }
}

/**
 * A statement made conditional by the clause it sits in or the clause just before it ("If the
 * VPC …, valid values are", "当PeriodUnit=Month时，取值范围"), unless that clause only says when
 * the parameter applies ("…时才生效，可选值为：").
 */
export function conditional(prefix: string): boolean {
  const clauses = prefix.split(',').slice(-2);
  for (const clause of clauses) if (COND.test(clause) && !APPLIES_RE.test(clause)) return true;
  return false;
}
