/**
 * Compare two reconciled OperationModels and classify every difference by the rule table
 * (rules.ts). Pure: the same two models give the same changes, sorted.
 *
 * What is compared: top-level request parameters and response fields, and the fields of the
 * nested models they point at (by path, never by model name: `addon` and `addons` are the
 * same model when both hang under `addons[]`). For each: existence, type (refs count as
 * objects; an unstated type is not a change), required (only where both sides state it),
 * position, enum, default, range, length, item count, deprecation, and descriptions in each
 * language both sides have. A zh side against an en side is compared for meaning only.
 */
import type { Lang, LengthRange, Model, NumericRange, OperationModel, Parameter, Scalar, SourceRef, TypeRef, Variant } from '../model/ir.ts';
import { typeToString } from '../model/types.ts';
import { levelRank, rule, type Direction, type Level } from './rules.ts';

export interface Change {
  id: string;
  level: Level;
  direction: Direction;
  /** `name`, `addons[].name`, `runtime.version`, or `` for the operation itself. */
  path: string;
  /** The rule's title. */
  title: string;
  /** Value before / after (JSON); null when absent on that side. */
  before: unknown;
  after: unknown;
  /** Language of the text compared, for description changes. */
  lang?: Lang;
  /** Where each side states it; null when the side has no such thing. */
  old: SourceRef | null;
  new: SourceRef | null;
  /**
   * The line of the new side that names the parameter (its table row, else its skeleton or
   * sample line), where a CI annotation points; for a nested field removed, the row of the
   * parameter it was removed from; null for the operation itself or a top-level removal.
   */
  newRow: SourceRef | null;
  /** The level of the rule table, when the policy (config `diff.levels`) set another one. */
  ruleLevel?: Level;
  /** Accepted by an entry of the policy's ignore list: reported, but never counted against `--fail-on`. */
  ignored?: { reason: string; expires: string | null };
}

/** Changes by level (ignored ones only under `ignored`); `total` counts every change listed, ignored ones included. */
export interface Counts {
  breaking: number;
  warning: number;
  info: number;
  ignored: number;
  total: number;
}

export interface PageSummary {
  file: string;
  lang: Lang;
  date: string | null;
  /** Where the date came from: the page's "Last Updated", the file name, the folder's manifest, or the commit (a git history). */
  dateFrom: 'page' | 'file name' | 'manifest' | 'commit' | null;
  title: string | null;
  /** Variants (kinds of request) the page speaks for, as `id (discriminator)`; empty when unknown. */
  kinds: string[];
}

export interface SideSummary {
  label: string;
  operation: string | null;
  pages: PageSummary[];
  langs: Lang[];
}

/** One comparison: one operation, old side against new side. */
export interface OperationDiff {
  /** The operation's name. */
  operation: string;
  /** Its id (`CS/2015-12-15/CreateCluster`): the new side's, else the old side's. */
  id: string;
  old: SideSummary;
  new: SideSummary;
  crossLanguage: boolean;
  /** The two sides' pages describe different variants (kinds) of the operation. */
  kindsDiffer: boolean;
  notes: string[];
  changes: Change[];
  counts: Counts;
}

export interface CompareContext {
  /** Variants known for the operation (from a reconcile over more pages than the two sides). */
  variants: Variant[];
  /** Date and title of each page, by file (of the old side, and of the new side unless newPageInfo is given). */
  pageInfo: Map<string, Omit<PageSummary, 'kinds' | 'file' | 'lang'>>;
  /** Date and title of the new side's pages, when the two sides may hold different pages under one path (two git revisions). */
  newPageInfo?: Map<string, Omit<PageSummary, 'kinds' | 'file' | 'lang'>>;
  /** `file:line` of every parameter-table row of the pages (cited in preference to skeleton or sample lines). */
  rows?: Set<string>;
}

/** `file:line` of every request and response row of the documents, for CompareContext.rows. */
export function rowLines(docs: { request: { source: SourceRef }[]; response: { source: SourceRef }[] }[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) for (const r of [...d.request, ...d.response]) out.add(`${r.source.file}:${r.source.line}`);
  return out;
}

/** Start of the note that says the two sides describe different kinds (renderers highlight it). */
export const KINDS_NOTE = 'Different kinds:';

export function countChanges(changes: Change[]): Counts {
  const c: Counts = { breaking: 0, warning: 0, info: 0, ignored: 0, total: changes.length };
  for (const x of changes) {
    if (x.ignored) c.ignored++;
    else c[x.level]++;
  }
  return c;
}

