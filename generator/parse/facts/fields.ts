/**
 * Sub-fields a description lists with their required flag (objects and arrays of objects): list
 * items `name: required. …`, `name：必填，…`, `**Port**：必选参数，…`, `config: This parameter is
 * optional.`, `name: the name of the component. This parameter is required.`, and the inline form
 * `name (required; …), config (optional; …)`. Two fields at least, at one list depth, every one
 * with a flag; the fact maps each name to whether it is required.
 */
import type { Mining } from './context.ts';
import { FIELD_OPT, FIELD_REQ, FIELD_SAYS } from './phrases.ts';
import type { Line } from './text.ts';

/** `name: …` at the start of an item. */
const ITEM_FIELD = /^[ ]{0,16}["']?([A-Za-z_$][\w.$-]{0,80})["']?[ ]{0,16}:[ ]{0,16}(.{0,400})/;
/** `name (required; …)` / `name (optional, …)` inline: the first one, then each that follows it directly. */
const INLINE_FIRST = /(?:^|[\s,(])([A-Za-z_$][\w.$-]{0,80})[ ]{0,16}\([ ]{0,16}(required|optional|必填|可选|必选)(?![A-Za-z])[^()]{0,300}\)/i;
const INLINE_NEXT_Y = /[ ]{0,16}(?:,[ ]{0,16}and|,|and|、)[ ]{1,16}([A-Za-z_$][\w.$-]{0,80})[ ]{0,16}\([ ]{0,16}(required|optional|必填|可选|必选)(?![A-Za-z])[^()]{0,300}\)/iy;

function flag(text: string): boolean | null {
  if (FIELD_REQ.test(text)) return true;
  if (FIELD_OPT.test(text)) return false;
  const says = FIELD_SAYS.exec(text);
  if (says) return says[1]!.toLowerCase() === 'required';
  return null;
}

export function fields(m: Mining): void {
  if (m.kind !== 'other' && m.kind !== 'array' && m.kind !== 'unknown') return;
  const L = m.L;
  for (let i = 0; i < L.length && !m.facts.fields; i++) {
    const first = L[i]!;
    if (first.item) {
      const found: Record<string, boolean> = {};
      const texts: string[] = [];
      let n = 0;
      let j = i;
      for (; j < L.length; j++) {
        const l = L[j]!;
        if (!l.item || l.depth < first.depth) break;
        if (l.depth > first.depth) continue;
        const f = ITEM_FIELD.exec(l.norm);
        const req = f ? flag(f[2]!.trimStart()) : null;
        if (!f || req === null) break;
        found[f[1]!] = req;
        texts.push(`- ${l.raw.trim()}`);
        n++;
      }
      if (n >= 2) m.facts.fields = m.fact(found, texts.join('\n'), first.line);
      i = Math.max(i, j - 1);
      continue;
    }
    inline(m, first);
  }
}

function inline(m: Mining, l: Line): void {
  const first = INLINE_FIRST.exec(l.norm);
  if (!first) return;
  const isReq = (w: string): boolean => /required|必填|必选/i.test(w);
  const found: Record<string, boolean> = { [first[1]!]: isReq(first[2]!) };
  let n = 1;
  let pos = first.index + first[0].length;
  for (let guard = 0; guard < 100; guard++) {
    INLINE_NEXT_Y.lastIndex = pos;
    const f = INLINE_NEXT_Y.exec(l.norm);
    if (!f) break;
    found[f[1]!] = isReq(f[2]!);
    n++;
    pos = INLINE_NEXT_Y.lastIndex;
  }
  if (n >= 2) m.facts.fields = m.fact(found, l.raw.slice(first.index, pos).trim(), l.line);
}
