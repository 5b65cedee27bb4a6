/**
 * The reconcile stage: documents of one operation (versions × languages) → one
 * OperationModel with every conflict and its resolution, nested models, variants and doc lint.
 * Pure: the same documents give the same model whatever order they come in.
 */
import type { Conflict, DocumentIR, LintItem, OperationModel, ParamIn, ParamRow, Parameter, Position, SkeletonNode } from '../model/ir.ts';
import { typeToString } from '../model/types.ts';
import type { Claim } from './claims.ts';
import { canon, rank } from './claims.ts';
import { EMPTY_MANIFEST, type Manifest } from './manifest.ts';
import { groupByOperation, operationKey, pagesOf, type Page } from './pages.ts';
import { linkAcrossPages } from './linked.ts';
import { mergeParameter, type RowAt } from './params.ts';
import { restructure } from './restructure.ts';
import { buildModels, compatible, dedupeSources, lineOfKey, valueType, type Evidence, type StructureContext } from './structure.ts';
import { detectVariants, enumUnion, type SampleBody } from './variants.ts';

export { loadManifest, parseManifest, ManifestError, type Manifest } from './manifest.ts';
export { RULES } from './rules.ts';
import { compareSources } from './rules.ts';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requestBodies(pages: Page[]): SampleBody[] {
  const out: SampleBody[] = [];
  for (const page of pages) {
    for (const s of page.doc.samples) {
      if (s.kind !== 'request' || s.format !== 'json') continue;
      const body = s.ok ? s.value : s.recovered;
      if (isObj(body)) out.push({ page, line: s.source.line, caption: s.caption, body, recovered: !s.ok });
    }
  }
  return out;
}

function skeletonFields(page: Page): Map<string, SkeletonNode> {
  const body = page.doc.skeleton?.body;
  const m = new Map<string, SkeletonNode>();
  if (body?.kind === 'object') for (const f of body.fields) m.set(f.name, f.node);
  return m;
}

/** Edit distance ≤ 2, for suspicious-name lint (names are short). */
function near(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 2) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]! <= 2;
}

function twinConflicts(pages: Page[], ctx: StructureContext): void {
  const done = new Set<string>();
  for (const p of pages) {
    if (!p.twin || done.has(p.file)) continue;
    const q = pages.find((x) => x.file === p.twin);
    if (!q) continue;
    done.add(p.file);
    done.add(q.file);
    const rowsP = new Map(p.doc.request.map((r) => [r.name, r]));
    const rowsQ = new Map(q.doc.request.map((r) => [r.name, r]));
    const claimOf = (page: Page, r: ParamRow | undefined, value: unknown): Claim<unknown> => ({
      value,
      source: r?.source ?? { file: page.file, line: page.doc.tables.find((t) => t.kind === 'request')?.source.line ?? 1 },
      lang: page.lang,
      date: page.date,
    });
    for (const name of [...new Set([...rowsP.keys(), ...rowsQ.keys()])].sort()) {
      const a = rowsP.get(name);
      const b = rowsQ.get(name);
      if (!a || !b) {
        ctx.conflicts.push({
          path: name,
          kind: 'existence',
          values: rank([claimOf(p, a, Boolean(a)), claimOf(q, b, Boolean(b))], ctx.opts).map((c) => ({ ...c })),
          resolution: true,
          rule: 'en-zh-must-agree',
          note: `only the ${a ? p.lang : q.lang} page of this twin pair has it; kept (union-of-pages)`,
        });
        continue;
      }
      const facts: [string, unknown, unknown][] = [
        ['type', typeToString(a.type), typeToString(b.type)],
        ['enum', a.facts.enum?.value, b.facts.enum?.value],
        ['default', a.facts.default?.value, b.facts.default?.value],
        ['range', a.facts.range?.value, b.facts.range?.value],
        ['length', a.facts.length?.value, b.facts.length?.value],
        ['deprecated', Boolean(a.facts.deprecated), Boolean(b.facts.deprecated)],
      ];
      if (a.required !== null && b.required !== null) facts.push(['required', a.required, b.required]);
      for (const [fact, va, vb] of facts) {
        if (va === undefined || vb === undefined || canon(va) === canon(vb)) continue;
        const src = (r: ParamRow): typeof r.source => (r.facts as Record<string, { source: typeof r.source } | undefined>)[fact]?.source ?? r.source;
        const values = rank([{ ...claimOf(p, a, va), source: src(a) }, { ...claimOf(q, b, vb), source: src(b) }], ctx.opts);
        ctx.conflicts.push({ path: name, kind: 'zh-en-mismatch', values, resolution: values[0]!.value, rule: 'en-zh-must-agree', note: `${fact} differs between the twin pages` });
      }
    }
  }
}

