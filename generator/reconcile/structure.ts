/**
 * Structure evidence: request-syntax skeletons and sample bodies, turned into types and
 * named models for every nested object (the tables only name them: `tag`, `runtime`, ...).
 */
import type { Conflict, Fact, Lang, LintItem, Model, ParamRow, Parameter, SkeletonNode, SourceRef, TypeRef } from '../model/ir.ts';
import type { RowField } from './restructure.ts';
import { typeToString } from '../model/types.ts';
import { resolveFact, type Claim } from './claims.ts';
import type { Page } from './pages.ts';
import { compareSources, type ReconcileOptions } from './rules.ts';
import { exampleValue, factContradicted, outsideEnum, outsideRange, sampleScalars, type UsedValue } from './used-values.ts';

export function skeletonType(n: SkeletonNode): TypeRef {
  if (n.kind === 'object') return { kind: 'object' };
  if (n.kind === 'array') return { kind: 'array', items: n.items ? skeletonType(n.items) : { kind: 'unknown' } };
  return { kind: n.type };
}

export function valueType(v: unknown): TypeRef {
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'boolean') return { kind: 'boolean' };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'integer' : 'number' };
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null && x !== undefined);
    return { kind: 'array', items: first === undefined ? { kind: 'unknown' } : valueType(first) };
  }
  if (v && typeof v === 'object') return { kind: 'object' };
  return { kind: 'unknown' };
}

/** Does `a` say everything `b` says and more (`b` has `unknown` where `a` has a type)? */
export function subsumes(a: TypeRef, b: TypeRef): boolean {
  if (b.kind === 'unknown') return a.kind !== 'unknown';
  if (a.kind === 'array' && b.kind === 'array') return subsumes(a.items, b.items);
  if (a.kind === 'map' && b.kind === 'map') return subsumes(a.values, b.values);
  return false;
}

/** The JSON type of a scalar example as written (`40` → integer, `true` → boolean, anything else → string). */
function exampleScalar(text: string): TypeRef {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return { kind: 'integer' };
  if (/^-?\d+\.\d+$/.test(t)) return { kind: 'number' };
  if (t === 'true' || t === 'false') return { kind: 'boolean' };
  return { kind: 'string' };
}

