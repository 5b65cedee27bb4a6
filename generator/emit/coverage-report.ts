/**
 * reports/coverage.{md,json}: how much of the docs became what, honestly — per product and
 * language, the pages with a request table and how many became their own operation; the pages
 * whose identity was overridden (some evidence rejected) or could not be decided; the
 * common-parameter pages; the request tables by layout and trait; pages that yielded nothing and
 * why; diagnostics by code.
 *
 * A page became its **own operation** when it is one of the documents of an operation whose name
 * is the page's identity (ignoring case), the chosen evidence includes a source that names it
 * (H1, explorer link, Action row, sample, summary sentence, file name, or — when nothing gives an
 * API name — its title; never prose), and where the page names an API in two or more sources the
 * chosen name has two or more of them (it agrees with at least one other independent source).
 * A page that became an operation otherwise (its name contested one source against one) became
 * **another operation** than one it can vouch for.
 */
import type { DocumentIR, IdentitySource, IR } from '../model/ir.ts';
import { mdCodeSpan, mdText } from './md.ts';

/** Sources that name a page (prose never does). */
const NAMING: ReadonlySet<IdentitySource> = new Set(['h1', 'explorer-link', 'action', 'sample', 'summary', 'file-name', 'title']);

/** See the module comment; `op` is the name of the operation the page became, if any. */
export function ownOperation(d: DocumentIR, op: string | undefined): boolean {
  if (!op || d.identity.kind !== 'operation' || op.toLowerCase() !== d.identity.operation?.toLowerCase()) return false;
  const naming = d.identity.evidence.filter((e) => NAMING.has(e.source));
  const sources = new Set(naming.map((e) => e.source));
  const chosen = new Set(naming.filter((e) => e.chosen).map((e) => e.source));
  return chosen.size > 0 && (sources.size < 2 || chosen.size >= 2);
}

export type PageOutcome = 'own-operation' | 'other-operation' | 'common-parameters' | 'nothing';

export function pageOutcome(d: DocumentIR, op: string | undefined): PageOutcome {
  if (d.identity.kind === 'common-parameters' && (d.request.length > 0 || d.response.length > 0)) return 'common-parameters';
  if (!op) return 'nothing';
  return ownOperation(d, op) ? 'own-operation' : 'other-operation';
}

/** Why a page gave no operation (null when it did, or when it gave common parameters). */
export function whyNothing(d: DocumentIR): string | null {
  const hasParams = d.request.length > 0 || Boolean(d.skeleton?.body);
  if (d.identity.kind === 'common-parameters' && hasParams) return null;
  if (d.operation && hasParams) return null;
  if (hasParams) return 'parameter table but no operation name';
  const kinds = new Set(d.tables.map((t) => t.kind));
  if (d.tables.some((t) => t.kind === 'request')) return 'request table without rows';
  if (d.diagnostics.some((x) => x.code === 'no-request-table')) return 'request section without a table the reader recognises';
  if (kinds.has('response')) return 'response table only (no request parameters)';
  if (kinds.has('error')) return 'error-code tables only';
  if (d.tables.length > 0) return 'tables that are not parameter tables (overview or guide page)';
  return 'no table at all (overview or guide page)';
}

/** A page the reader saw a request table on (any layout: no delimiter row, indented, HTML, scraped text). */
export function hasRequestTable(d: DocumentIR): boolean {
  return d.tables.some((t) => t.kind === 'request' || t.requiredColumn !== 'absent');
}

interface Bucket {
  key: string;
  pages: number;
  operations: Set<string>;
  requestRows: number;
  responseRows: number;
  withRequestTable: number;
  own: number;
  other: number;
  common: number;
  nothing: number;
}

const count = (m: Map<string, number>, k: string, n = 1): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};
const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const pct = (n: number, of: number): number | null => (of ? Math.round((n / of) * 10000) / 100 : null);

