/**
 * Names of emitted things: TypeScript identifiers, JSON pointers, and the collision-free
 * allocation of the names of one operation's module (each operation is its own module: its
 * names depend on nothing but the operation).
 */

import { isBindingName, safeName } from './codegen/index.ts';

/** One JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * `nodepool.scaling_group` → `NodepoolScalingGroup`, `创建集群` → `创建集群`. Splits on anything
 * that is not a letter or digit; the result is always a binding name for TypeScript (never
 * empty, never a reserved word, never starting with a digit: checked by TypeScript's scanner).
 */
export function pascalCase(raw: string): string {
  const parts = raw.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  return safeName(parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') || 'X');
}

/** `CreateCluster` → `createCluster`, `APISamples` → `apiSamples`, `CSListTag` → `csListTag`. */
export function camelCase(raw: string): string {
  const p = pascalCase(raw);
  const m = /^[A-Z]+(?=[A-Z][a-z]|[^A-Za-z]|$)|^[A-Z]/.exec(p);
  const out = m ? m[0].toLowerCase() + p.slice(m[0].length) : p;
  return isBindingName(out) ? out : p;
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
  'IssueTemplate',
  'OperationMetadata',
  'WireShape',
  'WireSpec',
  'HttpRequest',
  'Query',
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
