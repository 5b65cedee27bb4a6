/**
 * Allowed values.
 *
 * - A lead-in (phrases.ts LEAD_INS: "Valid values:", "valid values are:", "Optional values:",
 *   "取值：", "取值范围：", "可选值：", …) that ends its line opens a bullet list; every item at the
 *   list's depth must read `value: meaning`, `value：meaning`, `value - meaning`, `value (meaning)`,
 *   `value（默认值）：meaning` or be a bare `value`, else no enum. Deeper items are ignored.
 * - The same lead-in followed by text on the same line is read inline: first as numbers (a range,
 *   numbers besides it, see ./range.ts), then as values separated by `,` `、` `|` `and` `or` `和`
 *   `或` `及` `与`, each optionally followed by a parenthesised meaning or a default marker ("true
 *   (enables …) and false (…)", "wrr (default), wlc", "on | off（默认值）"). A token followed by
 *   anything else ("the ID of", "PrePaid时") rejects the whole statement; a comma followed by prose
 *   ends the list ("取值：Month，当前仅支持…"). A single inline value is a one-value enum. A range
 *   lead-in ("取值范围", "between", …) gives an inline list only of names, for a string parameter
 *   ("取值范围：json | xml", Huawei's "取值范围：ACTIVE、BUILD、DOWN"), never of numbers.
 * - "Set the value to X" / "Set this parameter to X" at the START of a sentence (so not "If …, set
 *   the value to false", not "we recommend that you set …") is a one-value enum [X].
 * - A bullet list with no lead-in is an enum only when it has ≥2 items, every item is
 *   `token: meaning`, no meaning starts with required/optional/必填/可选 (that is a field list), the
 *   line above does not announce a structure ("包含/包括/组成/格式/following information/format/…"),
 *   and the type is a scalar (or an array of scalars).
 * - Values are typed by the type (array: by the item type): boolean → true/false (any other value
 *   → no enum); string/unknown → strings; integer/number → numbers, and a closed set of numbers is
 *   reported as `range.values`, never as `enum`. Objects, maps and refs get no enum.
 * - Statements about `N` (Tag.N: "Valid values of N", "N的取值范围") and conditional ones ("Valid
 *   values when X is Y:", "If …, valid values are:") are skipped, except that for arrays the N
 *   range is the item count. A list under a skipped lead-in is not re-read as a lead-less list.
 */
import { conditional, type Mining } from './context.ts';
import { LEAD_RE, leadRow, SET_VALUE_RE, STRUCT_INTRO, FIELD_MEANING } from './phrases.ts';
import { rangeFrom } from './range.ts';
import { sentenceAt, sentenceEnd, sentenceStart, sentences, trimEndOf } from './text.ts';
import { parseItem, readInlineValues, typeValues, type RawVal } from './values.ts';

/** Whether a lead-in a statement can follow starts in `s` (a strict one only at a sentence's start, with its colon). */
function hasLeadIn(s: string): boolean {
  LEAD_RE.lastIndex = 0;
  let d: RegExpExecArray | null;
  for (let guard = 0; (d = LEAD_RE.exec(s)) !== null && guard < 50; guard++) {
    if (d[0].length === 0) LEAD_RE.lastIndex++;
    else if (!leadRow(d[0])?.strict || (d[3] === ':' && s.slice(sentenceStart(s, d.index), d.index).trim() === '')) return true;
  }
  return false;
}

/** The lead-ins of line i: lists, ranges and inline values. */
export function leadIns(m: Mining, i: number): void {
  const l = m.L[i]!;
  const s = l.norm;
  LEAD_RE.lastIndex = 0;
  let guard = 0;
  let d: RegExpExecArray | null;
  while ((d = LEAD_RE.exec(s)) !== null && guard++ < 50) {
    if (d[0].length === 0) {
      LEAD_RE.lastIndex++;
      continue;
    }
    const row = leadRow(d[0]);
    const start = d.index;
    const end = d.index + d[0].length;
    const ofWhat = d[1];
    const colon = d[3] === ':';
    if (d[2] !== undefined) continue; // "Valid values when X is Y:"
    const before = s.slice(sentenceStart(s, start), start);
    if (row?.strict && (!colon || before.trim().length > 0)) continue;
    // statements about N (Tag.N.Key: "N的取值范围", "Valid values of N")
    const aboutN = (ofWhat !== undefined && ofWhat.length > 0) || /(?:^|[^A-Za-z])N[ ]{0,16}(?:的)?[ ]{0,16}$/.test(s.slice(Math.max(0, start - 4), start));
    if (aboutN && m.kind !== 'array') continue;
    const sEnd = sentenceEnd(s, end);
    const rest = s.slice(end, sEnd);
    const restTrim = rest.trim();
    if (conditional(s.slice(Math.max(sentenceStart(s, start), start - 160), start))) continue;
    // list mode: the lead-in ends the line (with a colon, or an English "valid values are")
    if (restTrim.length === 0 && sEnd >= s.trimEnd().length && (colon || /(?:are|include)[ ]{0,16}$/i.test(d[0]))) {
      list(m, i, null);
      continue;
    }
    if (/^-\s/.test(restTrim)) {
      // "取值：-   wrr（默认值）：…" — a list that starts on the lead-in line
      list(m, i, restTrim.replace(/^-\s+/, ''));
      continue;
    }
    if (l.item) continue; // inline statements inside list items describe a case, not the parameter
    const text = sentenceAt(l, start);
    if (rangeFrom(m, rest, text, l.line, row?.andRange === true)) continue;
    // "Valid values of N" with no range: nothing more to read
    if (aboutN) continue;
    const vals = readInlineValues(s, end);
    // A range lead-in lists names only, for a string ("取值范围：json | xml").
    if (row?.range && (!(m.vk === 'string' || m.vk === 'unknown') || !vals || vals.some((v) => /^-?\d/.test(v.v)))) continue;
    if (vals) m.setEnum(vals, text, l.line);
  }
}

