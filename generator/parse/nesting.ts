/**
 * Nesting that a table leaves to the reader's eye. Many pages (old ECS and SLB pages, CS ROA
 * pages) list a struct's members right after the struct's row, with no `└` marker:
 *
 *   |AutoProvisioningGroupHistories|Array| …       {"AutoProvisioningGroupHistories": {
 *   |AutoProvisioningGroupHistory| | …                "AutoProvisioningGroupHistory": [{
 *   |ActivityDetails|Array| …                           "ActivityDetails": {"ActivityDetail": [{
 *   |ActivityDetail| | …                                  "Detail": "…", "Status": "…" }]},
 *   |Detail|String| …                                   "Status": "…", "TaskId": "…" }]},
 *   |Status|String| …                                 "RequestId": "…" }
 *   |Status|String| …      ← a second Status: the history's, not the detail's
 *   |TaskId|String| …
 *   |RequestId|String| …
 *
 * The page's own samples say where each name lives. Walking the rows in order with a stack of
 * open containers, a row belongs to the deepest open container whose sample object has its name;
 * a row that opens an object in the sample opens a container. Rows get the depth and parent
 * that `└` rows get, so the rest of the pipeline treats both alike. Beyond what the samples show:
 *
 * - An element row (`Instances | Array of Instance` then `Instance | | |`: no type, named as the
 *   list's items) goes under the list row, and opens a container, whether or not a sample shows
 *   it (samples often leave lists empty).
 * - A row whose sample object holds one wrapper key the table does not list (`KeyPairs` whose
 *   sample is `{"KeyPair": [...]}` while the table goes on with `KeyPairName`) opens the wrapper's
 *   object: its members are found through it (reconcile puts the level back, see
 *   reconcile/shape.ts).
 * - An element the samples show empty (`"MountInstance": []`) takes the rows right after it that
 *   start the alphabet anew below its list row's name, even where the samples have those names
 *   one level up (the disk's `Device` is not the mount's).
 * - A row the samples do not mention stays in the container the rows around it are in: the one
 *   the previous row is in (or opened), unless the next row the samples do mention is shallower
 *   and the row sorts outside the open container's members (members are listed together and, on
 *   most pages, in name order).
 *
 * Applied only to tables without tree markers, with a parsed sample of the same kind, and only
 * when it nests something; otherwise the rows stay as they are. Linear in the rows: at most
 * MAX_DEPTH containers are open, and the look-ahead for the next row the samples mention is done
 * once per run of rows they do not mention.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Lang, ParamRow, Sample, SkeletonNode } from '../model/ir.ts';
import { mineFacts } from './facts.ts';

/** Names under a sample value: an object's keys, an array's items' keys merged. */
export type SampleTree = Map<string, SampleTree>;

const MAX_DEPTH = 32;

/** The tree of names of one or more sample values (merged). */
export function sampleTree(values: unknown[]): SampleTree {
  const root: SampleTree = new Map();
  const add = (into: SampleTree, v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) add(into, item, depth + 1);
      return;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      let node = into.get(k);
      if (!node) {
        node = new Map();
        into.set(k, node);
      }
      add(node, child, depth + 1);
    }
  };
  for (const v of values) add(root, v, 0);
  return root;
}

const xml = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true, parseTagValue: false, processEntities: false });

/**
 * The element tree of an XML sample as a value (`<A><B>1</B></A>` → `{A: {B: "1"}}`), with the
 * root element taken off when it wraps the whole response (`<DescribeXResponse>`); null when the
 * text is not XML. Only names and nesting are used: XML does not tell a list of one from an object.
 */
export function xmlSampleValue(text: string): unknown {
  let v: unknown;
  try {
    v = xml.parse(`<sample-root>${text.replace(/<\?xml[^>]*\?>/g, '')}</sample-root>`);
  } catch {
    return null;
  }
  let body = (v as Record<string, unknown> | null)?.['sample-root'];
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const keys = Object.keys(body);
    if (keys.length === 1 && /(Response|Result)$/.test(keys[0]!)) body = (body as Record<string, unknown>)[keys[0]!];
  }
  return body && typeof body === 'object' ? body : null;
}

/** A request-syntax skeleton as a value of the same shape (`"size" : Long` → `{size: 0}`): only its names count. */
function skeletonValue(n: SkeletonNode, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (n.kind === 'object') return Object.fromEntries(n.fields.map((f) => [f.name, skeletonValue(f.node, depth + 1)]));
  if (n.kind === 'array') return n.items ? [skeletonValue(n.items, depth + 1)] : [];
  return 0;
}

/** Give each well-formed XML sample its `elements` (see Sample.elements). */
export function addXmlElements(samples: Sample[]): void {
  for (const s of samples) {
    if (s.format !== 'xml' || !s.ok) continue;
    const v = xmlSampleValue(s.text);
    if (v !== null) s.elements = v;
  }
}

