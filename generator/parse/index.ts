/**
 * The parse stage: ReadDocument → DocumentIR (operation, rows with facts, skeleton, samples,
 * diagnostics). Generic over the whole doc family; nothing here knows one operation.
 */
import type { Diagnostic, DocumentIR, ParamRow, TableInfo, TextLine } from '../model/ir.ts';
import type { Heading, RawTable, ReadDocument } from '../read/types.ts';
import { readDocument } from '../read/index.ts';
import { locationOf, tableKind, type SectionKind } from '../read/vocab.ts';
import { linkTables, type TableRows } from './linked-tables.ts';
import { pageMeta } from './meta.ts';
import { pageIdentity } from './identity/index.ts';
import { namedSegments, parseRequestLine, queryNames, requestLineOf } from './request-line.ts';
import { fillFacts, nestBySample, pathPlaceholders, reportDuplicates, rowsFromTable } from './rows.ts';
import { addXmlElements, samplesTree } from './nesting.ts';
import { extractSamples } from './samples.ts';
import { extractSkeleton } from './skeleton.ts';

const EXAMPLE_KINDS = new Set<SectionKind>(['examples', 'request-example', 'response-example']);

/**
 * Lines of the section that starts at the first heading accepted by `starts` (the heading line
 * included: sample markers like "Sample requests" are headings in scraped text), up to the
 * next heading of the same or a higher level that `continues` does not accept.
 */
function sectionLines(doc: ReadDocument, starts: (h: Heading) => boolean, continues: (h: Heading) => boolean): TextLine[] {
  const hs = doc.headings;
  const i = hs.findIndex(starts);
  if (i < 0) return [];
  const start = hs[i]!;
  let end = doc.lines.length + 1;
  for (let j = i + 1; j < hs.length; j++) {
    const h = hs[j]!;
    if (h.level <= start.level && !continues(h)) {
      end = h.line;
      break;
    }
  }
  const out: TextLine[] = [];
  for (let l = start.line; l < end; l++) out.push({ text: doc.lines[l - 1]!, line: l });
  return out;
}

