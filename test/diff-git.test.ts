/**
 * Git revisions as diff inputs (issue 16.1, 16.2): sides read with git plumbing (no checkout,
 * nothing written to the repository), the timeline of a page's history with renames followed,
 * and the corpus as two revisions (the acceptance test of issue 16). Repositories are built in
 * temporary folders from ../shared; the tests skip without it or without git.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildReport, failsOn, runDiff } from '../generator/diff/cli.ts';
import { applyPolicy, parsePolicy } from '../generator/diff/policy.ts';
import { loadSide, timeline, type DiffReport } from '../generator/diff/index.ts';
import { loadManifest, reconcile } from '../generator/reconcile/index.ts';
import { CORPUS } from './helpers/golden.ts';
import { commit, git, hasGit, newRepo } from './helpers/git.ts';

const HISTORY = join(CORPUS, 'history');
const SKIP = !existsSync(HISTORY) || !hasGit();

/** Temporary repositories and folders, removed after the file's tests (the page cache is kept: it makes re-runs fast). */
const temps: string[] = [];
const temp = (dir: string): string => (temps.push(dir), dir);
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  try {
    return { code: runDiff(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The ten history files in date order (the date is in each file name). */
function historyFiles(): { file: string; lang: 'en' | 'zh'; date: string }[] {
  return readdirSync(HISTORY)
    .filter((f) => f.endsWith('.md') && f.startsWith('CreateCluster.'))
    .map((f) => ({ file: f, lang: f.includes('.en-US.') ? ('en' as const) : ('zh' as const), date: /(\d{4}-\d{2}-\d{2})\.md$/.exec(f)![1]! }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** A report with every page name replaced by `lang@date` (and where a date came from dropped): the same history read two ways must agree. */
function normalised(r: DiffReport): unknown {
  let json = JSON.stringify({ ...r, title: null });
  const labels = r.sections.flatMap((s) => s.versions.map((v) => ({ file: v.file, key: `${v.lang}@${v.date}` })));
  for (const { file, key } of labels.sort((a, b) => b.file.length - a.file.length)) json = json.split(JSON.stringify(file).slice(1, -1)).join(key);
  return JSON.parse(json.replace(/"dateFrom":"(commit|file name)"/g, '"dateFrom":"?"'));
}

describe.skipIf(SKIP)('git history timeline (16.2)', () => {
  it('the ten history files committed in date order (a rename on the way) give the timeline of the plain files', () => {
    const repo = temp(newRepo('d2t-git-history-'));
    let zhPath = 'docs/创建托管版集群.md';
    for (const h of historyFiles()) {
      const target = h.lang === 'en' ? 'docs/CreateCluster.en-US.md' : zhPath;
      if (h.lang === 'zh' && h.date === '2020-12-31') {
        // A pure rename first (no new version), then the new content under the new name.
        git(repo, ['mv', zhPath, 'docs/CreateCluster.zh-CN.md'], h.date);
        git(repo, ['commit', '-q', '-m', 'rename the zh page'], h.date);
        zhPath = 'docs/CreateCluster.zh-CN.md';
      }
      commit(repo, `${h.lang} ${h.date}`, h.date, { [h.lang === 'en' ? target : zhPath]: readFileSync(join(HISTORY, h.file), 'utf8') });
    }
    const before = { status: git(repo, ['status', '--porcelain']), index: readFileSync(join(repo, '.git', 'index')).toString('base64'), head: git(repo, ['rev-parse', 'HEAD']) };

    const plain = timeline({ label: 'history/', docs: loadSide(HISTORY, HISTORY, { cache: false }).docs, manifest: loadManifest(join(HISTORY, 'manifest.json5')) }).report;
    const fromGit = buildReport({ paths: [], timeline: 'docs', git: true }, { repo, cache: false });

    expect(fromGit.sections.map((s) => `${s.lang}:${s.versions.map((v) => `${v.date}(${v.dateFrom})`).join(',')}`)).toEqual([
      'en:2019-06-04(commit),2020-11-26(commit),2021-04-21(commit),2021-05-13(commit),2021-06-03(commit)',
      'zh:2020-12-03(commit),2020-12-30(commit),2020-12-31(commit),2021-01-20(commit),2021-03-01(commit)',
    ]);
    // Renames followed: the zh line starts under its old name.
    expect(fromGit.sections[1]!.versions.map((v) => v.file.replace(/@[0-9a-f]+$/, ''))).toEqual(['docs/创建托管版集群.md', 'docs/创建托管版集群.md', 'docs/CreateCluster.zh-CN.md', 'docs/CreateCluster.zh-CN.md', 'docs/CreateCluster.zh-CN.md']);
    expect(fromGit.counts).toEqual(plain.counts);
    expect(normalised(fromGit)).toEqual(normalised(plain));
    // One page's history, through the CLI, with the verdict.
    const en = cli(['--timeline', 'docs/CreateCluster.en-US.md', '--git', '--repo', repo, '--format', 'json', '--fail-on', 'breaking', '--no-cache']);
    expect(en.code).toBe(1);
    expect((JSON.parse(en.out) as DiffReport).sections.map((s) => s.lang)).toEqual(['en']);
    // Read with git plumbing only: nothing in the repository changed.
    expect({ status: git(repo, ['status', '--porcelain']), index: readFileSync(join(repo, '.git', 'index')).toString('base64'), head: git(repo, ['rev-parse', 'HEAD']) }).toEqual(before);
  });

  it('git revisions as sides: REV:folder and REV:file, against each other and against a folder; bad revisions and paths exit 2', () => {
    const repo = temp(newRepo('d2t-git-sides-'));
    const [first, second] = historyFiles().filter((h) => h.lang === 'en');
    commit(repo, 'v1', first!.date, { 'docs/CreateCluster.md': readFileSync(join(HISTORY, first!.file), 'utf8'), 'docs/README.md': '# not a page\n' });
    commit(repo, 'v2', second!.date, { 'docs/CreateCluster.md': readFileSync(join(HISTORY, second!.file), 'utf8') });
    const folder = cli(['HEAD~1:docs', 'HEAD:docs', '--repo', repo, '--format', 'json', '--no-cache']);
    expect(folder.err).toBe('');
    const report = JSON.parse(folder.out) as DiffReport;
    expect(`${report.counts.breaking}/${report.counts.warning}/${report.counts.info}`).toBe('4/15/40');
    // Pages from git are named by their path in the repository.
    expect(report.sections[0]!.steps[0]!.new.pages.map((p) => p.file)).toEqual(['docs/CreateCluster.md']);
    const file = cli(['main~1:docs/CreateCluster.md', 'main:docs/CreateCluster.md', '--repo', repo, '--format', 'json', '--fail-on', 'breaking', '--no-cache']);
    expect(file.code).toBe(1);
    expect((JSON.parse(file.out) as DiffReport).counts).toEqual(report.counts);
    const worktree = cli(['HEAD:docs', join(repo, 'docs'), '--repo', repo, '--format', 'json', '--fail-on', 'info', '--no-cache']);
    expect(worktree.code).toBe(0);
    expect((JSON.parse(worktree.out) as DiffReport).counts.total).toBe(0);
    for (const argv of [['nope:docs', 'HEAD:docs'], ['HEAD:missing', 'HEAD:docs'], ['HEAD:docs/README.md', 'HEAD:docs'], ['--upload-pack=x:docs', 'HEAD:docs']]) {
      const r = cli([...argv, '--repo', repo, '--no-cache']);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('a page from git that fails to parse is left out with a diagnostic, never a thrown diff', () => {
    const repo = temp(newRepo('d2t-git-fault-'));
    const [first, second] = historyFiles().filter((h) => h.lang === 'en');
    const other = readFileSync(join(HISTORY, first!.file), 'utf8').replace(/^# .*$/m, '# DescribeThings');
    commit(repo, 'v1', first!.date, { 'docs/CreateCluster.md': readFileSync(join(HISTORY, first!.file), 'utf8'), 'docs/Broken.md': other });
    commit(repo, 'v2', second!.date, { 'docs/CreateCluster.md': readFileSync(join(HISTORY, second!.file), 'utf8') });
    const before = process.env.DOCS2TYPES_FAULT;
    process.env.DOCS2TYPES_FAULT = 'page-throw:Broken.md';
    try {
      const side = loadSide('HEAD~1:docs', 'HEAD~1:docs', { repo, cache: false, threads: 1 });
      const broken = side.docs.find((d) => d.file === 'docs/Broken.md')!;
      expect(broken.diagnostics.map((d) => d.code)).toContain('page-failed');
      expect(side.docs.find((d) => d.file === 'docs/CreateCluster.md')!.request.length).toBeGreaterThan(10);
      const r = cli(['HEAD~1:docs', 'HEAD:docs', '--repo', repo, '--format', 'json', '--no-cache', '--threads', '1']);
      expect(r.code, r.err).toBe(0);
    } finally {
      if (before === undefined) delete process.env.DOCS2TYPES_FAULT;
      else process.env.DOCS2TYPES_FAULT = before;
    }
  });

  it('a revision without the path both sides name is an empty side (a pull request adding or removing the docs folder)', () => {
    const repo = temp(newRepo('d2t-git-absent-'));
    const [first] = historyFiles().filter((h) => h.lang === 'en');
    commit(repo, 'no docs yet', first!.date, { 'README.md': '# a project\n' });
    commit(repo, 'docs added', first!.date, { 'docs/CreateCluster.md': readFileSync(join(HISTORY, first!.file), 'utf8') });
    const added = cli(['HEAD~1:docs', 'HEAD:docs', '--repo', repo, '--format', 'json', '--fail-on', 'breaking', '--no-cache']);
    expect(added.code).toBe(0);
    const report = JSON.parse(added.out) as DiffReport;
    const ops = report.sections.flatMap((s) => s.steps.flatMap((d) => d.changes.map((c) => `${c.id} ${d.operation}`)));
    expect(ops).toEqual(['operation-added CreateCluster']);
    const removed = cli(['HEAD:docs', 'HEAD~1:docs', '--repo', repo, '--format', 'json', '--fail-on', 'breaking', '--no-cache']);
    expect(removed.code).toBe(1); // an operation removed breaks its callers
    // Both absent, or two different paths (a typo), stay usage errors.
    expect(cli(['HEAD~1:docs', 'HEAD~1:docs', '--repo', repo, '--no-cache']).code).toBe(2);
    expect(cli(['HEAD~1:doc', 'HEAD:docs', '--repo', repo, '--no-cache']).code).toBe(2);
  });
});

/** Replace the first occurrence of `from` in a page, failing loudly when the page no longer has it. */
function edit(abs: string, from: string | RegExp, to: string): string {
  const text = readFileSync(abs, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${abs}: ${String(from)} not found`);
  return next;
}

describe.skipIf(SKIP || !existsSync(join(CORPUS, 'ecs')))('the corpus as two revisions (issue 16 acceptance)', () => {
  it('base: the corpus without ecs/; head: ecs/ added and three pages edited — exactly the added operations and the three changes', () => {
    const repo = temp(newRepo('d2t-git-corpus-'));
    const cache = join(tmpdir(), 'docs2types-test-cache-diff-git');
    const base: Record<string, { copy: string }> = {};
    for (const d of ['csk', 'slb', 'history']) base[`docs/${d}`] = { copy: join(CORPUS, d) };
    commit(repo, 'base: the corpus without ecs', '2021-07-01', base);
    const slb = join(CORPUS, 'slb', 'cn.zh-CN', 'API参考');
    const removed = join(slb, '健康检查日志DescribeRealtimeLogs.md');
    const typed = join(slb, '健康检查日志SetLogsDownloadAttribute.md');
    const defaulted = join(slb, '健康检查日志SetLogsDownloadStatus.md');
    const rel = (abs: string): string => `docs/slb/cn.zh-CN/API参考/${abs.split('/').pop()}`;
    commit(repo, 'head: ecs added, three pages edited', '2021-07-02', {
      'docs/ecs': { copy: join(CORPUS, 'ecs') },
      [rel(removed)]: edit(removed, /^\|LoadBalancerId\|.*\n(?:(?!\|[A-Za-z]).*\n)*/m, ''),
      [rel(typed)]: edit(typed, /^\|OSSBucketName\|String\|/m, '|OSSBucketName|Integer|'),
      [rel(defaulted)]: edit(defaulted, '默认值：aliyunslbdefaultrole', '默认值：aliyunslbcustomrole'),
    });
    const run = (extra: string[]) => cli(['HEAD~1:docs', 'HEAD:docs', '--repo', repo, '--cache', cache, '--format', 'json', ...extra]);
    const r = run(['--fail-on', 'breaking']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as DiffReport;
    const changes = report.sections[0]!.steps.flatMap((d) => d.changes.map((c) => ({ op: d.id, ...c })));
    const added = changes.filter((c) => c.id === 'operation-added');
    const rest = changes.filter((c) => c.id !== 'operation-added');
    expect(rest.map((c) => `${c.level} ${c.id} ${c.op} ${c.path} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)).toEqual([
      'warning request-parameter-removed _/_/DescribeRealtimeLogs LoadBalancerId {"type":"string","required":false} → null',
      'breaking request-parameter-type-changed _/_/SetLogsDownloadAttribute OSSBucketName "string" → "integer"',
      'breaking request-parameter-default-changed _/_/SetLogsDownloadStatus RoleName "aliyunslbdefaultrole" → "aliyunslbcustomrole"',
    ]);
    // Exactly the operations the ecs pages document, each added, and nothing of ecs anywhere else.
    // (the operations reconcile makes of the ecs pages: names that differ only in case are one operation)
    const ecsSide = loadSide(join(CORPUS, 'ecs'), 'ecs', { cache });
    const ecsOps = new Set(reconcile(ecsSide.docs, ecsSide.manifest).map((o) => o.name));
    expect(added.length).toBeGreaterThan(200);
    expect(new Set(added.map((c) => c.op)).size).toBe(added.length);
    expect([...new Set(added.map((c) => c.op.split('/').pop()))].sort()).toEqual([...ecsOps].sort());
    expect(added.every((c) => c.new?.file.startsWith('docs/ecs/'))).toBe(true);
    expect(report.operations.added).toBe(added.length);
    expect(report.operations.removed).toBe(0);
    expect(report.operations.changed).toBe(added.length + 3);

    // Accept the two breaking changes: exit 0, both still reported, as ignored.
    const dir = temp(mkdtempSync(join(tmpdir(), 'd2t-policy-')));
    const config = join(dir, 'docs2types.config.json5');
    writeFileSync(
      config,
      `{ diff: { ignore: [
        { rule: 'request-parameter-type-changed', operation: 'SetLogsDownloadAttribute', path: 'OSSBucketName', reason: 'the bucket name was never a string (doc fix)' },
        { rule: 'request-parameter-default-changed', operation: 'SetLogsDownloadStatus', path: 'RoleName', reason: 'announced in the changelog', expires: '2999-12-31' },
      ] } }`,
    );
    const ok = run(['--fail-on', 'breaking', '--config', config]);
    expect(ok.code).toBe(0);
    const accepted = JSON.parse(ok.out) as DiffReport;
    expect(accepted.counts.breaking).toBe(0);
    expect(accepted.counts.ignored).toBe(2);
    const ignored = accepted.sections[0]!.steps.flatMap((d) => d.changes.filter((c) => c.ignored).map((c) => `${c.id} ${c.ignored!.reason}`));
    expect(ignored).toEqual(['request-parameter-type-changed the bucket name was never a string (doc fix)', 'request-parameter-default-changed announced in the changelog']);
    // One of the two accepted: still a failure (the CLI's own functions, on the report already built).
    const one = applyPolicy(report, parsePolicy({ ignore: [{ rule: 'request-parameter-type-changed', path: 'OSSBucketName', reason: 'doc fix' }] }, 'inline'));
    expect(one.counts.breaking).toBe(1);
    expect(failsOn(one, 'breaking')).toBe(true);
  });
});