export function coverage(ir: IR) {
  const byKey = new Map<string, Bucket>();
  const reasons = new Map<string, string[]>();
  const opOfDoc = new Map<string, { id: string; name: string }>();
  for (const op of ir.operations) for (const f of op.documents) opOfDoc.set(f, { id: op.id, name: op.name });
  const productOfCommon = new Map<string, string | null>();
  for (const c of ir.commonParameters) for (const f of c.documents) productOfCommon.set(f, c.product);
  const bucket = (key: string): Bucket => {
    if (!byKey.has(key)) byKey.set(key, { key, pages: 0, operations: new Set(), requestRows: 0, responseRows: 0, withRequestTable: 0, own: 0, other: 0, common: 0, nothing: 0 });
    return byKey.get(key)!;
  };
  const diagnostics = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const rules = new Map<string, number>();
  const layouts = new Map<string, number>();
  const traits = new Map<string, number>();
  const traitPages = new Map<string, number>();
  let requestTables = 0;
  const overridden: { file: string; operation: string | null; rule: string; rejected: string[] }[] = [];
  const undecided: { file: string; reason: string }[] = [];
  const titleOnly: string[] = [];
  const commonPages: { file: string; product: string | null }[] = [];
  for (const d of ir.documents) {
    const product = d.product ?? 'unknown';
    const op = opOfDoc.get(d.file);
    const outcome = pageOutcome(d, op?.name);
    const withTable = hasRequestTable(d);
    const why = whyNothing(d);
    count(outcomes, outcome);
    count(rules, `${d.identity.kind}: ${d.identity.rule}`);
    for (const b of [bucket('all'), bucket(`${product} · ${d.lang}`)]) {
      b.pages++;
      b.requestRows += d.request.length;
      b.responseRows += d.response.length;
      if (op) b.operations.add(op.id);
      if (withTable) {
        b.withRequestTable++;
        if (outcome === 'own-operation') b.own++;
        else if (outcome === 'other-operation') b.other++;
        else if (outcome === 'common-parameters') b.common++;
      }
      if (why) b.nothing++;
    }
    if (why) reasons.set(why, [...(reasons.get(why) ?? []), d.file]);
    for (const x of d.diagnostics) count(diagnostics, x.code);
    const seen = new Set<string>();
    for (const t of d.tables) {
      if (t.kind !== 'request') continue;
      requestTables++;
      count(layouts, t.layout);
      for (const tr of t.traits) {
        count(traits, tr);
        if (!seen.has(tr)) (seen.add(tr), count(traitPages, tr));
      }
    }
    const rejected = d.identity.evidence.filter((e) => !e.chosen && e.source !== 'prose');
    if (d.identity.kind === 'operation' && rejected.length > 0) overridden.push({ file: d.file, operation: d.identity.operation, rule: d.identity.rule, rejected: rejected.map((e) => `${e.source} ${e.value} (line ${e.line})`) });
    if (d.identity.rule === 'title-only') titleOnly.push(d.file);
    if (d.identity.kind === 'other' && withTable && d.request.length > 0) undecided.push({ file: d.file, reason: d.identity.evidence.length ? `${d.identity.rule}: ${d.identity.evidence.map((e) => `${e.source} ${e.value}`).join(', ')}` : 'no API name on the page' });
    if (d.identity.kind === 'common-parameters') commonPages.push({ file: d.file, product: productOfCommon.get(d.file) ?? null });
  }
  const rows = [...byKey.values()]
    .sort((a, b) => (a.key === 'all' ? -1 : b.key === 'all' ? 1 : a.key < b.key ? -1 : 1))
    .map((b) => ({
      key: b.key,
      pages: b.pages,
      operations: b.operations.size,
      requestRows: b.requestRows,
      responseRows: b.responseRows,
      pagesWithRequestTable: b.withRequestTable,
      ownOperation: b.own,
      /** Share of the pages with a request table, common-parameter pages aside, that became their own operation. */
      share: pct(b.own, b.withRequestTable - b.common),
      otherOperation: b.other,
      commonParameters: b.common,
      pagesWithNothing: b.nothing,
    }));
  const parameters = ir.operations.reduce((n, o) => n + o.request.length + o.response.length, 0);
  return {
    pages: ir.documents.length,
    operations: ir.operations.length,
    parameters,
    models: ir.operations.reduce((n, o) => n + o.models.length, 0),
    conflicts: ir.operations.reduce((n, o) => n + o.conflicts.length, 0),
    identity: {
      ownOperation: outcomes.get('own-operation') ?? 0,
      otherOperation: outcomes.get('other-operation') ?? 0,
      commonParameters: outcomes.get('common-parameters') ?? 0,
      nothing: outcomes.get('nothing') ?? 0,
      byRule: sorted(rules),
      overridden,
      undecided,
      titleOnly,
      commonParameterPages: commonPages,
    },
    requestTables: { tables: requestTables, byLayout: sorted(layouts), byTrait: sorted(traits), pagesByTrait: sorted(traitPages) },
    byProductAndLanguage: rows,
    nothingReasons: [...reasons].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([reason, files]) => ({ reason, pages: files.length, examples: files.slice(0, 5) })),
    diagnostics: sorted(diagnostics),
  };
}

