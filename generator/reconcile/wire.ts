/**
 * Where and how each request parameter travels: the operation's API style, each parameter's
 * location (`Parameter.in`) and, for structured values in a query, their encoding
 * (`Parameter.encoding`). The rules (also in ./rules.ts and the README):
 *
 * - Style (`style-from-evidence`): the OpenAPI Explorer link's `type=`; else a request line
 *   (`POST /clusters HTTP/1.1` is ROA, `https://ecs.aliyuncs.com/?Action=X` RPC) or the page's
 *   method and path; else an `Action` request row or an `Action=` sample; else the names: dotted
 *   list names (`Tag.N.Key`) or PascalCase names are RPC's, snake_case ROA's.
 * - RPC: every parameter is in the query. Structured values are spelled out key by key
 *   (`encoding: 'flat'`: `Tag.1.Key`, `SystemDisk.Size`), unless the page says the value is a JSON
 *   string (`encoding: 'json'`).
 * - ROA: a parameter the path template names (`{ClusterId}`; or a segment written bare,
 *   `/clusters/ClusterId/nodepools`, named like a scalar parameter) is in the path; else where its
 *   page's Position column (or section, caption) puts it; else in the query for methods without
 *   a body (GET, DELETE, HEAD) and in the body for the others. A structured value in the query is
 *   sent JSON-encoded (`encoding: 'json'`): a query has no other way to carry one.
 *
 * Vendor words (how a page says "the value is a JSON string", "key-value pairs", the name of the
 * row that stands for the request body) are data: the tables below.
 */
import type { DocumentIR, ParamIn, Parameter, Position, TypeRef } from '../model/ir.ts';

export type Style = 'ROA' | 'RPC';

/** How pages say a value is sent as JSON text ("格式为JSON数组", "a JSON array", "JSON string"). */
const JSON_VALUE = [/JSON\s*(数组|格式|字符串|对象)/i, /格式为\s*JSON/i, /\bJSON[- ](array|string|object)\b/i, /\bin (the )?JSON format\b/i, /\bJSON-formatted\b/i];
/** How pages say a struct is a map of names to values. */
const MAP_VALUE = [/键值对/, /\bkey-value pairs?\b/i];
/** The row that stands for the request body itself (`|body|Object|No| |The request body.|`), not a parameter. */
const BODY_ROW = /^(body|request ?body|请求体)$/i;
/** Methods whose requests carry no body. */
const NO_BODY = new Set(['GET', 'DELETE', 'HEAD', 'OPTIONS']);

const IN_OF_POSITION: Record<Position, ParamIn> = { Body: 'body', Query: 'query', Path: 'path', Header: 'header', Form: 'formData' };

/** The API style of an operation from its pages, best-ranked first; never undecided. */
export function decideStyle(docs: DocumentIR[]): Style {
  const link = docs.find((d) => d.style)?.style;
  if (link) return link;
  for (const d of docs) {
    const line = d.skeleton?.requestLine ?? d.samples.find((s) => s.kind === 'request' && s.requestLine)?.requestLine ?? null;
    if (line && /[?&]Action=/i.test(line)) return 'RPC';
    const path = d.path ?? (line ? /^\s*[A-Za-z]+\s+(\S+)/.exec(line)?.[1] ?? null : null);
    if (path && path !== '/' && !/^https?:/i.test(path)) return 'ROA';
  }
  for (const d of docs) {
    if (d.request.some((r) => r.name === 'Action')) return 'RPC';
    if (d.samples.some((s) => s.kind === 'request' && /[?&]Action=/.test(s.text))) return 'RPC';
  }
  const names = docs.flatMap((d) => d.request.map((r) => r.name));
  if (names.some((n) => /\.(N|n|\d+)(\.|$)/.test(n))) return 'RPC';
  const snake = names.filter((n) => /_/.test(n) || /^[a-z]/.test(n)).length;
  return snake * 2 > names.length ? 'ROA' : 'RPC';
}

