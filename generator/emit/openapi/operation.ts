/**
 * One operation of the emit model as OpenAPI: where it lives (path and methods), its parameters,
 * request body and response.
 *
 * - ROA: the IR's path template (without a query string, which an OpenAPI path cannot hold) and
 *   method; path, query and header parameters as parameter objects; body parameters as one JSON
 *   request body (the request schema itself when every parameter is in the body).
 * - RPC, as the vendor's own API metadata describes it (`"methods": ["post", "get"]`, every
 *   parameter `"in": "query"`, structured ones with a `style` of `repeatList`, `flat` or `json`;
 *   the official SDKs send POST with the query flattened by `OpenApiUtil.query`): one path per
 *   operation, `/?Action=<Name>`, since every RPC operation shares the path `/` and OpenAPI
 *   needs one key per operation; GET and POST (or the one method the IR states) share the
 *   path-level parameters; `Action` is a required query parameter fixed to the name.
 *
 * What OpenAPI cannot say is stated in `x-docs2types-*` extensions (style.ts, README).
 */
import type { OperationModel, ParamIn, Parameter } from '../../model/ir.ts';
import { dict, objectSchema, propSchema, variantRequestSchema, type Json, type JsonObject, type SchemaStyle } from '../schema.ts';
import type { ObjectDef, OperationShapes, Prop, Shape } from '../shapes.ts';
import { describe, MAX_SOURCES, sourcesJson, summarise, X } from './style.ts';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = (typeof METHODS)[number];

/**
 * The RPC style as the vendor's metadata and SDKs state it (the one place that knows it): the
 * query parameter that names the operation, the methods it accepts when the IR states none, and
 * how a structured value is written when the IR does not say.
 */
export const RPC_FORM = {
  selector: 'Action',
  methods: ['get', 'post'] as Method[],
  encoding: 'flat',
} as const;

