/**
 * Deprecation: a line that starts with "Deprecated" / "Obsolete" / "(Deprecated)" / "已废弃", or
 * says "this parameter is deprecated/obsolete/discontinued", "this parameter will be removed",
 * "(deprecated)", "已废弃", "已弃用", "过期参数", "该参数即将被弃用", "参数已废弃/下线/停用"
 * (phrases.ts). List items are not read (their text describes values: "- Deprecated: the image is
 * discontinued").
 */
import type { Mining } from './context.ts';
import { DEP_ANY, DEP_START } from './phrases.ts';
import { sentenceAt, type Line } from './text.ts';

export function deprecated(m: Mining, l: Line): void {
  if (m.facts.deprecated || l.item) return;
  if (DEP_START.test(l.norm)) {
    m.facts.deprecated = m.fact(true as const, sentenceAt(l, 0), l.line);
    return;
  }
  const d = DEP_ANY.exec(l.norm);
  if (d) m.facts.deprecated = m.fact(true as const, sentenceAt(l, d.index), l.line);
}
