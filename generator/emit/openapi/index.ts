/**
 * OpenAPI 3.1: one document per product and API version (`openapi/<product>-<version>.json`),
 * built from the emit model (../shapes.ts) with the schema builder of the JSON Schema files
 * (../schema.ts), so `components/schemas` state what `schema/*.schema.json` state. Operations go
 * in as ./operation.ts says (ROA as paths, RPC as `/?Action=<Name>`); operations that cannot be
 * written as a path are listed in the document's `x-docs2types-omitted`; operations whose pages
 * name no product or no API version belong to no document (returned as `unassigned`).
 *
 * Deterministic: documents, paths, methods and components in a fixed order (code units).
 */
import type { IR } from '../../model/ir.ts';
import { HEADER_NOTE } from '../comments.ts';
import { dict, objectSchema, type Json, type JsonObject } from '../schema.ts';
import type { ObjectDef, OperationShapes, PackageShapes } from '../shapes.ts';
import { buildOperation, METHODS, pathShape, place, placeholders, type Method, type OperationContext } from './operation.ts';
import { componentKey, openApiStyle, sourcesJson, X } from './style.ts';

export const OPENAPI_VERSION = '3.1.0';

export interface OpenApiDocument {
  /** Path in the package: `openapi/<product>-<version>.json`. */
  file: string;
  product: string;
  version: string;
  document: JsonObject;
  /** The operations written as paths. */
  placed: OperationShapes[];
  /** The operations of this product and version that could not be, with the reason. */
  omitted: Array<{ o: OperationShapes; reason: string }>;
}

export interface OpenApiExport {
  documents: OpenApiDocument[];
  /** Operations whose pages name no product or no API version. */
  unassigned: OperationShapes[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '') || 'x'
  );
}

/** The line that names the operation on each page: the identity evidence the page's identity took. */
function identityLines(ir: IR): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of ir.documents) {
    const chosen = d.identity?.evidence.find((e) => e.chosen);
    if (chosen) out.set(d.file, chosen.line);
  }
  return out;
}

/**
 * The component name of an operation's definition. Emit-model names are unique within one
 * operation only (`Tag` of RunInstances and `Tag` of CreateImage may differ): a definition named
 * after its operation (`RunInstancesRequest`, `RunInstancesResponse…`) keeps its name, any other is
 * prefixed with the operation's (`RunInstancesTag`), so names depend only on their own operation.
 */
function qualified(o: OperationShapes, name: string): string {
  return name.startsWith(o.base) ? name : `${o.base}${name}`;
}