/** A name as a path placeholder matches it: case, `_` and `-` aside (`{cluster_id}` is `ClusterId`). */
const placeholderKey = (name: string): string => name.toLowerCase().replace(/[_-]/g, '');

export interface PathNames {
  /** Placeholders as the template marks them: `{ClusterId}` (and `[ClusterId]`, `:id`, which some pages write). */
  marked: Set<string>;
  /** Segments after the first written bare (`/clusters/ClusterId/nodepools`): placeholders when a scalar parameter has that name. */
  bare: Set<string>;
}

/** The placeholder names of a path template (as placeholderKey gives them). */
export function pathNames(path: string | null): PathNames {
  const out: PathNames = { marked: new Set(), bare: new Set() };
  if (!path) return out;
  const segments = path.replace(/\\/g, '').split('?')[0]!.split('/').filter(Boolean);
  segments.forEach((seg, i) => {
    const m = /^\{([^{}]+)\}$|^\[([^\]]+)\]$|^:(\w+)$/.exec(seg);
    if (m) out.marked.add(placeholderKey((m[1] ?? m[2] ?? m[3])!.trim()));
    else if (i > 0 && /^[A-Za-z_][\w-]*$/.test(seg)) out.bare.add(placeholderKey(seg));
    for (const inner of seg.matchAll(/\{([^{}]+)\}/g)) out.marked.add(placeholderKey(inner[1]!.trim()));
  });
  return out;
}

/** Is this top-level request row the body itself (ROA pages list one before the body's fields)? */
export function isBodyRow(name: string, type: TypeRef, style: Style): boolean {
  return style === 'ROA' && BODY_ROW.test(name) && (type.kind === 'object' || type.kind === 'ref' || type.kind === 'unknown');
}

/** Does the page say the value is sent as JSON text? */
export function saysJson(p: Parameter, rawTypes: string[]): boolean {
  if (rawTypes.some((t) => /^json$/i.test(t.trim()))) return true;
  const text = `${p.description.en ?? ''}\n${p.description.zh ?? ''}`;
  return JSON_VALUE.some((re) => re.test(text));
}

/** Does the page call the value key-value pairs (a map, not a struct with named fields)? */
export function saysMap(p: Parameter): boolean {
  const text = `${p.description.en ?? ''}\n${p.description.zh ?? ''}`;
  return MAP_VALUE.some((re) => re.test(text));
}

const structured = (t: TypeRef): boolean => t.kind === 'array' || t.kind === 'object' || t.kind === 'ref' || t.kind === 'map';

/** The type a JSON-string parameter's page shows (`["i-xxx", "i-yyy"]` in its words or example): a list of strings, else what it is. */
export function jsonShape(p: Parameter): TypeRef {
  if (structured(p.type)) return p.type;
  const texts = [...p.examples, p.description.en ?? '', p.description.zh ?? ''];
  for (const t of texts) {
    // A list of quoted values (`["i-xxx", "i-yyy"]`); a bracketed number pair is a range, not a list.
    if (/\[\s*["“][^"”\]]*["”]/.test(t)) return { kind: 'array', items: { kind: 'string' } };
  }
  return p.type;
}

/** Where a request parameter travels (see the module comment). */
export function wireLocation(p: Parameter, style: Style, method: string | null, inPath: PathNames): ParamIn {
  if (style === 'RPC') return 'query';
  const key = placeholderKey(p.name);
  if (inPath.marked.has(key)) return 'path';
  if (inPath.bare.has(key) && !structured(p.type) && p.position !== 'Query' && p.position !== 'Body' && p.position !== 'Header') return 'path';
  if (p.position) return IN_OF_POSITION[p.position];
  return method && NO_BODY.has(method.toUpperCase()) ? 'query' : 'body';
}

/** How a structured value is written where it travels; undefined for scalars and body values. */
export function wireEncoding(p: Parameter, style: Style, json: boolean): 'flat' | 'json' | undefined {
  if (json) return 'json';
  if (!structured(p.type)) return undefined;
  if (style === 'RPC') return 'flat';
  return p.in === 'query' || p.in === 'header' ? 'json' : undefined;
}
