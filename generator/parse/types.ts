/** Normalise a type cell (`Long`, `Array of tag`, `RepeatList`, `bool`) to a TypeRef. */
import type { TypeRef } from '../model/ir.ts';

const SCALARS: Record<string, TypeRef> = {
  string: { kind: 'string' },
  str: { kind: 'string' },
  date: { kind: 'string' },
  datetime: { kind: 'string' },
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
  boolean: { kind: 'boolean' },
  bool: { kind: 'boolean' },
  object: { kind: 'object' },
  struct: { kind: 'object' },
  json: { kind: 'object' },
  map: { kind: 'map', values: { kind: 'unknown' } },
  array: { kind: 'array', items: { kind: 'unknown' } },
  list: { kind: 'array', items: { kind: 'unknown' } },
  repeatlist: { kind: 'array', items: { kind: 'unknown' } },
};

export function normalizeType(raw: string): TypeRef | null {
  // A stray backslash before a model name (`Array of \\SupportedResourcesType` renders as `\Supported…`).
  const t = raw.trim().replace(/\s+/g, ' ').replace(/(^|\s)\\+(?=[A-Za-z_])/g, '$1');
  if (t === '') return { kind: 'unknown' };
  const scalar = SCALARS[t.toLowerCase()];
  if (scalar) return scalar;
  // `Array of X`, also written `Array ofX` when a link followed "of" without a space.
  const arr = /^(?:array|list|repeatlist|set)\s*(?:of\s*|<\s*)(.+?)\s*>?$/i.exec(t);
  if (arr) {
    const items = normalizeType(arr[1]!);
    return items ? { kind: 'array', items } : null;
  }
  const map = /^map\s*(?:of\s+|<\s*(?:string\s*,\s*)?)(.+?)\s*>?$/i.exec(t);
  if (map) {
    const values = normalizeType(map[1]!);
    return values ? { kind: 'map', values } : null;
  }
  if (/^[A-Za-z_$][\w$.]*$/.test(t)) return { kind: 'ref', name: t };
  return null;
}

