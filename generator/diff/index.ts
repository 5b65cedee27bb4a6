/**
 * Doc diff reports: what changed between two versions of the docs, and whether it breaks
 * callers. Compare at the level of reconciled OperationModels (each side's pages → reconcile
 * → diff the two models), classified by the one rule table in rules.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IR } from '../model/ir.ts';
import { EMPTY_MANIFEST, type Manifest } from '../reconcile/manifest.ts';
import type { Counts, OperationDiff } from './compare.ts';
import { renderHtml, renderJson, renderMarkdown } from './render.ts';
import { mdCodeSpan, mdText } from '../emit/md.ts';
import { finishReport, timeline, type DiffReport, type TimelineStep } from './report.ts';

export { diffOperationModels, type Change, type Counts, type OperationDiff } from './compare.ts';
export { loadSide, DiffUsageError, type Side } from './load.ts';
export { diffSides, timeline, type DiffReport } from './report.ts';
export { render, renderHtml, renderJson, renderMarkdown, type Format } from './render.ts';
export { DIFF_RULES, rule, rulesMarkdown, type Level, type Rule } from './rules.ts';

/** Short name of a page for report file names: `000` for `000_43e0….txt`, else the name without extension. */
export function shortName(file: string): string {
  const b = basename(file).replace(/\.(md|txt)$/i, '');
  const m = /^(\d+)_/.exec(b);
  return m ? m[1]! : b.replace(/[^\w.-]+/g, '-');
}

function kindIds(side: OperationDiff['old']): string {
  return [...new Set(side.pages.flatMap((p) => p.kinds.map((k) => k.replace(/ \(.*$/, ''))))].join(', ');
}

function countsCell(c: Counts): string {
  return `${c.breaking} | ${c.warning} | ${c.info}`;
}

function indexMarkdown(report: DiffReport, steps: TimelineStep[], files: Map<TimelineStep, string>): string {
  const out = ['# docs2types diff: timeline', '', 'Consecutive versions of each operation, per language line (zh with zh, en with en). Full report: `timeline.md` / `timeline.html`.', ''];
  for (const n of report.notes) out.push(`> ${mdText(n.replace(/\n/g, ' '))}`, '');
  out.push('| operation | line | old | new | breaking | warning | info | kinds | report |', '|---|---|---|---|---|---|---|---|---|');
  for (const s of steps) {
    const f = files.get(s)!;
    out.push(
      `| ${mdText(s.operation)} | ${s.lang} | ${mdCodeSpan(s.old.file)} | ${mdCodeSpan(s.new.file)} | ${countsCell(s.diff.counts)} | ${s.diff.kindsDiffer ? `differ: ${mdText(kindIds(s.diff.old))} → ${mdText(kindIds(s.diff.new))}` : 'same or not determined'} | [md](${f}.md) · [json](${f}.json) · [html](${f}.html) |`,
    );
  }
  if (steps.length === 0) out.push('| — | — | — | — | 0 | 0 | 0 | — | — |');
  return `${out.join('\n')}\n`;
}

/** What diffReportsForIR asks of a memo (the engine's EmitMemo is one): the stored output of a step for an input, and storing one. */
export interface ReportMemo {
  get(step: string, input: string, valid?: (body: string) => boolean): string | null;
  put(step: string, input: string, output: string): void;
}

let codeMemo: string | null = null;
/**
 * Hash of the generator's sources: an operation's reports are made by the diff code, and by the
 * reconcile and read code it runs on each page (timeline), so all of it is part of the memo's input.
 */
function generatorCode(): string {
  if (codeMemo === null) {
    const h = createHash('sha256').update('diff-reports:1\0');
    const root = join(import.meta.dirname, '..');
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) h.update(`${p.slice(root.length)}\0`).update(readFileSync(p)).update('\0');
      }
    };
    walk(root);
    codeMemo = h.digest('hex').slice(0, 16);
  }
  return codeMemo;
}

/** A memo entry: JSON of [path, text] pairs, every path under `dir` (a body of another shape is a miss). */
function filesUnder(dir: string): (body: string) => boolean {
  return (body) => {
    try {
      const v = JSON.parse(body) as unknown;
      return Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && e[0].startsWith(`${dir}/`) && typeof e[1] === 'string');
    } catch {
      return false;
    }
  };
}

/** One operation's reports (see diffReportsForIR). */
function operationReports(op: IR['operations'][number], docs: IR['documents'], dir: string, docsManifest: Manifest): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const { report, steps } = timeline({ label: op.id, docs, manifest: docsManifest, variants: new Map([[op.name, op.variants]]) });
  const names = new Map<TimelineStep, string>();
  for (const s of steps) {
    const name = `${shortName(s.old.file)}-to-${shortName(s.new.file)}`;
    names.set(s, name);
    const pair: DiffReport = finishReport('pair', `${s.old.file} → ${s.new.file}`, [], [{ lang: null, heading: null, versions: [], steps: [s.diff] }]);
    out.push([`${dir}/${name}.md`, renderMarkdown(pair)], [`${dir}/${name}.json`, renderJson(pair)], [`${dir}/${name}.html`, renderHtml(pair)]);
  }
  out.push([`${dir}/timeline.md`, renderMarkdown(report)], [`${dir}/timeline.json`, renderJson(report)], [`${dir}/timeline.html`, renderHtml(report)], [`${dir}/index.md`, indexMarkdown(report, steps, names)]);
  return out;
}

/**
 * The diff reports `npm run generate` writes under generated/: for every operation of the IR,
 * one report (md, json, html) per pair of consecutive versions in each language line, plus
 * the whole timeline (`reports/diff/timeline.{md,json,html}`) and an index (`reports/diff/index.md`).
 * Paths are relative to generated/. With several operations, each gets its own folder.
 *
 * An operation's reports are a function of the operation (id, name, variants), its pages, the
 * manifest and the generator's code: with a memo, each operation whose input did not change is
 * answered from it (touching one page re-renders one operation's reports).
 */
export function diffReportsForIR(ir: IR, docsManifest: Manifest = EMPTY_MANIFEST, memo?: ReportMemo): Map<string, string> {
  const out = new Map<string, string>();
  const multi = ir.operations.length > 1;
  for (const op of ir.operations) {
    const files = new Set(op.documents);
    const docs = ir.documents.filter((d) => files.has(d.file));
    const dir = multi ? `reports/diff/${op.id.replace(/[^\w.-]+/g, '_')}` : 'reports/diff';
    const input = memo ? JSON.stringify([generatorCode(), dir, op.id, op.name, op.variants, docs, docsManifest]) : '';
    const stored = memo ? memo.get('diff-reports', input, filesUnder(dir)) : null;
    const reports = stored !== null ? (JSON.parse(stored) as Array<[string, string]>) : operationReports(op, docs, dir, docsManifest);
    if (memo && stored === null) memo.put('diff-reports', input, JSON.stringify(reports));
    for (const [k, v] of reports) out.set(k, v);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