/** Read the bullet list that follows line i (items at `depth` or, if none, the next item depth). */
function list(m: Mining, i: number, firstInline: string | null): void {
  const L = m.L;
  const lead = L[i]!;
  const vals: RawVal[] = [];
  const where: Array<{ text: string; line: number }> = [];
  const texts: string[] = [lead.raw.trim()];
  if (firstInline !== null) {
    const rv = parseItem(firstInline);
    if (!rv) return;
    vals.push(rv);
    where.push({ text: lead.raw.trim(), line: lead.line });
  }
  let listDepth = -1;
  const used: number[] = [];
  for (let j = i + 1; j < L.length; j++) {
    const l = L[j]!;
    if (!l.item) break;
    if (lead.item && l.depth <= lead.depth) break;
    if (listDepth < 0) listDepth = l.depth;
    if (l.depth < listDepth) break;
    if (l.depth > listDepth) continue; // nested detail of an item
    const rv = parseItem(l.norm);
    if (!rv) return; // one item that is not a value: this is not a list of values
    vals.push(rv);
    where.push({ text: l.raw.trim(), line: l.line });
    texts.push(`- ${l.raw.trim()}`);
    used.push(j);
  }
  if (vals.length === 0) return;
  for (const j of used) m.consumed.add(j);
  m.setEnum(vals, texts.join('\n'), lead.line, (idx) => where[idx] ?? { text: lead.raw.trim(), line: lead.line });
}

/** A bullet list with no lead-in, starting at line i: an enum only if every item reads `token: meaning`. */
export function leadless(m: Mining, i: number): void {
  const L = m.L;
  const first = L[i]!;
  if (m.vk === 'other' || m.facts.enum) return;
  if (m.kind === 'numeric' && m.facts.range) return;
  // only at the start of a run of items: the nearest earlier line at this depth or shallower is not an item
  let k = i - 1;
  while (k >= 0 && L[k]!.item && L[k]!.depth > first.depth) k--;
  const prev = k >= 0 ? L[k] : undefined;
  if (prev && prev.item && prev.depth === first.depth) return;
  // a list under a lead-in belongs to the lead-in (which may have been skipped as conditional)
  const endsWithColon = prev !== undefined && prev.norm.trimEnd().endsWith(':');
  if (prev && endsWithColon && hasLeadIn(prev.norm)) return;
  if (prev && !prev.item && endsWithColon && STRUCT_INTRO.test(prev.norm)) return;
  const vals: RawVal[] = [];
  const where: Array<{ text: string; line: number }> = [];
  const texts: string[] = [];
  for (let j = i; j < L.length; j++) {
    const l = L[j]!;
    if (!l.item || l.depth < first.depth) break;
    if (l.depth > first.depth) continue;
    if (m.consumed.has(j)) return;
    const rv = parseItem(l.norm);
    if (!rv || rv.meaning.length === 0 || FIELD_MEANING.test(rv.meaning)) return;
    if (!/^[ ]{0,16}["']?[^\s"':]{1,200}["']?[ ]{0,16}(?:\([^)]{0,300}\))?[ ]{0,16}:/.test(l.norm)) return; // must be "value: meaning"
    vals.push(rv);
    where.push({ text: l.raw.trim(), line: l.line });
    texts.push(`- ${l.raw.trim()}`);
  }
  if (vals.length < 2) return;
  m.setEnum(vals, texts.join('\n'), first.line, (idx) => where[idx] ?? { text: first.raw.trim(), line: first.line });
}

/** "Set the value to X": a one-value enum. */
export function setValue(m: Mining, l: { norm: string; raw: string; line: number }): void {
  if (m.facts.enum || m.vk === 'other' || m.vk === 'numeric' || m.vk === 'boolean') return;
  for (const [a, b] of sentences(l.norm)) {
    const sent = l.norm.slice(a, b);
    const d = SET_VALUE_RE.exec(sent);
    if (!d) continue;
    const tok = trimEndOf(d[1]!, '.:');
    const after = sent.slice(d.index + d[0].length);
    if (tok.length === 0 || (after.length > 0 && !/^[\s,;.]/.test(after))) continue;
    const typed = typeValues([{ v: tok, def: false, meaning: '' }], m.vk);
    if (!typed) continue;
    m.facts.enum = m.fact(typed.scalars, l.raw.slice(a, b).trim(), l.line);
    return;
  }
}
