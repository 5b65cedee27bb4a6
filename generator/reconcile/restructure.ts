/**
 * Tables that spell structure out in rows: tree rows (`└Name` under a parent row, or members
 * placed under their struct by generator/parse/nesting.ts) and dotted RPC names (`Tag.N.Key`,
 * `SystemDisk.Size`, `ResourceId.N`). Both become a top-level row plus a structure tree (the same
 * shape a request-syntax skeleton gives), whose fields keep their rows so a model's fields get
 * the rows' descriptions, flags and facts. Response structures are then fitted to the page's own
 * samples (./shape.ts): the wire's wrapper levels and lists.
 *
 * - A dotted name is a path: `.N` (or `.n`, or a digit) after a part makes that part a list
 *   (1-based on the wire), any other dot an object's field. `InstanceId.N` is the list itself: its
 *   type cell names the list (`RepeatList`, `List`, `Array of String`) or its items (`String`);
 *   either way one array level.
 * - An element row (`Instances | Array of Instance`, then `Instance | | |` holding the members) is
 *   the wire's wrapper: `Instances` is an object whose `Instance` is the list.
 */
import type { DocumentIR, LintItem, ParamRow, SkeletonField, SkeletonNode, TypeRef } from '../model/ir.ts';
import { fit, fitExamples, objectAlong, pathTo, responseSamples, sampleSpelling, topValues, type FitContext, type SampleAt } from './shape.ts';
import { shape as shapeOf } from './structure.ts';

/** A skeleton field built from a table row. */
export interface RowField extends SkeletonField {
  row?: ParamRow;
}

function scalarNode(t: TypeRef, line: number): SkeletonNode {
  if (t.kind === 'string' || t.kind === 'integer' || t.kind === 'number' || t.kind === 'boolean') return { kind: 'scalar', type: t.kind, raw: t.kind, line };
  if (t.kind === 'array') return { kind: 'array', items: scalarNode(t.items, line), line };
  if (t.kind === 'object' || t.kind === 'ref' || t.kind === 'map') return { kind: 'object', fields: [], line };
  return { kind: 'scalar', type: 'unknown', raw: '', line };
}

/** A row that is a list by its name (`InstanceId.N`): one array level, whatever the type cell calls it. */
function listNode(t: TypeRef, line: number): SkeletonNode {
  return { kind: 'array', items: scalarNode(t.kind === 'array' ? t.items : t, line), line };
}

/** A parent row with children: array of objects or one object, from its type (or, when empty, its words). */
function containerIsArray(row: ParamRow): boolean {
  if (row.type.kind === 'array') return true;
  if (row.type.kind === 'object' || row.type.kind === 'ref' || row.type.kind === 'map') return /^(array|list|repeatlist)/i.test(row.rawType);
  return /集合|列表|数组|组成的|\blist\b|\barray\b|collection|\bset of\b|details of/i.test(row.description);
}

/** `Array of Instance` → `Instance`. */
function itemName(rawType: string): string | null {
  return /^(?:array|list|repeatlist)\s*(?:of\s*|<\s*)([A-Za-z_][\w.]*)\s*>?$/i.exec(rawType.trim())?.[1] ?? null;
}

interface Parsed {
  parts: { name: string; array: boolean }[];
}

const INDEX = /^([Nn]|\d+)$/;
const PART = /^[A-Za-z_$][\w$-]*$/;

/** `Tag.N.Key` → [Tag[], Key]; `ResourceId.N` → [ResourceId[]]; `SystemDisk.Size` → [SystemDisk, Size]; null for a plain name. */
export function dottedPath(name: string): Parsed | null {
  // `Status. Code` (a space after the dot, as some English pages write it) is `Status.Code`.
  const toks = name.replace(/\s*\.\s*/g, '.').split('.');
  if (toks.length < 2) return null;
  const parts: { name: string; array: boolean }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!PART.test(t) || INDEX.test(t)) return null;
    const next = toks[i + 1];
    if (next !== undefined && INDEX.test(next)) {
      parts.push({ name: t, array: true });
      i++;
    } else parts.push({ name: t, array: false });
  }
  return { parts };
}

