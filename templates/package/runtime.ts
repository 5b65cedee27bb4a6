/** Stable codes of validation issues (tests and callers may switch on them). */
export type ValidationCode =
  | 'type'
  | 'required'
  | 'enum'
  | 'not'
  | 'minimum'
  | 'maximum'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'additionalProperties'
  | 'deprecated'
  | 'unreadable';

/** A message in English and in Chinese. */
export interface ValidationMessage {
  en: string;
  zh: string;
}

/** One problem: where (a JSON pointer, '' for the value itself), what (a stable code) and why. */
export interface ValidationIssue {
  path: string;
  code: ValidationCode;
  message: ValidationMessage;
  /** Details: the expected type, the allowed values, the limit, the unknown property. */
  params?: { [key: string]: unknown };
}

/** `ok: true` hands the value back typed; warnings (deprecated parameters) never make it fail. */
export type ValidationResult<T> =
  | { ok: true; value: T; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

export interface ValidateOptions {
  /** Accept properties the reference pages do not list (default: they are errors). */
  allowUnknown?: boolean;
  /** Stop after this many errors (default 100, or what the generator was told). */
  maxErrors?: number;
}

/** Default of `maxErrors` (set when the package was generated). */
const MAX_ERRORS = /* @max-errors */ 100;

/** @internal */
export const hasOwn = Object.prototype.hasOwnProperty;

/**
 * @internal A copy of the own enumerable properties of an object whose prototype is neither
 * Object.prototype nor null (class instances, Object.create(...)), so that nothing inherited is
 * read as a property. The validators call it; plain objects are read as they are.
 */
export function ownCopy(x: { [key: string]: unknown }): { [key: string]: unknown } {
  const o: { [key: string]: unknown } = Object.create(null);
  const ks = Object.keys(x);
  for (let i = 0; i < ks.length; i++) o[ks[i]] = x[ks[i]];
  return o;
}

/** @internal A plain object (not null, not an array). */
export function isObj(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @internal Length in code points, as JSON Schema counts it. */
export function ucs2len(s: string): number {
  const len = s.length;
  let n = 0;
  let i = 0;
  while (i < len) {
    n++;
    const c = s.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < len && (s.charCodeAt(i) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** @internal One JSON-pointer segment. */
export function esc(k: string): string {
  return k.indexOf('~') === -1 && k.indexOf('/') === -1 ? k : k.replace(/~/g, '~0').replace(/\//g, '~1');
}

const STOP = { stop: true };

/** @internal What an issue says, apart from where: built once per generated check, frozen. */
export interface IssueTemplate {
  readonly code: ValidationCode;
  readonly message: ValidationMessage;
  readonly params: { [key: string]: unknown } | undefined;
}

/** @internal */
export function issue(code: ValidationCode, en: string, zh: string, params?: { [key: string]: unknown }): IssueTemplate {
  return Object.freeze({
    code,
    message: Object.freeze({ en, zh }),
    params: params === undefined ? undefined : Object.freeze(params),
  });
}

function make(path: string, t: IssueTemplate): ValidationIssue {
  return t.params === undefined ? { path, code: t.code, message: t.message } : { path, code: t.code, message: t.message, params: t.params };
}

/** @internal Collects issues of one validation. */
export class Ctx {
  errors: ValidationIssue[] | null = null;
  warnings: ValidationIssue[] | null = null;
  /** allowUnknown */
  u = false;
  max = MAX_ERRORS;
  /** Segments of the path to the object being checked: `/name` strings and array indexes. */
  s: Array<string | number> = [];
  /** The JSON pointer of the object being checked, plus `tail`. */
  at(tail: string): string {
    const s = this.s;
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const x = s[i];
      out += typeof x === 'number' ? `/${x}` : x;
    }
    return out + tail;
  }
  init(options: unknown): void {
    if (!isObj(options)) return;
    if (options.allowUnknown === true) this.u = true;
    const m = options.maxErrors;
    if (typeof m === 'number' && m >= 1) this.max = Math.floor(m);
  }
  e(path: string, t: IssueTemplate): void {
    this.add(make(path, t));
  }
  private add(issue: ValidationIssue): void {
    const errors = this.errors ?? (this.errors = []);
    errors.push(issue);
    if (errors.length >= this.max) throw STOP;
  }
  /** An unknown property `k` of the object being checked. */
  x(k: string, t: IssueTemplate): void {
    const key = JSON.stringify(k);
    this.add({
      path: this.at(`/${esc(k)}`),
      code: t.code,
      message: { en: `unknown property ${key}${t.message.en}`, zh: `未知参数 ${key}${t.message.zh}` },
      params: { additionalProperty: k },
    });
  }
  w(path: string, t: IssueTemplate): void {
    const warnings = this.warnings ?? (this.warnings = []);
    if (warnings.length < this.max) warnings.push(make(path, t));
  }
  fail(x: unknown): void {
    if (x === STOP) return;
    let detail = 'unknown error';
    try {
      detail = x instanceof Error ? String(x.message) : String(x);
    } catch {
      // the thrown value itself cannot be read
    }
    if (detail.length > 200) detail = `${detail.slice(0, 200)}…`;
    (this.errors ?? (this.errors = [])).push({
      path: '',
      code: 'unreadable',
      message: { en: `the value could not be read: ${detail}`, zh: `无法读取输入值：${detail}` },
    });
  }
  result<T>(value: unknown): ValidationResult<T> {
    const warnings = this.warnings ?? [];
    return this.errors === null ? { ok: true, value: value as T, warnings } : { ok: false, errors: this.errors, warnings };
  }
}

// ---------------------------------------------------------------------------------------------
// Operation metadata and wire serialisation
// ---------------------------------------------------------------------------------------------

/** Where a request parameter travels (OpenAPI's words, plus form data). */
export type ParameterLocation = 'path' | 'query' | 'header' | 'body' | 'formData';

/**
 * The structure of a parameter's value, as the serialisers need it, in a small grammar: `s`
 * string, `n` number, `b` boolean, `u` anything, `o` a free object; `[X]` an array of X, `<X>`
 * a map of X, `{Name}` the model `Name` of the operation (always last: `[{Tag}]`).
 */
export type WireShape = string;

export interface ParameterMetadata {
  readonly name: string;
  readonly in: ParameterLocation;
  /** RPC queries: `flat` spells a structured value out key by key (`Tag.1.Key`), `json` sends it JSON-encoded. */
  readonly encoding?: 'flat' | 'json';
  readonly required: boolean;
  readonly shape: WireShape;
  /** The parameter is the whole body (a body that is a JSON list: `[{...}]`), not a field of it. */
  readonly isBody?: true;
}

/** What the pages say about an operation, at run time. */
export interface OperationMetadata {
  readonly product: string | null;
  readonly version: string | null;
  readonly name: string;
  readonly style: 'RPC' | 'ROA' | null;
  readonly method: string | null;
  /** Path template with `{name}` placeholders (ROA). */
  readonly path: string | null;
  readonly parameters: readonly ParameterMetadata[];
  /** Fields of the models parameters refer to: model name → field name → shape. */
  readonly models: { readonly [name: string]: { readonly [field: string]: WireShape } };
}

/** A query: wire name → value, as the API receives it. */
export type Query = { [name: string]: string };

/** An HTTP request of a ROA operation: the path with its placeholders filled and encoded. */
export interface HttpRequest {
  method: string;
  path: string;
  query: Query;
  headers: { [name: string]: string };
  /** The body (JSON): the body parameters by name, the value of the parameter that is the whole body, or undefined when the request has none. */
  body: { [name: string]: unknown } | unknown[] | undefined;
}

function put(o: { [key: string]: unknown }, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** `value` spelled out under `prefix` as the RPC wire does: arrays 1-based (`.1`), objects by key (`.Key`). */
function flatten(out: Query, prefix: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) flatten(out, `${prefix}.${i + 1}`, value[i]);
  } else if (typeof value === 'object') {
    const o = value as { [key: string]: unknown };
    const ks = Object.keys(o);
    for (let i = 0; i < ks.length; i++) flatten(out, `${prefix}.${ks[i]}`, o[ks[i]]);
  } else put(out, prefix, String(value));
}

function ownValue(o: unknown, k: string): unknown {
  return typeof o === 'object' && o !== null && hasOwn.call(o, k) ? (o as { [key: string]: unknown })[k] : undefined;
}

/** @internal The query of an RPC request: every parameter under its wire name. */
export function toQueryOf(meta: OperationMetadata, request: unknown): Query {
  const out: Query = {};
  const ps = meta.parameters;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const v = ownValue(request, p.name);
    if (v === undefined || v === null) continue;
    if (p.encoding === 'json') put(out, p.name, JSON.stringify(v));
    else flatten(out, p.name, v);
  }
  return out;
}

type Node = 's' | 'n' | 'b' | 'u' | 'o' | { items: WireShape } | { values: WireShape } | { fields: { readonly [name: string]: WireShape } };

/** One level of a shape: a scalar, an array or map of the rest, or a model's fields. */
function resolve(meta: OperationMetadata, shape: WireShape): Node {
  const c = shape.charAt(0);
  if (c === '[') return { items: shape.slice(1, -1) };
  if (c === '<') return { values: shape.slice(1, -1) };
  if (c === '{') {
    const name = shape.slice(1, -1);
    const fields = hasOwn.call(meta.models, name) ? meta.models[name] : undefined;
    return fields ? { fields } : 'o';
  }
  return c === 's' || c === 'n' || c === 'b' || c === 'o' ? c : 'u';
}

function fromText(shape: Node, raw: string): unknown {
  if (shape === 'n') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  if (shape === 'b') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function longestPrefix(names: readonly string[], key: string): string | null {
  let best: string | null = null;
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if ((key === n || key.indexOf(`${n}.`) === 0) && (best === null || n.length > best.length)) best = n;
  }
  return best;
}

function place(meta: OperationMetadata, container: { [key: string]: unknown } | unknown[], key: string | number, rest: string, shape: WireShape, raw: string): void {
  const s = resolve(meta, shape);
  const set = (v: unknown): void => {
    if (Array.isArray(container)) container[key as number] = v;
    else put(container, key as string, v);
  };
  const current = Array.isArray(container) ? container[key as number] : ownValue(container, key as string);
  if (rest === '') {
    set(typeof s === 'string' ? fromText(s, raw) : raw);
    return;
  }
  if (typeof s === 'object' && 'items' in s) {
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1 || index > 100000) return;
    const arr = Array.isArray(current) ? current : [];
    if (arr !== current) set(arr);
    place(meta, arr, index - 1, dot < 0 ? '' : rest.slice(dot + 1), s.items, raw);
    return;
  }
  const obj = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as { [key: string]: unknown }) : {};
  if (obj !== current) set(obj);
  if (typeof s === 'object' && 'fields' in s) {
    const field = longestPrefix(Object.keys(s.fields), rest);
    if (field !== null) {
      place(meta, obj, field, rest.slice(field.length + 1), s.fields[field]!, raw);
      return;
    }
  }
  const dot = rest.indexOf('.');
  place(meta, obj, dot < 0 ? rest : rest.slice(0, dot), dot < 0 ? '' : rest.slice(dot + 1), typeof s === 'object' && 'values' in s ? s.values : 'u', raw);
}

/** @internal The request an RPC query spells out (the inverse of toQueryOf); unknown names are kept as strings. */
export function fromQueryOf(meta: OperationMetadata, query: Query): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  const names = meta.parameters.map((p) => p.name);
  const keys = Object.keys(query);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const raw = query[key];
    if (typeof raw !== 'string') continue;
    const name = longestPrefix(names, key);
    const p = name === null ? undefined : meta.parameters.find((x) => x.name === name);
    if (!p) {
      put(out, key, raw);
      continue;
    }
    if (p.encoding === 'json' && key === p.name) {
      let v: unknown = raw;
      try {
        v = JSON.parse(raw);
      } catch {
        // not JSON: kept as the string it is
      }
      put(out, p.name, v);
      continue;
    }
    place(meta, out, p.name, key === p.name ? '' : key.slice(p.name.length + 1), p.shape, raw);
  }
  return out;
}

