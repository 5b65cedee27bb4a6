/**
 * Response shapes as the wire has them: the structure a page's rows give (tree rows, members
 * placed by generator/parse/nesting.ts) fitted to the page's own JSON response samples.
 *
 * The sample wins for shape, the table for types and text. Where they disagree, the fitted
 * structure follows the sample and a `sample-shape` lint says so with both lines:
 *
 * - a wrapper level the table leaves out: `KeyPairs` whose members the table lists directly
 *   (`└KeyPairName`) while the sample is `{"KeyPairs": {"KeyPair": [{"KeyPairName": …}]}}` gets
 *   the `KeyPair` level back, the list at that level (a list row's collection-ness belongs to the
 *   level that repeats); a list of scalars the sample wraps (`SupportedValues | List` shown as
 *   `{"SupportedValue": ["Stop"]}`) likewise;
 * - a list the sample shows as an object holding the items (`Instances | Array of Instance` with a
 *   sample `{"Instances": {"Instance": [...]}}`) becomes that object;
 * - an object the sample shows as a list of objects becomes a list;
 * - a position the table leaves untyped (`Tag | | |`, a `List` without item type) takes the
 *   sample's shape and JSON types.
 *
 * A single object where the table lists items (`"KeyPair": {…}` for `Array of KeyPair`) is left a
 * list: JSON samples written from XML show a list of one that way, and the table says it repeats.
 */
import type { LintItem, ParamRow, Sample, SkeletonNode, SourceRef } from '../model/ir.ts';
import type { RowField } from './restructure.ts';

/** A response sample as fitting sees it: its value (parsed, or what error recovery kept), where it starts, its text. */
export interface SampleAt {
  /** A sample of the page, or a row's example cell. */
  what: 'sample' | 'example';
  value: unknown;
  line: number;
  text: string;
  file: string;
  /** The sample's notation (XML elements cannot tell a list of one from an object). */
  xml?: boolean;
}

