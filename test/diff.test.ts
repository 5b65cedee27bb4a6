/**
 * Doc diff reports (generator/diff): reviewed goldens on seed pairs and the CreateCluster
 * history, the rule table, the CLI's exit codes, escaping, and the reports `generate` writes.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildIR } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/index.ts';
import { runDiff } from '../generator/diff/cli.ts';
import { DIFF_RULES, diffReportsForIR, diffSides, loadSide, renderHtml, renderJson, renderMarkdown, rulesMarkdown, timeline, type DiffReport } from '../generator/diff/index.ts';
import { mdCell } from '../generator/diff/render.ts';
import { CORPUS, ROOT, expectGolden } from './helpers/golden.ts';

const HISTORY = join(CORPUS, 'history');
const seed = (n: string): string => join(ROOT, 'docs', readdirSync(join(ROOT, 'docs')).find((f) => f.startsWith(`${n}_`))!);
const pair = (a: string, b: string): DiffReport => diffSides(loadSide(seed(a), `docs/${a}`), loadSide(seed(b), `docs/${b}`));
const changes = (r: DiffReport) => r.sections.flatMap((s) => s.steps.flatMap((d) => d.changes));
const counts = (r: DiffReport): string => `${r.counts.breaking}/${r.counts.warning}/${r.counts.info}`;

/** Run the CLI with stdout/stderr captured. */
function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const l = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
  const e = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  try {
    return { code: runDiff(argv) as number, out, err };
  } finally {
    o.mockRestore();
    l.mockRestore();
    e.mockRestore();
  }
}

describe('rule table', () => {
  it('has unique ids, each with a level, and RULES.md mirrors it', () => {
    expect(new Set(DIFF_RULES.map((r) => r.id)).size).toBe(DIFF_RULES.length);
    expect(readFileSync(join(ROOT, 'generator/diff/RULES.md'), 'utf8')).toBe(rulesMarkdown());
  });
  it('classifies the key changes as the issue asks', () => {
    const level = (id: string) => DIFF_RULES.find((r) => r.id === id)?.level;
    expect(level('request-parameter-became-required')).toBe('breaking');
    expect(level('request-parameter-added-required')).toBe('breaking');
    expect(level('request-parameter-enum-value-removed')).toBe('breaking');
    expect(level('request-parameter-description-changed')).toBe('info');
    expect(level('response-field-description-changed')).toBe('info');
  });
});

describe('seed pairs (reviewed goldens)', () => {
  it('001 → 002: 3 breaking, 28 warning, 46 info', () => {
    const r = pair('001', '002');
    expectGolden('diff/001-to-002.md', renderMarkdown(r));
    expect(counts(r)).toBe('3/28/46');
    const ids = (id: string) => changes(r).filter((c) => c.id === id).map((c) => c.path);
    expect(ids('request-parameter-default-changed')).toEqual(['disable_rollback', 'is_enterprise_security_group']);
    expect(ids('request-parameter-added-optional')).toEqual(['charge_type', 'enable_rrsa', 'load_balancer_spec', 'nodepools', 'period', 'period_unit', 'resource_group_id']);
    expect(ids('request-parameter-removed')).toHaveLength(28);
  });

  it('001 (en) vs 003 (zh twin): the five parameters the zh page lacks, meaning only, no translation noise', () => {
    const r = pair('001', '003');
    expectGolden('diff/001-vs-003.md', renderMarkdown(r));
    expect(counts(r)).toBe('0/5/3');
    const step = r.sections[0]!.steps[0]!;
    expect(step.crossLanguage).toBe(true);
    expect(step.changes.filter((c) => c.id === 'request-parameter-removed').map((c) => c.path)).toEqual([
      'cis_enabled',
      'controlplane_log_components',
      'controlplane_log_project',
      'controlplane_log_ttl',
      'soc_enabled',
    ]);
    expect(step.changes.some((c) => c.id.endsWith('description-changed'))).toBe(false);
    // 003 leaves its required column empty: required is not compared, and the report says so.
    expect(step.changes.some((c) => c.id.includes('required') || c.id.includes('optional'))).toBe(false);
    expect(step.notes.join('\n')).toContain('does not state whether 54 parameter(s) are required');
  });

  it('a page compared with itself has no changes', () => {
    const r = pair('002', '002');
    expect(r.counts.total).toBe(0);
  });

  it('an en page against a zh page never reports description changes', () => {
    for (const [a, b] of [
      ['002', '003'],
      ['003', '004'],
    ] as const)
      expect(changes(pair(a, b)).filter((c) => c.id.endsWith('description-changed'))).toEqual([]);
  });
});

