/**
 * Mine facts (enum, default, numeric range, string length, array item count, deprecation) from
 * one parameter's cleaned description. Works for English and Chinese Alibaba Cloud API reference
 * pages alike; nothing here knows about any particular operation or parameter.
 *
 * Input: one TextLine per source line; list items appear as `- item`, nested items indented by two
 * spaces per level; markdown (backticks, escapes) already removed. Bold markers (`**`) that survive
 * are ignored.
 *
 * Rules in brief (each fact kind keeps the FIRST clear statement; a later statement may only fill a
 * missing bound of a range/length/items that was stated one bound at a time):
 *
 * - enum
 *   - A lead-in ("Valid values:", "Valid value:", "valid values are:", "the following values are
 *     valid:", "取值：", "取值范围：", "可选值：", "可选值为：", "有效值：", "枚举值：", ASCII or
 *     full-width colon) that ends its line opens a bullet list; every item at the list's depth must
 *     read `value: meaning`, `value：meaning`, `value - meaning`, `value (meaning)` or be a bare
 *     `value`, else no enum. Deeper items are ignored.
 *   - The same lead-in followed by text on the same line is read inline: tokens separated by
 *     `,` `、` `|` `and` `or` `和` `或` `及` `与`, each optionally followed by a parenthesised meaning
 *     ("true (enables …) and false (…)"). A token followed by anything else ("the ID of", "PrePaid时")
 *     rejects the whole statement; a comma followed by prose simply ends the list ("取值：Month，当前仅支持…").
 *     A single inline value is a one-value enum: the page says it is the only value.
 *   - "Set the value to X" / "Set this parameter to X" at the START of a sentence (so not "If …, set
 *     the value to false", not "we recommend that you set …") is a one-value enum [X].
 *   - A bullet list with no lead-in is an enum only when it has ≥2 items, every item is
 *     `token: meaning`, no meaning starts with required/optional/必填/可选 (that is a field list), the
 *     line above does not announce a structure ("包含/包括/组成/格式/following information/format/…"),
 *     and the type is a scalar (or an array of scalars).
 *   - Values are typed by the type (array: by the item type): boolean → true/false (any other value
 *     → no enum); string/unknown → strings; integer/number → numbers, and a closed set of numbers is
 *     reported as `range.values`, never as `enum`. Objects, maps and refs get no enum.
 *   - A "(默认值)" / "(默认)" / "(default)" marker after a value also gives the default.
 * - default: "Default value: X", "Default value is X", "The default value is X", "defaults to X",
 *   "默认值：X", "默认值为X", "默认值是X", "默认为X", "默认：X". X is read up to the end of its sentence.
 *   boolean → only true/false; integer/number → only a number (an optional unit such as 秒/GiB/seconds
 *   may follow); string/unknown → only a single whitespace-free ASCII token (quotes and trailing
 *   `.`/`。` stripped), never null/empty/空/无; for strings only, if X is prose but equals the meaning
 *   of a value of the enum found earlier ("默认值：按量付费" with "- PostPaid：按量付费。"), that value
 *   is the default.
 *   Arrays, objects, maps and refs get no default. List items are not searched for
 *   "Default value:" (an item "- Default: …" names a value), only for "(default)" markers.
 * - range (integer/number only): after a range lead-in ("Valid values", "取值范围", "取值", "范围是/为",
 *   "可选值", "Value range", "ranges from", "between"): `A to B`, `A~B`, `A-B`, `A到B`, `A至B`,
 *   `[A,B]`, `(A,B)`, `{a, b, c}` (→ values) or an inline list of numbers (→ values). "Maximum
 *   value: N" / "最大值：N" → max, "Minimum value: N" / "最小值：N" / "起始值：N" → min.
 *   Statements about `N` (Tag.N: "Valid values of N", "N的取值范围") and conditional ones ("Valid values
 *   when X is Y:") are skipped — except that for arrays the N range is the item count.
 * - length (string/unknown only): "A to B characters", "A~B个字符", "长度为A~B个英文或中文字符",
 *   "长度为[A, B]个字符", "up to / at most / cannot exceed / maximum of N characters", "最长为N个字符",
 *   "不能超过N个字符", "最多支持N个字符", "at least N characters", "至少N个字符". Sentences about "each
 *   part" / "每个部分" (a part of the value, e.g. domain labels) are skipped.
 * - items (arrays only): range statements (as above, values dropped), "A to B <things>" with digits or
 *   spelled-out numbers ("one to three vSwitches"), "up to N", "a maximum of N", "at least N"
 *   (not "at least three of"), "最多(支持/设置/指定/…)N个", "至少(要)(指定/…)一个" — never about characters.
 * - deprecated: a line that starts with "Deprecated"/"Obsolete"/"(Deprecated)", "this parameter is
 *   deprecated/obsolete/discontinued", "this parameter will be removed", "(deprecated)", "已废弃",
 *   "已弃用", "过期参数", "该参数即将被弃用", "参数已废弃/下线/停用". List items are not searched (their text
 *   describes values: "- Deprecated: the image is discontinued").
 * - Conditional statements are skipped for enum, range and default: the lead-in's own clause or the
 *   clause just before it says "if/when/unless/当/如果/若/…时" ("If the VPC …, valid values are:",
 *   "当PeriodUnit=Month时，取值范围：…", "For instances of retired types, the default value is none"),
 *   unless that clause only says when the parameter applies ("…时才生效，可选值为：", "takes effect").
 *   A list under a skipped lead-in is not re-read as a lead-less list.
 * - Inline facts (default, range, length, items, one-value enum) are read from ordinary lines only,
 *   not from list items (those usually describe one value or a condition); list lead-ins are found on
 *   any line.
 *
 * Never throws: on an unexpected error the facts mined so far are returned. Regexes are linear (no
 * nested quantifiers over overlapping classes) and lines are capped in length.
 */