export function coverageReports(ir: IR): Map<string, string> {
  const c = coverage(ir);
  const all = c.byProductAndLanguage.find((r) => r.key === 'all');
  const none = (list: unknown[]): string[] => (list.length ? [] : ['(none)', '']);
  const md = [
    '<!-- Generated by docs2types. Do not edit: run `npm run generate`. -->',
    '# Coverage',
    '',
    `${c.pages} pages read, ${c.operations} operations, ${c.parameters} parameters (request and response), ${c.models} nested models, ${c.conflicts} conflicts.`,
    '',
    `Of the ${all?.pagesWithRequestTable ?? 0} pages with a request table, ${all?.ownOperation ?? 0} became their own operation${all?.share === null || all?.share === undefined ? '' : ` (${all.share}% of those that are not common-parameter pages)`}, ${all?.otherOperation ?? 0} an operation whose name one source contests, ${all?.commonParameters ?? 0} common parameters. A page's operation is its own when the evidence the decision took names it and, where the page names an API in several places, at least two of them agree (see the README, "Page identity").`,
    '',
    '| product · language | pages | operations | request rows | response rows | pages with a request table | … their own operation | share | … a contested operation | … common parameters | pages with nothing |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...c.byProductAndLanguage.map(
      (r) => `| ${mdText(r.key)} | ${r.pages} | ${r.operations} | ${r.requestRows} | ${r.responseRows} | ${r.pagesWithRequestTable} | ${r.ownOperation} | ${r.share === null ? '–' : `${r.share}%`} | ${r.otherOperation} | ${r.commonParameters} | ${r.pagesWithNothing} |`,
    ),
    '',
    '## Page identity, by rule',
    '',
    '| kind: rule | pages |',
    '|---|---|',
    ...Object.entries(c.identity.byRule).map(([k, v]) => `| ${mdText(k)} | ${v} |`),
    '',
    '## Pages whose identity overrode some of their evidence',
    '',
    ...none(c.identity.overridden),
    ...(c.identity.overridden.length ? ['| page | read as | rule | passed over |', '|---|---|---|---|', ...c.identity.overridden.map((o) => `| ${mdCodeSpan(o.file)} | ${mdText(o.operation)} | ${o.rule} | ${o.rejected.map((r) => mdText(r)).join('<br>')} |`), ''] : []),
    '## Pages with a request table whose operation could not be decided',
    '',
    ...none(c.identity.undecided),
    ...(c.identity.undecided.length ? ['| page | why |', '|---|---|', ...c.identity.undecided.map((u) => `| ${mdCodeSpan(u.file)} | ${mdText(u.reason)} |`), ''] : []),
    '## Pages named by their title only (no API name anywhere on the page)',
    '',
    ...none(c.identity.titleOnly),
    ...(c.identity.titleOnly.length ? [...c.identity.titleOnly.map((f) => `- ${mdCodeSpan(f)}`), ''] : []),
    '## Common-parameter pages',
    '',
    ...none(c.identity.commonParameterPages),
    ...(c.identity.commonParameterPages.length ? ['| page | product |', '|---|---|', ...c.identity.commonParameterPages.map((p) => `| ${mdCodeSpan(p.file)} | ${p.product === null ? '–' : mdText(p.product)} |`), ''] : []),
    '## Request tables by layout and trait',
    '',
    `${c.requestTables.tables} request tables.`,
    '',
    '| layout or trait | request tables | pages |',
    '|---|---|---|',
    ...Object.entries(c.requestTables.byLayout).map(([k, v]) => `| ${k} | ${v} | |`),
    ...Object.entries(c.requestTables.byTrait).map(([k, v]) => `| trait: ${k} | ${v} | ${c.requestTables.pagesByTrait[k] ?? 0} |`),
    '',
    '## Pages that yielded nothing, by reason',
    '',
    '| reason | pages | for example |',
    '|---|---|---|',
    ...c.nothingReasons.map((r) => `| ${mdText(r.reason)} | ${r.pages} | ${r.examples.map((e) => mdCodeSpan(e)).join('<br>')} |`),
    '',
    '## Diagnostics by code',
    '',
    '| code | count |',
    '|---|---|',
    ...Object.entries(c.diagnostics).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n');
  return new Map([
    ['reports/coverage.md', md],
    ['reports/coverage.json', `${JSON.stringify({ $comment: 'Generated by docs2types; do not edit.', ...c }, null, 2)}\n`],
  ]);
}
