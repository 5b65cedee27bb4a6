/**
 * The CLI's own bad input: one line saying what and where, exit code 2, no stack trace.
 * Atomic output: a run that fails or is killed leaves the output folder exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/golden.ts';

const CLI = join(ROOT, 'generator', 'cli.ts');

function run(args: string[], env: Record<string, string> = {}, cwd = ROOT): { code: number | null; signal: string | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DOCS2TYPES_NO_CACHE: '1', ...env } });
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
  it('unreadable file', () => {
    const d = join(tmp, 'broken');
    mkdirSync(d, { recursive: true });
    cpSync(join(ROOT, 'docs', '004_65ea0e32433b0565.txt'), join(d, 'ok.txt'));
    symlinkSync(join(tmp, 'does-not-exist.md'), join(d, 'dangling.md'));
    expectOneLine(run(['generate', '--docs', d, '--out', join(tmp, 'o2')]), /broken\/dangling\.md: cannot read \(no such file or folder\)/);
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
    expect(r.out).toMatch(/docs2types: 5 pages → 1 operation, 90 parameters/);
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

  it('a run killed half-way through writing leaves the output exactly as it was, and the next run cleans up', () => {
    const before = snapshot(out());
    // Change an input so the killed run would have written something different.
    writeFileSync(join(tmp, 'docs', 'extra.md'), '# DescribeThing\n\n## 请求参数\n\n|名称|类型|是否必选|描述|\n|--|--|--|--|\n|Id|String|是|标识。|\n');
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out()], { DOCS2TYPES_FAULT: "kill-during-write" });
    expect(r.signal).toBe('SIGKILL');
    expect(snapshot(out())).toEqual(before);
    expect(readdirSync(tmp).some((n) => n.startsWith('generated.tmp-'))).toBe(true);
    const ok = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(ok.code).toBe(0);
    expect(readdirSync(tmp).filter((n) => /^generated\.(tmp|old)-/.test(n))).toEqual([]);
    expect(readFileSync(join(out(), 'reports', 'ir.json'), 'utf8')).toContain('DescribeThing');
    rmSync(join(tmp, 'docs', 'extra.md'));
  });

  it('--check exits 1 naming the stale files, 0 when up to date', () => {
    run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--check']).code).toBe(0);
    writeFileSync(join(out(), 'reports', 'ir.json'), '{}\n');
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--check']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/stale.*ir\.json/);
  });

  it('a re-run with nothing changed is answered from the caches and rewrites nothing', () => {
    const cache = join(tmp, 'rerun-cache');
    const o = join(tmp, 'rerun');
    const withCache = { DOCS2TYPES_NO_CACHE: '' }; // run() turns the cache off by default
    run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache, '--quiet'], withCache);
    const mtimes = readdirSync(o).map((n) => statSync(join(o, n)).mtimeMs);
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', o, '--cache', cache], withCache);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/read: 0 parsed, 5 from cache; emit: (\d+) of \1 formatting and type-check steps from cache/);
    expect(r.out).toMatch(/nothing to write: already up to date/);
    expect(readdirSync(o).map((n) => statSync(join(o, n)).mtimeMs)).toEqual(mtimes);
  });

  it('two runs give byte-identical output', () => {
    const a = join(tmp, 'run-a');
    const b = join(tmp, 'run-b');
    run(['generate', '--docs', join(tmp, 'docs'), '--out', a, '--quiet']);
    run(['generate', '--docs', join(tmp, 'docs'), '--out', b, '--quiet']);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});
