/**
 * Reports: a pair (old side → new side) or a timeline (the versions of an operation in date
 * order, one line per language, each step compared with the one before). Both are a list of
 * sections of OperationDiffs, so the renderers handle one shape.
 */
import type { DocumentIR, Lang, OperationModel, Variant } from '../model/ir.ts';
import { reconcile, type Manifest } from '../reconcile/index.ts';
import { addCounts, diffOperationModels, kindsOf, rowLines, unmatchedOperation, type CompareContext, type Counts, type OperationDiff, type PageSummary } from './compare.ts';
import { adoptOperation, operationsOf, pageDate, type Side } from './load.ts';

export const REPORT_VERSION = 1;

export interface Section {
  /** `en`, `zh`, or null for a pair. */
  lang: Lang | null;
  heading: string | null;
  /** For a timeline line: the versions in order. */
  versions: PageSummary[];
  steps: OperationDiff[];
}

export interface DiffReport {
  reportVersion: number;
  kind: 'pair' | 'timeline';
  title: string;
  notes: string[];
  sections: Section[];
  counts: Counts;
}

function finish(kind: DiffReport['kind'], title: string, notes: string[], sections: Section[]): DiffReport {
  return { reportVersion: REPORT_VERSION, kind, title, notes, sections, counts: addCounts(sections.flatMap((s) => s.steps.map((d) => d.counts))) };
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

/** Variants of `name` from a reconcile over all `docs` (more pages → more evidence of kinds). */
function contextVariants(name: string, docs: DocumentIR[], manifest: Manifest): Variant[] {
  const byFile = new Map<string, DocumentIR>();
  for (const d of docs) {
    const prev = byFile.get(d.file);
    if (prev && prev.hash !== d.hash) return []; // two different pages under one path: kinds by file would be ambiguous
    byFile.set(d.file, d);
  }
  return reconcile([...byFile.values()], manifest)
    .filter((o) => o.name === name)
    .flatMap((o) => o.variants);
}

function pageInfo(docs: DocumentIR[], manifest: Manifest): CompareContext['pageInfo'] {
  return new Map(docs.map((d) => [d.file, { ...pageDate(d, manifest), title: d.title }]));
}

function matches(a: OperationModel, b: OperationModel): boolean {
  return a.name === b.name && (!a.version || !b.version || a.version === b.version);
}

/** Compare two sides: operations matched by name (+ version when both have it). */
export function diffSides(oldSide: Side, newSide: Side): DiffReport {
  const a = adoptOperation(oldSide.docs, newSide.docs);
  const b = adoptOperation(newSide.docs, oldSide.docs);
  const notes = [...a.notes, ...b.notes];
  const oldOps = operationsOf(oldSide, a.docs);
  const newOps = operationsOf(newSide, b.docs);
  const manifest: Manifest = { ...newSide.manifest, pages: { ...oldSide.manifest.pages, ...newSide.manifest.pages } };
  const info = new Map([...pageInfo(a.docs, oldSide.manifest), ...pageInfo(b.docs, newSide.manifest)]);
  const rows = rowLines([...a.docs, ...b.docs]);
  const steps: OperationDiff[] = [];
  const used = new Set<OperationModel>();
  for (const o of oldOps) {
    const n = newOps.find((x) => !used.has(x) && matches(o, x) && o.version === x.version) ?? newOps.find((x) => !used.has(x) && matches(o, x));
    if (!n) {
      steps.push(unmatchedOperation('old', oldSide.label, newSide.label, o, { variants: o.variants, pageInfo: info, rows }));
      continue;
    }
    used.add(n);
    const variants = mergeVariants([o.variants, n.variants, contextVariants(o.name, [...a.docs, ...b.docs], manifest)]);
    steps.push(diffOperationModels(oldSide.label, o, newSide.label, n, { variants, pageInfo: info, rows }));
  }
  for (const n of newOps) if (!used.has(n)) steps.push(unmatchedOperation('new', oldSide.label, newSide.label, n, { variants: n.variants, pageInfo: info, rows }));
  steps.sort((x, y) => (x.operation < y.operation ? -1 : x.operation > y.operation ? 1 : 0));
  if (oldOps.length === 0) notes.push(`${oldSide.label}: no operation found (no page with a request table and an operation name)`);
  if (newOps.length === 0) notes.push(`${newSide.label}: no operation found (no page with a request table and an operation name)`);
  return finish('pair', `${oldSide.label} → ${newSide.label}`, notes, [{ lang: null, heading: null, versions: [], steps }]);
}

export interface TimelineInput {
  /** Shown in the title (`history/`, `docs/`). */
  label: string;
  docs: DocumentIR[];
  manifest: Manifest;
  /** Variants known for each operation name (e.g. from the IR); else from a reconcile over all pages. */
  variants?: Map<string, Variant[]>;
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
 * what changed at each step. Undated pages go last, by file name, with a note.
 */
export function timeline(input: TimelineInput): { report: DiffReport; steps: TimelineStep[] } {
  const { docs, notes } = adoptOperation(input.docs);
  const info = pageInfo(docs, input.manifest);
  const byOp = new Map<string, DocumentIR[]>();
  for (const d of docs) {
    if (!d.operation || (d.request.length === 0 && !d.skeleton?.body)) continue;
    byOp.set(d.operation, [...(byOp.get(d.operation) ?? []), d]);
  }
  const sections: Section[] = [];
  const allSteps: TimelineStep[] = [];
  for (const [name, list] of [...byOp].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const variants = input.variants?.get(name) ?? contextVariants(name, list, input.manifest);
    const rows = rowLines(list);
    const single = new Map(list.map((d) => [d.file, reconcile([d], input.manifest).find((o) => o.name === name)!]));
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
        const diff = diffOperationModels(o.file, single.get(o.file)!, n.file, single.get(n.file)!, { variants, pageInfo: info, rows });
        steps.push(diff);
        allSteps.push({ lang, operation: name, old: o, new: n, diff });
      }
      const heading = `${name}, ${lang} line: ${line.map((d) => d.file).join(' → ')}`;
      sections.push({ lang, heading, versions, steps });
    }
  }
  if (sections.length === 0) notes.push(`${input.label}: no operation found (no page with a request table and an operation name)`);
  return { report: finish('timeline', `Timeline of ${input.label}`, notes, sections), steps: allSteps };
}
