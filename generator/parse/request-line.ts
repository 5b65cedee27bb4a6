/**
 * An operation's request line and its path template, in one place: `POST /clusters HTTP/1.1`,
 * `GET /clusters/[ClusterId]`, `post /clusters/{ClusterId}/nodepools http|https`,
 * `POST /v1/\{project\_id\}/vpcs` (Huawei, in the prose under `## URI`),
 * `GET /v1/{project_id}/ports?limit={limit}`.
 *
 * The path is normalised whatever the page wrote: markdown escapes removed, the scheme and host
 * dropped (`https://{Endpoint}/v1/...`), the query string moved out (`query`), and every
 * placeholder written `{name}` (`[ClusterId]`, `<id>`, `:id`, `${id}`, `%7Bid%7D`). The reader
 * tokenises by hand: the regular expression it replaces backtracked over trailing spaces.
 */
import type { ReadDocument } from '../read/types.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
/** A line that starts like a request line: method(s), whitespace, then a path or a URL (any case). */
const REQUEST_LINE_START = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)(?:\|(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS))*[ \t]+(?:\/|https?:\/\/)/i;
/** CommonMark backslash escapes. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

export interface RequestLine {
  /** Upper case; the first of `POST|PUT`. */
  method: string;
  /** Normalised path template (see the module comment). */
  path: string;
  /** The query string the page wrote after `?` (without it), or null. */
  query: string | null;
  /** 1-based line of the page. */
  line: number;
}

/** Does the (trimmed) line start like a request line? */
export function isRequestLine(text: string): boolean {
  return REQUEST_LINE_START.test(text);
}

/** Placeholders in any of the ways pages write them, as `{name}`. */
function placeholders(path: string): string {
  return path
    .replace(/%7B([^%/{}]*)%7D/gi, '{$1}')
    .replace(/\$\{([^/{}]*)\}/g, '{$1}')
    .replace(/\[([^/[\]]*)\]/g, '{$1}')
    .replace(/<([^/<>]*)>/g, '{$1}')
    .replace(/(^|\/):([A-Za-z_][\w-]*)(?=\/|$)/g, '$1{$2}')
    .replace(/\{([^/{}]*)\}/g, (_, name: string) => `{${name.trim()}}`);
}

/** A path or URL as a page wrote it → the path template and the query string. */
export function normalizePath(raw: string): { path: string; query: string | null } {
  let p = raw.trim().replace(ESCAPE, '$1');
  const scheme = /^(?:https?|http\(s\)):\/\//i.exec(p);
  if (scheme) {
    const slash = p.indexOf('/', scheme[0].length);
    p = slash < 0 ? '/' : p.slice(slash);
  }
  let query: string | null = null;
  const q = p.indexOf('?');
  if (q >= 0) {
    query = p.slice(q + 1) || null;
    p = p.slice(0, q);
  }
  p = placeholders(p);
  if (!p.startsWith('/')) p = `/${p}`;
  return { path: p, query };
}

/**
 * Read one line as a request line (null when it is not one). `anyCase`: lower-case methods
 * count (inside a request-syntax or URI section); elsewhere only `GET /path` as written.
 */
export function parseRequestLine(text: string, line: number, anyCase = false): RequestLine | null {
  const t = text.trim();
  if (!isRequestLine(t)) return null;
  const tokens = t.split(/\s+/);
  const methods = tokens[0]!.split('|');
  if (!anyCase && methods.some((m) => !METHODS.has(m))) return null;
  const target = tokens[1]!;
  if (!anyCase && !target.startsWith('/')) return null;
  const { path, query } = normalizePath(target);
  return { method: methods[0]!.toUpperCase(), path, query, line };
}

/** How far below where it starts the search for a request line looks. */
const SEARCH_LINES = 200;

/**
 * The page's request line: the first one in its request-syntax section, else in its `## URI`
 * section (Huawei writes it in the prose there), else near the top of the page.
 */
export function requestLineOf(doc: Pick<ReadDocument, 'headings' | 'lines'>): RequestLine | null {
  const hit = found.get(doc);
  if (hit !== undefined) return hit;
  const scan = (from: number, anyCase: boolean): RequestLine | null => {
    for (let i = from; i < Math.min(doc.lines.length, from + SEARCH_LINES); i++) {
      const l = doc.lines[i]!;
      // A method's first letter (after indentation) before anything else is tried.
      let k = 0;
      while (l.charCodeAt(k) === 32 || l.charCodeAt(k) === 9) k++;
      const c = l.charCodeAt(k) | 0x20;
      if (c !== 0x67 && c !== 0x70 && c !== 0x64 && c !== 0x68 && c !== 0x6f) continue; // g p d h o
      const r = parseRequestLine(l, i + 1, anyCase);
      if (r) return r;
    }
    return null;
  };
  let r: RequestLine | null = null;
  for (const kind of ['request-syntax', 'uri'] as const) {
    const h = doc.headings.find((x) => x.kind === kind);
    r = h ? scan(h.line - 1, true) : null;
    if (r) break;
  }
  r ??= scan(0, false);
  found.set(doc, r);
  return r;
}

/** The request line of each page read (meta and the parse stage both ask). */
const found = new WeakMap<object, RequestLine | null>();

/**
 * Path segments that are the name of one of the operation's parameters, written bare
 * (`DELETE /clusters/ClusterId?...` over a `ClusterId` row), as `{name}`. A literal segment can
 * share a parameter's name (`GET /tags` and a `tags` query parameter), so a segment counts when
 * a sample request of the page puts something else in its place (`DELETE /clusters/c905d13...`);
 * with no such sample, when it is written like an identifier rather than a word (`ClusterId`,
 * `cluster_id`, not `tags`).
 */
export function namedSegments(path: string, names: ReadonlySet<string>, samplePaths: string[] = []): string {
  const segs = path.split('/');
  const samples = samplePaths.map((p) => normalizePath(p).path.split('/')).filter((s) => s.length === segs.length);
  return segs
    .map((seg, i) => {
      if (!names.has(seg)) return seg;
      const replaced = samples.length ? samples.some((s) => s[i] !== seg) : /[A-Z_0-9]/.test(seg);
      return replaced ? `{${seg}}` : seg;
    })
    .join('/');
}

/** The parameter names of a query string: `retain_all_resources=Boolean&keep_slb=Boolean` → both. */
export function queryNames(query: string | null): Set<string> {
  const out = new Set<string>();
  if (query) for (const pair of query.split('&')) {
    const name = pair.split('=')[0]!.trim();
    if (name) out.add(name);
  }
  return out;
}