function buildDocument(product: string, version: string, ops: OperationShapes[], identityLine: Map<string, number>): Omit<OpenApiDocument, 'file'> {
  /** Component name → the definition (and its operation) it holds; filled as schemas refer to them. */
  const used = new Map<string, { o: OperationShapes; def: ObjectDef | null }>();
  const contextOf = (o: OperationShapes): OperationContext => {
    const refer = (name: string): string => {
      const key = qualified(o, name);
      if (!used.has(key)) used.set(key, { o, def: o.defs.get(name) ?? null });
      return key;
    };
    const names = new Set<string>();
    const style = openApiStyle(names);
    const paramStyle = openApiStyle(names, false);
    const scoped = (st: typeof style): typeof style => ({ ...st, ref: (name) => st.ref(refer(name)) });
    return { defs: o.defs, style: scoped(style), paramStyle: scoped(paramStyle), roots: new Map(), identityLine };
  };
  const roots = new Map<string, JsonObject>();
  const styles = new Map<OperationShapes, OperationContext>();
  const items = new Map<string, JsonObject>();
  /** Path shape → the path key that took it, and its placeholders. */
  const byShape = new Map<string, { path: string; names: string[] }>();
  const taken = new Map<string, string>();
  const operationIds = new Set<string>();
  const placed: OperationShapes[] = [];
  const omitted: Array<{ o: OperationShapes; reason: string }> = [];

  for (const o of ops) {
    const at = place(o.op);
    if (!at.ok) {
      omitted.push({ o, reason: at.reason });
      continue;
    }
    const shape = pathShape(at.path);
    const first = byShape.get(shape);
    const clash = at.methods.map((m) => taken.get(`${m} ${shape}`)).find((x) => x !== undefined);
    if (clash !== undefined) {
      omitted.push({ o, reason: `${at.methods.join('/').toUpperCase()} ${at.path} is already ${clash}'s` });
      continue;
    }
    // Paths that differ only in placeholder names are one path to OpenAPI: take the first spelling.
    const rename = new Map<string, string>();
    let path = at.path;
    if (first && first.path !== at.path) {
      path = first.path;
      at.placeholders.forEach((n, i) => rename.set(n, first.names[i] ?? n));
    } else if (!first) byShape.set(shape, { path, names: placeholders(path) });
    const ctx = contextOf(o);
    styles.set(o, ctx);
    const built = buildOperation(o, at, rename, ctx);
    for (const [name, schema] of ctx.roots) roots.set(qualified(o, name), schema);
    const item = items.get(path) ?? {};
    if (at.rpc) item.parameters = built.parameters;
    for (const m of at.methods) {
      taken.set(`${m} ${shape}`, o.op.name);
      let id = at.methods.length > 1 && m !== 'post' ? `${o.op.name}_${m}` : o.op.name;
      for (let i = 2; operationIds.has(id); i++) id = `${o.op.name}_${m}${i}`;
      operationIds.add(id);
      item[m] = { operationId: id, ...built.operation };
    }
    items.set(path, item);
    placed.push(o);
  }

  const paths = dict(
    [...items.keys()].sort(cmp).map((p): [string, Json] => {
      const item = items.get(p)!;
      const ordered: JsonObject = {};
      if (item.parameters) ordered.parameters = item.parameters;
      for (const m of METHODS as readonly Method[]) if (item[m]) ordered[m] = item[m]!;
      return [p, ordered];
    }),
  );
  // Exactly the components the paths use, and what those use in turn (writing one may name more).
  const entries: Array<[string, Json]> = [...roots].map(([name, schema]) => [componentKey(name), schema]);
  const written = new Set(roots.keys());
  for (let more = true; more; ) {
    more = false;
    for (const [key, { o, def }] of [...used]) {
      if (written.has(key) || !def) continue;
      written.add(key);
      more = true;
      entries.push([componentKey(key), objectSchema(def, o.defs, styles.get(o)!.style)]);
    }
  }
  entries.sort(([a], [b]) => cmp(a, b));

  const document: JsonObject = {
    openapi: OPENAPI_VERSION,
    info: {
      title: `${product} ${version}`,
      version,
      description: `${product} API version ${version}: ${placed.length} operation(s), read from the API reference pages by docs2types.`,
    },
    paths,
  };
  if (entries.length) document.components = { schemas: dict(entries) };
  document[X.generated] = HEADER_NOTE;
  if (omitted.length) {
    document[X.omitted] = omitted.map(({ o, reason }) => ({
      operation: o.op.name,
      id: o.op.id,
      reason,
      [X.source]: sourcesJson(o.op.documents.map((file) => ({ file, line: identityLine.get(file) ?? 1 }))),
    }));
  }
  return { product, version, document, placed, omitted };
}

/** Every document of the IR, in file order. */
export function buildOpenApi(ir: IR, shapes: PackageShapes): OpenApiExport {
  const groups = new Map<string, { product: string; version: string; ops: OperationShapes[] }>();
  const unassigned: OperationShapes[] = [];
  for (const o of shapes.operations) {
    const { product, version } = o.op;
    if (!product || !version) {
      unassigned.push(o);
      continue;
    }
    const key = `${product}\u0000${version}`;
    const g = groups.get(key) ?? { product, version, ops: [] };
    g.ops.push(o);
    groups.set(key, g);
  }
  const identityLine = identityLines(ir);
  const files = new Set<string>();
  const documents: OpenApiDocument[] = [];
  for (const key of [...groups.keys()].sort(cmp)) {
    const g = groups.get(key)!;
    const base = `openapi/${slug(g.product)}-${slug(g.version)}`;
    let file = `${base}.json`;
    // Products that differ only in case or punctuation (`Ecs`, `ECS`) get their own file.
    for (let i = 2; files.has(file); i++) file = `${base}-${i}.json`;
    files.add(file);
    documents.push({ file, ...buildDocument(g.product, g.version, g.ops, identityLine) });
  }
  return { documents, unassigned };
}

/**
 * The documents as files: path → JSON text, without indentation (read by tools; on the corpus
 * 5.8 MB instead of 7.6 MB indented, in a package that must stay small).
 */
export function emitOpenApi(ir: IR, shapes: PackageShapes): Map<string, string> {
  return new Map(buildOpenApi(ir, shapes).documents.map((d) => [d.file, `${JSON.stringify(d.document)}\n`]));
}
