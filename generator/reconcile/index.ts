/**
 * The reconcile stage: documents of one operation (versions × languages) → one
 * OperationModel with every conflict and its resolution, nested models, variants and doc lint.
 * Pure: the same documents give the same model whatever order they come in.
 */
import { nearIndex, type NearIndex } from './near.ts';
import type { Conflict, DocumentIR, LintItem, OperationModel, ParamRow, Parameter, SkeletonNode, TypeRef } from '../model/ir.ts';
import { typeToString } from '../model/types.ts';
import type { Claim } from './claims.ts';
import { canon, rank } from './claims.ts';
import { EMPTY_MANIFEST, type Manifest } from './manifest.ts';
import { groupByOperation, operationKey, operationNameOfKey, pagesOf, type Page } from './pages.ts';
import { linkAcrossPages } from './linked.ts';
import { mergeParameter, type RowAt } from './params.ts';
import { restructure } from './restructure.ts';
import { buildModels, compatible, dedupeSources, lineOfKey, valueType, type Evidence, type StructureContext } from './structure.ts';
import { detectVariants, eitherOrGroups, enumUnion, type SampleBody } from './variants.ts';
import { checkSamples } from './sample-check.ts';
import { decideStyle, isBodyRow, jsonShape, pathNames, saysJson, saysMap, wireEncoding, wireLocation, type Style } from './wire.ts';

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

/** Every field name anywhere under a structure node. */
function namesIn(node: SkeletonNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === 'object') for (const f of node.fields) namesIn(f.node, into.add(f.name));
  else if (node.kind === 'array' && node.items) namesIn(node.items, into);
  return into;
}

function skeletonFields(page: Page): Map<string, SkeletonNode> {
  const body = page.doc.skeleton?.body;
  const m = new Map<string, SkeletonNode>();
  if (body?.kind === 'object') for (const f of body.fields) m.set(f.name, f.node);
  return m;
}

/** Edit distance ≤ 2, for suspicious-name lint (names are short). */
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
  let knownIndex: NearIndex | null = null;
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
          const similar = (knownIndex ??= nearIndex([...known])).similar(k);
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

/**
 * Each request parameter's place and encoding on the wire (./wire.ts); the row that stands for
 * the body is not one. A body that is a JSON array (`[ {...} ]` in the request syntax or every
 * sample) becomes one parameter, `body`, whose items are the fields the page lists.
 */
function placeOnWire(request: Parameter[], pages: Page[], style: Style, method: string | null, path: string | null, ctx: StructureContext): Parameter[] {
  const inPath = pathNames(path);
  let out = request.filter((p) => !isBodyRow(p.name, p.type, style));
  // Every page's type cells by row name, in page order (one pass: a scan per parameter costs n²).
  const rawTypesOf = new Map<string, string[]>();
  for (const pg of pages) for (const r of pg.doc.request) (rawTypesOf.get(r.name) ?? rawTypesOf.set(r.name, []).get(r.name)!).push(r.rawType);
  for (const p of out) {
    p.in = wireLocation(p, style, method, inPath);
    const rawTypes = rawTypesOf.get(p.name) ?? [];
    const json = style === 'RPC' && saysJson(p, rawTypes);
    if (json) p.type = jsonShape(p);
    // A struct with no fields of its own that the page calls key-value pairs is a map.
    if (saysMap(p) && p.type.kind === 'object') p.type = { kind: 'map', values: mapValues(p) };
    const encoding = wireEncoding(p, style, json);
    if (encoding) p.encoding = encoding;
  }
  if (style === 'ROA' && bodyIsArray(pages)) {
    const fields = out.filter((p) => p.in === 'body');
    let name = 'body';
    while (ctx.models.has(name) || ctx.pending.has(name)) name = `${name}.item`;
    if (fields.length) ctx.models.set(name, { name, fields: fields.map((f) => ({ ...f, in: null })), sources: dedupeSources(fields.flatMap((f) => f.sources)) });
    else {
      // The page lists no field of the items (`| |Array of tag| |`): the request syntax and the samples show them.
      const evidence: Evidence[] = [];
      for (const pg of pages) {
        const b = pg.doc.skeleton?.body;
        if (b?.kind === 'array' && b.items) evidence.push({ page: pg, skeleton: b.items });
        for (const sm of pg.doc.samples) if (sm.kind === 'request' && sm.format === 'json' && sm.ok && Array.isArray(sm.value)) for (const item of sm.value) evidence.push({ page: pg, value: item, sampleLine: sm.source.line, sampleText: sm.text });
      }
      ctx.pending.set(name, evidence);
      ctx.models.set(name, { name, fields: [], sources: [] });
    }
    const body: Parameter = {
      name: 'body',
      type: { kind: 'array', items: { kind: 'ref', name } },
      required: true,
      requiredKnown: false,
      deprecated: false,
      description: { en: null, zh: null },
      examples: [],
      position: 'Body',
      in: 'body',
      isBody: true,
      sampleOnly: false,
      sources: dedupeSources(pages.flatMap((pg) => (pg.doc.skeleton?.body?.kind === 'array' ? [{ file: pg.file, line: pg.doc.skeleton.body.line }] : []))),
      factSources: {},
    };
    out = [...out.filter((p) => p.in !== 'body'), body];
  }
  return out;
}