import type { Facts, Fact, LengthRange, Lang, NumericRange, Scalar, SourceRef, TextLine, TypeRef } from '../model/ir.ts';

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

const MAX_LINE = 4000;
const MAX_LINES = 400;

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

function normalize(s: string): string {
  return s.replace(NORM_RE, (m) => (m === '**' ? '  ' : (CHAR_MAP[m] ?? m)));
}

interface Line {
  /** Content without indentation and bullet marker, as written. */
  raw: string;
  /** Same content, normalised (same length as raw). */
  norm: string;
  line: number;
  item: boolean;
  depth: number;
}

const BULLET = /^([-*•]|\d{1,2}[.)])\s+/;

function prepare(lines: TextLine[]): Line[] {
  const out: Line[] = [];
  const n = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const tl = lines[i];
    if (!tl || typeof tl.text !== 'string') continue;
    let text = tl.text.length > MAX_LINE ? tl.text.slice(0, MAX_LINE) : tl.text;
    text = text.replace(/\s+$/, '');
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
    out.push({ raw: content, norm: normalize(content), line: typeof tl.line === 'number' ? tl.line : 0, item, depth: Math.floor(indent / 2) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

type Kind = 'boolean' | 'numeric' | 'string' | 'unknown' | 'array' | 'other';

function kindOf(t: TypeRef | undefined | null): Kind {
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
function valueKind(t: TypeRef): Kind {
  if (t?.kind === 'array') {
    const k = kindOf(t.items);
    return k === 'array' || k === 'other' ? 'other' : k;
  }
  return kindOf(t);
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const NUM_RE = /^-?\d+(?:\.\d+)?$/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function toNumber(s: string): number | null {
  if (!NUM_RE.test(s)) return null;
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
function wordNumber(s: string): number | null {
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

/** Index of the first terminator at or after `from` (binary search), or s.length. */
function sentenceEnd(s: string, from: number): number {
  const t = terms(s);
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < t.length ? t[lo]! : s.length;
}

/** Offset just after the last terminator before `at`, or 0. */
function sentenceStart(s: string, at: number): number {
  const t = terms(s);
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? t[lo - 1]! + 1 : 0;
}

/** The sentence of `l` around offset `at`, as written, trimmed. */
function sentenceAt(l: Line, at: number): string {
  const a = sentenceStart(l.norm, at);
  const e = sentenceEnd(l.norm, at);
  const t = l.raw.slice(a, Math.min(e + 1, l.raw.length)).trim();
  return t.length > 0 ? t : l.raw.trim();
}

/** Split a normalised line into sentences: [start, end) offsets. */
function sentences(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const i of terms(s)) {
    out.push([start, i + 1]);
    start = i + 1;
  }
  if (start < s.length) out.push([start, s.length]);
  return out;
}

function src(file: string, line: number): SourceRef {
  return { file, line };
}

// ---------------------------------------------------------------------------------------------
// Value tokens and lists
// ---------------------------------------------------------------------------------------------

interface RawVal {
  v: string;
  def: boolean;
  meaning: string;
}

const DEFAULT_MARK = /^\s*(?:默认值?|default(?: value)?|默认选项)\s*$/i;
/** A value token: starts with a letter/digit/_/$ (or a minus sign before a digit). */
const TOKEN_Y = /\s*["']?(-?[A-Za-z0-9_$][\w.\-/+@#*]*)/y;
const PAREN_Y = /\s*\(([^()]{0,300})\)/y;
const QUOTE_Y = /["']/y;
const SEP_Y = /\s*(?:,\s*(?:and|or)\s+|,|、|\||\s+and\s+|\s+or\s+|和|或|及|与)\s*/y;
const END_Y = /\s*(?:[.;!?]|$)/y;

function cleanToken(t: string): string {
  // trailing dots/colons belong to the sentence, not the value
  return t.replace(/[.:]+$/, '');
}

/**
 * Read an inline list of values from `s` starting at `pos`. Returns null for prose.
 * See the module comment for the rule.
 */
function readInlineValues(s: string, pos0: number): RawVal[] | null {
  const vals: RawVal[] = [];
  let pos = pos0;
  for (let guard = 0; guard < 200; guard++) {
    TOKEN_Y.lastIndex = pos;
    const m = TOKEN_Y.exec(s);
    if (!m) return null;
    let tok = m[1]!;
    let tokEnd = m.index + m[0].length;
    const cleaned = cleanToken(tok);
    tokEnd -= tok.length - cleaned.length;
    tok = cleaned;
    if (tok.length === 0 || tok.length > 80) return null;
    pos = tokEnd;
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
    const isComma = /^\s*,\s*$/.test(sep[0]);
    const next = SEP_Y.lastIndex;
    TOKEN_Y.lastIndex = next;
    const peek = TOKEN_Y.exec(s);
    if (!peek) {
      // a comma followed by prose ends the list; any other separator followed by prose is prose
      return isComma ? vals : null;
    }
    // "Month, 当前..." is fine; "ssd, which means" : a comma followed by an English word that is
    // itself followed by more words ends the list.
    if (isComma) {
      const after = peek.index + peek[0].length;
      const rest = s.slice(after, after + 2);
      if (/^ [A-Za-z]/.test(rest) && !/^(and|or)$/i.test(peek[1]!)) return vals;
    }
    pos = next;
  }
  return vals.length > 0 ? vals : null;
}

/** One list item: `value: meaning`, `value - meaning`, `value (meaning)`, or a bare value. */
const ITEM_RE =
  /^["']?(-?[A-Za-z0-9_$][\w.\-/+@#*]*)["']?\s*(?:\(\s*(默认值?|默认选项|default(?: value)?)\s*\))?\s*(?::\s*(.*)|\s-\s+(.*)|\((.*)|[.,]?)$/i;

function parseItem(norm: string): RawVal | null {
  const s = norm.length > 2000 ? norm.slice(0, 2000) : norm;
  const m = ITEM_RE.exec(s.trim());
  if (!m) return null;
  let v = m[1]!;
  v = v.replace(/\.+$/, '');
  if (v.length === 0 || v.length > 80) return null;
  const meaning = (m[3] ?? m[4] ?? m[5] ?? '').trim();
  return { v, def: m[2] !== undefined, meaning };
}

interface TypedValues {
  scalars: Scalar[];
  numbers: number[] | null;
  def: Scalar | undefined;
}

/** Type raw values by the value kind; null when they do not fit the type. */
function typeValues(vals: RawVal[], vk: Kind): TypedValues | null {
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

// ---------------------------------------------------------------------------------------------
// Regexes for the inline facts
// ---------------------------------------------------------------------------------------------

/**
 * Lead-ins of allowed values / ranges. Group 1: "of X" (Valid values of N), group 2: "when …".
 * All alternatives start with a literal word, so scanning is linear.
 */
const LEAD_RE =
  /(?:\bvalid values?(?: of (?:this|the) parameter)?(?: of (N)\b)?( (?:when|if) [^:.]{1,120})?(?: (?:are|is|include|includes))?|\bpossible values?(?: (?:are|is|include))?|\ballowed values?(?: (?:are|is|include))?|\bsupported values?(?: (?:are|is|include))?|\bthe following values are (?:valid|supported|available|allowed)|\bvalue range(?: is)?|\branges? from|\bbetween|取值范围(?:为|是)?|取值(?:为|是|可以是|可为)?|可选值(?:为|是|有|包括)?|可选范围(?:为|是)?|范围(?:为|是|:)|有效值(?:为|是)?|枚举值(?:为|是|包括)?)\s*(:?)/gi;

const NUMP = '(-?\\d+(?:\\.\\d+)?)';
const RANGE_TO = new RegExp(`^\\s*(?:from\\s+)?${NUMP}\\s*(?:to|~|-|到|至|and)\\s*${NUMP}(?!\\s*(?:\\.\\d|,\\s*\\d))`, 'i');
const RANGE_BR = new RegExp(`^\\s*[\\[(]\\s*${NUMP}\\s*,\\s*${NUMP}\\s*[\\])]`);
const RANGE_SET = /^\s*\{([^{}]{0,600})\}/;
const UNIT_CHARS = /^\s*(?:个)?(?:[\u4e00-\u9fff]{0,6})?(?:字符|字节)|^\s*(?:characters?|bytes?)\b/i;

const DEFAULT_RE =
  /(?:\bdefault value(?:s)?(?: is|:| =)|\bthe default is|\bdefaults? to\b|\bdefault:|默认(?:取)?值(?:为|是)?\s*[:=]|默认(?:取)?值(?:为|是)|默认为\s*:?|默认:)\s*/gi;
const DEFAULT_SKIP = /^(?:null|nil|empty|none\s+is\s+set|n\/a|空|无|不填|空字符串|""|'')$/i;
const NUM_UNIT = /^(-?\d+(?:\.\d+)?)\s*(?:秒|毫秒|分钟|小时|天|个|次|GiB|GB|MiB|MB|KB|TiB|TB|Mbps|Kbps|ms|s|%|seconds?|minutes?|hours?|days?|milliseconds?)?$/i;

const SET_VALUE_RE = /^\s*(?:set|specify) (?:the value|the value of this parameter|this parameter|the parameter|it|this value) (?:to|as)\s+["']?(-?[A-Za-z0-9_$][\w.\-/+@#*]*)["']?/i;

const MAX_RE = /(?:\bmaximum value(?: is|:)|最大值(?:为|是|:))\s*(-?\d+(?:\.\d+)?)/i;
const MIN_RE = /(?:\bminimum value(?: is|:)|最小值(?:为|是|:)|起始值(?:为|是|:))\s*(-?\d+(?:\.\d+)?)/i;

// length (strings)
const LEN_EACH = /\beach (?:part|label|segment|component|element|item)\b|每(?:个|一)?(?:部分|段|项|个元素|个标签)/i;
const LEN_RANGE_EN = /\b(\d+) to (\d+) (?:characters|chars)\b/i;
const LEN_BETWEEN_EN = /\bbetween (\d+) and (\d+) characters\b/i;
const LEN_MAX_EN = /\b(?:up to|at most|no more than|a maximum of|maximum of|cannot exceed|can't exceed|must not exceed|does not exceed|not exceed|not be longer than|maximum length is|maximum length of)\s+(\d+)\s+(?:characters|chars)\b/i;
const LEN_MIN_EN = /\b(?:at least|a minimum of|no less than|minimum length is)\s+(\d+)\s+(?:characters|chars)\b/i;
const LEN_RANGE_ZH = /(?:长度)?(?:范围)?(?:为|是|在)?\s*\[?\s*(\d+)\s*(?:~|-|到|至|,)\s*(\d+)\s*\]?\s*个?[\u4e00-\u9fff]{0,8}?字符/;
const LEN_MAX_ZH = /(?:最长|最多|不超过|不能超过|不得超过|不可超过|不大于|最大长度|长度上限)(?:为|是|支持|可以|可为|可)?\s*(\d+)\s*个?[\u4e00-\u9fff]{0,6}?字符/;
const LEN_MIN_ZH = /(?:至少|最少|最短|不少于|长度下限)(?:为|是|包含)?\s*(\d+)\s*个?[\u4e00-\u9fff]{0,6}?字符/;

// items (arrays)
const NUMW = '(\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)';
const ZHNUM = '(\\d+|[一二两三四五六七八九十]{1,3})';
const ITEMS_TO_EN = new RegExp(`\\b${NUMW}\\s+to\\s+${NUMW}\\b(?!\\s*(?:characters|chars|bytes|digits|[A-Za-z]*\\s*characters))`, 'i');
const ITEMS_MAX_EN = new RegExp(`\\b(?:up to|at most|a maximum of|no more than|maximum of)\\s+${NUMW}\\b(?!\\s*(?:characters|chars|bytes|bits|digits|%|MB|GB|GiB|Mbit/s|Mbps|days?|hours?|minutes?|seconds?|years?|months?|weeks?|times))`, 'i');
const ITEMS_MIN_EN = new RegExp(`\\bat least\\s+${NUMW}\\b(?!\\s*(?:of\\b|characters|chars|bytes|digits|%|MB|GB|GiB|days?|hours?|minutes?|seconds?|years?|months?))`, 'i');
const ITEMS_MAX_ZH = new RegExp(`最多(?:可以|可|能|只能)?(?:支持|设置|指定|添加|传入|输入|选择|包含|填写|操作|查询|配置|绑定|关联)?\\s*${ZHNUM}\\s*个(?![\\u4e00-\\u9fff]{0,6}字符)`);
const ITEMS_MIN_ZH = new RegExp(`(?:至少|最少)(?:要|需要|需)?(?:指定|设置|传入|选择|包含|填写|添加|加入|配置)?\\s*${ZHNUM}\\s*个(?![\\u4e00-\\u9fff]{0,6}字符)`);
const ITEMS_RANGE_ZH = new RegExp(`${ZHNUM}\\s*(?:~|-|到|至)\\s*${ZHNUM}\\s*个(?![\\u4e00-\\u9fff]{0,6}字符)`);

// deprecated
const DEP_START = /^\(?(?:deprecated|obsolete|已废弃|废弃|已弃用|已过期)\)?(?:[.:;,!]|\s|$)/i;
const DEP_ANY =
  /\b(?:this|the) (?:parameter|field|property|value|request parameter)(?: is| has been| was| is now)? (?:deprecated|obsolete|discontinued)\b|\bthis parameter will be (?:removed|deprecated|discontinued)\b|\((?:deprecated|obsolete)\)|过期参数|参数已过期|(?:该|此|本)?参数(?:已经?|即将被?|将被?)(?:废弃|弃用|下线|停用)|已废弃|已弃用/i;

// lead-less lists: a line above announcing a structure, and meanings that describe fields
const STRUCT_INTRO = /包含|包括|组成|构成|结构|格式|如下信息|以下信息|following (?:information|parts|fields|parameters|format|elements|keys)|consists? of|contains?|includes?|in the following format|format/i;
const FIELD_MEANING = /^(?:必填|必选|可选|选填|非必填|非必选|required\b|optional\b|this parameter is (?:required|optional))/i;

/** A clause that makes a statement conditional ("If X, valid values are", "当X时，取值范围"). */
const COND = /\b(?:if|when|unless|for instances)\b|当|如果|若|(?<![同小超])时(?![间长区刻])/i;
/** …unless the clause only says when the parameter applies ("当X取值为PrePaid时才生效，可选值为："). */
const APPLIES = /生效|有效|effect|required|必选|必填|必须指定|才能|only if|只有/i;

function conditional(prefix: string): boolean {
  // the lead-in's own clause and the clause just before it
  const clauses = prefix.split(',').slice(-2);
  for (const clause of clauses) if (COND.test(clause) && !APPLIES.test(clause)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// The miner
// ---------------------------------------------------------------------------------------------

class Miner {
  facts: Facts = {};
  /** meanings of the enum values, for mapping prose defaults onto values */
  private meanings: Array<{ value: Scalar; meaning: string }> = [];
  private consumed = new Set<number>();
  private readonly kind: Kind;
  private readonly vk: Kind;

  constructor(
    private readonly L: Line[],
    private readonly file: string,
    type: TypeRef,
  ) {
    this.kind = kindOf(type);
    this.vk = valueKind(type);
  }

  run(): void {
    const L = this.L;
    for (let i = 0; i < L.length; i++) {
      const l = L[i]!;
      this.deprecated(l);
      this.leadIns(i);
      if (!l.item) {
        this.defaults(l);
        this.setValue(l);
        this.minMax(l);
        this.length(l);
        this.itemsCount(l);
      } else {
        if (!this.consumed.has(i)) this.leadless(i);
      }
    }
  }

  private fact<T>(value: T, text: string, line: number): Fact<T> {
    return { value, text, source: src(this.file, line) };
  }

  // -- deprecated ------------------------------------------------------------------------------

  private deprecated(l: Line): void {
    if (this.facts.deprecated || l.item) return;
    if (DEP_START.test(l.norm)) {
      this.facts.deprecated = this.fact(true as const, sentenceAt(l, 0), l.line);
      return;
    }
    const m = DEP_ANY.exec(l.norm);
    if (m) this.facts.deprecated = this.fact(true as const, sentenceAt(l, m.index), l.line);
  }

  // -- enums and ranges after a lead-in ----------------------------------------------------------

  private leadIns(i: number): void {
    const l = this.L[i]!;
    const s = l.norm;
    LEAD_RE.lastIndex = 0;
    let guard = 0;
    let m: RegExpExecArray | null;
    while ((m = LEAD_RE.exec(s)) !== null && guard++ < 50) {
      if (m[0].length === 0) {
        LEAD_RE.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = m.index + m[0].length;
      const ofWhat = m[1];
      const whenClause = m[2] !== undefined;
      const colon = m[3] === ':';
      if (whenClause) continue;
      // statements about N (Tag.N.Key: "N的取值范围", "Valid values of N")
      const aboutN = (ofWhat !== undefined && ofWhat.length > 0) || /(?:^|[^A-Za-z])N\s*(?:的)?\s*$/.test(s.slice(Math.max(0, start - 4), start));
      if (aboutN && this.kind !== 'array') continue;
      const sEnd = sentenceEnd(s, end);
      const rest = s.slice(end, sEnd);
      const restTrim = rest.trim();
      if (conditional(s.slice(Math.max(sentenceStart(s, start), start - 160), start))) continue;
      // list mode: the lead-in ends the line (with a colon, or an English "valid values are")
      if (restTrim.length === 0 && sEnd >= s.trimEnd().length && (colon || /are\s*$|include\s*$/i.test(m[0]))) {
        this.list(i, null);
        continue;
      }
      if (/^-\s/.test(restTrim)) {
        // "取值：-   wrr（默认值）：…" — a list that starts on the lead-in line
        this.list(i, restTrim.replace(/^-\s+/, ''));
        continue;
      }
      if (l.item) continue; // inline statements inside list items describe a case, not the parameter
      const text = sentenceAt(l, start);
      if (this.rangeFrom(rest, text, l.line)) continue;
      // "Valid values of N" with no range: nothing more to read
      if (aboutN) continue;
      // range lead-ins ("取值范围", "范围是", "value range", "ranges from", "between") never give an inline enum
      if (/范围|range|between/i.test(m[0])) continue;
      const vals = readInlineValues(s, end);
      if (vals) this.setEnum(vals, text, l.line);
    }
  }

  /** A numeric range statement after a lead-in. Returns true when the text is a range (even if unused). */
  private rangeFrom(rest: string, text: string, line: number): boolean {
    let min: number | undefined;
    let max: number | undefined;
    let values: number[] | undefined;
    let m = RANGE_BR.exec(rest);
    if (!m) m = RANGE_TO.exec(rest);
    if (m) {
      if (UNIT_CHARS.test(rest.slice(m.index + m[0].length))) return true; // a length, read elsewhere
      min = Number(m[1]);
      max = Number(m[2]);
      if (!Number.isFinite(min) || !Number.isFinite(max)) return true;
    } else {
      const set = RANGE_SET.exec(rest);
      if (!set) return false;
      const parts = set[1]!.split(/[,、]/).map((p) => p.trim().replace(/^["']|["']$/g, ''));
      const nums: number[] = [];
      for (const p of parts) {
        const n = toNumber(p);
        if (n === null) return false;
        nums.push(n);
      }
      if (nums.length === 0) return false;
      values = nums;
    }
    if (this.kind === 'numeric') {
      const r: NumericRange = values ? { values } : { min, max };
      this.setRange(r, text, line);
    } else if (this.kind === 'array' && !values) {
      this.setItems({ min, max }, text, line);
    }
    return true;
  }

  private setRange(r: NumericRange, text: string, line: number): void {
    const cur = this.facts.range;
    if (!cur) {
      this.facts.range = this.fact(r, text, line);
      return;
    }
    const v = cur.value;
    if (v.values || (v.min !== undefined && v.max !== undefined)) return;
    if (r.values) return;
    let changed = false;
    if (v.min === undefined && r.min !== undefined) {
      v.min = r.min;
      changed = true;
    }
    if (v.max === undefined && r.max !== undefined) {
      v.max = r.max;
      changed = true;
    }
    if (changed && !cur.text.includes(text)) cur.text = `${cur.text} ${text}`;
  }

  private setBounds(key: 'length' | 'items', r: LengthRange, text: string, line: number): void {
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
    let changed = false;
    if (v.min === undefined && clean.min !== undefined) {
      v.min = clean.min;
      changed = true;
    }
    if (v.max === undefined && clean.max !== undefined) {
      v.max = clean.max;
      changed = true;
    }
    if (changed && !cur.text.includes(text)) cur.text = `${cur.text} ${text}`;
  }

  private setItems(r: LengthRange, text: string, line: number): void {
    this.setBounds('items', r, text, line);
  }

  /** Record an enum (or, for numeric types, a closed set of numbers). */
  private setEnum(vals: RawVal[], text: string, line: number, defLine?: (idx: number) => { text: string; line: number }): boolean {
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

  /** Read the bullet list that follows line i (items at `depth` or, if none, the next item depth). */
  private list(i: number, firstInline: string | null): void {
    const L = this.L;
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
    for (const j of used) this.consumed.add(j);
    this.setEnum(vals, texts.join('\n'), lead.line, (idx) => where[idx] ?? { text: lead.raw.trim(), line: lead.line });
  }

  /** A bullet list with no lead-in: an enum only if every item reads `token: meaning`. */
  private leadless(i: number): void {
    const L = this.L;
    const first = L[i]!;
    if (this.vk === 'other' || this.facts.enum) return;
    if (this.kind === 'numeric' && this.facts.range) return;
    // only at the start of a run of items: the nearest earlier line at this depth or shallower is not an item
    let k = i - 1;
    while (k >= 0 && L[k]!.item && L[k]!.depth > first.depth) k--;
    const prev = k >= 0 ? L[k] : undefined;
    if (prev && prev.item && prev.depth === first.depth) return;
    // a list under a lead-in belongs to the lead-in (which may have been skipped as conditional)
    if (prev && /:\s*$/.test(prev.norm)) {
      LEAD_RE.lastIndex = 0;
      if (LEAD_RE.test(prev.norm)) return;
    }
    if (prev && !prev.item && /[:]\s*$/.test(prev.norm) && STRUCT_INTRO.test(prev.norm)) return;
    const vals: RawVal[] = [];
    const where: Array<{ text: string; line: number }> = [];
    const texts: string[] = [];
    for (let j = i; j < L.length; j++) {
      const l = L[j]!;
      if (!l.item || l.depth < first.depth) break;
      if (l.depth > first.depth) continue;
      if (this.consumed.has(j)) return;
      const rv = parseItem(l.norm);
      if (!rv || rv.meaning.length === 0 || FIELD_MEANING.test(rv.meaning)) return;
      if (!/^\s*["']?[^\s"':]+["']?\s*(?:\([^)]*\))?\s*:/.test(l.norm)) return; // must be "value: meaning"
      vals.push(rv);
      where.push({ text: l.raw.trim(), line: l.line });
      texts.push(`- ${l.raw.trim()}`);
    }
    if (vals.length < 2) return;
    this.setEnum(vals, texts.join('\n'), first.line, (idx) => where[idx] ?? { text: first.raw.trim(), line: first.line });
  }

  // -- default ---------------------------------------------------------------------------------

  private defaults(l: Line): void {
    if (this.facts.default) return;
    if (this.kind === 'array' || this.kind === 'other') return;
    const s = l.norm;
    DEFAULT_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = DEFAULT_RE.exec(s)) !== null && guard++ < 20) {
      const end = m.index + m[0].length;
      if (conditional(s.slice(Math.max(sentenceStart(s, m.index), m.index - 160), m.index))) continue;
      const sEnd = sentenceEnd(s, end);
      let raw = s.slice(end, sEnd).trim();
      // "X, which …" / "X (…)": the value is before the comma or parenthesis
      const cut = raw.search(/\s*[,(]/);
      const head = cut > 0 ? raw.slice(0, cut).trim() : raw;
      raw = raw.replace(/[.:]+$/, '').trim();
      const v = this.typeDefault(head.replace(/[.:]+$/, ''), raw);
      if (v === undefined) continue;
      this.facts.default = this.fact(v, sentenceAt(l, m.index), l.line);
      return;
    }
  }

  private typeDefault(head: string, whole: string): Scalar | undefined {
    const strip = (x: string): string => x.replace(/^["']+|["']+$/g, '').trim();
    const h = strip(head);
    if (h.length === 0) return undefined;
    if (this.kind === 'boolean') {
      const low = h.toLowerCase();
      if (low === 'true') return true;
      if (low === 'false') return false;
      return undefined;
    }
    if (this.kind === 'numeric') {
      const nm = NUM_UNIT.exec(h);
      if (nm) {
        const n = toNumber(nm[1]!);
        if (n !== null) return n;
      }
      return undefined;
    }
    // string / unknown
    if (DEFAULT_SKIP.test(h)) return undefined;
    if (/^[^\s]+$/.test(h) && !CJK.test(h) && h.length <= 120) {
      // a value joined to prose with a comma belongs to the token (rare); keep the token only
      return h;
    }
    return this.fromMeaning(whole);
  }

  /** A prose default that equals the meaning of an enum value ("默认值：按量付费" → PostPaid). */
  private fromMeaning(text: string): Scalar | undefined {
    const key = text.replace(/[.,;:!?\s]+$/g, '').trim().toLowerCase();
    if (key.length === 0) return undefined;
    for (const { value, meaning } of this.meanings) {
      const mm = normalize(meaning).replace(/[.,;:!?\s]+$/g, '').trim().toLowerCase();
      if (mm === key || (mm.startsWith(key) && /^[.,;:(]/.test(mm.slice(key.length)))) return value;
    }
    return undefined;
  }

  // -- one-value enum: "Set the value to X" ---------------------------------------------------------

  private setValue(l: Line): void {
    if (this.facts.enum || this.vk === 'other' || this.vk === 'numeric' || this.vk === 'boolean') return;
    for (const [a, b] of sentences(l.norm)) {
      const sent = l.norm.slice(a, b);
      const m = SET_VALUE_RE.exec(sent);
      if (!m) continue;
      const tok = m[1]!.replace(/[.:]+$/, '');
      const after = sent.slice(m.index + m[0].length);
      if (tok.length === 0 || (after.length > 0 && !/^[\s,;.]/.test(after))) continue;
      const typed = typeValues([{ v: tok, def: false, meaning: '' }], this.vk);
      if (!typed) continue;
      this.facts.enum = this.fact(typed.scalars, l.raw.slice(a, b).trim(), l.line);
      return;
    }
  }

  // -- explicit min/max -------------------------------------------------------------------------

  private minMax(l: Line): void {
    if (this.kind !== 'numeric') return;
    const mx = MAX_RE.exec(l.norm);
    if (mx) this.setRange({ max: Number(mx[1]) }, sentenceAt(l, mx.index), l.line);
    const mn = MIN_RE.exec(l.norm);
    if (mn) this.setRange({ min: Number(mn[1]) }, sentenceAt(l, mn.index), l.line);
  }

  // -- string length ----------------------------------------------------------------------------

  private length(l: Line): void {
    if (this.kind !== 'string' && this.kind !== 'unknown') return;
    const cur = this.facts.length?.value;
    if (cur && cur.min !== undefined && cur.max !== undefined) return;
    for (const [a, b] of sentences(l.norm)) {
      const sent = l.norm.slice(a, b);
      if (!/characters|chars|字符/i.test(sent)) continue;
      if (LEN_EACH.test(sent)) continue;
      const text = l.raw.slice(a, b).trim();
      let m = LEN_RANGE_EN.exec(sent) ?? LEN_BETWEEN_EN.exec(sent);
      if (!m) {
        const z = LEN_RANGE_ZH.exec(sent);
        // a bare "A~B个字符" needs no 长度 prefix; "取值范围：1~20。…最多支持64个字符" is not a length range
        if (z) m = z;
      }
      if (m) {
        const min = Number(m[1]);
        const max = Number(m[2]);
        if (Number.isFinite(min) && Number.isFinite(max) && min <= max) this.setBounds('length', { min, max }, text, l.line);
        continue;
      }
      const mx = LEN_MAX_EN.exec(sent) ?? LEN_MAX_ZH.exec(sent);
      const mn = LEN_MIN_EN.exec(sent) ?? LEN_MIN_ZH.exec(sent);
      if (mx || mn) {
        const r: LengthRange = {};
        if (mn) r.min = Number(mn[1]);
        if (mx) r.max = Number(mx[1]);
        this.setBounds('length', r, text, l.line);
      }
    }
  }

  // -- array item counts ------------------------------------------------------------------------

  private itemsCount(l: Line): void {
    if (this.kind !== 'array') return;
    const cur = this.facts.items?.value;
    if (cur && cur.min !== undefined && cur.max !== undefined) return;
    for (const [a, b] of sentences(l.norm)) {
      const sent = l.norm.slice(a, b);
      const text = l.raw.slice(a, b).trim();
      const r = ITEMS_TO_EN.exec(sent) ?? ITEMS_RANGE_ZH.exec(sent);
      if (r) {
        const min = wordNumber(r[1]!);
        const max = wordNumber(r[2]!);
        if (min !== null && max !== null && min <= max) {
          this.setItems({ min, max }, text, l.line);
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
      this.setItems(out, text, l.line);
    }
  }
}

/**
 * Mine the facts of one parameter description. `lang` is accepted for the record: the rules read
 * English and Chinese phrasings alike (pages mix them), so it does not switch rule sets.
 */
export function mineFacts(lines: TextLine[], lang: Lang, file: string, type: TypeRef): Facts {
  void lang;
  let miner: Miner | undefined;
  try {
    if (!Array.isArray(lines) || lines.length === 0) return {};
    miner = new Miner(prepare(lines), file, type ?? { kind: 'unknown' });
    miner.run();
    return miner.facts;
  } catch {
    return miner?.facts ?? {};
  }
}
