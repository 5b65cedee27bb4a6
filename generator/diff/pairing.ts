/**
 * Which operation a page documents, and which operation of one side is which of the other.
 * One place for both the pair mode and the timeline, so `diff OLD NEW` compares exactly the
 * versions `--timeline` puts side by side.
 *
 * - `identify`: a page that names no operation (an old page without the OpenAPI Explorer link,
 *   titled in prose) takes the name of the pages with the same request line (`POST /clusters`),
 *   else the one name all other pages share; failing both, a page with a ROA request line is
 *   known by that line, which is then its operation's name on both sides. RPC pages share the
 *   line `POST /`, so it names nothing.
 * - `pairOperations`: the same product, version and name; else the same name and product with
 *   another (or no) version (the API version changed); else the same name where one side does not
 *   say the product. A candidate is taken only when it is the only one.
 */
import type { DocumentIR, OperationModel } from '../model/ir.ts';

/** A request line that identifies one operation: a method and a path with at least one segment (ROA). */
function requestLine(d: DocumentIR): string | null {
  if (!d.method || !d.path || !/[^/]/.test(d.path)) return null;
  return `${d.method.toUpperCase()} ${d.path.replace(/\/+$/, '')}`;
}

function hasRequest(d: DocumentIR): boolean {
  return d.request.length > 0 || Boolean(d.skeleton?.body);
}

/**
 * Give every page that names no operation the name it is compared under, using the pages of
 * `docs` and `others` (the other side) as evidence. Returns copies where a name was given, and
 * a note per page saying why.
 */
export function identify(docs: DocumentIR[], others: DocumentIR[] = []): { docs: DocumentIR[]; notes: string[] } {
  const all = [...docs, ...others];
  const names = new Set<string>();
  const byLine = new Map<string, Set<string>>();
  for (const d of all) {
    if (!d.operation) continue;
    names.add(d.operation);
    const line = requestLine(d);
    if (line) byLine.set(line, (byLine.get(line) ?? new Set()).add(d.operation));
  }
  const notes: string[] = [];
  const out = docs.map((d) => {
    if (d.operation || !hasRequest(d)) return d;
    const line = requestLine(d);
    const same = line ? byLine.get(line) : undefined;
    const title = `title "${d.title ?? ''}"`;
    if (same?.size === 1) {
      const name = [...same][0]!;
      notes.push(`${d.file} names no operation (no OpenAPI Explorer link, ${title}): compared as ${name}, the operation of the pages with the same request line ${line}.`);
      return { ...d, operation: name };
    }
    if (names.size === 1) {
      const name = [...names][0]!;
      notes.push(`${d.file} names no operation (no OpenAPI Explorer link, ${title}): compared as ${name}, the only operation of the other pages.`);
      return { ...d, operation: name };
    }
    if (line && !same) {
      notes.push(`${d.file} names no operation (no OpenAPI Explorer link, ${title}) and no other page has its request line: compared as "${line}".`);
      return { ...d, operation: line };
    }
    notes.push(`${d.file} names no operation (no OpenAPI Explorer link, ${title}) and nothing tells which it is: left out.`);
    return d;
  });
  return { docs: out, notes };
}

export interface Pairing {
  pairs: [OperationModel, OperationModel][];
  /** Only the old side has them. */
  removed: OperationModel[];
  /** Only the new side has them. */
  added: OperationModel[];
}

function byId(a: OperationModel, b: OperationModel): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Pair the operations of two sides (see the module comment). Deterministic: ordered by id. */
export function pairOperations(oldOps: OperationModel[], newOps: OperationModel[]): Pairing {
  const olds = oldOps.slice().sort(byId);
  const news = newOps.slice().sort(byId);
  const taken = new Set<OperationModel>();
  const partner = new Map<OperationModel, OperationModel>();
  const passes: ((o: OperationModel, n: OperationModel) => boolean)[] = [
    (o, n) => o.id === n.id,
    // Names that differ only in case are one operation (as reconcile groups pages).
    (o, n) => o.name.toLowerCase() === n.name.toLowerCase() && o.product !== null && o.product === n.product,
    (o, n) => o.name.toLowerCase() === n.name.toLowerCase() && (o.product === null || n.product === null),
  ];
  for (const fits of passes) {
    for (const o of olds) {
      if (partner.has(o)) continue;
      const candidates = news.filter((n) => !taken.has(n) && fits(o, n));
      if (candidates.length !== 1) continue;
      // Only when o is also the only old operation that fits the candidate.
      const n = candidates[0]!;
      if (olds.filter((x) => !partner.has(x) && fits(x, n)).length !== 1) continue;
      partner.set(o, n);
      taken.add(n);
    }
  }
  return {
    pairs: olds.filter((o) => partner.has(o)).map((o) => [o, partner.get(o)!]),
    removed: olds.filter((o) => !partner.has(o)),
    added: news.filter((n) => !taken.has(n)),
  };
}

/** `--match REGEX`: an operation is kept when the pattern finds its name or its id (`CS/2015-12-15/CreateCluster`). */
export function matchesOperation(re: RegExp | null, op: { name: string; id: string }): boolean {
  if (!re) return true;
  re.lastIndex = 0;
  if (re.test(op.name)) return true;
  re.lastIndex = 0;
  return re.test(op.id);
}
