/**
 * Values at generation time: does a value fit a shape (the same rules the generated validators
 * compile, used here to pick page examples and defaults), and how page example strings become
 * values of a shape.
 */
import type { Scalar } from '../model/ir.ts';
import type { ObjectDef, Shape } from './shapes.ts';

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Code points, as JSON Schema counts string length. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function fitsShape(shape: Shape, v: unknown, defs: Map<string, ObjectDef>, depth = 0): boolean {
  if (depth > 64) return false;
  switch (shape.kind) {
    case 'any':
      return v !== undefined;
    case 'object':
      return isObj(v);
    case 'string': {
      if (typeof v !== 'string') return false;
      if (shape.enum && !shape.enum.includes(v)) return false;
      if (shape.not && shape.not.includes(v)) return false;
      const n = codePoints(v);
      return (shape.minLength === undefined || n >= shape.minLength) && (shape.maxLength === undefined || n <= shape.maxLength);
    }
    case 'integer':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (shape.kind === 'integer' && !Number.isInteger(v))) return false;
      if (shape.enum && !shape.enum.includes(v)) return false;
      if (shape.not && shape.not.includes(v)) return false;
      return ((shape.minimum === undefined || v >= shape.minimum) && (shape.maximum === undefined || v <= shape.maximum)) || Boolean(shape.also?.includes(v));
    }
    case 'boolean':
      return typeof v === 'boolean' && (!shape.enum || shape.enum.includes(v)) && (!shape.not || !shape.not.includes(v));
    case 'array':
      return (
        Array.isArray(v) &&
        (shape.minItems === undefined || v.length >= shape.minItems) &&
        (shape.maxItems === undefined || v.length <= shape.maxItems) &&
        v.every((x) => fitsShape(shape.items, x, defs, depth + 1))
      );
    case 'map':
      return isObj(v) && Object.keys(v).every((k) => fitsShape(shape.values, v[k], defs, depth + 1));
    case 'ref': {
      const def = defs.get(shape.def);
      return def ? fitsObject(def, v, defs, depth + 1) : isObj(v);
    }
  }
}

/** Strict: required present, every own key known. */
export function fitsObject(def: ObjectDef, v: unknown, defs: Map<string, ObjectDef>, depth = 0): boolean {
  if (!isObj(v)) return false;
  const known = new Set(def.props.map((p) => p.name));
  for (const k of Object.keys(v)) if (!known.has(k) && v[k] !== undefined) return false;
  for (const p of def.props) {
    const x = own(v, p.name) ? v[p.name] : undefined;
    if (x === undefined) {
      if (p.required) return false;
    } else if (!fitsShape(p.shape, x, defs, depth)) return false;
  }
  return true;
}

/** A page's example string (or default) read as a value of the shape; undefined when it does not read. */
export function readExample(shape: Shape, raw: Scalar): unknown {
  const s = String(raw).trim();
  const json = (): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  };
  switch (shape.kind) {
    case 'string':
      return typeof raw === 'string' ? raw : String(raw);
    case 'integer':
    case 'number':
      if (typeof raw === 'number') return raw;
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return s === 'true' ? true : s === 'false' ? false : undefined;
    case 'array': {
      const parsed = json();
      if (Array.isArray(parsed)) return parsed;
      const item = readExample(shape.items, raw);
      return item === undefined ? undefined : [item];
    }
    case 'object':
    case 'map':
    case 'ref': {
      const parsed = json();
      return isObj(parsed) ? parsed : undefined;
    }
    case 'any':
      return raw;
  }
}

/** Deep copy of JSON data that keeps `__proto__` keys as data. */
export function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: cloneJson(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