export interface Restructured {
  rows: ParamRow[];
  structures: Map<string, SkeletonNode>;
  lint: LintItem[];
}

/** Insert the row at `parts` under `fields` (an object's fields), creating lists and objects on the way; the field the row ends at. */
function insert(fields: RowField[], parts: Parsed['parts'], row: ParamRow): RowField | null {
  const [head, ...rest] = parts;
  if (!head) return null;
  const line = row.source.line;
  let f = fields.find((x) => x.name === head.name);
  if (!f) {
    const inner: SkeletonNode = rest.length ? { kind: 'object', fields: [], line } : head.array ? listNode(row.type, line) : scalarNode(row.type, line);
    f = { name: head.name, node: rest.length && head.array ? { kind: 'array', items: inner, line } : inner, line };
    fields.push(f);
  }
  if (rest.length === 0) {
    // `Tag.N` listed besides `Tag.N.Key`: the row speaks for the list, the members stay.
    f.row = row;
    return f;
  }
  // A list or struct first given as a leaf (`Tag.N | RepeatList` before `Tag.N.Key`) holds members now.
  if (f.node.kind === 'array' && f.node.items?.kind !== 'object') f.node = { kind: 'array', items: { kind: 'object', fields: [], line }, line: f.node.line };
  if (f.node.kind === 'scalar') f.node = { kind: 'object', fields: [], line: f.node.line };
  const holder = f.node.kind === 'array' ? f.node.items : f.node;
  return holder && holder.kind === 'object' ? insert(holder.fields as RowField[], rest, row) : null;
}

/** The type a structure node gives its top-level row: objects are the model named after the row. */
function nodeType(n: SkeletonNode, name: string): TypeRef {
  if (n.kind === 'object') return { kind: 'ref', name };
  if (n.kind === 'array') return { kind: 'array', items: n.items ? nodeType(n.items, name) : { kind: 'unknown' } };
  return { kind: n.type };
}

const hasObject = (n: SkeletonNode): boolean => n.kind === 'object' || (n.kind === 'array' && n.items !== null && hasObject(n.items));

/** Same shape (kinds and field names at every level)? */
function sameShape(a: SkeletonNode, b: SkeletonNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.type === b.type;
  if (a.kind === 'array' && b.kind === 'array') return a.items === null || b.items === null ? a.items === b.items : sameShape(a.items, b.items);
  if (a.kind === 'object' && b.kind === 'object') return a.fields.length === b.fields.length && a.fields.every((f, i) => f.name === b.fields[i]!.name && sameShape(f.node, b.fields[i]!.node));
  return false;
}

/**
 * A page's rows of one kind → top-level rows and the structure of each row that has one. For
 * responses, the structures are fitted to the page's samples (lint says where they disagree).
 */
