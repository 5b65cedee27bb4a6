/**
 * Doc diff reports (generator/diff): reviewed goldens on seed pairs and the CreateCluster
 * history, the rule table, the CLI's exit codes, escaping, and the reports `generate` writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildIR } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/index.ts';
import { runDiff } from '../generator/diff/cli.ts';
import { DIFF_RULES, diffReportsForIR, diffSides, loadSide, renderHtml, renderJson, renderMarkdown, rulesMarkdown, timeline, type DiffReport } from '../generator/diff/index.ts';
import { mdCell } from '../generator/diff/render.ts';
import { ghData, ghProperty, renderGithub, renderJunit, renderSummary, SUMMARY_OPEN_ROWS } from '../generator/diff/ci.ts';
import { applyPolicy, parsePolicy } from '../generator/diff/policy.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
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
      'en 4/15/40', // the 2019 page's "Optional values are:" list is read: worker_auto_renew is no enum-set
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

const BIN = join(ROOT, 'bin', 'docs2types.js');
const history = (name: string): string => join(HISTORY, readdirSync(HISTORY).find((f) => f.includes(name))!);

describe('no false green (issue 11.9)', () => {
  it.skipIf(!existsSync(HISTORY))('two dated versions of a page that names no operation are compared as the timeline compares them', () => {
    // Both pages lack the OpenAPI Explorer link; they share the request line POST /clusters.
    const r = cli([history('2019-06-04'), history('2020-11-26'), '--fail-on', 'breaking', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as DiffReport;
    const { steps } = timeline({ label: 'history/', docs: loadSide(HISTORY).docs, manifest: loadManifest(join(HISTORY, 'manifest.json5')) });
    const first = steps.find((s) => s.old.file.includes('2019-06-04'))!;
    expect(counts(report)).toBe('4/15/40');
    expect(report.counts).toEqual(first.diff.counts);
    expect(report.sections[0]!.steps[0]!.changes.map((c) => `${c.id} ${c.path}`)).toEqual(first.diff.changes.map((c) => `${c.id} ${c.path}`));
  });

  it('no operation on a side, or two different operations: exit 2 with one line saying so', () => {
    const none = cli([join(ROOT, 'README.md'), seed('001'), '--fail-on', 'breaking']);
    expect(none.code).toBe(2);
    expect(none.err.trim()).toMatch(/README\.md: no operation found .*nothing to compare$/);
    const dir = mkdtempSync(join(tmpdir(), 'd2t-diff-other-'));
    const other = join(dir, 'DeleteThing.md');
    writeFileSync(other, readFileSync(join(ROOT, 'test/fixtures/injection/v1/InjectThings.md'), 'utf8'));
    const different = cli([seed('001'), other, '--fail-on', 'breaking']);
    expect(different.code).toBe(2);
    expect(different.err.trim().split('\n')).toHaveLength(1);
    expect(different.err).toMatch(/are different operations \(_\/_\/CreateCluster \/ Inject\/2020-01-01\/InjectThings\): nothing to compare/);
  });

  it('EPIPE on stdout (diff … | head) ends quietly with the verdict as exit code; --format json prints JSON only', () => {
    const args = [BIN, 'diff', seed('001'), seed('002'), '--no-cache'];
    const errFile = join(mkdtempSync(join(tmpdir(), 'd2t-epipe-')), 'err');
    // The report is far larger than the pipe's buffer: the writer meets a closed pipe.
    const piped = spawnSync('bash', ['-c', 'set -o pipefail; node "$@" 2>"$ERR" | head -c 10 >/dev/null; echo $?', 'bash', ...args, '--format', 'html', '--fail-on', 'breaking'], { encoding: 'utf8', env: { ...process.env, ERR: errFile } });
    expect(piped.stdout.trim()).toBe('1');
    expect(readFileSync(errFile, 'utf8')).toBe('');
    const json = spawnSync(process.execPath, [...args, '--format', 'json'], { encoding: 'utf8' });
    expect(json.status).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toBe('');
  });
});

const historyTimeline = (): DiffReport => timeline({ label: 'history/', docs: loadSide(HISTORY).docs, manifest: loadManifest(join(HISTORY, 'manifest.json5')) }).report;

/** `::cmd props::message` lines: the command, its properties (unescaped) and its message (unescaped). */
function annotations(text: string): { cmd: string; props: Record<string, string>; message: string }[] {
  const un = (s: string): string => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return text
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => {
      const m = /^::(\w+) ([^:]*)::(.*)$/.exec(l)!;
      const props = Object.fromEntries(m[2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), un(kv.slice(kv.indexOf('=') + 1))]));
      return { cmd: m[1]!, props, message: un(m[3]!) };
    });
}

