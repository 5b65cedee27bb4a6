/**
 * Ownership of what docs2types writes (issue 11.1): `--out` is written only when it does not
 * exist, is empty, or holds a previous output of this tool (`.docs2types-output.json`); an output
 * that equals or contains the docs, a git work tree or a `.git` is refused whatever the flags;
 * replacing a previous output keeps every file that output did not list; `--cache DIR` touches
 * only its own marked subfolder. Every refusal is one line, exit 2, and leaves every pre-existing
 * file byte-for-byte as it was.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from './helpers/golden.ts';
import { runCli, snapshot, type CliRun } from './helpers/tree.ts';

// Several CLI runs per test: slow on a loaded 2-core machine (each run is a few seconds alone).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'd2t-own-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A user's project: sources, the pages, a git repository, notes. */
function project(name: string): string {
  const p = join(tmp, name);
  mkdirSync(join(p, 'src'), { recursive: true });
  mkdirSync(join(p, '.git', 'refs'), { recursive: true });
  writeFileSync(join(p, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(p, 'src', 'index.ts'), 'export const answer = 42;\n');
  writeFileSync(join(p, 'package.json'), '{ "name": "my-app" }\n');
  mkdirSync(join(p, 'docs'));
  for (const f of readdirSync(join(ROOT, 'docs'))) cpSync(join(ROOT, 'docs', f), join(p, 'docs', f));
  return p;
}

function expectRefused(r: CliRun, folder: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/refus/);
  expect(r.err).toMatch(folder);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('--out is written only when it is new, empty or a previous output', () => {
  it('refuses --out . in a project folder (a git work tree) and changes nothing', () => {
    const p = project('p1');
    const before = snapshot(p);
    const r = runCli(['generate', '--docs', 'docs', '--out', '.'], { cwd: p });
    expectRefused(r, /\./);
    expect(snapshot(p)).toEqual(before);
  });

  it('refuses --docs docs --out docs (the output would replace the pages it reads)', () => {
    const p = project('p2');
    rmSync(join(p, '.git'), { recursive: true });
    const before = snapshot(p);
    const r = runCli(['generate', '--docs', 'docs', '--out', 'docs'], { cwd: p });
    expectRefused(r, /docs/);
    expect(snapshot(p)).toEqual(before);
  });

  it('refuses an --out that contains --docs, even when it has no .git', () => {
    const p = project('p3');
    rmSync(join(p, '.git'), { recursive: true });
    const before = snapshot(p);
    expectRefused(runCli(['generate', '--docs', join(p, 'docs'), '--out', p]), /p3/);
    expect(snapshot(p)).toEqual(before);
  });

  it('refuses a non-empty folder that is not a previous output', () => {
    const o = join(tmp, 'mine');
    mkdirSync(join(o, 'drafts'), { recursive: true });
    writeFileSync(join(o, 'notes.md'), 'my notes\n');
    writeFileSync(join(o, 'drafts', 'a.txt'), 'a\n');
    const before = snapshot(tmp);
    const r = runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o]);
    expectRefused(r, /mine/);
    expect(r.err).toMatch(/--out/); // the way out
    expect(snapshot(tmp)).toEqual(before);
  });

  it('refuses an --out that is a file', () => {
    const f = join(tmp, 'a-file');
    writeFileSync(f, 'keep me\n');
    const before = snapshot(tmp);
    expectRefused(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', f]), /a-file/);
    expect(snapshot(tmp)).toEqual(before);
  });

  it('writes a new folder and an empty one, with the marker listing every file it wrote', () => {
    const fresh = join(tmp, 'fresh');
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    for (const o of [fresh, empty]) {
      const r = runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o, '--quiet']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const marker = JSON.parse(readFileSync(join(o, '.docs2types-output.json'), 'utf8'));
      expect(marker.tool).toBe('docs2types');
      expect(marker.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
      expect(marker.files).toContain('cs/2015-12-15/CreateCluster.d.ts');
      expect(marker.files).toContain('reports/ir.json');
      expect(marker.files).not.toContain('.docs2types-output.json');
      const onDisk = Object.keys(snapshot(o)).filter((k) => !snapshot(o)[k]!.startsWith('dir'));
      expect(onDisk.sort()).toEqual([...marker.files, '.docs2types-output.json'].sort());
    }
    expect(snapshot(fresh)).toEqual(snapshot(empty));
  });

  it('refuses a previous output that holds .git, whatever else', () => {
    const o = join(tmp, 'out-git');
    expect(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o, '--quiet']).code).toBe(0);
    mkdirSync(join(o, 'reports', 'sub', '.git'), { recursive: true });
    writeFileSync(join(o, 'reports', 'sub', '.git', 'HEAD'), 'x\n');
    const before = snapshot(o);
    expectRefused(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o]), /\.git/);
    expect(snapshot(o)).toEqual(before);
  });

  it('refuses a damaged marker (it cannot tell what it wrote)', () => {
    const o = join(tmp, 'out-damaged');
    expect(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o, '--quiet']).code).toBe(0);
    writeFileSync(join(o, '.docs2types-output.json'), '{ "tool": "docs2types", "files": [');
    const before = snapshot(o);
    expectRefused(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o]), /docs2types-output\.json/);
    expect(snapshot(o)).toEqual(before);
  });
});