/** @internal The HTTP request of a ROA operation: path placeholders filled (percent-encoded), query, headers, body. */
export function toRequestOf(meta: OperationMetadata, request: unknown): HttpRequest {
  let path = meta.path ?? '/';
  const query: Query = {};
  const headers: { [name: string]: string } = {};
  let body: { [name: string]: unknown } | unknown[] | undefined;
  let whole = false;
  const ps = meta.parameters;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const v = ownValue(request, p.name);
    if (v === undefined || v === null) continue;
    if (p.isBody) {
      // The whole body (`[{...}]`): sent as it is, not under its name.
      body = v as { [name: string]: unknown } | unknown[];
      whole = true;
    } else if (p.in === 'path') path = path.split(`{${p.name}}`).join(encodeURIComponent(scalarText(v)));
    else if (p.in === 'query') {
      if (typeof v !== 'object') put(query, p.name, String(v));
      else if (p.encoding === 'flat') flatten(query, p.name, v);
      else put(query, p.name, JSON.stringify(v));
    } else if (p.in === 'header') put(headers, p.name, scalarText(v));
    else if (!whole) put((body ??= {}) as { [name: string]: unknown }, p.name, v);
  }
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p.in === 'path' && path.indexOf(`{${p.name}}`) >= 0) throw new TypeError(`${meta.name}: path parameter ${JSON.stringify(p.name)} is missing`);
  }
  return { method: meta.method ?? 'GET', path, query, headers, body };
}