function lintPages(pages: Page[], known: Set<string>, ctx: StructureContext): void {
  for (const page of pages) {
    for (const s of page.doc.samples) {
      if (!s.ok && s.format === 'json') {
        const d = page.doc.diagnostics.find((x) => x.code === 'sample-invalid-json' && x.line >= s.source.line && x.line <= s.endLine);
        ctx.lint.push({ code: 'sample-invalid-json', path: '', message: d?.message ?? `sample ${s.kind} is not valid JSON`, source: { file: page.file, line: d?.line ?? s.source.line } });
      }
    }
    const rows = new Map(page.doc.request.map((r) => [r.name, r]));
    const skel = skeletonFields(page);
    for (const b of requestBodies([page])) {
      const ev: Evidence = { page, value: b.body, sampleLine: b.line, sampleText: page.doc.samples.find((s) => s.source.line === b.line)?.text };
      for (const [k, v] of Object.entries(b.body)) {
        const row = rows.get(k);
        if (!row && !skel.has(k)) {
          const similar = [...known].filter((n) => near(n, k) && n !== k);
          ctx.lint.push({
            code: similar.length ? 'suspicious-name' : 'unknown-in-sample',
            path: k,
            message: similar.length
              ? `sample sends "${k}", which no table or skeleton names; did it mean ${similar.map((x) => `"${x}"`).join(' or ')}?`
              : `sample sends "${k}", which this page's table${skel.size ? ' and request syntax' : ''} do${skel.size ? '' : 'es'} not name${known.has(k) ? ' (other pages do)' : ''}`,
            source: { file: page.file, line: lineOfKey(ev, k) },
          });
        } else if (row && !skel.has(k) && v !== null && !compatible(row.type.kind === 'ref' ? { kind: 'object' } : row.type, valueType(v))) {
          ctx.lint.push({
            code: 'sample-breaks-table',
            path: k,
            message: `sample sends ${JSON.stringify(v).slice(0, 60)} (${typeToString(valueType(v))}) where the page's table says ${row.rawType}`,
            source: { file: page.file, line: lineOfKey(ev, k) },
          });
        }
      }
    }
  }
}

const IN_OF_POSITION: Record<Position, ParamIn> = { Body: 'body', Query: 'query', Path: 'path', Header: 'header', Form: 'formData' };

/** Where a request parameter travels: the location its page states, else the query for RPC. */
function wireLocation(p: Parameter, style: 'ROA' | 'RPC' | null): ParamIn | null {
  if (p.position) return IN_OF_POSITION[p.position];
  return style === 'RPC' ? 'query' : null;
}

