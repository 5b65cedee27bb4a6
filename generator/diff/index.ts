/**
 * Doc diff reports: what changed between two versions of the docs, and whether it breaks
 * callers. Compare at the level of reconciled OperationModels (each side's pages → reconcile
 * → diff the two models), classified by the one rule table in rules.ts.
 */
import { basename } from 'node:path';
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

/**
 * The diff reports `npm run generate` writes under generated/: for every operation of the IR,
 * one report (md, json, html) per pair of consecutive versions in each language line, plus
 * the whole timeline (`reports/diff/timeline.{md,json,html}`) and an index (`reports/diff/index.md`).
 * Paths are relative to generated/. With several operations, each gets its own folder.
 */
export function diffReportsForIR(ir: IR, docsManifest: Manifest = EMPTY_MANIFEST): Map<string, string> {
  const out = new Map<string, string>();
  const multi = ir.operations.length > 1;
  for (const op of ir.operations) {
    const files = new Set(op.documents);
    const docs = ir.documents.filter((d) => files.has(d.file));
    const dir = multi ? `reports/diff/${op.id.replace(/[^\w.-]+/g, '_')}` : 'reports/diff';
    const { report, steps } = timeline({ label: op.id, docs, manifest: docsManifest, variants: new Map([[op.name, op.variants]]) });
    const names = new Map<TimelineStep, string>();
    for (const s of steps) {
      const name = `${shortName(s.old.file)}-to-${shortName(s.new.file)}`;
      names.set(s, name);
      const pair: DiffReport = finishReport('pair', `${s.old.file} → ${s.new.file}`, [], [{ lang: null, heading: null, versions: [], steps: [s.diff] }]);
      out.set(`${dir}/${name}.md`, renderMarkdown(pair));
      out.set(`${dir}/${name}.json`, renderJson(pair));
      out.set(`${dir}/${name}.html`, renderHtml(pair));
    }
    out.set(`${dir}/timeline.md`, renderMarkdown(report));
    out.set(`${dir}/timeline.json`, renderJson(report));
    out.set(`${dir}/timeline.html`, renderHtml(report));
    out.set(`${dir}/index.md`, indexMarkdown(report, steps, names));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
