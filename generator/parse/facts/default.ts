/**
 * Defaults: "Default value: X", "Default value is X", "The default value is X", "defaults to X",
 * "默认值：X", "默认值为X", "默认值是X", "默认为X", "默认：X" (phrases.ts DEFAULTS); X read up to
 * the end of its sentence (a range before it in the same sentence is no obstacle: "取值范围：[1,200]
 * 默认值：200"). boolean → only true/false; integer/number → only a number (an optional unit such
 * as 秒/GiB/seconds may follow); string/unknown → only a single whitespace-free ASCII token (quotes
 * and trailing `.`/`。` stripped), never null/empty/空/无; for strings only, a prose X that equals
 * the meaning of an enum value found earlier ("默认值：按量付费" with "- PostPaid：按量付费。") is
 * that value. Arrays, objects, maps and refs get no default. A value marked "(default)" /
 * "（默认值）" in a list gives the default too (see ./enum.ts).
 */
import type { Scalar } from '../../model/ir.ts';
import { conditional, type Mining } from './context.ts';
import { DEFAULT_RE } from './phrases.ts';
import { CJK, normalize, sentenceAt, sentenceEnd, sentenceStart, toNumber, trimEndOf, type Line } from './text.ts';

const DEFAULT_SKIP = /^(?:null|nil|empty|none\s+is\s+set|n\/a|空|无|不填|空字符串|""|'')$/i;
const NUM_UNIT = /^(-?\d{1,15}(?:\.\d{1,15})?)[ ]{0,16}(?:秒|毫秒|分钟|小时|天|个|次|GiB|GB|MiB|MB|KB|TiB|TB|Mbps|Kbps|ms|s|%|seconds?|minutes?|hours?|days?|milliseconds?)?$/i;

export function defaults(m: Mining, l: Line): void {
  if (m.facts.default) return;
  if (m.kind === 'array' || m.kind === 'other') return;
  const s = l.norm;
  DEFAULT_RE.lastIndex = 0;
  let d: RegExpExecArray | null;
  let guard = 0;
  while ((d = DEFAULT_RE.exec(s)) !== null && guard++ < 20) {
    const end = d.index + d[0].length;
    if (conditional(s.slice(Math.max(sentenceStart(s, d.index), d.index - 160), d.index))) continue;
    const sEnd = sentenceEnd(s, end);
    let raw = s.slice(end, sEnd).trim();
    // "X, which …" / "X (…)": the value is before the comma or parenthesis
    const cut = raw.search(/[ ]{0,16}[,(]/);
    const head = cut > 0 ? raw.slice(0, cut).trim() : raw;
    raw = trimEndOf(raw, '.:').trim();
    const v = typeDefault(m, trimEndOf(head, '.:'), raw);
    if (v === undefined) continue;
    m.facts.default = m.fact(v, sentenceAt(l, d.index), l.line);
    return;
  }
}

function typeDefault(m: Mining, head: string, whole: string): Scalar | undefined {
  const strip = (x: string): string => trimEndOf(x.replace(/^["']+/, ''), `"'`).trim();
  const h = strip(head);
  if (h.length === 0) return undefined;
  if (m.kind === 'boolean') {
    const low = h.toLowerCase();
    if (low === 'true') return true;
    if (low === 'false') return false;
    return undefined;
  }
  if (m.kind === 'numeric') {
    const nm = NUM_UNIT.exec(h);
    if (nm) {
      const n = toNumber(nm[1]!);
      if (n !== null) return n;
    }
    return undefined;
  }
  // string / unknown
  if (DEFAULT_SKIP.test(h)) return undefined;
  if (/^[^\s]+$/.test(h) && !CJK.test(h) && h.length <= 120) return h;
  return fromMeaning(m, whole);
}

/** A prose default that equals the meaning of an enum value ("默认值：按量付费" → PostPaid). */
function fromMeaning(m: Mining, text: string): Scalar | undefined {
  const key = trimEndOf(text, '.,;:!? ').trim().toLowerCase();
  if (key.length === 0) return undefined;
  for (const { value, meaning } of m.meanings) {
    const mm = trimEndOf(normalize(meaning), '.,;:!? ').trim().toLowerCase();
    if (mm === key || (mm.startsWith(key) && /^[.,;:(]/.test(mm.slice(key.length)))) return value;
  }
  return undefined;
}