export function addCounts(list: Counts[]): Counts {
  const c: Counts = { breaking: 0, warning: 0, info: 0, ignored: 0, total: 0 };
  for (const x of list) {
    c.breaking += x.breaking;
    c.warning += x.warning;
    c.info += x.info;
    c.ignored += x.ignored;
    c.total += x.total;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** Shape for comparison: a ref (named model) is an object whatever its name. */
function shape(t: TypeRef): string {
  switch (t.kind) {
    case 'array':
      return `array<${shape(t.items)}>`;
    case 'map':
      return `map<${shape(t.values)}>`;
    case 'ref':
      return 'object';
    default:
      return t.kind;
  }
}

/** Same shape, where an unstated part (`unknown`: a bare "Array", an empty type cell) matches anything. */
function sameShape(a: TypeRef, b: TypeRef): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return true;
  if (a.kind === 'array' && b.kind === 'array') return sameShape(a.items, b.items);
  if (a.kind === 'map' && b.kind === 'map') return sameShape(a.values, b.values);
  return shape(a) === shape(b);
}

/** integer → number, anywhere inside the same container. */
function generalizes(from: TypeRef, to: TypeRef): boolean {
  if (from.kind === 'integer' && to.kind === 'number') return true;
  if (from.kind === 'array' && to.kind === 'array') return generalizes(from.items, to.items);
  if (from.kind === 'map' && to.kind === 'map') return generalizes(from.values, to.values);
  return false;
}

function isScalar(v: unknown): v is string | number | boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean';
}

function key(v: Scalar): string {
  return String(v);
}

function interval(r: { min?: number; max?: number }): [number, number] {
  return [r.min ?? -Infinity, r.max ?? Infinity];
}

/** Does `b` allow something `a` does not? (closed sets and intervals) */
function allowsMore(a: NumericRange, b: NumericRange): boolean {
  if (b.values) {
    if (a.values) return b.values.some((v) => !a.values!.includes(v));
    const [lo, hi] = interval(a);
    return b.values.some((v) => v < lo || v > hi);
  }
  const [blo, bhi] = interval(b);
  if (a.values) return true; // an interval allows more than a finite set (unless degenerate)
  const [alo, ahi] = interval(a);
  return blo < alo || bhi > ahi;
}

function sameRange(a: NumericRange, b: NumericRange): boolean {
  return JSON.stringify([a.min ?? null, a.max ?? null, a.values ?? null]) === JSON.stringify([b.min ?? null, b.max ?? null, b.values ?? null]);
}

/** Text for comparing descriptions: whitespace and full-width forms carry no meaning (`GiB.Note` = `GiB. Note`, `：` = `:`). */
function normText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

/**
 * The source to cite: on the best-dated page among `sources` (newest first, then English, then
 * file name), the table row when one of the sources is a row, else the first line.
 */
function pick(sources: SourceRef[] | undefined, op: OperationModel, rows: Set<string>, lang?: Lang): SourceRef | null {
  if (!sources || sources.length === 0) return null;
  const info = new Map(op.pages.map((p) => [p.file, p]));
  const list = lang ? sources.filter((s) => info.get(s.file)?.lang === lang) : sources;
  const isRow = (s: SourceRef): number => (rows.has(`${s.file}:${s.line}`) ? 0 : 1);
  const sorted = (list.length ? list : sources).slice().sort((a, b) => {
    const pa = info.get(a.file);
    const pb = info.get(b.file);
    const da = pa?.date ?? '';
    const db = pb?.date ?? '';
    if (da !== db) return da < db ? 1 : -1;
    if (pa?.lang !== pb?.lang) return pa?.lang === 'en' ? -1 : 1;
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    return isRow(a) - isRow(b) || a.line - b.line;
  });
  return { file: sorted[0]!.file, line: sorted[0]!.line };
}

type FactName = keyof Parameter['factSources'];

