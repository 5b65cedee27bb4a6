/**
 * The CLI's own bad input: one line saying what and where, exit code 2, no stack trace.
 * Atomic output: a run that fails or is killed leaves the output folder exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('atomic output', () => {
  const out = (): string => join(tmp, 'generated');
  it('a good run writes the output', () => {
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out(), 'ir.json'))).toBe(true);
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
    expect(readFileSync(join(out(), 'ir.json'), 'utf8')).toContain('DescribeThing');
    rmSync(join(tmp, 'docs', 'extra.md'));
  });

  it('--check exits 1 naming the stale files, 0 when up to date', () => {
    run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--quiet']);
    expect(run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--check']).code).toBe(0);
    writeFileSync(join(out(), 'ir.json'), '{}\n');
    const r = run(['generate', '--docs', join(tmp, 'docs'), '--out', out(), '--check']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/stale.*ir\.json/);
  });

  it('two runs give byte-identical output', () => {
    const a = join(tmp, 'run-a');
    const b = join(tmp, 'run-b');
    run(['generate', '--docs', join(tmp, 'docs'), '--out', a, '--quiet']);
    run(['generate', '--docs', join(tmp, 'docs'), '--out', b, '--quiet']);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});
