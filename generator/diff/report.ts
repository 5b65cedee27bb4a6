/**
 * Reports: a pair (old side → new side: every operation of either side, paired as the timeline
 * pairs them) or a timeline (the versions of each operation in date order, one line per
 * language, each step compared with the one before). Both are a list of sections of
 * OperationDiffs, so the renderers handle one shape.
 */
import type { DocumentIR, Lang, OperationModel, Variant } from '../model/ir.ts';
import { reconcile, reconcileOperation, type Manifest } from '../reconcile/index.ts';
import { groupByOperation, operationNameOfKey } from '../reconcile/pages.ts';
import { addCounts, diffOperationModels, kindsOf, rowLines, unmatchedOperation, type CompareContext, type Counts, type OperationDiff, type PageSummary } from './compare.ts';
import { DiffUsageError, operationsOf, pageDate, type Side } from './load.ts';
import { identify, matchesOperation, pairOperations } from './pairing.ts';
import type { PolicyReport } from './policy.ts';

export const REPORT_VERSION = 2;

export interface Section {
  /** `en`, `zh`, or null for a pair. */
  lang: Lang | null;
  heading: string | null;
  /** For a timeline line: the versions in order. */
  versions: PageSummary[];
  steps: OperationDiff[];
}

/** How many operations the report covers, and what happened to them. */
export interface OperationCounts {
  compared: number;
  /** With at least one change (added and removed operations included). */
  changed: number;
  unchanged: number;
  added: number;
  removed: number;
}

export interface DiffReport {
  reportVersion: number;
  kind: 'pair' | 'timeline';
  title: string;
  notes: string[];
  sections: Section[];
  operations: OperationCounts;
  counts: Counts;
  /** The policy applied (config `diff`), when there was one. */
  policy?: PolicyReport;
}

/** Thrown when a diff would compare nothing (no operation on a side, or two different operations): exit 2, never a green run. */
export class NothingToCompareError extends DiffUsageError {}

export function operationCounts(sections: Section[]): OperationCounts {
  const by = new Map<string, OperationDiff[]>();
  for (const s of sections) for (const d of s.steps) by.set(d.id, [...(by.get(d.id) ?? []), d]);
  const c: OperationCounts = { compared: by.size, changed: 0, unchanged: 0, added: 0, removed: 0 };
  for (const list of by.values()) {
    if (list.some((d) => d.changes.length > 0)) c.changed++;
    else c.unchanged++;
    if (list.some((d) => d.changes.some((x) => x.id === 'operation-added'))) c.added++;
    if (list.some((d) => d.changes.some((x) => x.id === 'operation-removed'))) c.removed++;
  }
  return c;
}

export function finishReport(kind: DiffReport['kind'], title: string, notes: string[], sections: Section[]): DiffReport {
  return { reportVersion: REPORT_VERSION, kind, title, notes, sections, operations: operationCounts(sections), counts: addCounts(sections.flatMap((s) => s.steps.map((d) => d.counts))) };
}

function mergeVariants(lists: Variant[][]): Variant[] {
  const by = new Map<string, Variant>();
  for (const list of lists)
    for (const v of list) {
      const k = `${v.id}|${JSON.stringify(Object.entries(v.discriminator).sort())}`;
      const cur = by.get(k);
      if (!cur) by.set(k, { ...v, sources: [...v.sources] });
      else cur.sources.push(...v.sources);
    }
  return [...by.values()];
}

/** The pages `docs` as one set by file; null when two different pages share a path (kinds by file would be ambiguous). */
function uniqueByFile(docs: DocumentIR[]): DocumentIR[] | null {
  const byFile = new Map<string, DocumentIR>();
  for (const d of docs) {
    const prev = byFile.get(d.file);
    if (prev && prev.hash !== d.hash) return null;
    byFile.set(d.file, d);
  }
  return [...byFile.values()];
}

