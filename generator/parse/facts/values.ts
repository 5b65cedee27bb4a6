/**
 * Values in descriptions: the kind of a parameter (which facts it can have), value tokens, inline
 * lists ("true (…) and false (…)", "-1 | 1-5120", "cloud, cloud_ssd."), list items ("- value:
 * meaning", "- wrr（默认值）：…") and typing raw values by the parameter's type.
 */
import type { Scalar, TypeRef } from '../../model/ir.ts';
import { DEFAULT_MARK, DEFAULT_MARK_GROUP } from './phrases.ts';
import { toNumber } from './text.ts';

export type Kind = 'boolean' | 'numeric' | 'string' | 'unknown' | 'array' | 'other';

export function kindOf(t: TypeRef | undefined | null): Kind {
  switch (t?.kind) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'numeric';
    case 'string':
      return 'string';
    case 'unknown':
    case undefined:
      return 'unknown';
    case 'array':
      return 'array';
    default:
      return 'other';
  }
}

/** Kind used to type enum values: the item type for arrays of scalars. */
export function valueKind(t: TypeRef): Kind {
  if (t?.kind === 'array') {
    const k = kindOf(t.items);
    return k === 'array' || k === 'other' ? 'other' : k;
  }
  return kindOf(t);
}

export interface RawVal {
  v: string;
  def: boolean;
  meaning: string;
}

/** A value token: starts with a letter/digit/_/$ (or a minus sign before a digit). */
const TOKEN_Y = /[ ]{0,16}["']?(-?[A-Za-z0-9_$][\w.\-/+@#*]{0,200})/y;
const PAREN_Y = /[ ]{0,16}\(([^()]{0,300})\)/y;
const QUOTE_Y = /["']/y;
const SEP_Y = /[ ]{0,16}(?:,[ ]{0,16}(?:and|or)[ ]{1,16}|,|、|\||[ ]{1,16}and[ ]{1,16}|[ ]{1,16}or[ ]{1,16}|和|或|及|与)[ ]{0,16}/y;
const END_Y = /[ ]{0,16}(?:[.;!?]|$)/y;

function cleanToken(t: string): string {
  // trailing dots/colons belong to the sentence, not the value
  return t.replace(/[.:]+$/, '');
}

/**
 * Read an inline list of values from `s` starting at `pos0`: tokens separated by `,` `、` `|`
 * `and` `or` `和` `或` `及` `与`, each optionally followed by a parenthesised meaning or a default
 * marker. Returns null for prose (a token followed by anything else); a comma followed by prose
 * ends the list. A token that ends its sentence ("cloud, cloud_ssd. Default value: …") is the
 * last value.
 */
export function readInlineValues(s: string, pos0: number): RawVal[] | null {
  const vals: RawVal[] = [];
  let pos = pos0;
  for (let guard = 0; guard < 200; guard++) {
    TOKEN_Y.lastIndex = pos;
    const m = TOKEN_Y.exec(s);
    if (!m) return null;
    const raw = m[1]!;
    const tok = cleanToken(raw);
    if (tok.length === 0 || tok.length > 80) return null;
    // The token's own end, before any sentence dot the token pattern swallowed.
    pos = m.index + m[0].length - (raw.length - tok.length);
    QUOTE_Y.lastIndex = pos;
    if (QUOTE_Y.exec(s)) pos = QUOTE_Y.lastIndex;
    let def = false;
    let meaning = '';
    PAREN_Y.lastIndex = pos;
    const p = PAREN_Y.exec(s);
    if (p) {
      if (DEFAULT_MARK.test(p[1]!)) def = true;
      else meaning = p[1]!.trim();
      pos = PAREN_Y.lastIndex;
    }
    vals.push({ v: tok, def, meaning });
    // end of the statement?
    END_Y.lastIndex = pos;
    if (END_Y.exec(s)) return vals;
    SEP_Y.lastIndex = pos;
    const sep = SEP_Y.exec(s);
    if (!sep) return null;
    const isComma = /^[ ]*,[ ]*$/.test(sep[0]);
    const next = SEP_Y.lastIndex;
    TOKEN_Y.lastIndex = next;
    const peek = TOKEN_Y.exec(s);
    if (!peek) {
      // a comma followed by prose ends the list; any other separator followed by prose is prose
      return isComma ? vals : null;
    }
    // "Month, 当前..." is fine; "ssd, which means" : a comma followed by an English word that is
    // itself followed by more words ends the list. A word that ends the sentence is a value.
    if (isComma) {
      const word = cleanToken(peek[1]!);
      const after = peek.index + peek[0].length - (peek[1]!.length - word.length);
      const rest = s.slice(after, after + 2);
      if (/^ [A-Za-z]/.test(rest) && !/^(and|or)$/i.test(word)) return vals;
    }
    pos = next;
  }
  return vals.length > 0 ? vals : null;
}

/** One list item: `value: meaning`, `value - meaning`, `value (meaning)`, `value（默认值）：…`, or a bare value. */
const ITEM_RE = new RegExp(`^["']?(-?[A-Za-z0-9_$][\\w.\\-/+@#*]{0,200})["']?[ ]{0,16}(?:\\([ ]{0,16}(${DEFAULT_MARK_GROUP})[ ]{0,16}\\))?[ ]{0,16}(?::[ ]{0,16}(.*)|\\s-\\s+(.*)|\\((.*)|[.,]?)$`, 'i');

export function parseItem(norm: string): RawVal | null {
  const s = norm.length > 2000 ? norm.slice(0, 2000) : norm;
  const m = ITEM_RE.exec(s.trim());
  if (!m) return null;
  let v = m[1]!;
  v = v.replace(/\.+$/, '');
  if (v.length === 0 || v.length > 80) return null;
  const meaning = (m[3] ?? m[4] ?? m[5] ?? '').trim();
  return { v, def: m[2] !== undefined, meaning };
}

export interface TypedValues {
  scalars: Scalar[];
  numbers: number[] | null;
  def: Scalar | undefined;
}

/** Type raw values by the value kind; null when they do not fit the type. */
export function typeValues(vals: RawVal[], vk: Kind): TypedValues | null {
  if (vals.length === 0) return null;
  const scalars: Scalar[] = [];
  let def: Scalar | undefined;
  const seen = new Set<string>();
  for (const rv of vals) {
    let v: Scalar;
    if (vk === 'boolean') {
      const low = rv.v.toLowerCase();
      if (low !== 'true' && low !== 'false') return null;
      v = low === 'true';
    } else if (vk === 'numeric') {
      const n = toNumber(rv.v);
      if (n === null) return null;
      v = n;
    } else if (vk === 'string' || vk === 'unknown') {
      v = rv.v;
    } else return null;
    const key = `${typeof v}:${String(v)}`;
    if (!seen.has(key)) {
      seen.add(key);
      scalars.push(v);
    }
    if (rv.def && def === undefined) def = v;
  }
  return { scalars, numbers: vk === 'numeric' ? (scalars as number[]) : null, def };
}