/** The item type a row's example or description shows for a list (`["sg-1"]`, `i-xxx`, `格式为["a", "b"]`); null when neither says. */
function itemTypeOf(row: ParamRow): TypeRef | null {
  // In words, only a list of quoted values is one (`["sg-1", …]`): `[1，3]` is a range.
  const texts = [row.example ?? '', ...(row.description.match(/\[\s*"[^"\]]*"/g) ?? []).map((m) => `${m}]`)];
  for (const text of texts) {
    const t = text.trim();
    if (t === '') continue;
    if (t.startsWith('[')) {
      try {
        const v = JSON.parse(t.replace(/,?\s*(…|\.\.\.).*\]$/, ']')) as unknown;
        if (Array.isArray(v) && v.length && v[0] !== null && typeof v[0] !== 'object') return valueType(v[0]);
      } catch {
        // not JSON: a list written for people
      }
      continue;
    }
    if (/^[[{"]/.test(t)) continue;
    return exampleScalar(t.split(/\s*,\s*/)[0]!);
  }
  return null;
}

/**
 * A list whose item type no source states (`RepeatList`, `List`, `Array`) takes it from the rows'
 * examples or descriptions (the first that shows one, best-ranked row first).
 */
export function fillItemTypes(t: TypeRef, rows: ParamRow[]): TypeRef {
  if (t.kind !== 'array') return t;
  if (t.items.kind === 'unknown') {
    for (const r of rows) {
      const it = itemTypeOf(r);
      if (it) return { kind: 'array', items: it };
    }
    return t;
  }
  return { kind: 'array', items: fillItemTypes(t.items, rows) };
}

/** Shape: what a value looks like on the wire (a named model is an object). */
export function shape(t: TypeRef): string {
  switch (t.kind) {
    case 'ref':
    case 'map':
      return 'object';
    case 'array':
      return `array<${shape(t.items)}>`;
    default:
      return t.kind;
  }
}

/** Can a sample value of type `v` stand where `declared` is expected? */
export function compatible(declared: TypeRef, v: TypeRef): boolean {
  if (declared.kind === 'unknown' || v.kind === 'unknown') return true;
  if (declared.kind === 'number' && v.kind === 'integer') return true;
  if (declared.kind === 'array') return v.kind === 'array' && compatible(declared.items, v.items);
  return shape(declared) === shape(v);
}

/** One piece of evidence for a position in the request body. */
export interface Evidence {
  page: Page;
  skeleton?: SkeletonNode;
  /** The structure comes from table rows (tree rows, dotted names), not a request-syntax skeleton. */
  fromRows?: boolean;
  /** Every name anywhere in this page's structure of the top-level parameter (for placement). */
  names?: Set<string>;
  /** A sample value; `recovered` when the sample is not valid JSON. */
  value?: unknown;
  recovered?: boolean;
  sampleLine?: number;
  sampleText?: string;
  /**
   * Where the skeleton node is stated, when that is not `page` (a row a link brought in from a
   * data-type page keeps that page's file and line).
   */
  at?: SourceRef;
}

/** Where an evidence's skeleton node is stated: its own place, else its page at the node's line. */
export function skeletonSource(e: Evidence): SourceRef {
  return e.at ?? { file: e.page.file, line: e.skeleton!.line };
}

export interface StructureContext {
  opts: ReconcileOptions;
  models: Map<string, Model>;
  conflicts: Conflict[];
  lint: LintItem[];
  /** Model name → evidence gathered from every place that uses it. */
  pending: Map<string, Evidence[]>;
  /**
   * Model name → the sub-fields the rows declaring it list with their required flag
   * (Facts.fields: "- name: required. …"), best-ranked row first.
   */
  fieldFlags?: Map<string, Fact<Record<string, boolean>>[]>;
  /** Each page's precedence date and language, by file (set by reconcileOperation). */
  pageDates?: Map<string, string | null>;
  pageLangs?: Map<string, Lang>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The first line of a sample's text holding `"X"`, for every X between two consecutive quotes of
 * a line: one pass over the text, kept for the last text asked about (the keys of one sample are
 * looked up one after another; a scan per key made a sample of n keys cost n²).
 */
let quotedText: string | null = null;
let quotedLines = new Map<string, number>();
function quotedIndex(text: string): Map<string, number> {
  if (text === quotedText) return quotedLines;
  const index = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let q = l.indexOf('"');
    while (q >= 0) {
      const next = l.indexOf('"', q + 1);
      if (next < 0) break;
      const x = l.slice(q + 1, next);
      if (!index.has(x)) index.set(x, i);
      q = next;
    }
  }
  quotedText = text;
  quotedLines = index;
  return index;
}

/** Line of `"key"` inside a sample, searching from the sample's first line. */
export function lineOfKey(e: Evidence, key: string): number {
  if (!e.sampleText || e.sampleLine === undefined) return e.sampleLine ?? 0;
  // A key with a quote in it cannot sit between two consecutive quotes: scan for it.
  const i = key.includes('"') ? e.sampleText.split('\n').findIndex((l) => l.includes(`"${key}"`)) : (quotedIndex(e.sampleText).get(key) ?? -1);
  return e.sampleLine + Math.max(0, i);
}

/** The evidence one level down: a field of objects, or the items of arrays. */
function childEvidence(list: Evidence[], field: string | null): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list) {
    if (e.skeleton) {
      const n = e.skeleton;
      const file = e.at?.file ?? e.page.file;
      if (field === null && n.kind === 'array' && n.items) out.push({ page: e.page, skeleton: n.items, fromRows: e.fromRows, names: e.names, ...(e.at ? { at: { file, line: n.items.line } } : {}) });
      if (field !== null && n.kind === 'object') {
        const f = n.fields.find((x) => x.name === field) as RowField | undefined;
        // A field from a row is stated where the row is (a linked data-type page's row stays on that page).
        const at = f?.row ? { file: f.row.source.file, line: f.node.line } : e.at ? { file, line: f?.node.line ?? e.at.line } : undefined;
        if (f) out.push({ page: e.page, skeleton: f.node, fromRows: e.fromRows, names: e.names, ...(at && at.file !== e.page.file ? { at } : {}) });
      }
    }
    if ('value' in e) {
      if (field === null && Array.isArray(e.value)) for (const item of e.value) out.push({ ...e, value: item });
      if (field !== null && isObj(e.value) && field in e.value) out.push({ ...e, value: e.value[field] });
    }
  }
  return out;
}

/** Decide the type at one position from skeletons (declared) and samples. */
function declaredType(path: string, ev: Evidence[], ctx: StructureContext): { type: TypeRef; sampleOnly: boolean; sources: SourceRef[] } {
  const all: Claim<TypeRef>[] = ev
    .filter((e) => e.skeleton)
    .map((e) => ({ value: skeletonType(e.skeleton!), source: skeletonSource(e), lang: e.page.lang, date: e.page.date }));
  // Explicit beats empty: a source that leaves the type (or an item type) unsaid gives way to one that says it.
  const sk = all.filter((c) => !all.some((o) => o !== c && subsumes(o.value, c.value)));
  if (sk.length) {
    const r = resolveFact(path, 'type', sk, ctx.opts)!;
    const strings = samplesSendStrings(r.value, ev);
    if (strings) {
      ctx.conflicts.push(stringsConflict(path, r.value, sk, strings));
      return { type: { kind: 'string' }, sampleOnly: false, sources: sk.map((c) => c.source) };
    }
    if (r.conflict) ctx.conflicts.push({ ...r.conflict, values: r.conflict.values.map((v) => ({ ...v, value: typeToString(v.value as TypeRef) })), resolution: typeToString(r.value) });
    return { type: r.value, sampleOnly: false, sources: sk.map((c) => c.source) };
  }
  const samples = ev.filter((e) => 'value' in e && e.value !== null && e.value !== undefined);
  const types = samples.map((e) => valueType(e.value));
  // Prefer the most informative sample type (an array with known items over an empty one).
  const best = types.find((t) => !(t.kind === 'array' && t.items.kind === 'unknown')) ?? types[0] ?? { kind: 'unknown' as const };
  // The line of the sample that sends the field (its key), not the sample's first line.
  const key = path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
  return { type: best, sampleOnly: true, sources: samples.map((e) => ({ file: e.page.file, line: lineOfKey(e, key) })) };
}

const TEXT_OF: Partial<Record<TypeRef['kind'], RegExp>> = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/, boolean: /^(true|false)$/ };

/**
 * samples-agree-on-json-type: the request samples (at least two, parsed) all send the value as a
 * JSON string holding what the declared type says (`"size": "40"` where the table says Long):
 * that string is what travels. Null when they do not all do.
 */
export function samplesSendStrings(declared: TypeRef, ev: Evidence[]): Evidence[] | null {
  const text = TEXT_OF[declared.kind];
  if (!text) return null;
  const samples = ev.filter((e) => 'value' in e && !e.recovered && e.value !== null && e.value !== undefined);
  if (samples.length < 2) return null;
  return samples.every((e) => typeof e.value === 'string' && text.test(e.value.trim())) ? samples : null;
}

export function stringsConflict(path: string, declared: TypeRef, claims: Claim<TypeRef>[], samples: Evidence[]): Conflict {
  const field = path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
  return {
    path,
    kind: 'type',
    values: [
      ...claims.map((c) => ({ value: typeToString(c.value), source: c.source, lang: c.lang, date: c.date })),
      ...samples.map((e) => ({ value: `sample: ${JSON.stringify(e.value)}`, source: { file: e.page.file, line: lineOfKey(e, field) }, lang: e.page.lang, date: e.page.date })),
    ],
    resolution: 'string',
    rule: 'samples-agree-on-json-type',
    note: `the pages declare ${typeToString(declared)}; all ${samples.length} sample requests send it as a string of that: typed string`,
  };
}

/** Report sample values that contradict their own page's skeleton. */
function lintSamples(path: string, ev: Evidence[], ctx: StructureContext): void {
  const declared = ev.find((x) => x.skeleton);
  if (declared && samplesSendStrings(skeletonType(declared.skeleton!), ev)) return;
  for (const e of ev) {
    if (!('value' in e) || e.value === null || e.value === undefined) continue;
    const own = ev.find((x) => x.skeleton && x.page === e.page);
    if (!own) continue;
    const declared = skeletonType(own.skeleton!);
    const got = valueType(e.value);
    if (!compatible(declared, got)) {
      const field = path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
      ctx.lint.push({
        code: 'sample-breaks-table',
        path,
        message: `sample sends ${JSON.stringify(e.value)} (${typeToString(got)}) where the page's own request syntax says ${own.skeleton!.kind === 'scalar' ? own.skeleton!.raw : typeToString(declared)}`,
        source: { file: e.page.file, line: lineOfKey(e, field) },
      });
    }
  }
}

/**
 * The type of a position, registering a model for every object found below it.
 * `modelName` names the model if the position (or its items) is an object.
 */
export function structureType(path: string, modelName: string, ev: Evidence[], ctx: StructureContext, fieldFlags: Fact<Record<string, boolean>>[] = []): { type: TypeRef; sampleOnly: boolean; sources: SourceRef[] } {
  const d = declaredType(path, ev, ctx);
  lintSamples(path, ev, ctx);
  const wrap = (t: TypeRef, e: Evidence[], name: string, p: string): TypeRef => {
    if (t.kind === 'object') {
      // The declaring rows' list of sub-fields and their flags goes to the model (its items, for a list).
      if (fieldFlags.length) (ctx.fieldFlags ??= new Map()).set(name, [...(ctx.fieldFlags.get(name) ?? []), ...fieldFlags]);
      const list = ctx.pending.get(name) ?? [];
      list.push(...e);
      ctx.pending.set(name, list);
      ctx.models.set(name, ctx.models.get(name) ?? { name, fields: [], sources: [] });
      return { kind: 'ref', name };
    }
    if (t.kind === 'array') return { kind: 'array', items: wrap(t.items, childEvidence(e, null), name, `${p}[]`) };
    return t;
  };
  return { ...d, type: wrap(d.type, ev, modelName, path) };
}

/** Build every model that has pending evidence (models discovered while building are built too). */
export function buildModels(ctx: StructureContext): void {
  const built = new Set<string>();
  for (;;) {
    const next = [...ctx.pending.keys()].filter((k) => !built.has(k)).sort()[0];
    if (next === undefined) break;
    built.add(next);
    const ev = ctx.pending.get(next)!;
    const names: string[] = [];
    const skeletonNames = new Set<string>();
    // Field order: the best-ranked skeleton first, then the others, then sample-only fields.
    const bySkeleton = ev.filter((e) => e.skeleton?.kind === 'object').sort((a, b) => compareSources(a.page, b.page, ctx.opts));
    const lead = bySkeleton[0];
    const own = new Set(lead ? (lead.skeleton as Extract<SkeletonNode, { kind: 'object' }>).fields.map((f) => f.name) : []);
    for (const e of bySkeleton) for (const f of (e.skeleton as Extract<SkeletonNode, { kind: 'object' }>).fields) {
      // placement-newer-page-wins: a name the best-ranked page puts elsewhere is not this model's.
      if (e !== lead && !own.has(f.name) && lead?.names?.has(f.name) && e.page !== lead.page) continue;
      skeletonNames.add(f.name);
      if (!names.includes(f.name)) names.push(f.name);
    }
    for (const e of ev) if (isObj(e.value)) for (const k of Object.keys(e.value)) if (!names.includes(k)) names.push(k);
    const fields: Parameter[] = names.map((name) => {
      const child = childEvidence(ev, name);
      // Fields that come from table rows (tree rows, dotted names) carry the rows' words and flags.
      const rows = bySkeleton
        .map((e) => ({ e, f: (e.skeleton as Extract<SkeletonNode, { kind: 'object' }>).fields.find((f) => f.name === name) as RowField | undefined }))
        .filter((x): x is { e: Evidence; f: RowField & { row: ParamRow } } => Boolean(x.f?.row));
      const s = structureType(`${next}.${name}`, `${next}.${name}`, child, ctx, rows.flatMap((x) => (x.f.row.facts.fields ? [x.f.row.facts.fields] : [])));
      const best = (lang?: 'en' | 'zh'): ParamRow | undefined => rows.find((x) => (!lang || x.e.page.lang === lang))?.f.row;
      const top = best();
      // Required as the field's own row states it; else as the row declaring the model lists it ("- name: required").
      const stated = rows.some((x) => x.f.row.required !== null);
      const listed = stated ? undefined : ctx.fieldFlags?.get(next)?.find((f) => Object.prototype.hasOwnProperty.call(f.value, name));
      const p: Parameter = {
        name,
        type: fillItemTypes(s.type, rows.map((x) => x.f.row)),
        required: stated ? top?.required === true : listed ? listed.value[name] === true : false,
        requiredKnown: Boolean(stated || listed),
        deprecated: Boolean(top?.facts.deprecated),
        description: { en: best('en')?.description || null, zh: best('zh')?.description || null },
        examples: [...new Set(rows.map((x) => x.f.row.example).filter((v): v is string => v !== null))],
        position: null,
        in: null,
        sampleOnly: !skeletonNames.has(name),
        sources: dedupeSources([...s.sources, ...rows.map((x) => x.f.row.source)]),
        factSources: { type: dedupeSources(s.sources), ...(listed ? { required: [listed.source] } : {}) },
      };
      // used-values-beat-mined-facts (./used-values.ts): the examples and sample values the pages use must be allowed.
      const used: UsedValue[] = [
        ...rows.flatMap((x) => {
          const v = exampleValue(x.f.row);
          return v === null ? [] : [{ value: v, source: x.f.row.source, page: x.e.page, from: 'example' as const }];
        }),
        ...child.filter((e) => 'value' in e && !e.recovered).flatMap((e) => sampleScalars(e.value).map((v) => ({ value: v, source: { file: e.page.file, line: lineOfKey(e, name) }, page: e.page, from: 'sample' as const }))),
      ];
      const path = `${next}.${name}`;
      if (top?.facts.enum) {
        const bad = outsideEnum(top.facts.enum.value, used);
        if (bad) ctx.conflicts.push(factContradicted(path, 'enum', { ...top.facts.enum, page: rows[0]!.e.page }, bad));
        else p.enum = top.facts.enum.value;
      }
      if (top?.facts.default) p.default = top.facts.default.value;
      if (top?.facts.range) {
        const bad = outsideRange(top.facts.range.value, used);
        if (bad) ctx.conflicts.push(factContradicted(path, 'range', { ...top.facts.range, page: rows[0]!.e.page }, bad));
        else p.range = top.facts.range.value;
      }
      if (top?.facts.length) p.length = top.facts.length.value;
      if (top?.facts.items && p.type.kind === 'array') p.items = top.facts.items.value;
      return p;
    });
    const sources = dedupeSources(ev.filter((e) => e.skeleton).map(skeletonSource));
    ctx.models.set(next, { name: next, fields, sources });
  }
}

export function dedupeSources(list: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const s of list) {
    const k = `${s.file}:${s.line}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
