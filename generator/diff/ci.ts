/**
 * Formats for CI: GitHub Actions annotations, JUnit XML and a short markdown summary for a PR
 * comment. Each is built from the DiffReport alone (deterministic, the report's order).
 *
 * - `github`: one workflow command per change (`::error file=…,line=…,title=…::message`),
 *   breaking → error, warning → warning, info and ignored changes → notice, pointing at the
 *   new side's line that names the parameter. Values are escaped per GitHub's workflow-command
 *   rules (data: `%`, CR, LF; properties also `:` and `,`), so page text can never end a command
 *   or start another.
 * - `junit`: a test case per operation compared (a timeline: per step); a failure for each
 *   change at or above `--fail-on` (default breaking) that no ignore entry accepts.
 * - `summary`: counts per level, the breaking changes, then the rest; beyond 50 rows a table
 *   continues inside `<details>`. Page text goes through emit/md.ts: nothing can link or mention.
 */
import type { SourceRef } from '../model/ir.ts';
import type { Change, OperationDiff } from './compare.ts';
import { pathOfLabel } from './git.ts';
import type { DiffReport } from './report.ts';
import { focus, valueText } from './render.ts';
import { levelRank, LEVELS, type Level } from './rules.ts';
import { mdCodeSpan, mdText, mdTextShort } from '../emit/md.ts';

/** Does the change count against `--fail-on level`? (Ignored changes never do.) */
export function failing(c: Change, failOn: Level | null): boolean {
  return failOn !== null && !c.ignored && levelRank(c.level) <= levelRank(failOn);
}

function steps(r: DiffReport): { section: DiffReport['sections'][number]; d: OperationDiff }[] {
  return r.sections.flatMap((section) => section.steps.map((d) => ({ section, d })));
}

