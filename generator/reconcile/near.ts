/**
 * Near misses between names (`vpc_id` for `vpcid`): edit distance 1 or 2, lengths within 2.
 *
 * Written by hand because the lookup must stay linear in the names of a page: a sample of n keys
 * checked against a table of m names, pair by pair, cost n·m distance computations (a hostile or
 * badly scraped page of 8,000 rows took minutes). The index is the symmetric-delete method
 * (SymSpell): two names within distance 2 share a string made by deleting at most two characters
 * from each, so candidates come from a map of those deletions and only they are measured.
 */

/** Levenshtein distance at most 2 (and the names differ). */
export function near(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > 2) return false;
    prev = cur;
  }
  return prev[b.length]! <= 2;
}

/** Every string made from `s` by deleting at most two characters (s itself included). */
function deletions(s: string): Set<string> {
  const out = new Set<string>([s]);
  for (let i = 0; i < s.length; i++) {
    const one = s.slice(0, i) + s.slice(i + 1);
    out.add(one);
    for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return out;
}

/** Names longer than this are compared pair by pair (their deletion sets grow with the square of the length). */
const INDEX_MAX_LENGTH = 64;

export interface NearIndex {
  /** The names of the index that are near `key`, in the index's order. */
  similar(key: string): string[];
  /** Is any name of the index near `key`? */
  any(key: string): boolean;
}

/** An index of `names` (kept in their order) for near-miss lookups. */
export function nearIndex(names: readonly string[]): NearIndex {
  const byDeletion = new Map<string, number[]>();
  const long: number[] = [];
  names.forEach((n, i) => {
    if (n.length > INDEX_MAX_LENGTH) return void long.push(i);
    for (const d of deletions(n)) {
      const at = byDeletion.get(d);
      if (at) at.push(i);
      else byDeletion.set(d, [i]);
    }
  });
  const similar = (key: string): string[] => {
    const hits = new Set<number>(long);
    if (key.length <= INDEX_MAX_LENGTH + 2) for (const d of deletions(key)) for (const i of byDeletion.get(d) ?? []) hits.add(i);
    else for (let i = 0; i < names.length; i++) hits.add(i);
    return [...hits].sort((x, y) => x - y).map((i) => names[i]!).filter((n) => near(n, key));
  };
  return { similar, any: (key) => similar(key).length > 0 };
}