/** The name trees of a page's samples of one kind (parsed JSON values, XML elements) and of its request syntax. */
export function samplesTree(samples: Sample[], kind: Sample['kind'], skeleton: SkeletonNode | null = null): SampleTree {
  const values: unknown[] = skeleton ? [skeletonValue(skeleton)] : [];
  for (const s of samples) {
    if (s.kind !== kind || !s.ok) continue;
    if (s.format === 'json') values.push(s.value);
    else if (s.format === 'xml' && s.elements !== undefined) values.push(s.elements);
  }
  return sampleTree(values);
}

interface Open {
  /** Names the samples show in this container; empty for a container they do not show. */
  node: SampleTree;
  name: string | null;
}

const EMPTY: SampleTree = new Map();

/**
 * The stack level (index) whose container has `name`, deepest first; -1 when none. A container
 * whose `name` row is the one open right below it does not count: a second row of that name
 * (`LockReason` under the element row `LockReason`) is the element's member, not the element again.
 */
function levelOf(stack: Open[], name: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.node.has(name) && stack[k + 1]?.name !== name) return k;
  return -1;
}

/** `Array of Instance` → `Instance`; null for any other type cell. */
function itemName(rawType: string): string | null {
  return /^(?:array|list|repeatlist)\s*(?:of\s*|<\s*)([A-Za-z_][\w.]*)\s*>?$/i.exec(rawType.trim())?.[1] ?? null;
}

/** An element row: no type, and named as the items of the list row right before it. */
function isElementRow(row: ParamRow, prev: ParamRow | undefined): boolean {
  if (!prev || row.rawType.trim() !== '') return false;
  const item = itemName(prev.rawType);
  return item !== null && item.toLowerCase() === row.name.toLowerCase();
}

/**
 * A row the samples do not show that still holds the members after it: a struct (`Object`,
 * `Struct`, `Map`) or a row with no type at all (`Disks | | |`). A list (`Array of Tag`) opens
 * one for its element row; a named type (`runtime`) holds nothing the table lists (its members,
 * if any, the samples show).
 */
function opensContainer(row: ParamRow): boolean {
  const k = row.type.kind;
  if (k === 'array') return row.type.items.kind === 'ref' || row.type.items.kind === 'object';
  return k === 'object' || k === 'map' || (k === 'unknown' && row.rawType.trim() === '');
}

/**
 * Depth and parent for each row of a flat table, from the sample tree; null when the samples do
 * not nest anything (or the table already marks its nesting).
 */
export function nestingFromSample(rows: ParamRow[], tree: SampleTree): { depth: number; parent: string | null }[] | null {
  if (rows.some((r) => r.depth > 0)) return flattenedTree(rows, tree);
  if (tree.size === 0) return null;
  // A sample wrapped in one root the table does not name (`{"DescribeXResponse": {...}}`).
  let top = tree;
  const names = new Set(rows.map((r) => r.name));
  while (top.size === 1) {
    const [k, child] = [...top][0]!;
    if (names.has(k) || child.size === 0) break;
    top = child;
  }
  const stack: Open[] = [{ node: top, name: null }];
  const out: { depth: number; parent: string | null }[] = [];
  let nested = false;
  // Stack level → the element row that opened it (for claimedByEmptyElement).
  const elementOpeners = new Map<number, number>();
  // Look-ahead cache: the next row (index) the samples mention, valid for a run of rows they do not.
  let nextKnown = -1;
  let nextKnownFrom = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const name = row.name;
    const prev = rows[i - 1];
    let level: number;
    if (isElementRow(row, prev)) {
      // Under the list row, whose container opens here if the samples did not open it.
      level = out[i - 1]!.depth + 1;
      if (stack.length === level) stack.push({ node: EMPTY, name: prev!.name });
    } else if (claimedByEmptyElement(i)) {
      level = stack.length - 1;
    } else {
      level = levelOf(stack, name);
      if (level < 0) level = unknownLevel(i);
    }
    stack.length = level + 1;
    out.push({ depth: level, parent: stack[level]!.name });
    if (level > 0) nested = true;
    // No deeper than MAX_DEPTH open containers (real tables nest a few levels): every step stays O(MAX_DEPTH).
    const child = stack[level]!.node.get(name);
    if (stack.length > MAX_DEPTH) continue;
    if (child && child.size > 0) stack.push({ node: throughWrapper(child, rows[i + 1]), name });
    else if (opensContainer(row)) stack.push({ node: child ?? EMPTY, name });
    else continue;
    if (isElementRow(row, prev)) elementOpeners.set(stack.length - 1, i);
    else elementOpeners.delete(stack.length - 1);
  }
  return nested ? out : null;

  /**
   * An element the samples show empty (`"MountInstance": []`) still has the members its table lists
   * after it, whatever else the samples call them (`AttachedTime` of the element is not the
   * disk's): the rows right after it that start the alphabet anew below the list row's name.
   */
  function claimedByEmptyElement(i: number): boolean {
    const top = stack[stack.length - 1]!;
    if (stack.length < 3 || top.node.size > 0) return false;
    const opener = elementOpeners.get(stack.length - 1);
    if (opener === undefined) return false;
    const list = stack[stack.length - 2]!.name?.toLowerCase() ?? '';
    const name = rows[i]!.name.toLowerCase();
    if (name >= list) return false;
    const prev = rows[i - 1]!;
    return i - 1 === opener || (out[i - 1]!.depth === stack.length - 1 && prev.name.toLowerCase() <= name);
  }

  /** The level of a row the samples do not mention (see the module comment). */
  function unknownLevel(i: number): number {
    if (nextKnownFrom < 0 || (nextKnown >= 0 && i > nextKnown)) {
      nextKnownFrom = i;
      nextKnown = -1;
      for (let j = i + 1; j < rows.length; j++) {
        if (levelOf(stack, rows[j]!.name) >= 0) {
          nextKnown = j;
          break;
        }
      }
    }
    const here = stack.length - 1;
    const there = nextKnown >= 0 ? levelOf(stack, rows[nextKnown]!.name) : 0;
    if (there < 0 || there >= here) return here;
    // The next mentioned row closes containers. The row right after the container's row is its
    // member, unless the samples show the container's members and this is not one; a later row
    // stays only if it sorts after the previous member (members are listed together, on most
    // pages in name order); else it starts anew where the next mentioned row is.
    const prev = rows[i - 1]!;
    if (out[i - 1]!.depth === here - 1 && stack[here]!.name === prev.name) return stack[here]!.node.size === 0 ? here : there;
    return out[i - 1]!.depth >= here && prev.name.toLowerCase() <= rows[i]!.name.toLowerCase() ? here : there;
  }
}

