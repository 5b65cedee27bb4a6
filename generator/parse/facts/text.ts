/**
 * The text the fact miners read: one description's lines normalised (full-width punctuation to
 * ASCII, one character for one so offsets stay valid), list items told from ordinary lines,
 * sentences, numbers.
 */
import type { SourceRef, TextLine } from '../../model/ir.ts';
import { LABELS } from './phrases.ts';

/** Longer lines are cut (a description line past this is scraped noise), as are lines past MAX_LINES. */
export const MAX_LINE = 4000;
export const MAX_LINES = 400;

/** Full-width punctuation → ASCII, one char for one char so offsets stay valid. */
const CHAR_MAP: Record<string, string> = {
  '：': ':',
  '，': ',',
  '。': '.',
  '（': '(',
  '）': ')',
  '；': ';',
  '～': '~',
  '【': '[',
  '】': ']',
  '［': '[',
  '］': ']',
  '｛': '{',
  '｝': '}',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '＂': '"',
  '　': ' ',
  '\u00a0': ' ',
  '\t': ' ',
  '｜': '|',
  '－': '-',
  '`': ' ',
  '\u2013': '-',
  '\u2014': '-',
  '！': '!',
  '？': '?',
};

const NORM_RE = /\*\*|[：，。（）；～【】［］｛｝“”‘’＂　\u00a0\t｜－`\u2013\u2014！？]/g;

export function normalize(s: string): string {
  return s.replace(NORM_RE, (m) => (m === '**' ? '  ' : (CHAR_MAP[m] ?? m)));
}

export interface Line {
  /** Content without indentation and bullet marker, as written. */
  raw: string;
  /** Same content, normalised (same length as raw). */
  norm: string;
  line: number;
  item: boolean;
  depth: number;
}

const BULLET = /^([-*•]|\d{1,2}[.)])\s+/;

/**
 * One Line per source line (empty lines dropped). A list item that is a labelled part of a
 * description (Huawei's `功能说明：…`, `取值范围：…`, `约束：…`, `默认值：…`) is read as an
 * ordinary line, its label removed where the label says nothing (`功能说明`, `约束`).
 */
export function prepare(lines: TextLine[]): Line[] {
  const out: Line[] = [];
  const n = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const tl = lines[i];
    if (!tl || typeof tl.text !== 'string') continue;
    let text = tl.text.length > MAX_LINE ? tl.text.slice(0, MAX_LINE) : tl.text;
    text = text.trimEnd();
    const indentMatch = /^[ \t\u3000]*/.exec(text);
    const indent = indentMatch ? indentMatch[0].length : 0;
    let content = text.slice(indent);
    if (content.length === 0) continue;
    const b = BULLET.exec(content);
    let item = false;
    // "1. foo" numbered lists stay ordinary lines (their numbers would read as values)
    if (b && !/^\d/.test(b[1]!)) {
      item = true;
      content = content.slice(b[0].length);
    }
    const label = LABELS.exec(normalize(content.slice(0, 12)));
    if (label) {
      item = false;
      if (label[1]) content = content.slice(label[0].length);
      if (content.trim().length === 0) continue;
    }
    out.push({ raw: content, norm: normalize(content), line: typeof tl.line === 'number' ? tl.line : 0, item, depth: Math.floor(indent / 2) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/** Is the char at i a sentence terminator ("." followed by space/end/non-ASCII, ";", "!", "?")? */
function isTerminator(s: string, i: number): boolean {
  const c = s[i];
  if (c === ';' || c === '!' || c === '?') return true;
  if (c === '.') {
    const next = s[i + 1];
    if (next === undefined) return true;
    if (/\s/.test(next)) return true;
    if (next.charCodeAt(0) > 0x7f) return true;
    // "cloud_efficiency.Note: …" (a lost line break): a lower-case word, a dot, a capitalised word
    return /[a-z)]/.test(s[i - 1] ?? '') && /^[A-Z][a-z]{2,}\b/.test(s.slice(i + 1, i + 12));
  }
  return false;
}

// Terminator offsets of the line being read (one-entry cache: the miner reads one line at a time).
let cachedLine: string | null = null;
let cachedTerms: number[] = [];

function terms(s: string): number[] {
  if (s === cachedLine) return cachedTerms;
  const t: number[] = [];
  for (let i = 0; i < s.length; i++) if (isTerminator(s, i)) t.push(i);
  cachedLine = s;
  cachedTerms = t;
  return t;
}

/** The index of the first element of the sorted `t` that is `x` or more (binary search). */
function lowerBound(t: number[], x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first terminator at or after `from`, or s.length. */
export function sentenceEnd(s: string, from: number): number {
  const t = terms(s);
  const i = lowerBound(t, from);
  return i < t.length ? t[i]! : s.length;
}

/** Offset just after the last terminator before `at`, or 0. */
export function sentenceStart(s: string, at: number): number {
  const t = terms(s);
  const i = lowerBound(t, at);
  return i > 0 ? t[i - 1]! + 1 : 0;
}

/** The sentence of `l` around offset `at`, as written, trimmed. */
export function sentenceAt(l: Line, at: number): string {
  const a = sentenceStart(l.norm, at);
  const e = sentenceEnd(l.norm, at);
  const t = l.raw.slice(a, Math.min(e + 1, l.raw.length)).trim();
  return t.length > 0 ? t : l.raw.trim();
}

/** Split a normalised line into sentences: [start, end) offsets. */
export function sentences(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const i of terms(s)) {
    out.push([start, i + 1]);
    start = i + 1;
  }
  if (start < s.length) out.push([start, s.length]);
  return out;
}

export function src(file: string, line: number): SourceRef {
  return { file, line };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const NUM_RE = /^-?\d+(?:\.\d+)?$/;
export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function toNumber(s: string): number | null {
  if (s.length > 40 || !NUM_RE.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const WORD_NUMS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const ZH_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "three", "三", "十五", "二十" → number. */
export function wordNumber(s: string): number | null {
  const d = toNumber(s);
  if (d !== null) return d;
  const w = WORD_NUMS[s.toLowerCase()];
  if (w !== undefined) return w;
  if (/^[零一二两三四五六七八九十]{1,3}$/.test(s)) {
    const i = s.indexOf('十');
    if (i < 0) return s.length === 1 ? (ZH_DIGITS[s] ?? null) : null;
    const tens = i === 0 ? 1 : (ZH_DIGITS[s.slice(0, i)] ?? NaN);
    const ones = i === s.length - 1 ? 0 : (ZH_DIGITS[s.slice(i + 1)] ?? NaN);
    const v = tens * 10 + ones;
    return Number.isFinite(v) ? v : null;
  }
  return null;
}

/**
 * `s` without the characters of `chars` at its end. A loop, not `/[…]+$/`: a regex anchored at
 * the end retries from every position of a run of those characters that is not at the end
 * (quadratic on a long run).
 */
export function trimEndOf(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1]!)) e--;
  return e === s.length ? s : s.slice(0, e);
}