describe('timelines (reviewed goldens)', () => {
  it.skipIf(!existsSync(HISTORY))('CreateCluster history: en and zh lines ordered by the date in the file name', () => {
    const { report, steps } = timeline({ label: 'history/', docs: loadSide(HISTORY).docs, manifest: loadManifest(join(HISTORY, 'manifest.json5')) });
    expectGolden('diff/history-timeline.md', renderMarkdown(report));
    expect(report.sections.map((s) => `${s.lang}:${s.versions.map((v) => v.date).join(',')}`)).toEqual([
      'en:2019-06-04,2020-11-26,2021-04-21,2021-05-13,2021-06-03',
      'zh:2020-12-03,2020-12-30,2020-12-31,2021-01-20,2021-03-01',
    ]);
    expect(steps.map((s) => `${s.lang} ${counts({ ...report, counts: s.diff.counts })}`)).toEqual([
      'en 4/16/40',
      'en 6/17/73',
      'en 0/1/22',
      'en 1/2/20', // a link-target-only edit (user_data) is no change of text
      'zh 1/17/74',
      'zh 5/4/5',
      'zh 2/0/4',
      'zh 0/0/1', // likewise cluster_spec's link target
    ]);
    // The chosen history follows the managed line: no step crosses kinds.
    expect(steps.some((s) => s.diff.kindsDiffer)).toBe(false);
  });

  it('seeds: en 001 → 002 → 004, zh 000 → 003; says when a step crosses kinds (managed → edge, general → managed)', () => {
    const side = loadSide(join(ROOT, 'docs'));
    const { report, steps } = timeline({ label: 'docs/', docs: side.docs, manifest: side.manifest });
    expectGolden('diff/seeds-timeline.md', renderMarkdown(report));
    expect(steps.map((s) => `${s.lang} ${s.old.file.slice(5, 8)}→${s.new.file.slice(5, 8)} kinds:${s.diff.kindsDiffer ? 'differ' : 'same'}`)).toEqual([
      'en 001→002 kinds:same',
      'en 002→004 kinds:differ',
      'zh 000→003 kinds:differ',
    ]);
  });
});

describe('diff CLI', () => {
  it('--fail-on breaking: 1 on a pair with a breaking change, 0 on a page compared with itself', () => {
    expect(cli([seed('001'), seed('002'), '--fail-on', 'breaking']).code).toBe(1);
    expect(cli([seed('001'), seed('001'), '--fail-on', 'breaking']).code).toBe(0);
    expect(cli([seed('001'), seed('003'), '--fail-on', 'breaking']).code).toBe(0);
    expect(cli([seed('001'), seed('003'), '--fail-on', 'warning']).code).toBe(1);
    expect(cli([seed('001'), seed('001'), '--fail-on', 'info']).code).toBe(0);
  });

  it('bad usage: exit 2, one line, no stack trace', () => {
    for (const argv of [[], [seed('001')], [seed('001'), '/nope/missing.md'], [seed('001'), seed('002'), '--format', 'pdf'], [seed('001'), seed('002'), '--fail-on', 'fatal'], ['--bogus'], [join(ROOT, 'package.json'), seed('001')]]) {
      const r = cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('compares folders and IR files; json and md formats; --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'd2t-diff-'));
    const ir = buildIR(side('docs').docs, loadManifest(join(ROOT, 'docs', 'manifest.json5')));
    const irFile = join(dir, 'ir.json');
    writeFileSync(irFile, JSON.stringify(ir));
    const same = cli([irFile, irFile, '--format', 'json', '--fail-on', 'info']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.out).counts.total).toBe(0);
    const folder = cli([join(ROOT, 'docs'), irFile, '--format', 'json']);
    expect(folder.code).toBe(0);
    expect(JSON.parse(folder.out).counts.total).toBe(0);
    const out = join(dir, 'r.md');
    expect(cli([seed('001'), seed('002'), '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('request-parameter-default-changed');
  });
});

function side(name: string) {
  return loadSide(join(ROOT, name));
}

describe('escaping and determinism', () => {
  it('markdown cells escape pipes, newlines and HTML', () => {
    expect(mdCell('a | b\nc <script>')).toBe('a \\| b<br>c &lt;script&gt;');
  });

  it('HTML escapes doc text; templates never triple-stash', () => {
    const tpl = readFileSync(join(ROOT, 'templates/diff/report.html.hbs'), 'utf8');
    expect(tpl).not.toContain('{{{');
    const r = pair('001', '002');
    const evil = '<img src=x onerror="window.__pwned=1"> | "quoted" & \'single\'';
    r.sections[0]!.steps[0]!.changes[0]!.before = evil;
    const html = renderHtml(r);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned&#x3D;1&quot;&gt; | &quot;quoted&quot; &amp; &#x27;single&#x27;');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('same input, same bytes', () => {
    expect(renderJson(pair('001', '002'))).toBe(renderJson(pair('001', '002')));
    expect(renderHtml(pair('001', '002'))).toBe(renderHtml(pair('001', '002')));
  });
});

describe('diffReportsForIR (written by npm run generate)', () => {
  it('md + json + html per consecutive pair in each language line, a timeline and an index', () => {
    const manifest = loadManifest(join(ROOT, 'docs', 'manifest.json5'));
    const docs = side('docs').docs;
    const files = diffReportsForIR(buildIR(docs, manifest), manifest);
    expect([...files.keys()]).toEqual([
      'reports/diff/000-to-003.html',
      'reports/diff/000-to-003.json',
      'reports/diff/000-to-003.md',
      'reports/diff/001-to-002.html',
      'reports/diff/001-to-002.json',
      'reports/diff/001-to-002.md',
      'reports/diff/002-to-004.html',
      'reports/diff/002-to-004.json',
      'reports/diff/002-to-004.md',
      'reports/diff/index.md',
      'reports/diff/timeline.html',
      'reports/diff/timeline.json',
      'reports/diff/timeline.md',
    ]);
    expectGolden('diff/index.md', files.get('reports/diff/index.md')!);
    // The pair report says what the CLI says for the same two pages.
    expect(JSON.parse(files.get('reports/diff/001-to-002.json')!).counts).toEqual(pair('001', '002').counts);
    expect(files.get('reports/diff/002-to-004.md')).toContain('Different kinds:');
  });
});
