/**
 * Tables that spell structure out in rows: tree rows (`└Name` under a parent row) and dotted
 * RPC names (`Tag.N.Key`, `ResourceId.N`). Both become a top-level row plus a structure tree
 * (the same shape a request-syntax skeleton gives), whose fields keep their rows so a model's
 * fields get the rows' descriptions, flags and facts.
 */
import type { Lang, ParamRow, SkeletonField, SkeletonNode, TypeRef } from '../model/ir.ts';
import { mineFacts } from '../parse/facts.ts';

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

/** A parent row with children: array of objects or one object, from its type (or, when empty, its words). */
function containerIsArray(row: ParamRow): boolean {
  if (row.type.kind === 'array') return true;
  if (row.type.kind === 'object' || row.type.kind === 'ref' || row.type.kind === 'map') return /^(array|list|repeatlist)/i.test(row.rawType);
  return /集合|列表|数组|组成的|\blist\b|\barray\b|collection|\bset of\b|details of/i.test(row.description);
}

interface Parsed {
  parts: { name: string; array: boolean }[];
}

/** `Tag.N.Key` → [Tag[] , Key]; `ResourceId.N` → [ResourceId[]]; null for a plain name. */
export function dottedPath(name: string): Parsed | null {
  const toks = name.split('.');
  if (toks.length < 2) return null;
  const parts: { name: string; array: boolean }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t === '' || /^([Nn]|\d+)$/.test(t)) return null;
    const next = toks[i + 1];
    if (next !== undefined && /^([Nn]|\d+)$/.test(next)) {
      parts.push({ name: t, array: true });
      i++;
    } else parts.push({ name: t, array: false });
  }
  return parts.some((p) => p.array) ? { parts } : null;
}

export interface Restructured {
  rows: ParamRow[];
  structures: Map<string, SkeletonNode>;
}

/** Insert `leaf` at `parts` under `node` (an object node), creating arrays/objects on the way. */
function insert(fields: RowField[], parts: Parsed['parts'], row: ParamRow): void {
  const [head, ...rest] = parts;
  if (!head) return;
  let f = fields.find((x) => x.name === head.name);
  const line = row.source.line;
  if (!f) {
    const inner: SkeletonNode = rest.length ? { kind: 'object', fields: [], line } : scalarNode(row.type, line);
    f = { name: head.name, node: head.array ? { kind: 'array', items: inner, line } : inner, line };
    fields.push(f);
  }
  if (rest.length === 0) {
    f.row = row;
    return;
  }
  const holder = f.node.kind === 'array' ? f.node.items : f.node;
  if (holder && holder.kind === 'object') insert(holder.fields as RowField[], rest, row);
}

export function restructure(rows: ParamRow[], lang: Lang): Restructured {
  const out: ParamRow[] = [];
  const structures = new Map<string, SkeletonNode>();
  // Tree rows: children of each row, by position (a row's children follow it with depth + 1).
  const children = new Map<ParamRow, ParamRow[]>();
  const stack: ParamRow[] = [];
  for (const r of rows) {
    stack.length = r.depth;
    const parent = r.depth > 0 ? stack[r.depth - 1] : undefined;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), r]);
    stack[r.depth] = r;
  }
  const treeNode = (r: ParamRow): SkeletonNode => {
    const kids = children.get(r);
    if (!kids?.length) return scalarNode(r.type, r.source.line);
    const obj: SkeletonNode = { kind: 'object', fields: kids.map((k): RowField => ({ name: k.name, node: treeNode(k), line: k.source.line, row: k })), line: r.source.line };
    return containerIsArray(r) ? { kind: 'array', items: obj, line: r.source.line } : obj;
  };
  // Dotted names, grouped by their first part.
  const dotted = new Map<string, { fields: RowField[]; rows: ParamRow[] }>();
  for (const r of rows) {
    if (r.depth > 0) continue;
    const d = dottedPath(r.name);
    if (!d) {
      out.push(r);
      if (children.get(r)?.length) structures.set(r.name, treeNode(r));
      continue;
    }
    const root = d.parts[0]!.name;
    let g = dotted.get(root);
    if (!g) {
      g = { fields: [], rows: [] };
      dotted.set(root, g);
      out.push(r); // placeholder, replaced below (keeps the table's order)
    }
    g.rows.push(r);
    insert(g.fields, d.parts, r);
  }
  for (const [root, g] of dotted) {
    const first = g.rows[0]!;
    const node = g.fields.find((f) => f.name === root)!.node;
    const direct = (g.fields[0] as RowField).row; // `ResourceId.N` itself
    const arrayType: TypeRef = node.kind === 'array' && node.items?.kind === 'object' ? { kind: 'array', items: { kind: 'ref', name: root } } : { kind: 'array', items: direct?.type ?? { kind: 'unknown' } };
    const descLines = (direct ?? first).descriptionLines;
    const facts = direct ? { ...direct.facts } : {};
    const items = mineFacts(g.rows.flatMap((r) => r.descriptionLines), lang, first.source.file, arrayType).items;
    if (items) facts.items = items;
    delete (facts as { enum?: unknown }).enum;
    const synthetic: ParamRow = {
      ...(direct ?? first),
      name: root,
      rawType: (direct ?? first).rawType,
      type: arrayType,
      required: direct ? direct.required : g.rows.some((r) => r.required === true) ? null : g.rows.every((r) => r.required === null) ? null : false,
      example: direct?.example ?? null,
      description: direct?.description ?? '',
      descriptionLines: direct ? descLines : [],
      facts,
      source: first.source,
    };
    out[out.indexOf(first)] = synthetic;
    if (node.kind === 'array' && node.items?.kind === 'object') structures.set(root, node);
  }
  return { rows: out, structures };
}