export function reconcileOperation(key: string, docs: DocumentIR[], manifest: Manifest): OperationModel {
  const pages = pagesOf(docs, manifest);
  const ctx: StructureContext = { opts: manifest.options, models: new Map(), conflicts: [], lint: [], pending: new Map() };
  const first = docs.find((d) => d.version) ?? docs[0]!;

  // Parameter order: the best-ranked page's order first, then names only older pages have.
  const ranked = pages.slice().sort((a, b) => compareSources(a, b, ctx.opts));
  const merge = (kind: 'request' | 'response'): Parameter[] => {
    const names: string[] = [];
    const rows = new Map<string, RowAt[]>();
    const restructured = new Map(pages.map((p) => [p, restructure(p.doc[kind], p.lang)]));
    for (const page of ranked) {
      // Tree rows and dotted names (`Tag.N.Key`) become one parameter with a structure.
      for (const row of restructured.get(page)!.rows) {
        if (!rows.has(row.name)) {
          rows.set(row.name, []);
          names.push(row.name);
        }
        rows.get(row.name)!.push({ page, row });
      }
      if (kind === 'request') for (const f of skeletonFields(page).keys()) if (!rows.has(f)) (rows.set(f, []), names.push(f));
    }
    const bodies = kind === 'request' ? requestBodies(pages) : [];
    return names.map((name) => {
      const evidence: Evidence[] = [];
      for (const page of pages) {
        const node = restructured.get(page)!.structures.get(name);
        if (node) evidence.push({ page, skeleton: node, fromRows: true });
      }
      if (kind === 'request') {
        for (const page of pages) {
          const node = skeletonFields(page).get(name);
          if (node) evidence.push({ page, skeleton: node });
        }
        for (const b of bodies)
          if (name in b.body) evidence.push({ page: b.page, value: b.body[name], recovered: b.recovered, sampleLine: b.line, sampleText: b.page.doc.samples.find((s) => s.source.line === b.line)?.text });
      }
      return mergeParameter({ name, rows: rows.get(name)!, evidence }, ctx, kind);
    });
  };
  const request = merge('request');
  const response = merge('response');
  const style = first.style ?? docs.find((d) => d.style)?.style ?? null;
  for (const p of request) p.in = wireLocation(p, style);
  buildModels(ctx);
  twinConflicts(pages, ctx);
  lintPages(pages, new Set(request.map((p) => p.name)), ctx);
  const { variants, notes, discriminators } = detectVariants(request, pages, requestBodies(pages), manifest, ctx.opts);
  // A discriminator's one-value enums pin a page to one kind; they do not narrow the parameter.
  for (const name of discriminators) {
    const p = request.find((x) => x.name === name)!;
    const all = enumUnion(pages, name);
    for (const v of variants) if (v.discriminator[name] !== undefined && !all.includes(v.discriminator[name]!)) all.push(v.discriminator[name]!);
    if (canon(all) === canon(p.enum ?? [])) continue;
    const c = ctx.conflicts.find((x) => x.path === name && x.kind === 'enum');
    if (c) {
      c.resolution = all;
      c.rule = 'discriminator-union';
    }
    p.enum = all;
    p.factSources.enum = dedupeSources(pages.flatMap((pg) => pg.doc.request.filter((r) => r.name === name && r.facts.enum).map((r) => r.facts.enum!.source)));
  }
  for (const p of pages) if (!p.date) notes.push(`${p.file} has no date (no "Last Updated" line and no entry in docs/manifest.json5): it ranks below dated pages`);

  const conflicts: Conflict[] = ctx.conflicts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const lint: LintItem[] = ctx.lint.sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line || (a.path < b.path ? -1 : 1)));
  return {
    id: key,
    name: first.operation!,
    product: first.product,
    version: first.version,
    method: ranked.find((p) => p.doc.method)?.doc.method ?? null,
    path: ranked.find((p) => p.doc.path)?.doc.path ?? null,
    style,
    documents: docs.map((d) => d.file).sort(),
    pages: pages.map((p) => ({ file: p.file, lang: p.lang, date: p.date, dateFrom: p.dateFrom, twin: p.twin, title: p.doc.title })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    request,
    response,
    models: [...ctx.models.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    variants,
    conflicts,
    lint,
    notes,
  };
}

export function reconcile(docs: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST): OperationModel[] {
  // Types linked to a data-type page (`[tag](.../通用数据结构.md)`) nest that page's rows first.
  const groups = groupByOperation(linkAcrossPages(docs));
  return [...groups].map(([key, list]) => reconcileOperation(key, list, manifest));
}

export { operationKey };
