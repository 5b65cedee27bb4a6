/**
 * Render a DiffReport as markdown (PR comments), JSON (tools, CI) or one self-contained HTML
 * page (templates/diff/report.html.hbs: inline CSS and JS, no network, every piece of doc text
 * escaped by handlebars `{{ }}`). Deterministic: no timestamps, the report's own order.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffWords } from 'diff';
import Handlebars from 'handlebars';
import type { SourceRef } from '../model/ir.ts';
import type { Change, Counts, OperationDiff, PageSummary, SideSummary } from './compare.ts';
import type { DiffReport } from './report.ts';
import { KINDS_NOTE } from './compare.ts';
import { LEVELS, type Level } from './rules.ts';
import { mdCodeSpan, mdTextShort } from '../emit/md.ts';

export type Format = 'md' | 'html' | 'json';

// ---------------------------------------------------------------------------------------------
// Values as text
// ---------------------------------------------------------------------------------------------

function isRange(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  return keys.length > 0 && keys.every((k) => k === 'min' || k === 'max' || k === 'values');
}

/** A before/after value as plain text: `[a, b]`, `1..63`, `type: string, required: true`. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x)).join(', ')}]`;
  const o = v as Record<string, unknown>;
  if (isRange(o)) {
    if (Array.isArray(o.values)) return `one of {${(o.values as unknown[]).map(valueText).join(', ')}}`;
    if (o.min !== undefined && o.max !== undefined) return `${o.min}..${o.max}`;
    return o.min !== undefined ? `≥ ${o.min}` : `≤ ${o.max}`;
  }
  return Object.entries(o)
    .map(([k, x]) => `${k}: ${valueText(x)}`)
    .join(', ');
}

function src(s: SourceRef | null): string {
  return s ? `${s.file}:${s.line}` : '—';
}

function countsText(c: Counts): string {
  return `${c.total} change${c.total === 1 ? '' : 's'}: ${c.breaking} breaking, ${c.warning} warning, ${c.info} info${c.ignored ? `, ${c.ignored} ignored` : ''}`;
}

function pageText(p: PageSummary): string {
  return `${p.file} (${p.lang}, ${p.date ?? 'undated'}${p.date && p.dateFrom ? ` from ${p.dateFrom}` : ''})`;
}

function sideText(s: SideSummary): string {
  return s.pages.length ? s.pages.map(pageText).join('; ') : `${s.label} (no such operation)`;
}

function kindsText(s: SideSummary): string {
  const k = [...new Set(s.pages.flatMap((p) => p.kinds))];
  return k.length ? k.join('; ') : 'not determined';
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const MAX_MD = 200;

/** Doc text for a markdown report: literal (no link, image, HTML or mention can form), long text shortened. */
export function mdCell(s: string, max = MAX_MD): string {
  return mdTextShort(s, max);
}

function mdCode(s: string): string {
  return s === '' ? '(operation)' : mdCodeSpan(s);
}

/**
 * Two long texts side by side: drop the common start and end (at word boundaries, keeping a
 * little context) so the cell shows what changed.
 */
