/**
 * The CLI's own bad input: one line saying what and where, exit code 2, no stack trace.
 * Atomic output: a run that fails or is killed leaves the output folder exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from './helpers/golden.ts';
import { progress } from '../generator/cli.ts';
import { TSX } from './helpers/tree.ts';

// Several CLI runs per test: slow on a loaded 2-core machine (each run is a few seconds alone).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const CLI = join(ROOT, 'generator', 'cli.ts');

function run(args: string[], env: Record<string, string> = {}, cwd = ROOT): { code: number | null; signal: string | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DOCS2TYPES_NO_CACHE: '1', ...env } });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr.split('\n').filter((l) => l && !/npm warn/.test(l)).join('\n') };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.isDirectory()) walk(join(d, n.name), `${rel}${n.name}/`);
      else out[`${rel}${n.name}`] = readFileSync(join(d, n.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'd2t-cli-'));
  mkdirSync(join(tmp, 'docs'));
  for (const f of readdirSync(join(ROOT, 'docs'))) cpSync(join(ROOT, 'docs', f), join(tmp, 'docs', f));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectOneLine(r: ReturnType<typeof run>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('CLI bad input', () => {
  it('unknown flag', () => expectOneLine(run(['generate', '--frobnicate']), /^unknown option --frobnicate/));
  it('unknown command', () => expectOneLine(run(['frobnicate']), /^unknown command frobnicate/));
  it('flag without its value', () => expectOneLine(run(['generate', '--docs']), /^--docs needs a value/));
  it('missing docs folder', () => expectOneLine(run(['generate', '--docs', join(tmp, 'nope'), '--out', join(tmp, 'o')]), /nope: docs folder not found/));
  it('an unreadable page is left out with a page-skipped diagnostic; the rest is written, exit 3', () => {
    const d = join(tmp, 'broken');
    mkdirSync(d, { recursive: true });
    cpSync(join(ROOT, 'docs', '004_65ea0e32433b0565.txt'), join(d, 'ok.txt'));
    symlinkSync(join(tmp, 'does-not-exist.md'), join(d, 'dangling.md'));
    const r = run(['generate', '--docs', d, '--out', join(tmp, 'o2')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^broken\/dangling\.md: page-skipped: not read: a dangling symbolic link$/m);
    expect(r.out).toMatch(/left out: 1 page \(broken\/dangling\.md\)/);
    const ir = JSON.parse(readFileSync(join(tmp, 'o2', 'reports', 'ir.json'), 'utf8'));
    expect(ir.operations).toHaveLength(1);
    expect(ir.documents.find((x: { file: string }) => x.file === 'broken/dangling.md').diagnostics).toEqual([
      { file: 'broken/dangling.md', line: 1, severity: 'warning', code: 'page-skipped', message: 'not read: a dangling symbolic link' },
    ]);
  });
  it('malformed config, with file and line', () => {
    const d = join(tmp, 'badmanifest');
    mkdirSync(d, { recursive: true });
    cpSync(join(ROOT, 'docs', '004_65ea0e32433b0565.txt'), join(d, '004.txt'));
    writeFileSync(join(d, 'manifest.json5'), '{\n  pages: {\n    "004.txt": { date: 2024 ,, }\n}\n');
    expectOneLine(run(['generate', '--docs', d, '--out', join(tmp, 'o3')]), /manifest\.json5:3: not valid JSON5/);
  });
  it('--debug prints the stack', () => {
    const r = run(['generate', '--docs', join(tmp, 'nope'), '--debug']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\n\s+at /);
  });
});

describe('CLI commands and config', () => {
  it('--help prints the usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/docs2types generate/);
    expect(r.out).toMatch(/exit codes: 0 ok/);
    expect(r.out).toMatch(/3 written, but pages were left out/);
  });
  it('--version prints the version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(`docs2types ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
  });
  it('generate --help and check --help describe their own command', () => {
    const g = run(['generate', '--help']);
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/^docs2types generate — /);
    expect(g.out).toMatch(/--out DIR/);
    const c = run(['check', '--help']);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^docs2types check — /);
    expect(c.out).toMatch(/stale, missing and extra/);
    expect(run(['help', 'check']).out).toBe(c.out);
  });
  it('bare docs2types prints the help (and generates nothing: exit 2)', () => {
    const d = join(tmp, 'bare');
    mkdirSync(d);
    const r = run([], {}, d);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^docs2types — /);
    expect(readdirSync(d)).toEqual([]);
  });
  it('a config file supplies options; flags win', () => {
    const cfg = join(tmp, 'cfg.json5');
    writeFileSync(cfg, `{ docs: ${JSON.stringify(join(tmp, 'docs'))}, out: ${JSON.stringify(join(tmp, 'from-config'))}, cache: false, exclude: ['002_'] }`);
    const r = run(['generate', '--config', cfg, '--quiet']);
    expect(r.code).toBe(0);
    const ir = JSON.parse(readFileSync(join(tmp, 'from-config', 'reports', 'ir.json'), 'utf8'));
    expect(ir.documents.map((d: { file: string }) => d.file.split('/').pop())).not.toContain('002_1dd93588f18cb584.txt');
    expect(ir.documents).toHaveLength(4);
  });
  it('a malformed config is one line with file and line; an unknown key is named', () => {
    const cfg = join(tmp, 'bad.json5');
    writeFileSync(cfg, '{\n docs: "docs",\n out: \n}');
    expectOneLine(run(['generate', '--config', cfg]), /bad\.json5:4: not valid JSON5/);
    writeFileSync(cfg, '{ dcos: "docs" }');
    expectOneLine(run(['generate', '--config', cfg]), /unknown config key "dcos"/);
  });
  it('check is generate --check; diff is the diff command', () => {
    const out = join(tmp, 'checked');
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', out, '--quiet']).code).toBe(0);
    expect(run(['check', '--docs', join(tmp, 'docs'), '--out', out]).code).toBe(0);
    const page = join(ROOT, 'docs', '001_f0118c1a963c3406.txt');
    expect(run(['diff', page, page, '--fail-on', 'breaking']).code).toBe(0);
    expect(run(['diff', page, join(ROOT, 'docs', '002_1dd93588f18cb584.txt'), '--fail-on', 'breaking']).code).toBe(1);
  });
  it('ends a run with a one-screen summary', () => {
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', join(tmp, 'summary')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/docs2types: 5 pages → 1 operation, 92 parameters/);
    expect(r.out).toMatch(/diagnostics: 3 errors, 4 warnings, 2 info/);
    expect(r.out.trim().split('\n').length).toBeLessThanOrEqual(8);
  });
});

describe('atomic output', () => {
  const out = (): string => join(tmp, 'generated');
  it('a good run writes the output', () => {
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out(), 'reports', 'ir.json'))).toBe(true);
  });

  it('a failing run (bad config) leaves the output exactly as it was', () => {
    const before = snapshot(out());
    writeFileSync(join(tmp, 'docs', 'manifest.json5'), '{ pages: { "x": { date: "not a date" } } }');
    try {
      const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out()]);
      expect(r.code).toBe(2);
    } finally {
      cpSync(join(ROOT, 'docs', 'manifest.json5'), join(tmp, 'docs', 'manifest.json5'));
    }
    expect(snapshot(out())).toEqual(before);
  });

  it('a run whose emitted code does not type-check leaves the output exactly as it was', () => {
    const before = snapshot(out());
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out()], { DOCS2TYPES_FAULT: 'emit-type-error' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^docs2types: generated code does not type-check/);
    expect(r.err).toMatch(/CreateCluster\.ts:\d+: Cannot find name 'NoSuchType'/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(snapshot(out())).toEqual(before);
  });

  it('a run killed half-way through writing leaves the output exactly as it was, and the next run cleans up (test/swap.test.ts kills at every call)', () => {
    const before = snapshot(out());
    // Change an input so the killed run would have written something different.
    writeFileSync(join(tmp, 'docs', 'extra.md'), '# DescribeThing\n\n## 请求参数\n\n|名称|类型|是否必选|描述|\n|--|--|--|--|\n|Id|String|是|标识。|\n');
    try {
      // Call 130 of the run's file-system work on the output: with the seeds, the new tree is being staged beside it.
      const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out()], { DOCS2TYPES_FAULT: 'kill-at-fs-call:130' });
      expect(r.signal).toBe('SIGKILL');
      expect(snapshot(out())).toEqual(before);
      const left = readdirSync(tmp).filter((n) => n.startsWith('generated.docs2types-'));
      expect(left).toContain('generated.docs2types-lock'); // the dead run's lock: taken over below
      for (const n of left) expect(['generated.docs2types-lock', 'generated.docs2types-new']).toContain(n);
      const ok = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
      expect(ok.code).toBe(0);
      expect(readdirSync(tmp).filter((n) => n.startsWith('generated.docs2types-'))).toEqual([]);
      expect(readFileSync(join(out(), 'reports', 'ir.json'), 'utf8')).toContain('DescribeThing');
    } finally {
      rmSync(join(tmp, 'docs', 'extra.md'));
    }
  });

  it('--check exits 1 listing stale, missing and extra files apart, with the command that refreshes them; 0 when up to date', () => {
    run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--check']).code).toBe(0);
    writeFileSync(join(out(), 'reports', 'ir.json'), '{}\n');
    rmSync(join(out(), 'index.js'));
    // A file the previous output listed that the pages no longer give.
    const m = JSON.parse(readFileSync(join(out(), '.docs2types-output.json'), 'utf8'));
    writeFileSync(join(out(), 'old.js'), 'x\n');
    writeFileSync(join(out(), '.docs2types-output.json'), JSON.stringify({ ...m, files: [...m.files, 'old.js'].sort() }));
    writeFileSync(join(out(), 'NOTES.md'), 'mine: not docs2types\'s business\n');
    const r = run(['check', '--docs', join(tmp, 'docs'), '--out', out()]);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/is stale: 4 file\(s\) differ/);
    expect(lines).toContain('  stale (content differs): .docs2types-output.json, reports/ir.json');
    expect(lines).toContain('  missing (would be written): index.js');
    expect(lines).toContain('  extra (written before, would be removed): old.js');
    expect(lines.at(-1)).toMatch(new RegExp(`^  refresh with: node \\S*cli\\.ts generate --docs \\S+ --out \\S+$`));
    const viaNpm = run(['check', '--docs', join(tmp, 'docs'), '--out', out()], { npm_lifecycle_event: 'check' });
    expect(viaNpm.err.split('\n').at(-1)).toBe(`  refresh with: npm run generate -- --docs ${join(tmp, 'docs')} --out ${out()}`);
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']).code).toBe(0);
    expect(run(['check', '--docs', join(tmp, 'docs'), '--out', out()]).code).toBe(0);
    expect(readFileSync(join(out(), 'NOTES.md'), 'utf8')).toMatch(/^mine/);
  });

  it('a re-run with nothing changed is answered from the caches and rewrites nothing', () => {
    const cache = join(tmp, 'rerun-cache');
    const o = join(tmp, 'rerun');
    const withCache = { DOCS2TYPES_NO_CACHE: '' }; // run() turns the cache off by default
    run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache, '--quiet'], withCache);
    const mtimes = readdirSync(o).map((n) => statSync(join(o, n)).mtimeMs);
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache], withCache);
    expect(r.code).toBe(0);
    // Nothing changed: the run memo answers, nothing is read, reconciled or emitted.
    expect(r.out).toMatch(/nothing changed since the last run .*: answered from the cache; nothing read, reconciled or emitted/);
    expect(r.out).toMatch(/nothing to write: already up to date/);
    expect(readdirSync(o).map((n) => statSync(join(o, n)).mtimeMs)).toEqual(mtimes);
    // An output file touched since: the run is done in full (from the page and emit caches) and finds nothing to write.
    utimesSync(join(o, 'index.js'), new Date(), new Date());
    const again = run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache], withCache);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/read: 0 parsed, 5 from cache; reconcile, emit and diff reports: (\d+) of \1 steps from cache/);
    expect(again.out).toMatch(/nothing to write: already up to date/);
  });

  it('the run memo is a miss, never a wrong answer: an edited output file is rewritten, a damaged entry is ignored', () => {
    const cache = join(tmp, 'memo-cache');
    const o = join(tmp, 'memo-out');
    const withCache = { DOCS2TYPES_NO_CACHE: '' };
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache, '--quiet'], withCache).code).toBe(0);
    const good = readFileSync(join(o, 'index.js'), 'utf8');
    writeFileSync(join(o, 'index.js'), 'edited by hand\n');
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache, '--quiet'], withCache).code).toBe(0);
    expect(readFileSync(join(o, 'index.js'), 'utf8')).toBe(good);
    // Every run-memo entry damaged (its checksum no longer matches): a miss, the run is done and its output right.
    const runDirs = readdirSync(join(cache, 'docs2types')).filter((n) => n.startsWith('run-'));
    expect(runDirs.length).toBe(1);
    for (const n of readdirSync(join(cache, 'docs2types', runDirs[0]!))) writeFileSync(join(cache, 'docs2types', runDirs[0]!, n), readFileSync(join(cache, 'docs2types', runDirs[0]!, n), 'utf8').replace('"exit":', '"exit": 0, "x":'));
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache], withCache);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/read: 0 parsed, 5 from cache/);
    expect(r.out).not.toMatch(/answered from the cache/);
    expect(readFileSync(join(o, 'index.js'), 'utf8')).toBe(good);
  });

  it('two runs give byte-identical output', () => {
    const a = join(tmp, 'run-a');
    const b = join(tmp, 'run-b');
    run(['generate', '--docs', join(tmp, 'docs'), '--out', a, '--quiet']);
    run(['generate', '--docs', join(tmp, 'docs'), '--out', b, '--quiet']);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

describe('progress display', () => {
  const capture = (tty: boolean): { stream: { isTTY: boolean; write(s: string): boolean }; text: () => string } => {
    let out = '';
    return { stream: { isTTY: tty, write: (x: string) => ((out += x), true) }, text: () => out };
  };
  const drive = (show: (p: string, d: number, t: number) => void): void => {
    show('find', 0, 0);
    for (let i = 0; i <= 60; i++) show('read', i, 60);
    show('reconcile', 0, 0);
    for (let i = 0; i <= 3; i++) show('emit', i, 3);
    for (let i = 0; i <= 2; i++) show('type-check', i, 2); // a phase the display does not know: shown all the same
    show('reports', 0, 0);
    for (let i = 1; i <= 40; i++) show('write', i, 40);
  };
  it('shows every phase, whatever its name, as lines when not on a terminal', () => {
    const c = capture(false);
    drive(progress({ quiet: false }, c.stream));
    const t = c.text();
    for (const p of ['find: 60 pages', 'read (60 pages)…', 'reconcile…', 'emit (3 operations)…', 'type-check (2)…', 'reports…', 'write (40 files)…', 'write: 40/40 files']) expect(t).toContain(p);
  });
  it('draws a bar per counting phase on a terminal', () => {
    const c = capture(true);
    drive(progress({ quiet: false }, c.stream));
    expect(c.text()).toMatch(/\r {2}read \[#{30}\] 60\/60 pages\n/);
    expect(c.text()).toMatch(/\r {2}write \[#{30}\] 40\/40 files\n/);
    expect(c.text()).toMatch(/\r {2}type-check \[#{30}\] 2\/2\n/);
  });
  it('is silent with --quiet and for a run of few pages', () => {
    const q = capture(true);
    drive(progress({ quiet: true }, q.stream));
    expect(q.text()).toBe('');
    const few = capture(false);
    const show = progress({ quiet: false }, few.stream);
    show('read', 5, 5);
    show('write', 40, 40);
    expect(few.text()).toBe('');
  });
});
