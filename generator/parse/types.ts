/**
 * Normalise a type cell to a TypeRef: `Long`, `Array of tag`, `RepeatList`, `bool`, and the
 * spellings of other products: `UsageData[]`, `List<resource_tag>`, `Map<String,String>`,
 * `String to string map`, `Array of extra_dhcp_opt objects`, `Array of strings`, `vpc object`,
 * `JSON object`, `N/A`, `KeyVersion的数组`, `CertificateListModel类型`.
 */
import type { TypeRef } from '../model/ir.ts';

const SCALARS: Record<string, TypeRef> = {
  string: { kind: 'string' },
  str: { kind: 'string' },
  text: { kind: 'string' },
  date: { kind: 'string' },
  datetime: { kind: 'string' },
  timestamp: { kind: 'string' },
  long: { kind: 'integer' },
  integer: { kind: 'integer' },
  int: { kind: 'integer' },
  int32: { kind: 'integer' },
  int64: { kind: 'integer' },
  short: { kind: 'integer' },
  byte: { kind: 'integer' },
  float: { kind: 'number' },
  double: { kind: 'number' },
  number: { kind: 'number' },
  decimal: { kind: 'number' },
  boolean: { kind: 'boolean' },
  bool: { kind: 'boolean' },
  object: { kind: 'object' },
  struct: { kind: 'object' },
  json: { kind: 'object' },
  'json object': { kind: 'object' },
  map: { kind: 'map', values: { kind: 'unknown' } },
  array: { kind: 'array', items: { kind: 'unknown' } },
  list: { kind: 'array', items: { kind: 'unknown' } },
  repeatlist: { kind: 'array', items: { kind: 'unknown' } },
};

/** Plurals of `Array of strings` / `Array of objects`. */
const PLURALS: Record<string, string> = { strings: 'string', integers: 'integer', longs: 'long', numbers: 'number', booleans: 'boolean', objects: 'object', maps: 'map', arrays: 'array' };

/** What a page writes where no type applies (a tree parent, a type given elsewhere): not a type, not an error. */
const NO_TYPE = new Set(['n/a', 'na', '-', '--', '无', 'none']);

/** Space-collapsed text, so that no pattern below meets a run of spaces (lazy groups stay linear). */
const ARRAY_OF = /^(?:array|list|repeatlist|set)\s*(?:of\s*|<\s*)(.+?)\s*>?$/i;
const MAP_OF = /^map\s*(?:of\s+|<\s*(?:[^,<>]+?\s*,\s*)?)(.+?)\s*>?$/i;
const X_TO_Y_MAP = /^\w+ to (\w+) map$/i;
const X_OBJECT = /^(.+?) objects?$/i;
/** `KeyVersion的数组` (kms: an array of KeyVersion). */
const X_ARRAY_ZH = /^(.+?) ?的?数组$/;
/** `CertificateListModel类型`, `[User](…) Type` (cdn, ram): the type named, with the word "type" after it. */
const X_TYPE_WORD = /^([A-Za-z_$][\w$.]*)(?: type|类型)$/i;
const IDENT = /^[A-Za-z_$][\w$.]*$/;
/** A named structure, as `X object` may name it: `binding:vif_details`, `Security Group Rule`. */
const STRUCT_NAME = /^[A-Za-z_$][\w$.:-]*(?: [A-Za-z_$][\w$.:-]*)*$/;
/** Wrappers deeper than this are not a type a page means. */
const MAX_WRAPPERS = 32;

function base(t: string): TypeRef | null {
  const lower = t.toLowerCase();
  const scalar = SCALARS[lower] ?? (PLURALS[lower] ? SCALARS[PLURALS[lower]!] : undefined);
  if (scalar) return scalar;
  const obj = X_OBJECT.exec(t);
  if (obj && STRUCT_NAME.test(obj[1]!)) return SCALARS[obj[1]!.toLowerCase()] ?? { kind: 'ref', name: obj[1]! };
  if (IDENT.test(t)) return { kind: 'ref', name: t };
  return null;
}

/** Type cells repeat across rows and pages: results by text (TypeRefs are never changed after). */
const memo = new Map<string, TypeRef | null>();
const MEMO_LIMIT = 50_000;

export function normalizeType(raw: string): TypeRef | null {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const t = readType(raw);
  if (memo.size > MEMO_LIMIT) memo.clear();
  memo.set(raw, t);
  return t;
}

function readType(raw: string): TypeRef | null {
  // A stray backslash before a model name (`Array of \\SupportedResourcesType` renders as `\Supported…`).
  let t = raw.trim().replace(/\s+/g, ' ').replace(/(^|\s)\\+(?=[A-Za-z_])/g, '$1');
  if (t === '' || NO_TYPE.has(t.toLowerCase())) return { kind: 'unknown' };
  // Wrappers, outermost first, peeled one at a time (`Array of X`, also written `Array ofX` when a
  // link followed "of" without a space; `X[]`; `List<X>`; `Map<K,V>`).
  const wrappers: ('array' | 'map')[] = [];
  for (;;) {
    if (SCALARS[t.toLowerCase()]) break;
    let m: RegExpExecArray | null;
    if (t.endsWith('[]')) {
      wrappers.push('array');
      t = t.slice(0, -2).trim();
    } else if ((m = ARRAY_OF.exec(t) ?? X_ARRAY_ZH.exec(t))) {
      wrappers.push('array');
      t = m[1]!;
    } else if ((m = MAP_OF.exec(t) ?? X_TO_Y_MAP.exec(t))) {
      wrappers.push('map');
      t = m[1]!;
    } else break;
    if (wrappers.length > MAX_WRAPPERS || t === '') return null;
  }
  const named = X_TYPE_WORD.exec(t);
  if (named) t = named[1]!;
  let type = base(t);
  if (!type) return null;
  for (let i = wrappers.length - 1; i >= 0; i--) type = wrappers[i] === 'array' ? { kind: 'array', items: type } : { kind: 'map', values: type };
  return type;
}