/** Where an operation goes in a document, or why it cannot go anywhere. */
export type Placement =
  | { ok: true; rpc: boolean; path: string; methods: Method[]; placeholders: string[] }
  | { ok: false; reason: string };

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function placeholders(path: string): string[] {
  return [...new Set([...path.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** `/a/{x}/b/{y}` → `/a/{}/b/{}`: OpenAPI holds paths that differ only in placeholder names identical. */
export function pathShape(path: string): string {
  return path.replace(PLACEHOLDER, '{}');
}

export function place(op: OperationModel): Placement {
  const method = op.method?.toLowerCase() ?? null;
  if (method !== null && !(METHODS as readonly string[]).includes(method)) return { ok: false, reason: `method ${JSON.stringify(op.method)} is not an HTTP method OpenAPI knows` };
  if (op.style === 'RPC') {
    return { ok: true, rpc: true, path: `/?${RPC_FORM.selector}=${encodeURIComponent(op.name)}`, methods: method ? [method as Method] : [...RPC_FORM.methods], placeholders: [] };
  }
  if (!op.path) return { ok: false, reason: op.style === 'ROA' ? 'ROA operation without a path' : 'the pages state neither the API style nor a path' };
  if (!method) return { ok: false, reason: 'no HTTP method' };
  let path = op.path.trim().replace(/[?#].*$/s, '');
  if (!path.startsWith('/')) path = `/${path}`;
  return { ok: true, rpc: false, path, methods: [method as Method], placeholders: placeholders(path) };
}

/**
 * Where a request parameter travels. The IR decides (`Parameter.in`); where it leaves the place
 * open, the convention of the style: RPC sends everything in the query; ROA puts a name of the
 * path template in the path, a stated Position where it says, and the rest in the query (GET,
 * DELETE, HEAD, OPTIONS) or the body.
 */
export function wireIn(op: OperationModel, p: Parameter, rpc: boolean, inTemplate: Set<string>): ParamIn {
  if (p.in) return p.in;
  if (rpc) return 'query';
  if (inTemplate.has(p.name)) return 'path';
  if (p.position) return ({ Body: 'body', Query: 'query', Path: 'path', Header: 'header', Form: 'formData' } as const)[p.position];
  return op.method && /^(get|delete|head|options)$/i.test(op.method) ? 'query' : 'body';
}

const isStructured = (s: Shape): boolean => s.kind === 'array' || s.kind === 'ref' || s.kind === 'map' || s.kind === 'object';

/** Names from a flattened value, at most this many (a model's fields, its fields' fields...). */
const MAX_FLAT_NAMES = 500;

/**
 * The wire names of a value written `flat` (the RPC query form, as `OpenApiUtil.query` of the
 * official SDKs flattens it): arrays 1-based (`{n}`: `Tag.{n}.Key`), objects by field (`SystemDisk.Size`), and
 * `{key}` where any key goes (a map, an object without known fields, a model met again inside itself).
 */
export function flatNames(prefix: string, shape: Shape, defs: Map<string, ObjectDef>, seen: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (name: string, s: Shape, inside: ReadonlySet<string>): void => {
    if (out.length >= MAX_FLAT_NAMES) return;
    if (s.kind === 'array') return walk(`${name}.{n}`, s.items, inside);
    if (s.kind === 'map') return walk(`${name}.{key}`, s.values, inside);
    if (s.kind === 'object') return void out.push(`${name}.{key}`);
    if (s.kind === 'ref') {
      const def = defs.get(s.def);
      if (!def || inside.has(s.def) || !def.props.length) return void out.push(`${name}.{key}`);
      const next = new Set(inside).add(s.def);
      for (const p of def.props) walk(`${name}.${p.name}`, p.shape, next);
      return;
    }
    out.push(name);
  };
  walk(prefix, shape, seen);
  return out;
}

export interface OperationContext {
  /** The operation's object definitions (emit-model names are unique within one operation). */
  defs: Map<string, ObjectDef>;
  /**
   * Components style (descriptions inside the schemas) and parameter style (descriptions on the
   * parameter); their `ref` names the document's component of one of the operation's definitions.
   */
  style: SchemaStyle;
  paramStyle: SchemaStyle;
  /** Request roots written as components beside the emit model's definitions (variant unions), by the definition name they stand for. */
  roots: Map<string, JsonObject>;
  /** The line that names the operation on each page (its identity evidence). */
  identityLine: Map<string, number>;
}

export interface BuiltOperation {
  /** Parameter objects (RPC: shared by its methods at the path level). */
  parameters: JsonObject[];
  /** The operation object without its operationId. */
  operation: JsonObject;
}

interface Titles {
  en: string | null;
  zh: string | null;
}

/**
 * The title of an operation's pages in each language, where every titled page of that language
 * gives the same one (pages that each describe one kind of request give several: none is the
 * operation's).
 */
function titles(op: OperationModel): Titles {
  const pick = (lang: 'en' | 'zh'): string | null => {
    const all = new Set(op.pages.filter((p) => p.lang === lang && p.title).map((p) => p.title!));
    return all.size === 1 ? [...all][0]! : null;
  };
  return { en: pick('en'), zh: pick('zh') };
}

/** The definition with only some of its properties (a body without the path, query and header parameters). */
function only(def: ObjectDef, names: Set<string>, name: string): ObjectDef {
  const oneOf = (def.oneOf ?? []).map((g) => g.filter((n) => names.has(n))).filter((g) => g.length > 0);
  return { ...def, name, props: def.props.filter((p) => names.has(p.name)), ...(def.oneOf ? { oneOf } : {}) };
}

function bodySchema(o: OperationShapes, names: Set<string>, all: boolean, ctx: OperationContext): JsonObject {
  const r = o.request!;
  if (all) {
    if (!r.variants.length) return { $ref: ctx.style.ref(r.plain!.name) };
    ctx.roots.set(r.typeName, variantRequestSchema(o, 'one-of', ctx.style));
    return { $ref: ctx.style.ref(r.typeName) };
  }
  // Some parameters travel elsewhere: the body is the request without them, written in place.
  const defs = ctx.defs;
  if (r.variants.length && r.discriminatorKeys.every((k) => names.has(k))) {
    return { title: `${r.typeName}Body`, oneOf: r.variants.map((v): Json => objectSchema(only(v.def, names, `${v.def.name}Body`), defs, ctx.style)) };
  }
  return objectSchema(only(r.plain ?? r.base, names, `${r.typeName}Body`), defs, ctx.style);
}

function parameterObject(prop: Prop, where: 'path' | 'query' | 'header', rpc: boolean, ctx: OperationContext, name = prop.name): JsonObject {
  const p = prop.param!;
  const o: JsonObject = { name, in: where };
  describe(o, p.description);
  if (prop.required || where === 'path') o.required = true;
  if (prop.deprecated) o.deprecated = true;
  const schema = propSchema(prop, ctx.defs, ctx.paramStyle);
  const encoding = where !== 'path' && isStructured(prop.shape) ? (p.encoding ?? (rpc ? RPC_FORM.encoding : null)) : null;
  // A JSON-encoded value is OpenAPI's `content` parameter; `flat` has no OpenAPI word.
  if (encoding === 'json') o.content = dict([['application/json', { schema }]]);
  else o.schema = schema;
  if (encoding) o[X.serialization] = { style: encoding, names: encoding === 'json' ? [prop.name] : flatNames(prop.name, prop.shape, ctx.defs) };
  if (name !== prop.name) o[X.name] = prop.name;
  if (p.sources.length) o[X.source] = sourcesJson(p.sources, MAX_SOURCES);
  return o;
}

/**
 * The operation at `placement`; `rename` maps the operation's own placeholder names to those of
 * the path it shares with an earlier operation.
 */
export function buildOperation(o: OperationShapes, placement: Extract<Placement, { ok: true }>, rename: Map<string, string>, ctx: OperationContext): BuiltOperation {
  const op = o.op;
  const rpc = placement.rpc;
  const props = o.request?.base.props ?? [];
  const inTemplate = new Set(placement.placeholders);
  const pathParams = new Map<string, JsonObject>();
  const others: JsonObject[] = [];
  const body = new Set<string>();
  const form = new Set<string>();
  const unplaced: Json[] = [];
  const seen = new Set<string>();
  const unplace = (p: Parameter, where: ParamIn, reason: string): void => {
    unplaced.push({ name: p.name, in: where, reason, [X.source]: sourcesJson(p.sources, MAX_SOURCES) });
  };

  for (const prop of props) {
    const p = prop.param!;
    const where = wireIn(op, p, rpc, inTemplate);
    if (where === 'body') body.add(prop.name);
    else if (where === 'formData') form.add(prop.name);
    else if (where === 'path') {
      if (!inTemplate.has(prop.name)) unplace(p, where, `the path template ${JSON.stringify(placement.path)} has no {${prop.name}}`);
      else pathParams.set(prop.name, parameterObject(prop, 'path', rpc, ctx, rename.get(prop.name) ?? prop.name));
    } else {
      const key = `${where} ${prop.name}`;
      if (seen.has(key)) {
        unplace(p, where, 'a second parameter of this name and place');
        continue;
      }
      seen.add(key);
      const param = parameterObject(prop, where, rpc, ctx);
      if (rpc && where === 'query' && prop.name === RPC_FORM.selector) {
        delete param.content;
        delete param[X.serialization];
        param.required = true;
        param.schema = { type: 'string', enum: [op.name] };
      }
      others.push(param);
    }
  }
  if (rpc && !seen.has(`query ${RPC_FORM.selector}`)) {
    others.unshift({ name: RPC_FORM.selector, in: 'query', description: `The operation: ${op.name}.`, required: true, schema: { type: 'string', enum: [op.name] } });
  }
  // Every placeholder is a path parameter, in the order of the template; one no page lists is a string.
  const parameters: JsonObject[] = placement.placeholders.map(
    (name) =>
      pathParams.get(name) ?? {
        name: rename.get(name) ?? name,
        in: 'path',
        description: 'Named by the path template; no page lists it.',
        required: true,
        schema: { type: 'string' },
      },
  );
  parameters.push(...others);

  const operation: JsonObject = {};
  summarise(operation, titles(op));
  if (!rpc && parameters.length) operation.parameters = parameters;
  if (body.size) {
    const required = (o.request?.variants.length ?? 0) > 0 || props.some((p) => body.has(p.name) && p.required);
    operation.requestBody = { required, content: dict([['application/json', { schema: bodySchema(o, body, body.size === props.length, ctx) }]]) };
    for (const prop of props) if (form.has(prop.name)) unplace(prop.param!, 'formData', 'form fields beside a JSON body');
  } else if (form.size) {
    const r = o.request!;
    const schema = objectSchema(only(r.plain ?? r.base, form, `${r.typeName}Form`), ctx.defs, ctx.style);
    operation.requestBody = { required: props.some((p) => form.has(p.name) && p.required), content: dict([['application/x-www-form-urlencoded', { schema }]]) };
  }
  const ok: JsonObject = { description: o.response ? `Response of ${op.name}.` : `${op.name} succeeded (the pages list no response fields).` };
  if (o.response) ok.content = dict([['application/json', { schema: { $ref: ctx.style.ref(o.response.name) } }]]);
  operation.responses = dict([['200', ok]]);
  operation[X.source] = sourcesJson(op.documents.map((file) => ({ file, line: ctx.identityLine.get(file) ?? 1 })));
  if (unplaced.length) operation[X.unplaced] = unplaced;
  return { parameters, operation };
}
