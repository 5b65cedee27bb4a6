/**
 * String length (string and unknown parameters): "A to B characters", "between A and B
 * characters", "A~B个字符", "长度为A~B个英文或中文字符", "长度为[A, B]个字符", "up to / at most /
 * cannot exceed / maximum of N characters", "最长为N个字符", "不能超过N个字符", "最多支持N个字符",
 * "at least N characters", "至少N个字符", and bounds whose unit the words imply ("最大长度不超过255").
 * Sentences about "each part" / "每个部分" (a part of the value, e.g. domain labels) are skipped.
 */
import type { LengthRange } from '../../model/ir.ts';
import type { Mining } from './context.ts';
import { LEN_BETWEEN_EN, LEN_EACH, LEN_MAX_EN, LEN_MAX_UNITLESS, LEN_MAX_ZH, LEN_MIN_EN, LEN_MIN_ZH, LEN_RANGE_EN, LEN_RANGE_ZH } from './phrases.ts';
import { sentences, type Line } from './text.ts';

export function length(m: Mining, l: Line): void {
  if (m.kind !== 'string' && m.kind !== 'unknown') return;
  const cur = m.facts.length?.value;
  if (cur && cur.min !== undefined && cur.max !== undefined) return;
  for (const [a, b] of sentences(l.norm)) {
    const sent = l.norm.slice(a, b);
    const text = l.raw.slice(a, b).trim();
    if (!/characters|chars|字符/i.test(sent)) {
      const u = LEN_MAX_UNITLESS.exec(sent);
      if (u && !LEN_EACH.test(sent)) m.setBounds('length', { max: Number(u[1]) }, text, l.line);
      continue;
    }
    if (LEN_EACH.test(sent)) continue;
    // a bare "A~B个字符" needs no 长度 prefix; "取值范围：1~20。…最多支持64个字符" is not a length range
    const r = LEN_RANGE_EN.exec(sent) ?? LEN_BETWEEN_EN.exec(sent) ?? LEN_RANGE_ZH.exec(sent);
    if (r) {
      const min = Number(r[1]);
      const max = Number(r[2]);
      if (Number.isFinite(min) && Number.isFinite(max) && min <= max) m.setBounds('length', { min, max }, text, l.line);
      continue;
    }
    const mx = LEN_MAX_EN.exec(sent) ?? LEN_MAX_ZH.exec(sent);
    const mn = LEN_MIN_EN.exec(sent) ?? LEN_MIN_ZH.exec(sent);
    if (mx || mn) {
      const out: LengthRange = {};
      if (mn) out.min = Number(mn[1]);
      if (mx) out.max = Number(mx[1]);
      m.setBounds('length', out, text, l.line);
    }
  }
}