describe.skipIf(!existsSync(HISTORY))('formats for CI (reviewed goldens on the history timeline)', () => {
  it('GitHub annotations: one per change, at the new side line that names the parameter', () => {
    const report = historyTimeline();
    const text = renderGithub(report);
    expectGolden('diff/history-timeline.github.txt', text);
    const list = annotations(text);
    expect(list).toHaveLength(report.counts.total);
    expect(list.filter((a) => a.cmd === 'error')).toHaveLength(report.counts.breaking);
    expect(list.filter((a) => a.cmd === 'warning')).toHaveLength(report.counts.warning);
    expect(list.filter((a) => a.cmd === 'notice')).toHaveLength(report.counts.info);
    // Every annotated line is a real line of the page, and holds the parameter's name.
    const all = report.sections.flatMap((s) => s.steps.flatMap((d) => d.changes));
    let checked = 0;
    list.forEach((a, i) => {
      const c = all[i]!;
      expect(a.props.file).toBe((c.newRow ?? c.new)?.file ?? a.props.file);
      if (!a.props.line) return;
      const lines = readFileSync(join(CORPUS, a.props.file!), 'utf8').split('\n');
      const line = lines[Number(a.props.line) - 1];
      expect(line, `${a.props.file}:${a.props.line}`).toBeDefined();
      if (c.path === '') return;
      const own = c.new ? c.path : c.path.slice(0, c.path.lastIndexOf('.')); // a removed field: the row it was removed from
      const name = own.split('.').pop()!.replace(/(\[\]|\{\})+$/, '');
      expect(line!.replace(/\\/g, '').includes(name), `${a.props.file}:${a.props.line} should name ${name}: ${line}`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(250);
  });

  it('GitHub annotations escape page text: nothing from a page ends a command or starts another', () => {
    expect(ghData('50% done\r\n::error::x')).toBe('50%25 done%0D%0A::error::x');
    expect(ghProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const r = pair('001', '002');
    const c = r.sections[0]!.steps[0]!.changes[0]!;
    c.after = 'x\n::error file=/etc/passwd::owned, 100%';
    c.newRow = { file: 'docs/a,b:c.md', line: 3 };
    const text = renderGithub(r);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(r.counts.total + 1);
    const first = annotations(text)[0]!;
    expect(first.props.file).toBe('docs/a,b:c.md');
    expect(first.props.line).toBe('3');
    expect(first.message).toContain('x ::error file=/etc/passwd::owned, 100%');
  });

  it('JUnit XML: a test case per step, a failure per change at or above --fail-on', () => {
    const report = historyTimeline();
    const xml = renderJunit(report, 'breaking');
    expectGolden('diff/history-timeline.junit.xml', xml);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testcase', 'failure'].includes(n) }).parse(xml);
    const cases = doc.testsuites.testsuite.testcase as { failure?: unknown[] }[];
    const steps = report.sections.flatMap((s) => s.steps);
    expect(cases).toHaveLength(steps.length);
    expect(cases.map((c) => c.failure?.length ?? 0)).toEqual(steps.map((d) => d.counts.breaking));
    expect(Number(doc.testsuites['@_failures'])).toBe(steps.filter((d) => d.counts.breaking > 0).length);
    const warn = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testcase', 'failure'].includes(n) }).parse(renderJunit(report, 'warning'));
    expect((warn.testsuites.testsuite.testcase as { failure?: unknown[] }[]).map((c) => c.failure?.length ?? 0)).toEqual(steps.map((d) => d.counts.breaking + d.counts.warning));
  });

  it('PR summary: counts per level, the breaking list, details beyond 50 rows collapsed, no link from page text', () => {
    const report = historyTimeline();
    const md = renderSummary(report, 'breaking');
    expectGolden('diff/history-timeline.summary.md', md);
    const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
    const nodes: Nodes[] = [];
    const walk = (n: Nodes): void => {
      nodes.push(n);
      if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
    };
    walk(tree);
    expect(nodes.filter((n) => n.type === 'link' || n.type === 'image' || n.type === 'linkReference')).toEqual([]);
    // The only raw HTML is the summary's own <details>/<summary>.
    expect(nodes.filter((n) => n.type === 'html').every((n) => /^<\/?(details|summary)>/.test((n as { value: string }).value))).toBe(true);
    const tables = nodes.filter((n): n is Extract<Nodes, { type: 'table' }> => n.type === 'table');
    expect(tables[0]!.children.slice(1).map((r) => (r.children[1] as { children: { value: string }[] }).children[0]!.value)).toEqual(['19', '56', '239', '0']);
    expect(tables[1]!.children).toHaveLength(report.counts.breaking + 1);
    expect(tables[2]!.children).toHaveLength(SUMMARY_OPEN_ROWS + 1);
    expect(md).toContain(`<summary>${report.counts.total - report.counts.breaking - SUMMARY_OPEN_ROWS} more changes</summary>`);
  });
});

describe('policy (config diff: levels, ignore) and --match', () => {
  const p = (raw: unknown) => parsePolicy(raw, 'docs2types.config.json5');

  it('level overrides, ignore entries with reasons, expiry judged on the given day', () => {
    const r = pair('001', '002');
    const policy = p({
      levels: { 'request-parameter-removed': 'info', 'request-parameter-added-optional': 'breaking' },
      ignore: [
        { rule: 'request-parameter-default-changed', path: 'disable_rollback', reason: 'doc fix', expires: '2026-06-30' },
        { operation: 'CreateCluster', path: 'is_enterprise_security_group', reason: 'known', expires: '2020-01-01' },
        { path: 'no_such_parameter', reason: 'stale entry' },
      ],
    });
    const out = applyPolicy(r, policy, '2026-06-30');
    const all = out.sections[0]!.steps[0]!.changes;
    expect(all.filter((c) => c.id === 'request-parameter-removed').every((c) => c.level === 'info' && c.ruleLevel === 'warning')).toBe(true);
    expect(all.filter((c) => c.id === 'request-parameter-added-optional').every((c) => c.level === 'breaking')).toBe(true);
    expect(all.filter((c) => c.ignored).map((c) => `${c.id} ${c.path}`)).toEqual(['request-parameter-default-changed disable_rollback']);
    expect(counts(out)).toBe(`${3 - 1 + 7}/${28 - 28}/${46 + 28 - 7}`);
    expect(out.counts.ignored).toBe(1);
    expect(out.counts.total).toBe(r.counts.total);
    expect(out.policy.ignore.map((e) => `${e.status} ${e.matched}`)).toEqual(['applied 1', 'expired 0', 'unused 0']);
    expect(out.notes.join('\n')).toContain('Ignore entry 2 of docs2types.config.json5 (operation CreateCluster, path is_enterprise_security_group ("known")) expired on 2020-01-01: it no longer applies.');
    expect(out.notes.join('\n')).toContain('Ignore entry 3 of docs2types.config.json5 (path no_such_parameter ("stale entry")) matched no change.');
    // The next day, entry 1 has expired too.
    expect(applyPolicy(r, policy, '2026-07-01').counts.ignored).toBe(0);
    // The input report is left as it was.
    expect(r.sections[0]!.steps[0]!.changes.some((c) => c.ignored || c.ruleLevel)).toBe(false);
  });

  it('a bad policy is one line naming the key', () => {
    for (const [raw, msg] of [
      [{ levels: { 'no-such-rule': 'info' } }, 'diff.levels.no-such-rule is not a rule id'],
      [{ levels: { 'operation-added': 'fatal' } }, 'diff.levels.operation-added must be one of breaking, warning, info'],
      [{ ignore: [{ rule: 'operation-added' }] }, 'diff.ignore[0].reason is required'],
      [{ ignore: [{ reason: 'why' }] }, 'diff.ignore[0] must name at least one of rule, operation, path'],
      [{ ignore: [{ path: 'x', reason: 'why', expires: '2026-02-30' }] }, 'diff.ignore[0].expires must be a date, YYYY-MM-DD'],
      [{ ignore: [{ path: 'x', reason: 'why', until: '2026-02-01' }] }, 'diff.ignore[0].until is not a key of an ignore entry'],
      [{ levls: {} }, 'diff.levls is not a key of the diff policy'],
    ] as const)
      expect(() => p(raw)).toThrow(msg);
  });

  it('the CLI reads the policy from --config (the generate config accepts the key) and --match filters operations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'd2t-diff-config-'));
    const config = join(dir, 'docs2types.config.json5');
    writeFileSync(config, `{ docs: 'docs', diff: { ignore: [{ rule: 'request-parameter-default-changed', reason: 'both defaults were doc errors' }] } }`);
    expect(cli([seed('001'), seed('002'), '--fail-on', 'breaking']).code).toBe(1);
    const r = cli([seed('001'), seed('002'), '--fail-on', 'breaking', '--config', config, '--format', 'json']);
    const report = JSON.parse(r.out) as DiffReport;
    expect(`${report.counts.breaking} ${report.counts.ignored}`).toBe('1 2');
    writeFileSync(config, `{ diff: { ignore: [{ rule: 'request-parameter-default-changed', reason: 'doc errors' }, { rule: 'request-parameter-type-changed', path: 'runtime', reason: 'one runtime object, as the skeleton shows' }] } }`);
    expect(cli([seed('001'), seed('002'), '--fail-on', 'breaking', '--config', config]).code).toBe(0);
    expect(cli([seed('001'), seed('002'), '--fail-on', 'breaking', '--config', join(dir, 'missing.json5')]).code).toBe(2);
    // --match: the operation's name or id; nothing matching is nothing compared (exit 2).
    expect(cli([seed('001'), seed('002'), '--fail-on', 'breaking', '--match', '^Create']).code).toBe(1);
    const nomatch = cli([seed('001'), seed('002'), '--fail-on', 'breaking', '--match', '^Delete']);
    expect(nomatch.code).toBe(2);
    expect(nomatch.err).toContain('--match ^Delete: no operation of either side matches');
    expect(cli([seed('001'), seed('002'), '--match', '(']).code).toBe(2);
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