function short(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `before → after`, long texts reduced to the part that changed. */
function beforeAfter(c: Change, max = 200): [string, string] {
  const [b, a] = typeof c.before === 'string' && typeof c.after === 'string' ? focus(c.before, c.after) : [valueText(c.before), valueText(c.after)];
  return [short(b, max), short(a, max)];
}

function changeText(d: OperationDiff, c: Change): string {
  const [b, a] = beforeAfter(c);
  const what = c.path === '' ? '' : ` ${c.path}`;
  const lang = c.lang ? ` (${c.lang})` : '';
  return `${d.operation}: ${c.title}${lang}:${what} ${b} → ${a}`.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions annotations
// ---------------------------------------------------------------------------------------------

/** Workflow-command data: `%`, CR and LF encoded (GitHub's toolkit `escapeData`). */
export function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property value: data escaping plus `:` and `,` (GitHub's toolkit `escapeProperty`). */
export function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The new side's page for changes with no line of their own (a removal): its newest page. */
function newPage(d: OperationDiff): string | null {
  const pages = d.new.pages.slice().sort((x, y) => ((x.date ?? '') !== (y.date ?? '') ? ((x.date ?? '') < (y.date ?? '') ? 1 : -1) : x.file < y.file ? -1 : 1));
  return pages[0]?.file ?? null;
}

/** Where an annotation points: the new side's row of the parameter, else the new side's page. */
export function annotationAt(d: OperationDiff, c: Change): { file: string; line: number | null } | null {
  const at: SourceRef | null = c.newRow ?? c.new;
  if (at) return { file: pathOfLabel(at.file), line: at.line };
  const page = newPage(d);
  return page ? { file: pathOfLabel(page), line: null } : null;
}

const COMMAND: Record<Level, string> = { breaking: 'error', warning: 'warning', info: 'notice' };

export function renderGithub(r: DiffReport): string {
  const out: string[] = [];
  for (const { d } of steps(r)) {
    for (const c of d.changes) {
      const at = annotationAt(d, c);
      const props = [at ? `file=${ghProperty(at.file)}` : null, at?.line ? `line=${at.line}` : null, `title=${ghProperty(`docs2types diff: ${c.id}${c.ignored ? ' (ignored)' : ''}`)}`].filter(Boolean).join(',');
      const message = c.ignored ? `${changeText(d, c)} — ignored: ${c.ignored.reason}` : changeText(d, c);
      out.push(`::${c.ignored ? 'notice' : COMMAND[c.level]} ${props}::${ghData(message)}`);
    }
  }
  const k = r.counts;
  out.push(`docs2types diff: ${r.operations.compared} operation(s) compared, ${r.operations.changed} changed; ${k.breaking} breaking, ${k.warning} warning, ${k.info} info, ${k.ignored} ignored`);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// JUnit XML
// ---------------------------------------------------------------------------------------------

/** Text for XML: the five special characters as entities, characters XML 1.0 cannot hold dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function where(c: Change): string {
  const s = (x: SourceRef | null): string => (x ? `${x.file}:${x.line}` : '—');
  return `old ${s(c.old)}, new ${s(c.new)}`;
}

function caseName(section: DiffReport['sections'][number], d: OperationDiff): string {
  return section.lang ? `${d.id} (${section.lang}): ${d.old.label} → ${d.new.label}` : d.id;
}

export function renderJunit(r: DiffReport, failOn: Level | null): string {
  const level = failOn ?? 'breaking';
  const cases = steps(r).map(({ section, d }) => {
    const fails = d.changes.filter((c) => failing(c, level));
    const rest = d.changes.filter((c) => !failing(c, level));
    return { section, d, fails, rest };
  });
  const failures = cases.filter((c) => c.fails.length > 0).length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="docs2types diff" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${xmlText(r.title)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    `    <properties><property name="fail-on" value="${level}"/></properties>`,
  ];
  for (const { section, d, fails, rest } of cases) {
    const file = newPage(d) ?? d.old.pages[0]?.file ?? null;
    out.push(`    <testcase classname="docs2types.diff${section.lang ? `.${section.lang}` : ''}" name="${xmlText(caseName(section, d))}"${file ? ` file="${xmlText(pathOfLabel(file))}"` : ''}>`);
    for (const c of fails) out.push(`      <failure type="${c.level}" message="${xmlText(`${c.id}: ${c.path || '(operation)'}`)}">${xmlText(`${changeText(d, c)} (${where(c)})`)}</failure>`);
    if (rest.length) {
      const lines = rest.map((c) => `${c.ignored ? 'ignored' : c.level}: ${c.id}: ${changeText(d, c)} (${where(c)})${c.ignored ? ` — ${c.ignored.reason}` : ''}`);
      out.push(`      <system-out>${xmlText(lines.join('\n'))}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown summary for a pull-request comment
// ---------------------------------------------------------------------------------------------

/** Rows shown before a table continues inside `<details>`. */
export const SUMMARY_OPEN_ROWS = 50;
/** Rows at most in one table (a PR comment holds 65,536 characters). */
export const SUMMARY_MAX_ROWS = 400;

function src(s: SourceRef | null): string {
  return s ? mdCodeSpan(`${s.file}:${s.line}`) : '—';
}

function summaryTable(rows: { d: OperationDiff; c: Change }[], what: string): string[] {
  const head = ['| operation | change | path | before | after | new page |', '|---|---|---|---|---|---|'];
  const row = ({ d, c }: { d: OperationDiff; c: Change }): string => {
    const [b, a] = beforeAfter(c, 120).map((x) => x.replace(/\s*\n\s*/g, ' ')) as [string, string];
    const rule = `${mdText(c.title)}${c.lang ? ` (${c.lang})` : ''} ${mdCodeSpan(c.id)}${c.ignored ? ` — ignored: ${mdTextShort(c.ignored.reason, 120)}` : ''}${c.ruleLevel ? ` (level set by the policy; rule: ${c.ruleLevel})` : ''}`;
    return `| ${mdText(d.operation)} | ${rule} | ${c.path === '' ? '(operation)' : mdCodeSpan(c.path)} | ${mdText(b)} | ${mdText(a)} | ${src(c.newRow ?? c.new)} |`;
  };
  const shown = rows.slice(0, SUMMARY_MAX_ROWS);
  const out = [...head, ...shown.slice(0, SUMMARY_OPEN_ROWS).map(row), ''];
  if (shown.length > SUMMARY_OPEN_ROWS) {
    out.push('<details>', `<summary>${shown.length - SUMMARY_OPEN_ROWS} more ${what}</summary>`, '', ...head, ...shown.slice(SUMMARY_OPEN_ROWS).map(row), '', '</details>', '');
  }
  if (rows.length > shown.length) out.push(`…and ${rows.length - shown.length} more: see the full report (\`--format md\`, \`html\` or \`json\`).`, '');
  return out;
}

export function renderSummary(r: DiffReport, failOn: Level | null = null): string {
  const o = r.operations;
  const k = r.counts;
  const all = steps(r).flatMap(({ d }) => d.changes.map((c) => ({ d, c })));
  const verdict = failOn === null ? '' : all.some(({ c }) => failing(c, failOn)) ? ` Fails \`--fail-on ${failOn}\`.` : ` Passes \`--fail-on ${failOn}\`.`;
  const out = [
    `### docs2types diff: ${mdText(r.title)}`,
    '',
    `${o.compared} operation${o.compared === 1 ? '' : 's'} compared: ${o.changed} changed (${o.added} added, ${o.removed} removed), ${o.unchanged} unchanged.${verdict}`,
    '',
    '| level | changes |',
    '|---|---|',
    ...LEVELS.map((l) => `| ${l} | ${k[l]} |`),
    `| ignored | ${k.ignored} |`,
    '',
  ];
  for (const n of r.notes) out.push(`> ${mdTextShort(n.replace(/\n/g, ' '), 400)}`, '');
  const breaking = all.filter(({ c }) => c.level === 'breaking' && !c.ignored);
  out.push(`#### Breaking changes (${breaking.length})`, '');
  if (breaking.length) out.push(...summaryTable(breaking, 'breaking changes'));
  else out.push('None.', '');
  const others = all.filter(({ c }) => c.level !== 'breaking' || c.ignored);
  if (others.length) out.push(`#### Other changes (${others.length})`, '', ...summaryTable(others, 'changes'));
  return `${out.join('\n').trimEnd()}\n`;
}