/**
 * A tree (`└` rows) that lists a struct's members beside it: `└Tags | | |` (no type, no `└└`
 * rows under it) then `└TagKey`, `└TagValue` at its own depth. The typed rows right after such a
 * row go under it while they sort in order and the samples do not show them beside it (the next
 * row that sorts before the previous one, has rows of its own, or has no type ends the run).
 */
function flattenedTree(rows: ParamRow[], tree: SampleTree): { depth: number; parent: string | null }[] | null {
  const out = rows.map((r) => ({ depth: r.depth, parent: r.parent }));
  let changed = false;
  // The sample names at each row's level: the node of its parent chain, where the samples show it.
  const nodeOf = (i: number): SampleTree | null => {
    const chain: string[] = [];
    for (let d = rows[i]!.depth, k = i; d > 0 && k >= 0; k--) if (rows[k]!.depth === d - 1) (chain.unshift(rows[k]!.name), (d = rows[k]!.depth));
    let n: SampleTree | undefined = tree;
    for (const name of chain) {
      n = n?.get(name);
      if (n && n.size === 1 && !n.has(rows[i]!.name)) n = [...n.values()][0]; // a wrapper level the tree leaves out
    }
    return n && n.size ? n : null;
  };
  for (let i = 0; i < rows.length; i++) {
    const c = rows[i]!;
    const next = rows[i + 1];
    if (c.rawType.trim() !== '' || !next || next.depth !== c.depth || c.depth === 0) continue;
    const level = nodeOf(i);
    let prev: string | null = null;
    for (let j = i + 1; j < rows.length; j++) {
      const r = rows[j]!;
      const after = rows[j + 1];
      if (r.depth !== c.depth || r.rawType.trim() === '' || (after && after.depth > r.depth)) break;
      if (prev !== null && r.name.toLowerCase() < prev) break;
      if (level?.has(r.name)) break; // the samples show it beside the struct
      out[j] = { depth: c.depth + 1, parent: c.name };
      prev = r.name.toLowerCase();
      changed = true;
    }
  }
  return changed ? out : null;
}

/** A container whose sample object holds one wrapper key the table does not list next: its members are found through it. */
function throughWrapper(node: SampleTree, next: ParamRow | undefined): SampleTree {
  if (node.size !== 1) return node;
  const [k, inner] = [...node][0]!;
  if (next && next.name === k) return node;
  return inner.size > 0 ? inner : node;
}

const LIST_PART = /^[A-Za-z_$][\w$-]*\.([Nn]|\d+)(\.|$)/;

/**
 * The count of a dotted list (`Tag.N.Key`: "N 的取值范围：1~20", `InstanceId.N`: "Valid values of
 * N: 1 to 100"), read from each such row's own words as the list's (mined with the list's type)
 * and kept as the row's `items` fact: on a dotted row, `items` counts the list its first `.N`
 * names (reconcile puts it on the list it builds from the rows).
 */
export function dottedListCounts(rows: ParamRow[], lang: Lang, file: string): void {
  for (const r of rows) {
    if (r.facts.items || r.depth > 0 || !LIST_PART.test(r.name)) continue;
    const items = mineFacts(r.descriptionLines, lang, file, { kind: 'array', items: r.type.kind === 'array' ? r.type.items : r.type }).items;
    if (items) r.facts.items = items;
  }
}