export function parseDocument(doc: ReadDocument): DocumentIR {
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const meta = pageMeta(doc);
  const exampleLines = sectionLines(doc, (h) => EXAMPLE_KINDS.has(h.kind), (h) => EXAMPLE_KINDS.has(h.kind));
  const sm = exampleLines.length ? extractSamples(exampleLines, doc.file, doc.lang) : { samples: [], diagnostics: [] };
  addXmlElements(sm.samples);
  const syntaxLines = sectionLines(doc, (h) => h.kind === 'request-syntax', () => false);
  const sk = syntaxLines.length ? extractSkeleton(syntaxLines, doc.file) : { skeleton: null, diagnostics: [] };
  // What the parsed samples (and the request syntax) nest where: evidence for tables that list members without `└`.
  const trees = {
    request: samplesTree(sm.samples, 'request', sk.skeleton?.body ?? null),
    response: samplesTree(sm.samples, 'response'),
  };

  // Every parameter table's rows; tables that detail a row of another table go under it.
  const placeholders = pathPlaceholders(meta.path);
  const own: (TableRows & { diagnostics: Diagnostic[]; facts: boolean })[] = doc.tables.map((t) => {
    const kind = tableKind(t.header, t.roles, t.heading?.kind ?? 'other', t.caption, t.status);
    const found: Diagnostic[] = [];
    const where = locationOf(t.caption) ?? locationOf(t.heading?.text ?? null);
    // Facts are mined now for request and response tables, later for the others if they are used.
    const facts = kind === 'request' || kind === 'response';
    const rows = kind !== 'error' && t.roles.includes('name') ? rowsFromTable(t, doc.file, doc.lang, found, { where, placeholders }, facts) : [];
    return { table: t, kind, rows, diagnostics: found, facts };
  });
  const prepare = (i: number): void => {
    const o = own[i]!;
    if (!o.facts) (fillFacts(o.rows, doc.lang, doc.file), (o.facts = true));
  };
  const linked = linkTables(own, doc.file, prepare);
  diagnostics.push(...linked.diagnostics);
  const tables: TableInfo[] = [];
  const requestTables: RawTable[] = [];
  const request: ParamRow[] = [];
  const response: ParamRow[] = [];
  // A page with no request or response table (ECS 数据类型/AccessPointType.md) is a data-type page.
  const dataTypePage = !linked.kinds.some((k) => k === 'request' || k === 'response');
  own.forEach(({ table: t, rows: ownRows, diagnostics: found }, i) => {
    const kind = linked.kinds[i]!;
    const rows = linked.rows[i]!;
    const names = linked.names[i]!;
    const anchors = linked.anchors[i]!;
    const used = kind === 'request' || kind === 'response';
    // A data-type table other pages link to (CS 通用数据结构's `tag`, a 数据类型 page's table): kept with its rows.
    const definition = kind === 'other' && !linked.linked[i] && t.roles.includes('type') && (names.length > 0 || dataTypePage) && ownRows.length > 0;
    if (used || definition) diagnostics.push(...found);
    if (used) {
      // Members listed under their struct without `└`: the page's samples say where (not for linked tables).
      if (!linked.linked[i]) nestBySample(rows, trees[kind]);
      reportDuplicates(rows, doc.file, diagnostics);
      (kind === 'request' ? request : response).push(...rows);
      if (kind === 'request') requestTables.push(t);
    }
    const requiredColumn = !t.roles.includes('required') ? 'absent' : ownRows.length === 0 || ownRows.some((r) => r.rawRequired) ? 'filled' : 'empty';
    const info: TableInfo = { kind, layout: t.layout, traits: t.traits, requiredColumn, header: t.header, columns: t.roles, source: { file: doc.file, line: t.line }, heading: t.heading?.text ?? null, rowCount: t.rows.length };
    if (anchors.length) info.anchors = anchors;
    if (names.length) info.names = names;
    if (linked.nestedUnder[i]) info.nestedUnder = linked.nestedUnder[i]!;
    if (definition) {
      prepare(i);
      info.fields = ownRows;
    }
    tables.push(info);
  });

  // Where the request line puts a parameter the tables leave unplaced: a path segment that names
  // it (`/clusters/ClusterId`, or `{ClusterId}`), or a key of its query string (`?keep_slb=Boolean`).
  let path = meta.path;
  if (path) {
    const top = request.filter((r) => r.depth === 0);
    const sampled = sm.samples.flatMap((x) => (x.kind === 'request' && x.requestLine ? [parseRequestLine(x.requestLine, x.source.line, true)?.path ?? ''] : [])).filter(Boolean);
    path = namedSegments(path, new Set(top.map((r) => r.name)), sampled);
    const inPath = pathPlaceholders(path);
    const inQuery = queryNames(requestLineOf(doc)?.query ?? null);
    for (const r of top) if (r.position === null) r.position = inPath.has(r.name) ? 'Path' : inQuery.has(r.name) ? 'Query' : null;
  }

  diagnostics.push(...sk.diagnostics);

  diagnostics.push(...sm.diagnostics);

  const looksLikeApi = doc.headings.some((h) => h.kind === 'request-params') || tables.some((t) => t.columns.includes('required'));
  if (looksLikeApi && request.length === 0) {
    const h = doc.headings.find((x) => x.kind === 'request-params');
    diagnostics.push({ file: doc.file, line: h?.line ?? 1, severity: 'info', code: 'no-request-table', message: 'the page has a request-parameters section but no request-parameter table was found' });
  }
  const id = pageIdentity({ doc, title: meta.title, titleLine: meta.titleLine, request, samples: sm.samples, requestTables, hasSkeleton: Boolean(sk.skeleton?.body), method: meta.method, path });
  diagnostics.push(...id.diagnostics);
  if (request.length > 0 && id.identity.kind === 'other') {
    diagnostics.push({ file: doc.file, line: 1, severity: 'warning', code: 'no-operation', message: 'the page has a request-parameter table but names no operation (no API Explorer link, API-name title, Action or summary naming one)' });
  }
  // Code-unit order (never localeCompare: the output must not depend on the locale; test/locale.test.ts).
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  diagnostics.sort((a, b) => a.line - b.line || cmp(a.code, b.code) || cmp(a.message, b.message));

  return {
    file: doc.file,
    hash: doc.hash,
    lang: doc.lang,
    format: doc.format,
    title: meta.title,
    operation: id.identity.operation,
    identity: id.identity,
    product: id.product,
    version: id.version,
    style: id.style,
    method: meta.method,
    path,
    lastUpdated: meta.lastUpdated,
    tables,
    request,
    response,
    skeleton: sk.skeleton,
    samples: sm.samples,
    diagnostics,
  };
}

/** Read and parse one page: its bytes → DocumentIR (what the page cache stores). */
export function documentFromBytes(file: string, bytes: Uint8Array): DocumentIR {
  return parseDocument(readDocument(file, bytes));
}
