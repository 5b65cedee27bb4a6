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
 * a row that opens an object in the sample opens a container. A row the samples do not mention
 * goes where the next row they do mention goes (members are listed together). Rows get the
 * depth and parent that `└` rows get, so the rest of the pipeline treats both alike.
 *
 * Applied only to tables without tree markers, with a parsed sample of the same kind, and only
 * when it nests something; otherwise the rows stay as they are.
 */
import type { ParamRow } from '../model/ir.ts';

/** Names under a sample value: an object's keys, an array's items' keys merged. */
export type SampleTree = Map<string, SampleTree>;

/** The tree of names of one or more sample values (merged). */
export function sampleTree(values: unknown[]): SampleTree {
  const root: SampleTree = new Map();
  const add = (into: SampleTree, v: unknown, depth: number): void => {
    if (depth > 32 || v === null || typeof v !== 'object') return;
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

interface Open {
  node: SampleTree;
  name: string | null;
}

/** The stack level (index) whose container has `name`, deepest first; -1 when none. */
function levelOf(stack: Open[], name: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.node.has(name)) return k;
  return -1;
}

/**
 * Depth and parent for each row of a flat table, from the sample tree; null when the samples do
 * not nest anything (or the table already marks its nesting).
 */
export function nestingFromSample(rows: ParamRow[], tree: SampleTree): { depth: number; parent: string | null }[] | null {
  if (tree.size === 0 || rows.some((r) => r.depth > 0)) return null;
  const stack: Open[] = [{ node: tree, name: null }];
  const out: { depth: number; parent: string | null }[] = [];
  let nested = false;
  for (let i = 0; i < rows.length; i++) {
    const name = rows[i]!.name;
    let level = levelOf(stack, name);
    if (level < 0) {
      // Not in the samples: where the next row they mention goes, if that container is open.
      level = 0;
      for (let j = i + 1; j < rows.length; j++) {
        const l = levelOf(stack, rows[j]!.name);
        if (l >= 0) {
          level = l;
          break;
        }
      }
    }
    stack.length = level + 1;
    out.push({ depth: level, parent: stack[level]!.name });
    if (level > 0) nested = true;
    const child = stack[level]!.node.get(name);
    if (child && child.size > 0) stack.push({ node: child, name });
  }
  return nested ? out : null;
}