describe('replacing a previous output', () => {
  it('keeps every file the previous output did not list (node_modules, notes, a file in reports/), byte for byte', () => {
    const docs = join(tmp, 'docs-r');
    mkdirSync(docs);
    for (const f of readdirSync(join(ROOT, 'docs'))) cpSync(join(ROOT, 'docs', f), join(docs, f));
    const o = join(tmp, 'out-r');
    expect(runCli(['generate', '--docs', docs, '--out', o, '--quiet']).code).toBe(0);
    const listed = JSON.parse(readFileSync(join(o, '.docs2types-output.json'), 'utf8')).files as string[];
    // A consumer installs into the package; a user keeps notes beside the files and in reports/.
    mkdirSync(join(o, 'node_modules', 'left-pad'), { recursive: true });
    writeFileSync(join(o, 'node_modules', 'left-pad', 'index.js'), 'module.exports = 1;\n');
    symlinkSync('left-pad', join(o, 'node_modules', 'lp'));
    writeFileSync(join(o, 'NOTES.md'), 'mine\n');
    writeFileSync(join(o, 'reports', 'review.md'), 'my review\n');
    const foreign = Object.fromEntries(Object.entries(snapshot(o)).filter(([k]) => /^(node_modules|NOTES\.md|reports\/review\.md)/.test(k)));
    // A change in the pages: the new output differs (one page fewer).
    rmSync(join(docs, '004_65ea0e32433b0565.txt'));
    const r = runCli(['generate', '--docs', docs, '--out', o, '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const after = snapshot(o);
    for (const [k, v] of Object.entries(foreign)) expect(after[k], k).toBe(v);
    const now = JSON.parse(readFileSync(join(o, '.docs2types-output.json'), 'utf8')).files as string[];
    expect(now).not.toContain('NOTES.md');
    expect(now).not.toContain('node_modules/left-pad/index.js');
    // Listed files that are not produced any more are gone; everything listed now is there.
    for (const f of listed.filter((x) => !now.includes(x))) expect(after[f], f).toBeUndefined();
    for (const f of now) expect(after[f], f).toMatch(/^file /);
  });

  it('refuses when a file it did not write sits where the new output would write', () => {
    const o = join(tmp, 'out-clash');
    expect(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o, '--quiet']).code).toBe(0);
    // Pretend the previous output did not write cs/2015-12-15/CreateCluster.d.ts: now it is a user's file.
    const m = JSON.parse(readFileSync(join(o, '.docs2types-output.json'), 'utf8'));
    m.files = m.files.filter((f: string) => f !== 'cs/2015-12-15/CreateCluster.d.ts');
    writeFileSync(join(o, '.docs2types-output.json'), JSON.stringify(m));
    const generated = readFileSync(join(o, 'cs/2015-12-15/CreateCluster.d.ts'), 'utf8');
    writeFileSync(join(o, 'cs/2015-12-15/CreateCluster.d.ts'), '// my own types\n');
    const before = snapshot(o);
    expectRefused(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o]), /cs\/2015-12-15\/CreateCluster\.d\.ts/);
    expect(snapshot(o)).toEqual(before);
    // The same bytes as the new output would write lose nothing: taken over (e.g. a file another branch committed).
    writeFileSync(join(o, 'cs/2015-12-15/CreateCluster.d.ts'), generated);
    expect(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', o, '--quiet']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(o, '.docs2types-output.json'), 'utf8')).files).toContain('cs/2015-12-15/CreateCluster.d.ts');
  });
});

describe('--cache DIR', () => {
  it('creates and removes entries only under its own marked subfolder (a user\'s docs-archive/ and emit-notes/ survive)', () => {
    const p = join(tmp, 'cache-proj');
    mkdirSync(join(p, 'docs-archive'), { recursive: true });
    mkdirSync(join(p, 'emit-notes'));
    writeFileSync(join(p, 'docs-archive', 'old.md'), 'old\n');
    writeFileSync(join(p, 'emit-notes', 'n.txt'), 'n\n');
    writeFileSync(join(p, 'README.md'), 'readme\n');
    const before = snapshot(p);
    const out = join(tmp, 'cache-out');
    const r = runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', out, '--cache', '.', '--quiet'], { cwd: p, env: { DOCS2TYPES_NO_CACHE: '' } });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const after = snapshot(p);
    for (const [k, v] of Object.entries(before)) expect(after[k], k).toBe(v);
    const added = Object.keys(after).filter((k) => !(k in before));
    expect(added.length).toBeGreaterThan(2); // the cache was written...
    expect(added.every((k) => k === 'docs2types' || k.startsWith('docs2types/'))).toBe(true); // ...only in its subfolder
    expect(readFileSync(join(p, 'docs2types', 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55/);
  });

  it('leaves a folder of the same name that is not its own alone (and runs without a cache)', () => {
    const p = join(tmp, 'cache-foreign');
    mkdirSync(join(p, 'docs2types', 'docs-keep'), { recursive: true });
    writeFileSync(join(p, 'docs2types', 'docs-keep', 'x.json'), '{}\n');
    writeFileSync(join(p, 'docs2types', 'mine.txt'), 'mine\n');
    const before = snapshot(p);
    const out = join(tmp, 'cache-foreign-out');
    const r = runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', out, '--cache', '.'], { cwd: p, env: { DOCS2TYPES_NO_CACHE: '' } });
    expect(r.code).toBe(0);
    expect(snapshot(p)).toEqual(before);
    expect(r.out).toMatch(/read: 5 parsed, 0 from cache/);
  });
});
