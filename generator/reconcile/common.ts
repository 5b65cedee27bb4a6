/**
 * Common parameters (公共参数 / Common parameters pages, identity kind `common-parameters`), kept
 * per product and never part of an operation. A page's product is the one its explorer link names;
 * a page without one (most of them) takes the product of the operation pages around it: those of
 * the nearest folder above it that holds operation pages naming a product, when they all name the
 * same one (else none: a folder mixing products says nothing about the page). The parameters of all pages of one product are merged as an
 * operation's are (`mergeParameter`: every fact resolved by the same rules, in the same page order).
 */
import type { CommonParameters, DocumentIR, Parameter, Position } from '../model/ir.ts';
import { EMPTY_MANIFEST, type Manifest } from './manifest.ts';
import { pagesOf, type Page } from './pages.ts';
import { mergeParameter, type RowAt } from './params.ts';
import { compareSources } from './rules.ts';
import type { StructureContext } from './structure.ts';

const IN_OF_POSITION: Record<Position, NonNullable<Parameter['in']>> = { Body: 'body', Query: 'query', Path: 'path', Header: 'header', Form: 'formData' };

/** Folders above a file, nearest first (`a/b/c.md` → `a/b`, `a`). */
function folders(file: string): string[] {
  const out: string[] = [];
  for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) out.push(file.slice(0, i));
  return out;
}

/** The products operation pages name, per folder (every folder above each page). */
function productsByFolder(docs: DocumentIR[]): Map<string, Set<string>> {
  const byFolder = new Map<string, Set<string>>();
  for (const d of docs) {
    if (d.identity.kind !== 'operation' || !d.product) continue;
    for (const f of folders(d.file)) byFolder.set(f, (byFolder.get(f) ?? new Set()).add(d.product));
  }
  return byFolder;
}

/** The product of a common-parameters page: its own link's, else its neighbourhood's (see above). */
export function commonProduct(d: DocumentIR, byFolder: Map<string, Set<string>>): string | null {
  if (d.product) return d.product;
  for (const f of folders(d.file)) {
    const products = byFolder.get(f);
    if (products) return products.size === 1 ? [...products][0]! : null;
  }
  return null;
}

function merge(pages: Page[], kind: 'request' | 'response', manifest: Manifest): Parameter[] {
  const ctx: StructureContext = { opts: manifest.options, models: new Map(), conflicts: [], lint: [], pending: new Map() };
  const ranked = pages.slice().sort((a, b) => compareSources(a, b, ctx.opts));
  const names: string[] = [];
  const rows = new Map<string, RowAt[]>();
  for (const page of ranked) {
    for (const row of page.doc[kind]) {
      if (row.depth > 0) continue;
      if (!rows.has(row.name)) (rows.set(row.name, []), names.push(row.name));
      rows.get(row.name)!.push({ page, row });
    }
  }
  return names.map((name) => {
    const p = mergeParameter({ name, rows: rows.get(name)!, evidence: [] }, ctx, kind);
    if (kind === 'request' && p.position) p.in = IN_OF_POSITION[p.position];
    return p;
  });
}

/** Every product's common parameters, from the common-parameters pages among `docs`; sorted by product (none last). */
export function commonParameters(docs: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST): CommonParameters[] {
  const common = docs.filter((d) => d.identity.kind === 'common-parameters' && (d.request.length > 0 || d.response.length > 0));
  if (common.length === 0) return [];
  const byFolder = productsByFolder(docs);
  const byProduct = new Map<string | null, DocumentIR[]>();
  for (const d of common) {
    const p = commonProduct(d, byFolder);
    byProduct.set(p, [...(byProduct.get(p) ?? []), d]);
  }
  const keys = [...byProduct.keys()].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return keys.map((product) => {
    const list = byProduct.get(product)!.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const pages = pagesOf(list, manifest);
    return { product, documents: list.map((d) => d.file), request: merge(pages, 'request', manifest), response: merge(pages, 'response', manifest) };
  });
}
