/**
 * Gathering identity evidence: every place a page names an operation, with its line. What each
 * source is (see `IdentitySource` in model/ir.ts):
 *
 * - `explorer-link`: the first API Explorer link of any vendor in `EXPLORER_LINKS` (its `api`;
 *   product, version and style where the link says them);
 * - `h1`: the page's H1 when it is an API name;
 * - `action`: the value of the request table's `Action` row (its example, else the one value its
 *   description allows): the name as sent on the wire;
 * - `sample`: `Action=X` in a request sample;
 * - `file-name`: the file's base name, affixes removed, when it is an API name;
 * - `summary`: the first sentence of the lead paragraph (the first paragraph after the title) when
 *   it names the operation ("调用CreateCluster创建…", "You can call the CreateCluster operation to …");
 * - `title`: the page's title when it is not an API name (used only when nothing else names the page);
 * - `prose`: any other mention above the first table ("call the StartLoadBalancerListener
 *   operation"); never identity, kept as rejected evidence.
 */
import type { IdentityEvidence, IdentitySource, ParamRow, Sample } from '../../model/ir.ts';
import type { ReadDocument } from '../../read/types.ts';
import { ACTION_IN_SAMPLE, ACTION_PARAMETERS, API_NAME, EXPLORER_LINKS, ONE_WORD_API_NAME, FILE_NAME_AFFIXES, NOTE_START, PROSE_PHRASES, SUMMARY_PHRASES, type ExplorerLinkRow } from './vocab.ts';

/** What an explorer link says. */
export interface ExplorerLink {
  api: string | null;
  product: string | null;
  version: string | null;
  style: 'ROA' | 'RPC' | null;
  line: number;
}

export function isApiName(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.length <= 120 && API_NAME.test(s);
}

/** A one-word name (see ONE_WORD_API_NAME): an API name only where two sources spell it alike. */
export function isOneWordName(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.length <= 120 && ONE_WORD_API_NAME.test(s);
}

/** `{api}`-style template → a regex with named groups (one path segment each). */
function templateRegex(t: string): RegExp {
  const src = t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(api|product|version)\}/g, '(?<$1>[^/?#&]+)');
  return new RegExp(`^${src}(?:[/?#]|$)`);
}
const COMPILED = EXPLORER_LINKS.map((row) => ({ row, path: row.path ? templateRegex(row.path) : null, fragment: row.fragment ? templateRegex(row.fragment) : null }));
const HOSTS = EXPLORER_LINKS.map((r) => r.host);

