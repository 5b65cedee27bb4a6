/**
 * Names of emitted things: TypeScript identifiers, quoted property keys, JSON pointers, and the
 * collision-free allocation of type names across all operations of an IR.
 */

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript/JavaScript source: bare when it is a plain identifier, else JSON-quoted. */
export function propKey(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

/** A string literal in generated code (JSON.stringify is valid JS for every string). */
export function lit(value: string | number | boolean): string {
  return JSON.stringify(value);
}

/** One JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * `nodepool.scaling_group` → `NodepoolScalingGroup`, `创建集群` → `创建集群`. Splits on anything
 * that is not a letter or digit; the result is always a valid identifier (never empty, never
 * starts with a digit).
 */
export function pascalCase(raw: string): string {
  const parts = raw.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let out = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  if (!out) out = 'X';
  if (!/^[\p{ID_Start}$_]/u.test(out)) out = `T${out}`;
  // Keep only identifier characters (combining marks etc. are ID_Continue and stay).
  out = [...out].filter((ch) => /[\p{ID_Continue}$]/u.test(ch)).join('');
  return out;
}

export function camelCase(raw: string): string {
  const p = pascalCase(raw);
  return /^[A-Z]/.test(p) ? p.charAt(0).toLowerCase() + p.slice(1) : p;
}

/**
 * Names an emitted type may never take: the names the package itself exports from its runtime,
 * and global names (a type-only import of `Object` would shadow the value `Object`).
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'ValidationIssue',
  'ValidationMessage',
  'ValidationCode',
  'ValidationResult',
  'ValidateOptions',
  'Ctx',
  'Object',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'BigInt',
  'Function',
  'Error',
  'Date',
  'RegExp',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Promise',
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'Exclude',
  'Extract',
  'NonNullable',
  'Math',
  'JSON',
  'Reflect',
  'Proxy',
  'Intl',
  'Iterable',
  'Iterator',
  'PropertyKey',
]);

/** Hands out names: the first request for a base gets it, later ones get `2`, `3`, ... */
export class NameAllocator {
  private readonly used = new Set<string>(RESERVED_TYPE_NAMES);
  has(name: string): boolean {
    return this.used.has(name);
  }
  take(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}