/** One sample value at one position, with the sample it comes from and the line (index in its text) where it starts. */
interface V {
  v: unknown;
  s: SampleAt;
  at: number;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The response samples of a page: JSON bodies that parsed, else what error recovery still read;
 * and the elements of XML samples (names and nesting; their lists of one look like objects,
 * which fitting never takes for a reason to drop a list).
 */
export function responseSamples(samples: Sample[], file: string): SampleAt[] {
  const out: SampleAt[] = [];
  const recovered: SampleAt[] = [];
  for (const s of samples) {
    if (s.kind !== 'response') continue;
    const value = s.format === 'json' ? (s.ok ? s.value : s.recovered) : s.format === 'xml' ? s.elements : null;
    if (value === null || value === undefined || typeof value !== 'object') continue;
    (s.format === 'json' && !s.ok ? recovered : out).push({ what: 'sample', value, line: s.source.line, text: s.text, file, ...(s.format === 'xml' ? { xml: true } : {}) });
  }
  // What error recovery kept of a broken JSON sample counts only where nothing better shows the shape.
  return out.length ? out : recovered;
}

/**
 * The values of the top level of the samples, keyed by row name: a body that is a list gives its
 * items' fields; a body wrapped in one key no row names (`{"DescribeXResponse": {…}}`) is unwrapped.
 */
export function topValues(samples: SampleAt[], names: Set<string>): Map<string, V[]> {
  const out = new Map<string, V[]>();
  const add = (o: unknown, s: SampleAt, depth: number): void => {
    if (Array.isArray(o)) {
      for (const item of o) add(item, s, depth);
      return;
    }
    if (!isObj(o)) return;
    const keys = Object.keys(o);
    if (depth < 3 && keys.length === 1 && !names.has(keys[0]!) && o[keys[0]!] !== null && typeof o[keys[0]!] === 'object') return add(o[keys[0]!], s, depth + 1);
    for (const k of keys) {
      const list = out.get(k) ?? [];
      list.push({ v: o[k], s, at: keyLine(s, k, 0) });
      out.set(k, list);
    }
  };
  for (const s of samples) add(s.value, s, 0);
  return out;
}

/**
 * A row's example when it is JSON (`["sg-1"]`, `"DedicatedHostIdSets":{"DedicatedHostId":[…]}`):
 * the value it shows for the row (a key named after the row is taken off), as one more sample.
 */
export function exampleSample(row: ParamRow | undefined): SampleAt | null {
  const ex = row?.example?.trim();
  if (!row || !ex || !/^[[{"]/.test(ex)) return null;
  for (const text of [ex, `{${ex}}`]) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      continue;
    }
    if (isObj(v) && Object.keys(v).length === 1 && row.name in v) v = v[row.name];
    if (v !== null && typeof v === 'object') return { what: 'example', value: v, line: row.source.line, text: '', file: row.source.file };
    return null;
  }
  return null;
}

/** Fit every row that has a JSON example to it, deepest first (the example speaks for the row's own position). */
export function fitExamples(path: string, node: SkeletonNode, row: ParamRow | undefined, ctx: FitContext): SkeletonNode {
  let out = node;
  if (out.kind === 'object') out = { ...out, fields: out.fields.map((f) => ({ ...f, node: fitExamples(`${path}.${f.name}`, f.node, (f as RowField).row, ctx) })) };
  else if (out.kind === 'array' && out.items) out = { ...out, items: fitExamples(`${path}[]`, out.items, undefined, ctx) };
  const ex = exampleSample(row);
  if (ex) return fit(path, out, [{ v: ex.value, s: ex, at: 0 }], row, ctx);
  // A list whose item type the table leaves unsaid, with a plain example (`10.170.**.**`): the example's type.
  const text = row?.example?.trim();
  if (text && out.kind === 'array' && out.items?.kind === 'scalar' && out.items.type === 'unknown') {
    return { ...out, items: { ...out.items, type: /^-?\d+$/.test(text) ? 'integer' : /^(true|false)$/.test(text) ? 'boolean' : 'string' } };
  }
  return out;
}

/** Index of the first line at or after `from` that holds `"key"` in a sample's text (`from` when none does). */
function keyLine(s: SampleAt, key: string, from: number): number {
  const lines = s.text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(`"${key}"`) || lines[i]!.includes(`<${key}>`)) return i;
  return from;
}

export interface FitContext {
  lint: LintItem[];
}

const present = (vs: V[]): V[] => vs.filter((x) => x.v !== null && x.v !== undefined);

function childValues(vs: V[], key: string): V[] {
  const out: V[] = [];
  for (const x of vs) if (isObj(x.v) && key in x.v) out.push({ v: x.v[key], s: x.s, at: keyLine(x.s, key, x.at) });
  return out;
}

function itemValues(vs: V[]): V[] {
  const out: V[] = [];
  for (const x of vs) if (Array.isArray(x.v)) for (const item of x.v) out.push({ v: item, s: x.s, at: x.at });
  return out;
}

function keysOf(vs: V[]): string[] {
  const keys = new Set<string>();
  for (const x of vs) if (isObj(x.v)) for (const k of Object.keys(x.v)) keys.add(k);
  return [...keys];
}

type Scalar = Extract<SkeletonNode, { kind: 'scalar' }>;

function jsonScalar(v: unknown, line: number): Scalar {
  const type = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : 'unknown';
  return { kind: 'scalar', type, raw: '', line };
}

/** The shape a sample value shows, as a node (types from JSON; objects with their keys). */
function nodeOfValues(vs: V[], line: number, depth = 0): SkeletonNode {
  const ps = present(vs);
  if (depth > 16 || ps.length === 0) return { kind: 'scalar', type: 'unknown', raw: '', line };
  if (ps.some((x) => Array.isArray(x.v))) {
    const items = itemValues(ps);
    return { kind: 'array', items: items.length ? nodeOfValues(items, line, depth + 1) : null, line };
  }
  if (ps.some((x) => isObj(x.v))) {
    return { kind: 'object', fields: keysOf(ps).map((k) => ({ name: k, node: nodeOfValues(childValues(ps, k), line, depth + 1), line })), line };
  }
  return jsonScalar(ps[0]!.v, line);
}

/**
 * `node` (from the page's rows) fitted to the sample values at its position. `name` is the
 * position's path (for lint), `row` the row that declares it (its line is the table's side).
 */
export function fit(path: string, node: SkeletonNode, vs: V[], row: ParamRow | undefined, ctx: FitContext, depth = 0, alone = true): SkeletonNode {
  const ps = present(vs);
  if (ps.length === 0 || depth > 24) return node;
  const sample = ps[0]!.s;
  const tableAt: SourceRef = row?.source ?? { file: sample.file, line: node.line };
  const say = (key: string, message: string): void => {
    const line = sample.line + keyLine(sample, key, ps[0]!.at);
    ctx.lint.push({
      code: 'sample-shape',
      path,
      message: `${message}: shape from the ${sample.what} (table ${tableAt.file}:${tableAt.line}, ${sample.what} ${sample.file}:${line})`,
      source: { file: sample.file, line },
    });
  };
  const last = path.split('.').pop()!.replace(/\[\]$/, '');
  const arrays = ps.filter((x) => Array.isArray(x.v));
  const objects = ps.filter((x) => isObj(x.v));
  const keys = keysOf(objects);

  if (node.kind === 'array') {
    const items = node.items;
    if (arrays.length) return { ...node, items: items ? fit(`${path}[]`, items, itemValues(arrays), row, ctx, depth + 1) : nodeOfValues(itemValues(arrays), node.line) };
    if (!objects.length) return node;
    if (items?.kind === 'object') {
      const members = new Set(items.fields.map((f) => f.name));
      if (keys.some((k) => members.has(k)) || keys.length === 0) {
        // One object with the members, in every sample, written in JSON, beside other keys: an
        // object (a list of one written from XML is the only key of its wrapper: `{"KeyPair": {…}}`).
        if (!alone && keys.length > 0 && objects.length === ps.length && ps.some((x) => !x.s.xml) && ps.every((x) => x.s.what === 'sample')) {
          say(last, `the table gives ${last} as a list; every ${sample.what} shows one object`);
          return fit(path, items, objects, row, ctx, depth + 1);
        }
        return { ...node, items: fit(`${path}[]`, items, objects, row, ctx, depth + 1) };
      }
      // An element row the table gives (`Instances | Array of Instance`, `Instance | | |` …): the
      // object holds the list, the members are the element's.
      if (items.fields.length === 1 && keys.includes(items.fields[0]!.name)) {
        const el = items.fields[0]! as RowField;
        const inner: SkeletonNode = el.node.kind === 'array' ? el.node : { kind: 'array', items: el.node, line: el.line };
        return { kind: 'object', fields: [{ ...el, node: fit(`${path}.${el.name}`, inner, childValues(objects, el.name), el.row, ctx, depth + 1) }], line: node.line };
      }
      const w = wrapperKey(keys, childValuesAll(objects), members);
      if (w) {
        say(w, `the table lists the items of ${last} directly; the ${sample.what} nests them in "${w}"`);
        const inner: SkeletonNode = { kind: 'array', items, line: node.line };
        return { kind: 'object', fields: [{ name: w, node: fit(`${path}.${w}`, inner, childValues(objects, w), undefined, ctx, depth + 1), line: node.line }], line: node.line };
      }
      return node;
    }
    // A list of scalars the sample wraps in one key: `{"SupportedValue": ["Stop", …]}` (or, a
    // list of one written as XML turned to JSON, `{"AddAccount": "…"}`).
    if (keys.length === 1 && !childValues(objects, keys[0]!).some((x) => isObj(x.v))) {
      const w = keys[0]!;
      say(w, `the table gives ${last} as a list; the ${sample.what} shows an object holding the list in "${w}"`);
      return { kind: 'object', fields: [{ name: w, node: fit(`${path}.${w}`, node, childValues(objects, w), undefined, ctx, depth + 1), line: node.line }], line: node.line };
    }
    return node;
  }

  if (node.kind === 'object') {
    if (objects.length) node = { ...node, fields: respell(path, node.fields as RowField[], keys, objects, ctx) };
    const members = new Set(node.fields.map((f) => f.name));
    if (objects.length) {
      // A struct the table types by a name it details nowhere (`ZoneType` without its page): the samples' shape.
      if (members.size === 0 && keys.length > 0 && !arrays.length) return nodeOfValues(ps, node.line);
      if (members.size === 0 || keys.some((k) => members.has(k))) {
        const fields = relocate(path, node.fields as RowField[], objects, ctx);
        const alone = keys.length === 1;
        return { ...node, fields: fields.map((f) => ({ ...f, node: fit(`${path}.${f.name}`, f.node, childValues(objects, f.name), (f as RowField).row, ctx, depth + 1, alone) })) };
      }
      const w = wrapperKey(keys, childValuesAll(objects), members);
      if (w) {
        const inner = childValues(objects, w);
        const repeats = inner.some((x) => Array.isArray(x.v));
        say(w, `the table lists the members of ${last} directly; the ${sample.what} nests them in "${w}"${repeats ? ' (a list)' : ''}`);
        const at: SkeletonNode = repeats ? { kind: 'array', items: node, line: node.line } : node;
        return { kind: 'object', fields: [{ name: w, node: fit(`${path}.${w}`, at, inner, undefined, ctx, depth + 1), line: node.line }], line: node.line };
      }
      return node;
    }
    // The items of a list the table types by a name it details nowhere (`Array of NetworkType`),
    // which the samples show as scalars (`{"NetworkType": ["vpc"]}`): the samples' type.
    if (members.size === 0 && path.endsWith('[]') && !arrays.length && ps.every((x) => typeof x.v !== 'object')) return nodeOfValues(ps, node.line);
    if (arrays.length && itemValues(arrays).some((x) => isObj(x.v))) {
      say(last, `the table gives ${last} as one object; the ${sample.what} shows a list of objects`);
      return { kind: 'array', items: fit(`${path}[]`, node, itemValues(arrays), row, ctx, depth + 1), line: node.line };
    }
    return node;
  }

  // A scalar position.
  if (node.type === 'unknown') {
    // The table leaves the type unsaid (`Tag | | |`, an empty cell): the sample's shape and JSON types.
    return nodeOfValues(ps, node.line);
  }
  if (objects.length && keys.length === 1 && childValues(objects, keys[0]!).some((x) => Array.isArray(x.v))) {
    const w = keys[0]!;
    say(w, `the table types ${last} as ${node.raw || node.type}; the ${sample.what} shows an object holding a list in "${w}"`);
    return { kind: 'object', fields: [{ name: w, node: { kind: 'array', items: { ...node }, line: node.line }, line: node.line }], line: node.line };
  }
  if (arrays.length && !itemValues(arrays).some((x) => isObj(x.v) || Array.isArray(x.v))) {
    say(last, `the table types ${last} as ${node.raw || node.type}; the ${sample.what} shows a list`);
    return { kind: 'array', items: { ...node }, line: node.line };
  }
  return node;
}

/**
 * The one sample key a name differs from only in case (`DiskEventSet` for the table's
 * `Diskeventset`, `PageNumber` for `Pagenumber`), where the samples have no key spelled as the
 * table does and no other name takes that key; null when there is none.
 */
export function sampleSpelling(name: string, keys: Iterable<string>, taken: Set<string>): string | null {
  const lower = name.toLowerCase();
  let found: string | null = null;
  for (const k of keys) {
    if (k === name) return null;
    if (k.toLowerCase() !== lower || taken.has(k)) continue;
    if (found !== null) return null;
    found = k;
  }
  return found;
}

/**
 * Members spelled otherwise than the samples only in case: the wire's names are the samples'
 * (the table's words, types and flags stay), with a `sample-shape` lint giving both lines.
 */
function respell(path: string, fields: RowField[], keys: string[], objects: V[], ctx: FitContext): RowField[] {
  const taken = new Set(fields.map((f) => f.name));
  return fields.map((f) => {
    const k = sampleSpelling(f.name, keys, taken);
    if (k === null) return f;
    taken.add(k);
    const at = objects.find((x) => isObj(x.v) && k in x.v)!;
    const line = at.s.line + keyLine(at.s, k, at.at);
    ctx.lint.push({
      code: 'sample-shape',
      path: `${path}.${k}`,
      message: `the table spells ${f.name} (table ${f.row?.source.file ?? at.s.file}:${f.row?.source.line ?? f.line}); the ${at.s.what} spells it ${k} (${at.s.what} ${at.s.file}:${line}): the wire name is the ${at.s.what}'s`,
      source: { file: at.s.file, line },
    });
    return { ...f, name: k };
  });
}

/**
 * Members the table lists beside a sibling while the samples show them only inside that sibling
 * (`└Listeners` beside `└AssociatedObjects`, the samples' `AssociatedObjects.Listeners`): moved
 * into the sibling, at the object the samples have them in, with a `sample-shape` lint.
 */
function relocate(path: string, fields: RowField[], objects: V[], ctx: FitContext): RowField[] {
  const keys = new Set(keysOf(objects));
  const out = fields.map((f) => ({ ...f }));
  const moved = new Set<RowField>();
  for (const f of out) {
    if (keys.has(f.name)) continue;
    for (const g of out) {
      if (g === f || moved.has(g) || !keys.has(g.name)) continue;
      const inner = childValues(objects, g.name);
      const at = inner.map((x) => pathTo(x.v, f.name)).find((p) => p !== null);
      if (!at) continue;
      if (g.node.kind === 'scalar' && g.node.type === 'unknown') g.node = { kind: 'object', fields: [], line: g.node.line };
      const holder = objectAlong(g.node, at, g.line);
      if (!holder) continue;
      if (!holder.fields.some((x) => x.name === f.name)) holder.fields.push(f);
      moved.add(f);
      const sample = inner[0]!.s;
      const line = sample.line + keyLine(sample, f.name, inner[0]!.at);
      ctx.lint.push({
        code: 'sample-shape',
        path: `${path}.${f.name}`,
        message: `the table lists ${f.name} beside ${g.name} (table ${f.row?.source.file ?? sample.file}:${f.row?.source.line ?? f.line}); the ${sample.what} has it inside ${[g.name, ...at].join('.')} (${sample.what} ${sample.file}:${line}): placed there`,
        source: { file: sample.file, line },
      });
      break;
    }
  }
  return out.filter((f) => !moved.has(f));
}

function childValuesAll(vs: V[]): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const k of keysOf(vs)) out.set(k, childValues(vs, k));
  return out;
}