/** Parameters of a URL's query and of its fragment (`#product=…&api=…`, `#/?…`, `#/openapi/VPC/doc?…`). */
function urlParams(u: URL): URLSearchParams {
  const out = new URLSearchParams(u.search);
  const frag = u.hash.replace(/^#/, '');
  const q = frag.indexOf('?');
  const fragQuery = q >= 0 ? frag.slice(q + 1) : frag.includes('=') ? frag.replace(/^\/?/, '') : '';
  for (const [k, v] of new URLSearchParams(fragQuery)) if (!out.has(k)) out.set(k, v);
  return out;
}

function fragmentPath(u: URL): string {
  const frag = u.hash.replace(/^#/, '');
  const q = frag.indexOf('?');
  return q >= 0 ? frag.slice(0, q) : frag;
}

/** Read one URL as an explorer link (null when it is none). */
export function explorerLink(url: string, line: number): ExplorerLink | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  for (const { row, path, fragment } of COMPILED) {
    if (host !== row.host) continue;
    const found: Record<string, string | null> = { api: null, product: null, version: null, style: null };
    const params = urlParams(u);
    for (const [field, name] of Object.entries(row.params ?? {}) as [keyof NonNullable<ExplorerLinkRow['params']>, string][]) {
      const v = params.get(name);
      if (v) found[field] = v;
    }
    for (const [re, text] of [
      [path, u.pathname],
      [fragment, fragmentPath(u)],
    ] as const) {
      const g = re?.exec(text)?.groups;
      if (g) for (const k of ['api', 'product', 'version'] as const) if (g[k] && !found[k]) found[k] = decodeURIComponent(g[k]);
    }
    const style = found.style?.toUpperCase();
    const clean = (s: string | null | undefined): string | null => (s && /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/.test(s) ? s : null);
    if (!found.api && !found.product) continue;
    return { api: clean(found.api), product: clean(found.product), version: clean(found.version), style: style === 'ROA' || style === 'RPC' ? style : null, line };
  }
  return null;
}

/** The page's explorer links, in page order (only lines that name an explorer host are parsed). */
export function explorerLinks(doc: ReadDocument): ExplorerLink[] {
  const out: ExplorerLink[] = [];
  for (const link of doc.links((l) => HOSTS.some((h) => l.includes(h)))) {
    const e = explorerLink(link.url, link.line);
    if (e) out.push(e);
  }
  return out;
}

/** Markdown emphasis, code and escapes removed (for matching phrases in prose). */
function plain(s: string): string {
  return s.replace(/\\(.)/g, '$1').replace(/\*\*|__|`/g, '').replace(/<[^<>]{0,200}>/g, '');
}

/** The file's base name with the affixes of FILE_NAME_AFFIXES removed. */
export function fileBaseName(file: string): string {
  let base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(md|txt)$/i, '');
  for (const re of FILE_NAME_AFFIXES) base = base.replace(re, '');
  return base;
}

/** The file name as a candidate API name (affixes removed), or null. `accept`: which names count. */
export function fileNameCandidate(file: string, accept: (s: string) => boolean = isApiName): string | null {
  const base = fileBaseName(file);
  return accept(base) ? base : null;
}

/** The request table's Action row: its example, else the one value its description allows. */
export function actionFromRows(rows: ParamRow[], accept: (s: string) => boolean = isApiName): { value: string; line: number } | null {
  for (const r of rows) {
    if (!ACTION_PARAMETERS.includes(r.name.toLowerCase()) || r.depth > 0) continue;
    const ex = r.example?.trim().replace(/^["']|["']$/g, '') ?? '';
    if (accept(ex)) return { value: ex, line: r.source.line };
    const en = r.facts.enum?.value;
    if (en && en.length === 1 && accept(String(en[0]))) return { value: String(en[0]), line: r.facts.enum!.source.line };
  }
  return null;
}

/** `Action=X` in a request sample. */
export function actionFromSamples(samples: Sample[], accept: (s: string) => boolean = isApiName): { value: string; line: number } | null {
  for (const s of samples) {
    if (s.kind !== 'request') continue;
    const lines = s.text.split('\n');
    for (let i = 0; i < lines.length && i < 200; i++) {
      const m = ACTION_IN_SAMPLE.exec(lines[i]!.length > 4000 ? lines[i]!.slice(0, 4000) : lines[i]!);
      if (m && accept(m[1]!)) return { value: m[1]!, line: s.source.line + i };
    }
  }
  return null;
}

/**
 * The lead paragraph: the first paragraph after the title (and a "Last Updated" line), before any
 * other heading. Returns its first sentence and line, or null (a note is no lead).
 */
export function leadSentence(doc: ReadDocument, afterLine: number): { text: string; line: number } | null {
  const headingLines = new Set(doc.headings.map((h) => h.line));
  const fenceLines = new Set(doc.fences.map((f) => f.open));
  for (let i = afterLine; i < doc.lines.length && i < afterLine + 40; i++) {
    const raw = doc.lines[i]!;
    if (headingLines.has(i + 1) || fenceLines.has(i + 1)) return null;
    const t = raw.trim();
    if (t === '' || /^(Last Updated|更新时间|最后更新)\s*[:：]/i.test(t)) continue;
    if (/^[|<>]/.test(t) || NOTE_START.test(t)) return null;
    const text = plain(t.length > 2000 ? t.slice(0, 2000) : t);
    const end = text.search(/[。！？]|[.!?](?:\s|$)/);
    return { text: end >= 0 ? text.slice(0, end + 1) : text, line: i + 1 };
  }
  return null;
}

/** The name the lead sentence gives, or null. */
export function summaryName(sentence: string): string | null {
  for (const re of SUMMARY_PHRASES) {
    const m = re.exec(sentence);
    if (m && isApiName(m[1])) return m[1]!;
  }
  return null;
}

/** Operation names mentioned in prose lines `[from, to)` (1-based, `to` exclusive), at most `max`. */
export function proseMentions(doc: ReadDocument, from: number, to: number, skip: Set<number>, max: number): IdentityEvidence[] {
  const out: IdentityEvidence[] = [];
  const seen = new Set<string>();
  for (let line = from; line < to && line <= doc.lines.length && out.length < max; line++) {
    if (skip.has(line)) continue;
    const raw = doc.lines[line - 1]!;
    if (!/call|调用/i.test(raw)) continue;
    const text = plain(raw.length > 4000 ? raw.slice(0, 4000) : raw);
    for (const re of PROSE_PHRASES) {
      for (const m of text.matchAll(re)) {
        const name = m[1]!;
        if (!isApiName(name) || seen.has(name) || out.length >= max) continue;
        seen.add(name);
        out.push(evidence('prose', name, line));
      }
    }
  }
  return out;
}

export function evidence(source: IdentitySource, value: string, line: number): IdentityEvidence {
  return { source, value, line, chosen: false };
}
