/**
 * Claims and their resolution: every source's value for one fact, ranked by the precedence
 * rules, the winner chosen, and a Conflict recorded when the sources disagree.
 */
import type { Conflict, ConflictKind, Lang, SourceRef, SourcedValue } from '../model/ir.ts';
import { compareSources, type ReconcileOptions } from './rules.ts';

export interface Claim<T> {
  value: T;
  source: SourceRef;
  lang: Lang;
  date: string | null;
}

/** Canonical text of a value, for equality (sets compare sorted). */
export function canon(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v.map((x) => JSON.stringify(x)).sort());
  if (v && typeof v === 'object') return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))));
  return JSON.stringify(v);
}

export function rank<T>(claims: Claim<T>[], opts: ReconcileOptions): Claim<T>[] {
  return claims.slice().sort((a, b) => compareSources({ ...a, file: a.source.file }, { ...b, file: b.source.file }, opts) || a.source.line - b.source.line);
}

export function sourced<T>(c: Claim<T>): SourcedValue<T> {
  return { value: c.value, source: c.source, lang: c.lang, date: c.date };
}

export interface Resolution<T> {
  value: T;
  /** Sources whose value equals the winner's. */
  backing: SourceRef[];
  conflict: Conflict | null;
}

/**
 * Resolve one fact. `stated` holds the claims that say something; `silent` the sources that
 * have the parameter but leave this fact out (listed in a conflict, never winning: explicit
 * beats empty). Disagreement among stated claims is a conflict decided by newer-page-wins.
 */
export function resolveFact<T>(
  path: string,
  kind: ConflictKind,
  stated: Claim<T>[],
  opts: ReconcileOptions,
  silent: Claim<null>[] = [],
  rule = 'newer-page-wins',
): Resolution<T> | null {
  if (stated.length === 0) return null;
  const ranked = rank(stated, opts);
  const winner = ranked[0]!;
  const key = canon(winner.value);
  const backing = ranked.filter((c) => canon(c.value) === key).map((c) => c.source);
  const distinct = new Set(ranked.map((c) => canon(c.value)));
  let conflict: Conflict | null = null;
  if (distinct.size > 1) {
    conflict = {
      path,
      kind,
      values: [...rank([...stated, ...silent] as Claim<unknown>[], opts)].map(sourced),
      resolution: winner.value,
      rule,
    };
  }
  return { value: winner.value, backing, conflict };
}