export function restructure(doc: Pick<DocumentIR, 'file' | 'request' | 'response' | 'samples'>, kind: 'request' | 'response'): Restructured {
  const rows = doc[kind];
  const out: ParamRow[] = [];
  const structures = new Map<string, SkeletonNode>();
  const lint: LintItem[] = [];
  // Tree rows: children of each row, by position (a row's children follow it with depth + 1).
  const children = new Map<ParamRow, ParamRow[]>();
  const stack: ParamRow[] = [];
  for (const r of rows) {
    stack.length = r.depth;
    const parent = r.depth > 0 ? stack[r.depth - 1] : undefined;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), r]);
    stack[r.depth] = r;
  }
  const fieldOf = (k: ParamRow): RowField => ({ name: k.name, node: treeNode(k), line: k.source.line, row: k });
  const treeNode = (r: ParamRow): SkeletonNode => {
    const kids = children.get(r);
    const line = r.source.line;
    if (!kids?.length) return scalarNode(r.type, line);
    // The element row: `Instances | Array of Instance` holding `Instance | | |`, which holds the members.
    const only = kids.length === 1 ? kids[0]! : null;
    if (only && containerIsArray(r) && only.rawType.trim() === '' && (children.get(only)?.length || itemName(r.rawType)?.toLowerCase() === only.name.toLowerCase())) {
      const el = treeNode(only);
      return { kind: 'object', fields: [{ name: only.name, node: el.kind === 'array' ? el : { kind: 'array', items: el, line: only.source.line }, line: only.source.line, row: only } as RowField], line };
    }
    const obj: SkeletonNode = { kind: 'object', fields: membersOf(kids), line };
    return containerIsArray(r) ? { kind: 'array', items: obj, line } : obj;
  };
  // A struct's members as fields; dotted members (`Status.Code`, `Status.Name` in a linked
  // sub-table) are paths inside it, as at the top: `Status` holding `Code` and `Name`.
  const membersOf = (kids: ParamRow[]): RowField[] => {
    const fields: RowField[] = [];
    for (const k of kids) {
      const d = dottedPath(k.name);
      if (!d) {
        const group = fields.find((f) => f.name === k.name && !f.row);
        if (group) group.row = k; // `Status | Object` after `Status.Code`: the row speaks for the group
        else fields.push(fieldOf(k));
        continue;
      }
      const leaf = insert(fields, d.parts, k);
      if (leaf && children.get(k)?.length) leaf.node = treeNode(k);
    }
    return fields;
  };

  // Dotted names, grouped by their first part; a plain row of the same name (`SystemDisk`) joins its group.
  const dotted = new Map<string, { fields: RowField[]; rows: ParamRow[]; direct: ParamRow | null; array: boolean }>();
  const top = rows.filter((r) => r.depth === 0);
  for (const r of top) {
    const d = dottedPath(r.name);
    if (!d) continue;
    const root = d.parts[0]!;
    const g = dotted.get(root.name) ?? { fields: [], rows: [], direct: null, array: root.array };
    dotted.set(root.name, g);
    g.rows.push(r);
    g.array ||= root.array;
    insert(g.fields, d.parts, r);
    if (d.parts.length === 1) g.direct = r;
  }
  const placed = new Set<string>();
  for (const r of top) {
    const d = dottedPath(r.name);
    const root = d ? d.parts[0]!.name : r.name;
    const g = dotted.get(root);
    if (!g) {
      out.push(r);
      if (children.get(r)?.length) {
        const node = treeNode(r);
        structures.set(r.name, node);
        // The element row makes a list row an object holding the list: the row's type says so.
        if (shapeOf(nodeType(node, r.name)) !== shapeOf(r.type)) out[out.length - 1] = { ...r, type: nodeType(node, r.name) };
      }
      continue;
    }
    if (!d) g.direct ??= r; // `SystemDisk | Object` besides `SystemDisk.Size`
    if (placed.has(root)) continue;
    placed.add(root);
    out.push(r); // placeholder, replaced below (keeps the table's order)
  }
  for (const [root, g] of dotted) {
    const first = g.rows[0]!;
    const node = g.fields.find((f) => f.name === root)!.node;
    const direct = g.direct;
    const type = nodeType(node, root);
    const facts = direct ? { ...direct.facts } : {};
    // The count of a list (`N 的取值范围：1~20`) is stated on any of its rows.
    const items = direct?.facts.items ?? g.rows.find((r) => r.facts.items)?.facts.items;
    if (items && g.array) facts.items = items;
    // An enum of a list's rows speaks for its items; a struct's members keep theirs.
    if (hasObject(node)) delete (facts as { enum?: unknown }).enum;
    const synthetic: ParamRow = {
      ...(direct ?? first),
      name: root,
      rawType: (direct ?? first).rawType,
      type,
      required: direct ? direct.required : g.rows.some((r) => r.required === true) ? null : g.rows.every((r) => r.required === null) ? null : false,
      example: direct?.example ?? null,
      description: direct?.description ?? '',
      descriptionLines: direct ? direct.descriptionLines : [],
      facts,
      source: (direct ?? first).source,
    };
    const at = out.findIndex((r) => r === first || r === direct);
    out[at] = synthetic;
    if (hasObject(node)) structures.set(root, node);
  }
  if (kind === 'response') fitResponse(doc, out, structures, { lint });
  return { rows: out, structures, lint };
}