/**
 * required-only-if-every-page-has-it (operations without variants, whose kinds would carry their
 * own required sets): a parameter is not required when a page as new as the one that requires
 * it documents the request without it.
 */
function relaxRequired(request: Parameter[], absent: Map<string, Page[]>, pages: Page[], ctx: StructureContext): void {
  // Names compare as a request's names do across pages that spell them differently (`RegionId`, `regionId`).
  const key = (n: string): string => n.toLowerCase().replace(/[_-]/g, '').replace(/\..*$/, '').replace(/s$/, ''); // InstanceIds ~ InstanceId.N
  const keysByFile = new Map(pages.map((p) => [p.file, new Set(p.doc.request.map((r) => key(r.name)))]));
  const ownRequired = new Map(pages.map((p) => [p, p.doc.request.filter((r) => r.required === true && r.depth === 0).map((r) => key(r.name))]));
  for (const p of request) {
    if (!p.required) continue;
    const backing = p.factSources.required ?? [];
    const dates = absent.get(p.name) ?? [];
    const newest = backing.map((s) => ctx.pageDates?.get(s.file) ?? null).sort().pop() ?? null;
    // Undated pages are as new as each other; a dated page is newer than an undated one. A page
    // without the parameter speaks for another use of the operation (not an older version) only
    // when it requires something of its own that the requiring pages do not have at all.
    const requiring = [...new Set(backing.map((s) => s.file))];
    const has = (file: string, k: string): boolean => keysByFile.get(file)?.has(k) ?? false;
    const without = dates.filter(
      (pg) => (newest === null || (pg.date !== null && pg.date >= newest)) && ownRequired.get(pg)!.some((k) => requiring.every((f) => !has(f, k))),
    );
    if (!without.length) continue;
    p.required = false;
    const values = rank(
      [
        ...backing.map((s) => ({ value: true, source: s, lang: ctx.pageLangs?.get(s.file) ?? 'en', date: ctx.pageDates?.get(s.file) ?? null })),
        ...without.map((pg) => ({ value: 'absent', source: { file: pg.file, line: pg.doc.tables.find((t) => t.kind === 'request')?.source.line ?? 1 }, lang: pg.lang, date: pg.date })),
      ] as Claim<unknown>[],
      ctx.opts,
    );
    const note = `${without.map((pg) => pg.file).join(', ')} document${without.length > 1 ? '' : 's'} the request without it`;
    const c = ctx.conflicts.find((x) => x.path === p.name && x.kind === 'required');
    if (c) Object.assign(c, { values, resolution: false, rule: 'required-only-if-every-page-has-it', note });
    else ctx.conflicts.push({ path: p.name, kind: 'required', values, resolution: false, rule: 'required-only-if-every-page-has-it', note });
  }
}