function factSource(p: Parameter, fact: FactName, op: OperationModel, rows: Set<string>): SourceRef | null {
  return pick(p.factSources[fact], op, rows) ?? pick(p.sources, op, rows);
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

interface Walk {
  oldOp: OperationModel;
  newOp: OperationModel;
  /** Languages whose descriptions are compared (those both sides have). */
  langs: Lang[];
  changes: Change[];
  /** Parameters whose required flag one side does not state. */
  requiredUnstated: { old: number; new: number };
  /** `file:line` of every table row (preferred when citing a parameter). */
  rows: Set<string>;
}

function modelOf(t: TypeRef, op: OperationModel): { model: Model; suffix: string } | null {
  let suffix = '';
  let cur = t;
  for (;;) {
    if (cur.kind === 'array') (suffix += '[]'), (cur = cur.items);
    else if (cur.kind === 'map') (suffix += '{}'), (cur = cur.values);
    else break;
  }
  if (cur.kind !== 'ref') return null;
  const name = cur.name;
  const model = op.models.find((m) => m.name === name);
  return model ? { model, suffix } : null;
}

function summary(p: Parameter): Record<string, unknown> {
  const out: Record<string, unknown> = { type: typeToString(p.type) };
  if (p.requiredKnown) out.required = p.required;
  if (p.enum) out.enum = p.enum;
  if (p.default !== undefined) out.default = p.default;
  if (p.deprecated) out.deprecated = true;
  return out;
}

function push(w: Walk, id: string, path: string, before: unknown, after: unknown, old: SourceRef | null, neu: SourceRef | null, lang?: Lang): void {
  const rl = rule(id);
  const c: Change = { id, level: rl.level, direction: rl.direction, path, title: rl.title, before: before ?? null, after: after ?? null, old, new: neu, newRow: null };
  if (lang) c.lang = lang;
  w.changes.push(c);
}

function diffList(w: Walk, dir: 'request' | 'response', olds: Parameter[], news: Parameter[], prefix: string, seen: Set<string>): void {
  const nested = prefix !== '';
  const oldBy = new Map(olds.map((p) => [p.name, p]));
  const newBy = new Map(news.map((p) => [p.name, p]));
  const names = [...new Set([...news.map((p) => p.name), ...olds.map((p) => p.name)])];
  for (const name of names) {
    const path = nested ? `${prefix}.${name}` : name;
    const a = oldBy.get(name);
    const b = newBy.get(name);
    if (a && !b) {
      const id = dir === 'request' ? (nested ? 'request-field-removed' : 'request-parameter-removed') : nested ? 'response-nested-field-removed' : 'response-field-removed';
      push(w, id, path, summary(a), null, pick(a.sources, w.oldOp, w.rows), null);
      continue;
    }
    if (b && !a) {
      let id: string;
      if (dir === 'request') {
        const req = b.requiredKnown && b.required;
        id = nested ? (req ? 'request-field-added-required' : 'request-field-added-optional') : req ? 'request-parameter-added-required' : 'request-parameter-added-optional';
      } else id = nested ? 'response-nested-field-added' : 'response-field-added';
      push(w, id, path, null, summary(b), null, pick(b.sources, w.newOp, w.rows));
      w.changes[w.changes.length - 1]!.newRow = pick(b.sources, w.newOp, w.rows);
      continue;
    }
    if (a && b) {
      const start = w.changes.length;
      diffParam(w, dir, a, b, path, seen);
      // Nested changes already point at their own rows; the rest (and nested removals) at this one.
      const row = pick(b.sources, w.newOp, w.rows);
      for (let i = start; i < w.changes.length; i++) w.changes[i]!.newRow ??= row;
    }
  }
}

function diffParam(w: Walk, dir: 'request' | 'response', a: Parameter, b: Parameter, path: string, seen: Set<string>): void {
  const { oldOp, newOp } = w;
  const P = dir === 'request' ? 'request-parameter' : 'response-field';
  const src = (fact: FactName): [SourceRef | null, SourceRef | null] => [factSource(a, fact, oldOp, w.rows), factSource(b, fact, newOp, w.rows)];
  const factsFrom = w.changes.length;

  // type
  if (!sameShape(a.type, b.type)) {
    push(w, generalizes(a.type, b.type) ? `${P}-type-generalized` : `${P}-type-changed`, path, typeToString(a.type), typeToString(b.type), ...src('type'));
  }
  // required
  if (a.requiredKnown && b.requiredKnown) {
    if (a.required !== b.required) push(w, b.required ? `${P}-became-required` : `${P}-became-optional`, path, a.required, b.required, ...src('required'));
  } else if (a.requiredKnown !== b.requiredKnown) {
    if (!a.requiredKnown) w.requiredUnstated.old++;
    else w.requiredUnstated.new++;
  }
  // position (request only)
  if (dir === 'request' && a.position && b.position && a.position !== b.position) push(w, `${P}-position-changed`, path, a.position, b.position, pick(a.sources, oldOp, w.rows), pick(b.sources, newOp, w.rows));
  // enum
  if (a.enum && b.enum) {
    const ak = new Set(a.enum.map(key));
    const bk = new Set(b.enum.map(key));
    for (const v of a.enum) if (!bk.has(key(v))) push(w, `${P}-enum-value-removed`, path, v, null, ...src('enum'));
    for (const v of b.enum) if (!ak.has(key(v))) push(w, `${P}-enum-value-added`, path, null, v, ...src('enum'));
  } else if (b.enum && !a.enum) push(w, `${P}-enum-set`, path, null, b.enum, factSource(a, 'enum', oldOp, w.rows), factSource(b, 'enum', newOp, w.rows));
  else if (a.enum && !b.enum) push(w, `${P}-enum-unset`, path, a.enum, null, factSource(a, 'enum', oldOp, w.rows), factSource(b, 'enum', newOp, w.rows));
  // default
  if (a.default !== undefined && b.default !== undefined) {
    if (key(a.default) !== key(b.default)) push(w, `${P}-default-changed`, path, a.default, b.default, ...src('default'));
  } else if (b.default !== undefined) push(w, `${P}-default-set`, path, null, b.default, factSource(a, 'default', oldOp, w.rows), factSource(b, 'default', newOp, w.rows));
  else if (a.default !== undefined) push(w, `${P}-default-unset`, path, a.default, null, factSource(a, 'default', oldOp, w.rows), factSource(b, 'default', newOp, w.rows));
  // range, length, items
  for (const fact of ['range', 'length', 'items'] as const) {
    const ra = a[fact] as NumericRange | LengthRange | undefined;
    const rb = b[fact] as NumericRange | LengthRange | undefined;
    if (ra && rb) {
      if (sameRange(ra, rb)) continue;
      const lost = allowsMore(rb, ra); // the old one allowed something the new one does not
      const gained = allowsMore(ra, rb);
      if (lost || gained) push(w, `${P}-${fact}-${lost ? 'narrowed' : 'widened'}`, path, ra, rb, ...src(fact));
    } else if (rb) push(w, `${P}-${fact}-set`, path, null, rb, factSource(a, fact, oldOp, w.rows), factSource(b, fact, newOp, w.rows));
    else if (ra) push(w, `${P}-${fact}-unset`, path, ra, null, factSource(a, fact, oldOp, w.rows), factSource(b, fact, newOp, w.rows));
  }
  // deprecation
  if (a.deprecated !== b.deprecated) push(w, b.deprecated ? `${P}-deprecated` : `${P}-reactivated`, path, a.deprecated, b.deprecated, ...src('deprecated'));
  // descriptions, per language both sides have; a wording change that only restates a fact
  // change reported above ("Default value: a" → "Default value: b") is not reported twice
  const restated = w.changes.slice(factsFrom).filter((c) => isScalar(c.before) && isScalar(c.after));
  for (const lang of w.langs) {
    const da = a.description[lang];
    const db = b.description[lang];
    if (!da || !db || normText(da) === normText(db)) continue;
    if (restated.some((c) => normText(da.split(String(c.before)).join(String(c.after))) === normText(db))) continue;
    push(w, `${P}-description-changed`, path, da, db, pick(a.sources, oldOp, w.rows, lang), pick(b.sources, newOp, w.rows, lang), lang);
  }
  // nested model fields, by path
  const ma = modelOf(a.type, oldOp);
  const mb = modelOf(b.type, newOp);
  if (ma && mb) {
    const loopKey = `${ma.model.name}|${mb.model.name}`;
    if (seen.has(loopKey)) return;
    const next = new Set(seen).add(loopKey);
    diffList(w, dir, ma.model.fields, mb.model.fields, `${path}${mb.suffix}`, next);
  }
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

function discriminatorText(d: Record<string, Scalar>): string {
  return Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(', ');
}

export function kindLabel(v: Variant): string {
  return `${v.id} (${discriminatorText(v.discriminator)})`;
}

/** Variants whose evidence includes the page. */
export function kindsOf(file: string, variants: Variant[]): string[] {
  return variants.filter((v) => v.sources.some((s) => s.file === file)).map(kindLabel);
}

function sideSummary(label: string, op: OperationModel, ctx: CompareContext, side: 'old' | 'new'): SideSummary {
  const infos = side === 'new' ? (ctx.newPageInfo ?? ctx.pageInfo) : ctx.pageInfo;
  const pages: PageSummary[] = op.pages.map((p) => {
    const info = infos.get(p.file);
    return {
      file: p.file,
      lang: p.lang,
      date: info?.date ?? p.date,
      dateFrom: info ? info.dateFrom : p.dateFrom,
      title: info?.title ?? p.title,
      kinds: kindsOf(p.file, ctx.variants),
    };
  });
  const langs = [...new Set(pages.map((p) => p.lang))].sort();
  return { label, operation: op.id, pages, langs };
}

export function sortChanges(list: Change[]): Change[] {
  const dirRank = (d: Direction): number => ['operation', 'request', 'response'].indexOf(d);
  return list.sort(
    (x, y) =>
      levelRank(x.level) - levelRank(y.level) ||
      dirRank(x.direction) - dirRank(y.direction) ||
      (x.path < y.path ? -1 : x.path > y.path ? 1 : 0) ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) ||
      (JSON.stringify([x.before, x.after]) < JSON.stringify([y.before, y.after]) ? -1 : 1),
  );
}

export function diffOperationModels(oldLabel: string, oldOp: OperationModel, newLabel: string, newOp: OperationModel, ctx: CompareContext): OperationDiff {
  const old = sideSummary(oldLabel, oldOp, ctx, 'old');
  const neu = sideSummary(newLabel, newOp, ctx, 'new');
  const langs = old.langs.filter((l) => neu.langs.includes(l));
  const w: Walk = { oldOp, newOp, langs, changes: [], requiredUnstated: { old: 0, new: 0 }, rows: ctx.rows ?? new Set() };
  const notes: string[] = [];

  const opSrc = (op: OperationModel): SourceRef | null => (op.pages[0] ? { file: op.pages[0].file, line: 1 } : null);
  if (oldOp.method && newOp.method && oldOp.method !== newOp.method) push(w, 'operation-method-changed', '', oldOp.method, newOp.method, opSrc(oldOp), opSrc(newOp));
  if (oldOp.path && newOp.path && oldOp.path !== newOp.path) push(w, 'operation-path-changed', '', oldOp.path, newOp.path, opSrc(oldOp), opSrc(newOp));
  if (oldOp.version && newOp.version && oldOp.version !== newOp.version) push(w, 'operation-version-changed', '', oldOp.version, newOp.version, opSrc(oldOp), opSrc(newOp));

  diffList(w, 'request', oldOp.request, newOp.request, '', new Set());
  diffList(w, 'response', oldOp.response, newOp.response, '', new Set());

  const crossLanguage = langs.length === 0;
  if (crossLanguage)
    notes.push(`Cross-language comparison (${old.langs.join('+')} → ${neu.langs.join('+')}): differences of meaning only; descriptions are not compared, and "added"/"removed" means only one language's page has it.`);
  else if (old.langs.length !== neu.langs.length || old.langs.some((l) => !neu.langs.includes(l)))
    notes.push(`Descriptions compared in ${langs.join(', ')} only (the languages both sides have).`);
  for (const [side, n] of [
    ['old', w.requiredUnstated.old],
    ['new', w.requiredUnstated.new],
  ] as const) {
    if (n > 0) notes.push(`The ${side} side does not state whether ${n} parameter(s) are required (the other side does): required was not compared for them.`);
  }
  const kindsOld = [...new Set(old.pages.flatMap((p) => p.kinds))].sort();
  const kindsNew = [...new Set(neu.pages.flatMap((p) => p.kinds))].sort();
  const kindsDiffer = kindsOld.length > 0 && kindsNew.length > 0 && JSON.stringify(kindsOld) !== JSON.stringify(kindsNew);
  if (kindsDiffer)
    notes.push(
      `${KINDS_NOTE} the old side's pages describe ${kindsOld.join(' and ')}; the new side's describe ${kindsNew.join(' and ')}. Changes below may come from the kind of request each page documents, not from an update of the docs.`,
    );
  const changes = sortChanges(w.changes);
  return { operation: newOp.name, id: newOp.id, old, new: neu, crossLanguage, kindsDiffer, notes, changes, counts: countChanges(changes) };
}

/** An operation only one side has. */
export function unmatchedOperation(side: 'old' | 'new', oldLabel: string, newLabel: string, op: OperationModel, ctx: CompareContext): OperationDiff {
  const s = sideSummary(side === 'old' ? oldLabel : newLabel, op, ctx, side);
  const empty = (label: string): SideSummary => ({ label, operation: null, pages: [], langs: [] });
  const src = op.pages[0] ? { file: op.pages[0].file, line: 1 } : null;
  const id = side === 'old' ? 'operation-removed' : 'operation-added';
  const rl = rule(id);
  const ch: Change = { id, level: rl.level, direction: rl.direction, path: '', title: rl.title, before: side === 'old' ? op.id : null, after: side === 'new' ? op.id : null, old: side === 'old' ? src : null, new: side === 'new' ? src : null, newRow: null };
  return { operation: op.name, id: op.id, old: side === 'old' ? s : empty(oldLabel), new: side === 'new' ? s : empty(newLabel), crossLanguage: false, kindsDiffer: false, notes: [], changes: [ch], counts: countChanges([ch]) };
}
