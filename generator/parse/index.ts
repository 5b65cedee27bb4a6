/**
 * The parse stage: ReadDocument → DocumentIR (operation, rows with facts, skeleton, samples,
 * diagnostics). Generic over the whole doc family; nothing here knows one operation.
 */
import type { Diagnostic, DocumentIR, TableInfo, TextLine } from '../model/ir.ts';
import type { Heading, ReadDocument } from '../read/types.ts';
import { readDocument } from '../read/index.ts';
import { tableKind, type SectionKind } from '../read/vocab.ts';
import { pageMeta } from './meta.ts';
import { rowsFromTable } from './rows.ts';
import { sampleTree } from './nesting.ts';
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
  // What the parsed samples nest where: evidence for tables that list members without `└`.
  const trees = {
    request: sampleTree(sm.samples.filter((x) => x.kind === 'request' && x.ok).map((x) => x.value)),
    response: sampleTree(sm.samples.filter((x) => x.kind === 'response' && x.ok).map((x) => x.value)),
  };

  const tables: TableInfo[] = [];
  const request = [];
  const response = [];
  for (const t of doc.tables) {
    const kind = tableKind(t.header, t.roles, t.heading?.kind ?? 'other', t.caption);
    const rows = kind === 'request' || kind === 'response' ? rowsFromTable(t, doc.file, doc.lang, diagnostics, trees[kind]) : [];
    if (kind === 'request') request.push(...rows);
    else if (kind === 'response') response.push(...rows);
    const requiredColumn = !t.roles.includes('required') ? 'absent' : rows.length === 0 || rows.some((r) => r.rawRequired) ? 'filled' : 'empty';
    tables.push({ kind, layout: t.layout, traits: t.traits, requiredColumn, header: t.header, columns: t.roles, source: { file: doc.file, line: t.line }, heading: t.heading?.text ?? null, rowCount: t.rows.length });
  }

  const syntaxLines = sectionLines(doc, (h) => h.kind === 'request-syntax', () => false);
  const sk = syntaxLines.length ? extractSkeleton(syntaxLines, doc.file) : { skeleton: null, diagnostics: [] };
  diagnostics.push(...sk.diagnostics);

  diagnostics.push(...sm.diagnostics);

  const looksLikeApi = doc.headings.some((h) => h.kind === 'request-params') || tables.some((t) => t.columns.includes('required'));
  if (looksLikeApi && request.length === 0) {
    const h = doc.headings.find((x) => x.kind === 'request-params');
    diagnostics.push({ file: doc.file, line: h?.line ?? 1, severity: 'info', code: 'no-request-table', message: 'the page has a request-parameters section but no request-parameter table was found' });
  }
  if (meta.mismatch) {
    diagnostics.push({ file: doc.file, line: meta.mismatch.line, severity: 'warning', code: 'operation-mismatch', message: `the page calls itself ${meta.mismatch.text} but its OpenAPI Explorer link names ${meta.mismatch.link}; read as ${meta.mismatch.text}` });
  }
  if (request.length > 0 && !meta.operation) {
    diagnostics.push({ file: doc.file, line: 1, severity: 'warning', code: 'no-operation', message: 'the page has a request-parameter table but names no operation (no OpenAPI Explorer link, title or "call the X operation")' });
  }
  diagnostics.sort((a, b) => a.line - b.line || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));

  return {
    file: doc.file,
    hash: doc.hash,
    lang: doc.lang,
    format: doc.format,
    title: meta.title,
    operation: meta.operation,
    identity: meta.identity,
    product: meta.product,
    version: meta.version,
    style: meta.style,
    method: meta.method,
    path: meta.path,
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