/** samples-show-optional (operations without variants): a body parameter a parsed sample request leaves out is not required. */
function optionalBySamples(request: Parameter[], bodies: SampleBody[], ctx: StructureContext): void {
  for (const p of request) {
    if (!p.required || p.in !== 'body') continue;
    const without = bodies.filter((b) => !(p.name in b.body));
    if (!without.length) continue;
    p.required = false;
    const values = [
      ...(p.factSources.required ?? []).map((s) => ({ value: true, source: s, lang: ctx.pageLangs?.get(s.file) ?? 'en', date: ctx.pageDates?.get(s.file) ?? null })),
      ...without.map((b) => ({ value: 'left out by a sample', source: { file: b.page.file, line: b.line }, lang: b.page.lang, date: b.page.date })),
    ];
    const c = ctx.conflicts.find((x) => x.path === p.name && x.kind === 'required');
    const note = `${without.length} sample request(s) leave it out: ${without.map((b) => `${b.page.file}:${b.line}`).join(', ')}`;
    if (c) Object.assign(c, { values: rank(values as Claim<unknown>[], ctx.opts), resolution: false, rule: 'samples-show-optional', note });
    else ctx.conflicts.push({ path: p.name, kind: 'required', values: rank(values as Claim<unknown>[], ctx.opts), resolution: false, rule: 'samples-show-optional', note });
  }
}

/** Does the request body travel as a JSON array: the request syntax shows one, or every parsed sample request is one? */
function bodyIsArray(pages: Page[]): boolean {
  if (pages.some((p) => p.doc.skeleton?.body?.kind === 'array')) return true;
  const bodies = pages.flatMap((p) => p.doc.samples.filter((s) => s.kind === 'request' && s.format === 'json' && s.ok).map((s) => s.value));
  return bodies.length > 0 && bodies.every((b) => Array.isArray(b));
}

/** The value type a map's examples show (`{"name":"Jack"}` → string); unknown when they show none. */
function mapValues(p: Parameter): TypeRef {
  for (const ex of p.examples) {
    try {
      const v = JSON.parse(ex) as unknown;
      if (isObj(v)) {
        const kinds = new Set(Object.values(v).map((x) => valueType(x).kind));
        if (kinds.size === 1) return valueType(Object.values(v)[0]);
      }
    } catch {
      // an example written for people
    }
  }
  return { kind: 'unknown' };
}