export function focus(a: string, b: string, context = 24): [string, string] {
  if (a.length <= MAX_MD && b.length <= MAX_MD) return [a, b];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  let from = Math.max(0, start - context);
  while (from > 0 && !/\s/.test(a[from - 1]!)) from--;
  const cut = (s: string): string => {
    let to = Math.min(s.length, s.length - end + context);
    while (to < s.length && !/\s/.test(s[to]!)) to++;
    return `${from > 0 ? '…' : ''}${s.slice(from, to)}${to < s.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

function mdChanges(level: Level, list: Change[]): string[] {
  const out = [`#### ${level} (${list.length})`, '', '| rule | path | before | after | old | new |', '|---|---|---|---|---|---|'];
  for (const c of list) {
    const lang = c.lang ? ` (${c.lang})` : '';
    const [before, after] = typeof c.before === 'string' && typeof c.after === 'string' ? focus(c.before, c.after) : [valueText(c.before), valueText(c.after)];
    const policy = `${c.ruleLevel ? ` (level set by the policy; rule: ${c.ruleLevel})` : ''}${c.ignored ? ` — ignored: ${mdCell(c.ignored.reason)}` : ''}`;
    out.push(`| \`${c.id}\`${lang}${policy} | ${mdCode(c.path)} | ${mdCell(before)} | ${mdCell(after)} | ${mdCell(src(c.old))} | ${mdCell(src(c.new))} |`);
  }
  out.push('');
  return out;
}

function mdStep(d: OperationDiff, heading: string): string[] {
  const out = [
    heading,
    '',
    '| | old | new |',
    '|---|---|---|',
    `| pages | ${mdCell(sideText(d.old), 10_000)} | ${mdCell(sideText(d.new), 10_000)} |`,
    `| kinds | ${mdCell(kindsText(d.old), 10_000)} | ${mdCell(kindsText(d.new), 10_000)} |`,
    '',
    `**${countsText(d.counts)}**${d.crossLanguage ? ' (cross-language: meaning only)' : ''}`,
    '',
  ];
  for (const n of d.notes) out.push(`> ${mdCell(n, 10_000)}`, '');
  for (const level of LEVELS) {
    const list = d.changes.filter((c) => c.level === level);
    if (list.length) out.push(...mdChanges(level, list));
  }
  return out;
}

export function renderMarkdown(r: DiffReport): string {
  const out = [`# docs2types diff: ${mdCell(r.title, 10_000)}`, '', `**${countsText(r.counts)}**`, ''];
  // A pair of folders: one line for the operations compared, and the unchanged ones by name only.
  const collapse = r.kind === 'pair' && r.sections.reduce((k, s) => k + s.steps.length, 0) > 1;
  if (collapse) out.push(operationsText(r, 0), '');
  for (const n of r.notes) out.push(`> ${mdCell(n, 10_000)}`, '');
  if (collapse) {
    const unchanged = r.sections.flatMap((s) => s.steps.filter((d) => d.changes.length === 0).map((d) => mdCode(d.id)));
    if (unchanged.length) out.push(`Unchanged (${unchanged.length}): ${unchanged.join(', ')}`, '');
  }
  for (const s of r.sections) {
    if (s.heading) {
      out.push(`## ${mdCell(s.heading, 10_000)}`, '');
      out.push('| # | page | date | kinds |', '|---|---|---|---|');
      s.versions.forEach((v, i) => out.push(`| ${i + 1} | ${mdCell(v.file, 10_000)} | ${v.date ?? 'undated'}${v.dateFrom ? ` (${v.dateFrom})` : ''} | ${mdCell(v.kinds.join('; ') || 'not determined', 10_000)} |`));
      out.push('');
      if (s.steps.length === 0) out.push('Only one version: nothing to compare.', '');
    }
    s.steps.forEach((d, i) => {
      if (collapse && d.changes.length === 0) return;
      const heading = s.heading ? `### Step ${i + 1}: ${mdCell(d.old.label, 10_000)} → ${mdCell(d.new.label, 10_000)}` : `## ${mdCell(d.operation, 10_000)}`;
      out.push(...mdStep(d, heading));
    });
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

export function renderJson(r: DiffReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

const TEMPLATE = join(import.meta.dirname, '..', '..', 'templates', 'diff', 'report.html.hbs');
let compiled: Handlebars.TemplateDelegate | null = null;

function template(): Handlebars.TemplateDelegate {
  if (!compiled) {
    const hb = Handlebars.create();
    compiled = hb.compile(readFileSync(TEMPLATE, 'utf8'), { strict: true, noEscape: false });
  }
  return compiled;
}

/** Texts at least this long (either side) show as one word-level diff instead of two boxes. */
export const WORD_DIFF_MIN = 80;

/**
 * A word-level diff of two texts (jsdiff's diffWords: words and punctuation as tokens, each CJK
 * character a token), as parts the template escapes one by one.
 */
export function wordDiff(a: string, b: string): { text: string; del: boolean; ins: boolean }[] {
  return diffWords(a, b).map((p) => ({ text: p.value, del: p.removed, ins: p.added }));
}

function changeView(c: Change, anchor: string) {
  const long = typeof c.before === 'string' && typeof c.after === 'string' && Math.max(c.before.length, c.after.length) >= WORD_DIFF_MIN;
  return {
    anchor,
    level: c.level,
    id: c.id,
    title: c.title,
    direction: c.direction,
    path: c.path === '' ? '(operation)' : c.path,
    lang: c.lang ?? '',
    before: valueText(c.before),
    after: valueText(c.after),
    words: long ? wordDiff(c.before as string, c.after as string) : null,
    old: src(c.old),
    new: src(c.new),
    ignored: Boolean(c.ignored),
    ignoredReason: c.ignored?.reason ?? '',
    ignoredExpires: c.ignored?.expires ?? '',
    ruleLevel: c.ruleLevel ?? '',
  };
}

function stepView(d: OperationDiff, n: number, heading: string) {
  const anchor = `step-${n}`;
  return {
    anchor,
    heading,
    operation: d.operation,
    oldPages: sideText(d.old),
    newPages: sideText(d.new),
    oldKinds: kindsText(d.old),
    newKinds: kindsText(d.new),
    crossLanguage: d.crossLanguage,
    kindsDiffer: d.kindsDiffer,
    notes: d.notes.map((text) => ({ text, kinds: d.kindsDiffer && text.startsWith(KINDS_NOTE) })),
    counts: d.counts,
    countsText: countsText(d.counts),
    empty: d.changes.length === 0,
    changes: d.changes.map((c, i) => changeView(c, `${anchor}-${i + 1}`)),
  };
}

/** `sha256-…` of an inline block's text, for the Content-Security-Policy. */
function cspHash(html: string, tag: 'style' | 'script'): string {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html);
  return `sha256-${createHash('sha256').update(m ? m[1]! : '').digest('base64')}`;
}

function operationsText(r: DiffReport, steps: number): string {
  const o = r.operations;
  const ops = `${o.compared} operation${o.compared === 1 ? '' : 's'}`;
  const head = r.kind === 'timeline' ? `${ops}, ${steps} step${steps === 1 ? '' : 's'} compared` : `${ops} compared`;
  return `${head}: ${o.changed} changed (${o.added} added, ${o.removed} removed), ${o.unchanged} unchanged.`;
}

export function renderHtml(r: DiffReport): string {
  let n = 0;
  // A pair of folders: operations without any change are listed by name, not shown as a section each.
  const collapse = r.kind === 'pair' && r.sections.reduce((k, s) => k + s.steps.length, 0) > 1;
  const unchanged: string[] = [];
  const breaking: { anchor: string; where: string; title: string; id: string; path: string }[] = [];
  const sections = r.sections.map((s) => ({
    heading: s.heading,
    versions: s.versions.map((v, i) => ({ index: i + 1, file: v.file, lang: v.lang, date: v.date ?? 'undated', dateFrom: v.dateFrom ?? '', kinds: v.kinds.join('; ') || 'not determined' })),
    single: s.heading !== null && s.steps.length === 0,
    steps: s.steps
      .filter((d) => {
        if (collapse && d.changes.length === 0) unchanged.push(d.id);
        return !(collapse && d.changes.length === 0);
      })
      .map((d) => {
        n++;
        const view = stepView(d, n, s.heading ? `Step: ${d.old.label} → ${d.new.label}` : d.id);
        d.changes.forEach((c, i) => {
          if (c.level === 'breaking' && !c.ignored) breaking.push({ anchor: view.changes[i]!.anchor, where: s.lang ? `${d.operation} (${s.lang}) → ${d.new.label}` : d.id, title: c.title, id: c.id, path: c.path === '' ? '(operation)' : c.path });
        });
        return view;
      }),
  }));
  const view = (csp: { style: string; script: string }) =>
    template()({
      title: r.title,
      kind: r.kind,
      counts: r.counts,
      countsText: countsText(r.counts),
      notes: r.notes,
      levels: LEVELS.map((level) => ({ level, count: r.counts[level] })),
      summary: { operationsText: operationsText(r, n), breaking },
      stepCount: n,
      stepNoun: r.kind === 'timeline' ? 'steps' : 'operations',
      unchanged,
      sections,
      csp,
    });
  // The style and script blocks hold no page text: their hashes, taken from a first rendering, allow exactly them.
  const draft = view({ style: 'none', script: 'none' });
  return view({ style: cspHash(draft, 'style'), script: cspHash(draft, 'script') });
}

export function render(r: DiffReport, format: Format): string {
  return format === 'md' ? renderMarkdown(r) : format === 'json' ? renderJson(r) : renderHtml(r);
}