/**
 * The one key of a sample object that wraps the members a table lists: the object has that key
 * only (or the key's values hold most of the members), and no member is a key of the object.
 */
function wrapperKey(keys: string[], values: Map<string, V[]>, members: Set<string>): string | null {
  const inner = (k: string): Set<string> => {
    const vs = values.get(k) ?? [];
    const flat = [...vs.filter((x) => isObj(x.v)), ...itemValues(vs)];
    return new Set(keysOf(flat));
  };
  if (keys.length === 1) {
    const k = keys[0]!;
    const vs = values.get(k) ?? [];
    // An empty object or list holds nothing to check the members against; take it.
    if (vs.every((x) => (Array.isArray(x.v) && x.v.length === 0) || (isObj(x.v) && Object.keys(x.v).length === 0))) return k;
    const got = inner(k);
    return members.size === 0 || [...members].some((m) => got.has(m)) ? k : null;
  }
  let best: string | null = null;
  let bestHits = 0;
  for (const k of keys) {
    const got = inner(k);
    const hits = [...members].filter((m) => got.has(m)).length;
    if (hits > bestHits) {
      best = k;
      bestHits = hits;
    }
  }
  return best !== null && bestHits * 2 >= members.size ? best : null;
}

/** The path of keys from a sample value down to the first object holding `name` (lists looked through); null when none does. */
export function pathTo(v: unknown, name: string, depth = 0): string[] | null {
  if (depth > 16 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (const item of v) {
      const p = pathTo(item, name, depth + 1);
      if (p) return p;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  if (name in o) return [];
  for (const [k, child] of Object.entries(o)) {
    const p = pathTo(child, name, depth + 1);
    if (p) return [k, ...p];
  }
  return null;
}

/** The object node reached from `node` along sample keys (wrapper keys the node lacks are skipped; lists looked through); made an object when untyped. */
export function objectAlong(node: SkeletonNode, path: string[], line: number): Extract<SkeletonNode, { kind: 'object' }> | null {
  let cur: SkeletonNode = node;
  const enter = (n: SkeletonNode): SkeletonNode | null => {
    let x: SkeletonNode | null = n;
    while (x && x.kind === 'array') x = x.items ?? (x.items = { kind: 'object', fields: [], line });
    if (x && x.kind === 'scalar' && x.type === 'unknown') return null;
    return x;
  };
  let at = enter(cur);
  if (!at || at.kind !== 'object') return null;
  for (const k of path) {
    const obj = at as Extract<SkeletonNode, { kind: 'object' }>;
    // A key the structure spells otherwise, where it has one element level: through that level.
    const f = obj.fields.find((x) => x.name === k) ?? (obj.fields.length === 1 && obj.fields[0]!.node.kind !== 'scalar' ? obj.fields[0] : undefined);
    if (!f) continue;
    cur = f.node;
    const next = enter(cur);
    if (!next || next.kind !== 'object') break;
    at = next;
  }
  return at as Extract<SkeletonNode, { kind: 'object' }>;
}