export function reconcileOperation(key: string, docs: DocumentIR[], manifest: Manifest): OperationModel {
  const pages = pagesOf(docs, manifest);
  const ctx: StructureContext = { opts: manifest.options, models: new Map(), conflicts: [], lint: [], pending: new Map(), pageDates: new Map(pages.map((p) => [p.file, p.date])), pageLangs: new Map(pages.map((p) => [p.file, p.lang])) };
  const first = docs.find((d) => d.version) ?? docs[0]!;

  // Parameter order: the best-ranked page's order first, then names only older pages have.
  const ranked = pages.slice().sort((a, b) => compareSources(a, b, ctx.opts));
  /** Request parameter → the pages whose request does not have it at all. */
  const absent = new Map<string, Page[]>();
  const merge = (kind: 'request' | 'response'): Parameter[] => {
    const names: string[] = [];
    const rows = new Map<string, RowAt[]>();
    const restructured = new Map(pages.map((p) => [p, restructure(p.doc, kind)]));
    for (const r of restructured.values()) ctx.lint.push(...r.lint);
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
    // union-of-pages: a field only the sample requests send is kept, sample-only, unless its name is
    // a near miss of a name the tables know (`vpc_id` for `vpcid`: suspicious-name says so).
    if (kind === 'request') {
      const tableNames = nearIndex([...rows.keys()]);
      for (const b of requestBodies(ranked).filter((x) => !x.recovered))
        for (const k of Object.keys(b.body)) if (!rows.has(k) && !tableNames.any(k)) (rows.set(k, []), names.push(k));
    }
    // placement-newer-page-wins: a name the best-ranked page that has it nests inside a structure
    // (`InstanceRenewAttributes.InstanceRenewAttribute[].InstanceId`) is not a top-level name,
    // whatever older pages that flatten it say.
    const nested = new Map<Page, Map<string, string>>();
    for (const page of ranked) {
      const where = new Map<string, string>();
      for (const [top, node] of restructured.get(page)!.structures) for (const n of namesIn(node)) if (!where.has(n)) where.set(n, top);
      nested.set(page, where);
    }
    // Names at the top of each page's rows, as sets: a scan per name would make a page of n rows cost n².
    const topNames = new Map(pages.map((p) => [p, new Set(restructured.get(p)!.rows.map((r) => r.name))]));
    const topOf = (page: Page, name: string): boolean => topNames.get(page)!.has(name) || (kind === 'request' && skeletonFields(page).has(name));
    const placed = names.filter((name) => {
      const lead = ranked.find((page) => topOf(page, name) || nested.get(page)!.has(name));
      if (!lead || topOf(lead, name)) return true;
      const inside = nested.get(lead)!.get(name)!;
      const flat = rows.get(name)!;
      if (flat.length === 0) return true;
      const at = restructured.get(lead)!.rows.find((r) => r.name === inside)!;
      ctx.conflicts.push({
        path: name,
        kind: 'existence',
        values: rank(
          [...flat.map((ra) => ({ value: 'top level', source: ra.row.source, lang: ra.page.lang, date: ra.page.date })), { value: `inside ${inside}`, source: at.source, lang: lead.lang, date: lead.date }],
          ctx.opts,
        ),
        resolution: `inside ${inside}`,
        rule: 'placement-newer-page-wins',
        note: `older pages list ${name} at the top of the ${kind}; the best-ranked page that has it nests it inside ${inside}`,
      });
      return false;
    });
    const bodies = kind === 'request' ? requestBodies(pages) : [];
    return placed.map((name) => {
      const evidence: Evidence[] = [];
      for (const page of pages) {
        const node = restructured.get(page)!.structures.get(name);
        if (node) evidence.push({ page, skeleton: node, fromRows: true, names: namesIn(node) });
      }
      if (kind === 'request') {
        for (const page of pages) {
          const node = skeletonFields(page).get(name);
          if (node) evidence.push({ page, skeleton: node });
        }
        for (const b of bodies)
          if (name in b.body) evidence.push({ page: b.page, value: b.body[name], recovered: b.recovered, sampleLine: b.line, sampleText: b.page.doc.samples.find((s) => s.source.line === b.line)?.text });
      }
      if (kind === 'request') absent.set(name, pages.filter((pg) => pg.doc.request.length > 0 && !topOf(pg, name) && !nested.get(pg)!.has(name)));
      return mergeParameter({ name, rows: rows.get(name)!, evidence }, ctx, kind);
    });
  };
  const style = decideStyle(ranked.map((p) => p.doc));
  const method = ranked.find((p) => p.doc.method)?.doc.method ?? null;
  const path = ranked.find((p) => p.doc.path)?.doc.path ?? null;
  const request = placeOnWire(merge('request'), pages, style, method, path, ctx);
  const response = merge('response');
  buildModels(ctx);
  twinConflicts(pages, ctx);
  lintPages(pages, new Set(request.filter((p) => !p.sampleOnly).map((p) => p.name)), ctx);
  const { variants, notes, discriminators } = detectVariants(request, pages, requestBodies(pages), manifest, ctx.opts);
  // A discriminator's one-value enums pin a page to one kind; they do not narrow the parameter.
  for (const name of discriminators) {
    const p = request.find((x) => x.name === name)!;
    const all = enumUnion(pages, name);
    for (const v of variants) if (v.discriminator[name] !== undefined && !all.includes(v.discriminator[name]!)) all.push(v.discriminator[name]!);
    // The union speaks for every kind: a value a sample of one kind sends is no reason to drop it.
    ctx.conflicts = ctx.conflicts.filter((x) => !(x.path === name && x.kind === 'enum' && x.rule === 'used-values-beat-mined-facts'));
    if (canon(all) === canon(p.enum ?? [])) continue;
    const c = ctx.conflicts.find((x) => x.path === name && x.kind === 'enum');
    if (c) {
      c.resolution = all;
      c.rule = 'discriminator-union';
    }
    p.enum = all;
    p.factSources.enum = dedupeSources(pages.flatMap((pg) => pg.doc.request.filter((r) => r.name === name && r.facts.enum).map((r) => r.facts.enum!.source)));
  }
  // Without variants, "set X or Y" makes the pair required, not each member.
  const requiredOneOf: string[][] = [];
  if (variants.length === 0) {
    relaxRequired(request, absent, pages, ctx);
    optionalBySamples(request, requestBodies(pages).filter((b) => !b.recovered), ctx);
    for (const g of eitherOrGroups(pages, new Set(request.map((p) => p.name)))) {
      const members = g.map((n) => request.find((p) => p.name === n)!);
      if (!members.some((p) => p.required)) continue;
      for (const p of members) p.required = false;
      requiredOneOf.push(g);
      notes.push(`${g.join(' or ')}: the pages say to set one or the other, so neither is required on its own`);
    }
  }
  // What the validator of each sample's kind rejects that the other lint does not say (./sample-check.ts).
  ctx.lint.push(...checkSamples({ request, variants, requiredOneOf, models: ctx.models, pages }));
  for (const p of pages) if (!p.date) notes.push(`${p.file} has no date (no "Last Updated" line and no entry in docs/manifest.json5): it ranks below dated pages`);

  const conflicts: Conflict[] = ctx.conflicts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const lint: LintItem[] = ctx.lint.sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line || (a.path < b.path ? -1 : 1)));
  return {
    id: key,
    // The group key carries the spelling grouping chose (pages.ts `spelling`: names that differ only in case are one operation).
    name: operationNameOfKey(key),
    product: first.product,
    version: first.version,
    method,
    path,
    style,
    documents: docs.map((d) => d.file).sort(),
    pages: pages.map((p) => ({ file: p.file, lang: p.lang, date: p.date, dateFrom: p.dateFrom, twin: p.twin, title: p.doc.title })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    request,
    response,
    models: [...ctx.models.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    variants,
    ...(requiredOneOf.length ? { requiredOneOf } : {}),
    conflicts,
    lint,
    notes,
  };
}

/**
 * What reconcile asks of a memo (the engine's EmitMemo is one; the caller adds the generator's
 * code version to every input): the stored output of a step for an input, and storing one.
 */
export interface ReconcileMemo {
  get(step: string, input: string, valid?: (body: string) => boolean): string | null;
  put(step: string, input: string, output: string): void;
}

/** A memo entry: a JSON OperationModel (a body of another shape is a miss). */
function isOperationModel(body: string): boolean {
  try {
    const v = JSON.parse(body) as Partial<OperationModel> | null;
    return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.name === 'string' && Array.isArray(v.request) && Array.isArray(v.response) && Array.isArray(v.documents) && Array.isArray(v.pages) && Array.isArray(v.variants);
  } catch {
    return false;
  }
}

/**
 * With a memo, each operation is looked up by its input (its key, its pages as linked, the
 * manifest): an operation is a function of these alone, so a touched page reconciles its own
 * operation again and takes every other one from the memo.
 */
export function reconcile(docs: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST, memo?: ReconcileMemo): OperationModel[] {
  // Types linked to a data-type page (`[tag](.../通用数据结构.md)`) nest that page's rows first.
  const groups = groupByOperation(linkAcrossPages(docs));
  return [...groups].map(([key, list]) => {
    if (!memo) return reconcileOperation(key, list, manifest);
    const input = JSON.stringify([key, list, manifest]);
    const stored = memo.get('reconcile', input, isOperationModel);
    if (stored !== null) return JSON.parse(stored) as OperationModel;
    const op = reconcileOperation(key, list, manifest);
    memo.put('reconcile', input, JSON.stringify(op));
    return op;
  });
}

export { operationKey, operationNameOfKey };