/** Fit each top-level response row's structure (or its plain type) to the page's samples. */
function fitResponse(doc: Pick<DocumentIR, 'file' | 'samples'>, rows: ParamRow[], structures: Map<string, SkeletonNode>, ctx: FitContext): void {
  const samples = responseSamples(doc.samples, doc.file);
  const values = topValues(samples, new Set(rows.map((r) => r.name)));
  respellTop(rows, structures, values, ctx);
  placeBySamples(rows, structures, values, ctx);
  rows.forEach((r, i) => {
    const node = structures.get(r.name) ?? scalarNode(r.type, r.source.line);
    const fitted = fit(r.name, fitExamples(r.name, node, r, ctx), values.get(r.name) ?? [], r, ctx, 0, values.size <= 1);
    if (sameShape(node, fitted)) return;
    if (hasObject(fitted) || fitted.kind === 'array') structures.set(r.name, fitted);
    else structures.delete(r.name);
    rows[i] = { ...r, type: nodeType(fitted, r.name) };
  });
}

/** Top-level rows spelled otherwise than the samples' keys only in case take the samples' spelling (see shape.ts `respell`). */
function respellTop(rows: ParamRow[], structures: Map<string, SkeletonNode>, values: Map<string, { v: unknown; s: SampleAt; at: number }[]>, ctx: FitContext): void {
  const taken = new Set(rows.map((r) => r.name));
  rows.forEach((r, i) => {
    const k = sampleSpelling(r.name, values.keys(), taken);
    if (k === null) return;
    taken.add(k);
    const at = values.get(k)![0]!;
    const line = at.s.line + at.at;
    ctx.lint.push({
      code: 'sample-shape',
      path: k,
      message: `the table spells ${r.name} (table ${r.source.file}:${r.source.line}); the ${at.s.what} spells it ${k} (${at.s.what} ${at.s.file}:${line}): the wire name is the ${at.s.what}'s`,
      source: { file: at.s.file, line },
    });
    const node = structures.get(r.name);
    if (node) (structures.delete(r.name), structures.set(k, node));
    rows[i] = { ...r, name: k, type: retype(r.type, r.name, k) };
  });
}

/** A type naming the model `from` (through arrays) names `to` instead. */
function retype(t: TypeRef, from: string, to: string): TypeRef {
  if (t.kind === 'ref') return t.name === from ? { kind: 'ref', name: to } : t;
  if (t.kind === 'array') return { kind: 'array', items: retype(t.items, from, to) };
  return t;
}

/**
 * Rows listed at the top of the response (a second table of members, an old page that flattens a
 * struct) that the samples show only inside another top-level row's value: they go into that row's
 * structure, at the object the sample has them in (as deep as the row's structure reaches; the
 * fitting then adds the wrapper levels the sample shows). A row with a structure of its own (a
 * sub-table whose caption names another structure than the row linking to it, so that layout did
 * not nest it) goes with its structure. Tables linked by layout arrive already nested.
 */