/** Variants of the operation from a reconcile over all `docs` (more pages → more evidence of kinds). */
function contextVariants(docs: DocumentIR[], manifest: Manifest): Variant[] {
  const unique = uniqueByFile(docs);
  if (!unique || unique.length === 0) return [];
  return reconcileOperation('context', unique, manifest).variants;
}

export function pageInfo(docs: DocumentIR[], manifest: Manifest, dates?: Map<string, string>): CompareContext['pageInfo'] {
  return new Map(docs.map((d) => [d.file, { ...pageDate(d, manifest, dates), title: d.title }]));
}

export interface DiffOptions {
  /** `--match`: only operations whose name or id this finds. */
  match?: RegExp | null;
}

function docsOf(op: OperationModel, byFile: Map<string, DocumentIR>): DocumentIR[] {
  return op.documents.map((f) => byFile.get(f)).filter((d): d is DocumentIR => d !== undefined);
}

function opNames(ops: OperationModel[]): string {
  const names = ops.map((o) => o.id);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * Compare two sides: every operation of either side, paired by product, version and name
 * (pairing.ts). Throws NothingToCompareError when a side has no operation or the sides have no
 * operation in common: a gate that compared nothing must not pass. A side absent on purpose (a
 * revision before the docs folder existed) has no operation: every one of the other side is added
 * or removed.
 */
export function diffSides(oldSide: Side, newSide: Side, opts: DiffOptions = {}): DiffReport {
  const a = identify(oldSide.docs, newSide.docs);
  const b = identify(newSide.docs, oldSide.docs);
  const notes = [...a.notes, ...b.notes];
  const match = opts.match ?? null;
  const allOld = operationsOf(oldSide, a.docs);
  const allNew = operationsOf(newSide, b.docs);
  const none = (s: Side): string => `${s.label}: no operation found (no page with a request table and an operation name): nothing to compare`;
  if (allOld.length === 0 && !oldSide.absent) throw new NothingToCompareError(none(oldSide));
  if (allNew.length === 0 && !newSide.absent) throw new NothingToCompareError(none(newSide));
  const oldOps = allOld.filter((o) => matchesOperation(match, o));
  const newOps = allNew.filter((o) => matchesOperation(match, o));
  if (match && oldOps.length + newOps.length === 0) throw new NothingToCompareError(`--match ${match.source}: no operation of either side matches`);
  const { pairs, removed, added } = pairOperations(oldOps, newOps);
  if (pairs.length === 0 && !oldSide.absent && !newSide.absent && (!match || (oldOps.length > 0 && newOps.length > 0)))
    throw new NothingToCompareError(`${oldSide.label} and ${newSide.label} are different operations (${opNames(oldOps)} / ${opNames(newOps)}): nothing to compare`);

  const manifest: Manifest = { ...newSide.manifest, pages: { ...oldSide.manifest.pages, ...newSide.manifest.pages } };
  const oldInfo = pageInfo(a.docs, oldSide.manifest, oldSide.dates);
  const newInfo = pageInfo(b.docs, newSide.manifest, newSide.dates);
  const rows = rowLines([...a.docs, ...b.docs]);
  const oldByFile = new Map(a.docs.map((d) => [d.file, d]));
  const newByFile = new Map(b.docs.map((d) => [d.file, d]));
  const steps: OperationDiff[] = [];
  for (const o of removed) steps.push(unmatchedOperation('old', oldSide.label, newSide.label, o, { variants: o.variants, pageInfo: oldInfo, rows }));
  for (const n of added) steps.push(unmatchedOperation('new', oldSide.label, newSide.label, n, { variants: n.variants, pageInfo: newInfo, rows }));
  for (const [o, n] of pairs) {
    const od = docsOf(o, oldByFile);
    const nd = docsOf(n, newByFile);
    // The same pages on both sides: a reconcile over their union is the reconcile each side already did.
    const same = od.length === nd.length && od.every((d, i) => d.file === nd[i]!.file && d.hash === nd[i]!.hash);
    const variants = same ? mergeVariants([o.variants, n.variants]) : mergeVariants([o.variants, n.variants, contextVariants([...od, ...nd], manifest)]);
    steps.push(diffOperationModels(oldSide.label, o, newSide.label, n, { variants, pageInfo: oldInfo, newPageInfo: newInfo, rows }));
  }
  steps.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return finishReport('pair', `${oldSide.label} → ${newSide.label}`, notes, [{ lang: null, heading: null, versions: [], steps }]);
}

export interface TimelineInput {
  /** Shown in the title (`history/`, `docs/`). */
  label: string;
  docs: DocumentIR[];
  manifest: Manifest;
  /** Variants known for each operation name (e.g. from the IR); else from a reconcile over all pages. */
  variants?: Map<string, Variant[]>;
  /** Dates of pages that state none (a git history: the commit date), by file. */
  dates?: Map<string, string>;
  match?: RegExp | null;
}

export interface TimelineStep {
  lang: Lang;
  operation: string;
  old: DocumentIR;
  new: DocumentIR;
  diff: OperationDiff;
}

/**
 * The versions of each operation in date order, per language (zh with zh, en with en), and
 * what changed at each step. Pages are grouped into operations as reconcile groups them
 * (product, version, name). Undated pages go last, by file name, with a note.
 */
export function timeline(input: TimelineInput): { report: DiffReport; steps: TimelineStep[] } {
  const { docs, notes } = identify(input.docs);
  const info = pageInfo(docs, input.manifest, input.dates);
  const groups = [...groupByOperation(docs)].filter(([key]) => matchesOperation(input.match ?? null, { id: key, name: operationNameOfKey(key) }));
  const nameCount = new Map<string, number>();
  for (const [key] of groups) nameCount.set(operationNameOfKey(key), (nameCount.get(operationNameOfKey(key)) ?? 0) + 1);
  const sections: Section[] = [];
  const allSteps: TimelineStep[] = [];
  for (const [key, list] of groups) {
    // The group's spelling (names that differ only in case are one operation; each page keeps its own).
    const name = operationNameOfKey(key);
    const variants = input.variants?.get(name) ?? contextVariants(list, input.manifest);
    const rows = rowLines(list);
    const single = new Map(list.map((d) => [d, { ...reconcile([d], input.manifest).find((o) => o.name.toLowerCase() === name.toLowerCase())!, id: key }]));
    for (const lang of ['en', 'zh'] as Lang[]) {
      const line = list
        .filter((d) => d.lang === lang)
        .sort((x, y) => {
          const dx = info.get(x.file)!.date;
          const dy = info.get(y.file)!.date;
          if (dx !== dy) return dx === null ? 1 : dy === null ? -1 : dx < dy ? -1 : 1;
          return x.file < y.file ? -1 : 1;
        });
      if (line.length === 0) continue;
      for (const d of line) if (!info.get(d.file)!.date) notes.push(`${d.file} has no date (no "Last Updated", no date in the file name, no manifest entry): placed last in the ${lang} line`);
      const versions: PageSummary[] = line.map((d) => ({ file: d.file, lang: d.lang, ...info.get(d.file)!, kinds: kindsOf(d.file, variants) }));
      const steps: OperationDiff[] = [];
      for (let i = 1; i < line.length; i++) {
        const o = line[i - 1]!;
        const n = line[i]!;
        const diff = diffOperationModels(o.file, single.get(o)!, n.file, single.get(n)!, { variants, pageInfo: info, rows });
        steps.push(diff);
        allSteps.push({ lang, operation: name, old: o, new: n, diff });
      }
      const title = (nameCount.get(name) ?? 0) > 1 ? key : name;
      sections.push({ lang, heading: `${title}, ${lang} line: ${line.map((d) => d.file).join(' → ')}`, versions, steps });
    }
  }
  if (sections.length === 0) notes.push(`${input.label}: no operation found (no page with a request table and an operation name)`);
  return { report: finishReport('timeline', `Timeline of ${input.label}`, notes, sections), steps: allSteps };
}
