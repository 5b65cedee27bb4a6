/**
 * Grouping documents into operations, dating pages, pairing language twins.
 */
import type { DocumentIR, Lang } from '../model/ir.ts';
import type { Manifest } from './manifest.ts';

/** A document as reconcile sees it: with its precedence date and twin. */
export interface Page {
  doc: DocumentIR;
  file: string;
  lang: Lang;
  date: string | null;
  /** Where the date came from. */
  dateFrom: 'page' | 'manifest' | null;
  twin: string | null;
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Operation key: product/version/name; `_` where unknown. */
export function operationKey(product: string | null, version: string | null, name: string): string {
  return `${product ?? '_'}/${version ?? '_'}/${name}`;
}

/** The operation name of a key (as `spelling` chose it for the group). */
export function operationNameOfKey(key: string): string {
  return key.slice(key.indexOf('/', key.indexOf('/') + 1) + 1);
}

/**
 * The spelling of an operation name its pages spell in more than one way (names that differ only
 * in case are one operation: `DescribeUserdata` and `DescribeUserData`): the spelling of the pages
 * whose identity rests on an explorer link (generated from the vendor's API metadata), else on an
 * Action row (the name a request sends), else of all pages; the most frequent, ties in code-unit
 * order. It depends only on the operation's own pages.
 */
function spelling(list: DocumentIR[], named: Map<DocumentIR, string>): string {
  const resting = (source: 'explorer-link' | 'action'): DocumentIR[] => list.filter((d) => d.identity.evidence.some((e) => e.chosen && e.source === source));
  const linked = resting('explorer-link');
  const acted = resting('action');
  const counts = new Map<string, number>();
  for (const d of linked.length ? linked : acted.length ? acted : list) counts.set(named.get(d)!, (counts.get(named.get(d)!) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
}

/**
 * The operation name of each page. A page named only by its title (no API name anywhere on it:
 * an old version without the Explorer link, titled in prose) takes the name of the one operation
 * whose other pages send the same request line (method and path); without exactly one such
 * operation it keeps its title.
 */
function adoptByRequestLine(docs: DocumentIR[]): Map<DocumentIR, string> {
  const line = (d: DocumentIR): string | null => (d.method && d.path ? `${d.method.toUpperCase()} ${d.path}` : null);
  const byLine = new Map<string, Set<string>>();
  for (const d of docs) {
    const l = line(d);
    if (l && d.identity.rule !== 'title-only') byLine.set(l, (byLine.get(l) ?? new Set()).add(d.operation!.toLowerCase()));
  }
  const spelled = new Map<string, string>();
  for (const d of docs) if (d.identity.rule !== 'title-only') spelled.set(d.operation!.toLowerCase(), d.operation!);
  const out = new Map<DocumentIR, string>();
  for (const d of docs) {
    const l = line(d);
    const names = d.identity.rule === 'title-only' && l ? byLine.get(l) : undefined;
    out.set(d, names?.size === 1 ? spelled.get([...names][0]!)! : d.operation!);
  }
  return out;
}

/**
 * Group pages by operation. Only pages whose identity is an operation count: a common-parameters
 * page never becomes or joins one. Names that differ only in case are one operation (spelled as
 * `spelling` says); a page named by its title alone joins the operation of its request line
 * (`adoptByRequestLine`). A page that says less than others of the same operation name joins the one
 * group it agrees with: a page naming the product but no version (an OpenAPI Explorer link
 * without `version=`) joins the one group of that product with a version; a page naming neither
 * joins the one group of that name that names something (a page only some versions of which carry
 * the link). Where several groups would fit, it stays apart under its own key.
 */
export function groupByOperation(docs: DocumentIR[]): Map<string, DocumentIR[]> {
  const byName = new Map<string, DocumentIR[]>();
  const named = adoptByRequestLine(docs.filter((d) => d.identity.kind === 'operation' && d.operation && (d.request.length > 0 || Boolean(d.skeleton?.body))));
  for (const [d, operation] of named) {
    const folded = operation.toLowerCase();
    const list = byName.get(folded) ?? [];
    list.push(d);
    byName.set(folded, list);
  }
  const groups = new Map<string, DocumentIR[]>();
  for (const [, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = spelling(list, named);
    const versioned = new Map<string, Set<string>>(); // product → keys with a version
    for (const d of list) if (d.product && d.version) versioned.set(d.product, (versioned.get(d.product) ?? new Set()).add(operationKey(d.product, d.version, name)));
    const keyOf = (d: DocumentIR): string => {
      const own = operationKey(d.product, d.version, name);
      const fits = d.product && !d.version ? versioned.get(d.product) : undefined;
      return fits?.size === 1 ? [...fits][0]! : own;
    };
    const known = new Set(list.filter((d) => d.product || d.version).map(keyOf));
    for (const d of list) {
      let key = keyOf(d);
      if (!d.product && !d.version && known.size === 1) key = [...known][0]!;
      const g = groups.get(key) ?? [];
      g.push(d);
      groups.set(key, g);
    }
  }
  for (const g of groups.values()) g.sort((a, b) => (a.file < b.file ? -1 : 1));
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Date every page and pair language twins (manifest first, else same date and ≥ 80% shared parameters). */
export function pagesOf(docs: DocumentIR[], manifest: Manifest): Page[] {
  const pages: Page[] = docs.map((doc) => {
    const entry = manifest.pages[baseName(doc.file)];
    const date = doc.lastUpdated ?? entry?.date ?? null;
    return { doc, file: doc.file, lang: doc.lang, date, dateFrom: doc.lastUpdated ? 'page' : entry?.date ? 'manifest' : null, twin: null };
  });
  const byBase = new Map(pages.map((p) => [baseName(p.file), p]));
  for (const p of pages) {
    const t = manifest.pages[baseName(p.file)]?.twin;
    if (t && byBase.has(t)) p.twin = byBase.get(t)!.file;
  }
  const names = new Map(pages.map((p) => [p.file, new Set(p.doc.request.map((r) => r.name))]));
  for (const p of pages) {
    if (p.twin || p.lang !== 'zh') continue;
    let best: Page | null = null;
    let bestScore = 0.8;
    for (const q of pages) {
      if (q.lang !== 'en' || q.twin || q.date !== p.date) continue;
      const s = jaccard(names.get(p.file)!, names.get(q.file)!);
      if (s >= bestScore) {
        best = q;
        bestScore = s;
      }
    }
    if (best) {
      p.twin = best.file;
      best.twin = p.file;
    }
  }
  return pages;
}