function placeBySamples(rows: ParamRow[], structures: Map<string, SkeletonNode>, topValues: Map<string, { v: unknown }[]>, ctx: FitContext): void {
  // A sample key no row names, whose value holds the members of a row's structure, is that row
  // spelled otherwise (`InstanceMaintenanceAttributes` for the table's `MaintenanceAttributes`).
  const values = new Map(topValues);
  const rowNames = new Set(rows.map((r) => r.name));
  for (const [k, vs] of topValues) {
    if (rowNames.has(k)) continue;
    const inSample = new Set<string>();
    for (const x of vs) collectKeys(x.v, inSample);
    let best: ParamRow | null = null;
    let hits = 0;
    for (const r of rows) {
      const node = structures.get(r.name);
      if (!node || values.has(r.name) || !spelledLike(k, r.name)) continue;
      const n = [...namesOf(node)].filter((x) => inSample.has(x)).length;
      if (n > hits) (best = r), (hits = n);
    }
    if (best) values.set(best.name, vs);
  }
  const moved = new Map<ParamRow, ParamRow[]>();
  const movedRows = new Set<ParamRow>();
  const isMoved = (r: ParamRow): boolean => movedRows.has(r);
  // The rows whose sample values hold a key, in row order (only they can hold a row of that
  // name: trying every row for every row made a response of n rows cost n² sample walks). A name
  // every object has (`constructor`) is tried against every row, as pathTo finds it anywhere.
  const holders = new Map<string, ParamRow[]>();
  for (const r of rows) {
    const keys = new Set<string>();
    for (const x of values.get(r.name) ?? []) collectKeys(x.v, keys);
    for (const k of keys) (holders.get(k) ?? holders.set(k, []).get(k)!).push(r);
  }
  for (const o of rows) {
    if (values.has(o.name)) continue;
    for (const r of o.name in Object.prototype ? rows : (holders.get(o.name) ?? [])) {
      if (r === o || isMoved(r)) continue;
      const path = values.get(r.name)?.map((x) => pathTo(x.v, o.name)).find((p) => p !== null);
      if (!path) continue;
      let root = structures.get(r.name) ?? scalarNode(r.type, r.source.line);
      if (root.kind === 'scalar') {
        if (root.type !== 'unknown') continue;
        root = { kind: 'object', fields: [], line: r.source.line };
      }
      const holder = objectAlong(root, path, r.source.line);
      if (!holder) continue;
      // A row with a structure of its own (a sub-table no link placed) brings it along.
      if (!holder.fields.some((f) => f.name === o.name)) holder.fields.push({ name: o.name, node: structures.get(o.name) ?? scalarNode(o.type, o.source.line), line: o.source.line, row: o } as RowField);
      structures.delete(o.name);
      structures.set(r.name, root);
      moved.set(r, [...(moved.get(r) ?? []), o]);
      movedRows.add(o);
      break;
    }
  }
  for (const [r, list] of moved) {
    ctx.lint.push({
      code: 'sample-shape',
      path: r.name,
      message: `the table lists ${list.map((o) => o.name).join(', ')} at the top of the response (${list[0]!.source.file}:${list[0]!.source.line}); the samples have them inside ${r.name} (table ${r.source.file}:${r.source.line}): placed there`,
      source: list[0]!.source,
    });
  }
  for (let i = rows.length - 1; i >= 0; i--) if (isMoved(rows[i]!)) rows.splice(i, 1);
  // A row whose structure was made here now types as its structure.
  rows.forEach((r, i) => {
    const node = structures.get(r.name);
    if (node && moved.has(r)) rows[i] = { ...r, type: nodeType(node, r.name) };
  });
}

function collectKeys(v: unknown, into: Set<string>, depth = 0): void {
  if (depth > 16 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) for (const x of v) collectKeys(x, into, depth + 1);
  else for (const [k, x] of Object.entries(v as Record<string, unknown>)) (into.add(k), collectKeys(x, into, depth + 1));
}

function namesOf(n: SkeletonNode, into: Set<string> = new Set()): Set<string> {
  if (n.kind === 'object') for (const f of n.fields) namesOf(f.node, into.add(f.name));
  else if (n.kind === 'array' && n.items) namesOf(n.items, into);
  return into;
}

/** One name written as another: the same but for case or a word more (`InstanceMaintenanceAttributes`, `MaintenanceAttributes`). */
function spelledLike(a: string, b: string): boolean {
  const x = a.toLowerCase().trim();
  const y = b.toLowerCase().trim();
  return x === y || (Math.min(x.length, y.length) >= 6 && (x.endsWith(y) || y.endsWith(x) || x.startsWith(y) || y.startsWith(x)));
}
