/**
 * A swap that loses nothing (issue 11.2). The writer (generator/io/output.ts) runs in a child
 * process that is SIGKILLed right before its k-th file-system call (DOCS2TYPES_FAULT=kill-at-fs-call:k),
 * for every k of the write step. After each kill the output folder holds the complete old tree or
 * the complete new one, or it is missing and the complete old tree is at the recovery path
 * (`X.docs2types-old`); recovery then leaves the old or the new tree at X, and the next run writes
 * the new tree and leaves no leftover. Files the old output did not list (a consumer's
 * node_modules, with a symbolic link; notes) are byte-identical in every state. Then concurrent
 * writers: each one writes or is refused, never a loss.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputLock, recoverOutput, RECOVERY_SUFFIX, STAGING_SUFFIX } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';
import { runCli, snapshot } from './helpers/tree.ts';

let tmp: string;
let child: string;

const OLD: [string, string][] = [
  ['README.md', '# old\n'],
  ['index.js', 'export const v = 1;\n'],
  ['reports/ir.json', '{"old":true}\n'],
  ['reports/gone.md', 'only in the old output\n'],
  ['schema/a.json', '{"a":1}\n'],
];
const NEW: [string, string][] = [
  ['README.md', '# new\n'],
  ['index.js', 'export const v = 2;\n'],
  ['reports/ir.json', '{"new":true}\n'],
  ['schema/a.json', '{"a":1}\n'],
  ['schema/deep/b.json', '{"b":2}\n'],
  ['types.d.ts', 'export type T = 2;\n'],
];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'd2t-swap-'));
  const entry = join(tmp, 'child.ts');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';
import { writeTreeAtomic, fsCallCount, OutputBusy } from ${JSON.stringify(join(ROOT, 'generator', 'io', 'output.ts'))};
const [out, treeFile] = process.argv.slice(2);
try {
  writeTreeAtomic(out, new Map(JSON.parse(readFileSync(treeFile, 'utf8'))));
  process.stdout.write(String(fsCallCount()));
} catch (e) {
  process.stdout.write(e instanceof OutputBusy ? 'busy' : 'error: ' + e.message);
  process.exitCode = 2;
}
`,
  );
  child = join(tmp, 'child.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'silent', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  writeFileSync(join(tmp, 'old.json'), JSON.stringify(OLD));
  writeFileSync(join(tmp, 'new.json'), JSON.stringify(NEW));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(out: string, tree: 'old' | 'new' | string, env: Record<string, string> = {}): { code: number | null; signal: string | null; out: string } {
  const r = spawnSync(process.execPath, [child, out, join(tmp, `${tree}.json`)], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, signal: r.signal, out: r.stdout };
}

/** A previous output (the old tree) with a consumer's node_modules and a user's notes in it. */
function template(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const out = join(dir, 'out');
  expect(write(out, 'old').code).toBe(0);
  mkdirSync(join(out, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(out, 'node_modules', 'dep', 'index.js'), 'module.exports = 42;\n');
  symlinkSync('dep', join(out, 'node_modules', 'alias'));
  writeFileSync(join(out, 'NOTES.md'), 'my notes\n');
  writeFileSync(join(out, 'reports', 'review.md'), 'my review\n');
  return dir;
}

const FOREIGN = /^(node_modules|NOTES\.md|reports\/review\.md)(\/|$)/;

describe('a kill at any file-system call of the write step', () => {
  it('leaves the complete old or new tree (or the old one at the recovery path), recovery restores it, the next run completes, nothing leaks', () => {
    const base = template('base');
    const baseOut = join(base, 'out');
    const oldSnap = snapshot(baseOut);
    // The complete run, once: the new tree, and how many file-system calls it makes.
    const full = join(tmp, 'full');
    cpSync(base, full, { recursive: true, verbatimSymlinks: true });
    const done = write(join(full, 'out'), 'new');
    expect(done.code).toBe(0);
    const calls = Number(done.out);
    expect(calls).toBeGreaterThan(40);
    const newSnap = snapshot(join(full, 'out'));
    expect(newSnap).not.toEqual(oldSnap);
    for (const [k, v] of Object.entries(oldSnap)) if (FOREIGN.test(k)) expect(newSnap[k], k).toBe(v);
    expect(newSnap['reports/gone.md']).toBeUndefined();

    const states = { old: 0, new: 0, recovery: 0 };
    for (let k = 1; k <= calls; k++) {
      const dir = join(tmp, `k${k}`);
      cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
      const out = join(dir, 'out');
      const r = write(out, 'new', { DOCS2TYPES_FAULT: `kill-at-fs-call:${k}` });
      expect(r.signal, `k=${k}`).toBe('SIGKILL');
      // Leftovers have fixed names: never more than these beside the output.
      for (const n of readdirSync(dir)) expect(n, `k=${k}`).toMatch(/^out(\.docs2types-(new|old|lock(-(stale-)?\d+)?))?$/);
      const at = existsSync(out) ? snapshot(out) : null;
      if (at === null) {
        expect(snapshot(out + RECOVERY_SUFFIX), `k=${k}: the old tree at the recovery path`).toEqual(oldSnap);
        states.recovery++;
      } else if (JSON.stringify(at) === JSON.stringify(oldSnap)) states.old++;
      else {
        expect(at, `k=${k}: the output is the old or the new tree`).toEqual(newSnap);
        states.new++;
      }
      // Recovery (what the next run and check do first), under the lock (the dead child's is taken over).
      const lock = OutputLock.acquire(out);
      try {
        recoverOutput(out);
      } finally {
        lock.release();
      }
      const recovered = snapshot(out);
      expect([JSON.stringify(oldSnap), JSON.stringify(newSnap)], `k=${k}: after recovery`).toContain(JSON.stringify(recovered));
      expect(existsSync(out + RECOVERY_SUFFIX) || existsSync(out + STAGING_SUFFIX), `k=${k}`).toBe(false);
      // The next run writes the new tree and leaves nothing beside it.
      expect(write(out, 'new').code, `k=${k}`).toBe(0);
      expect(snapshot(out), `k=${k}`).toEqual(newSnap);
      expect(readdirSync(dir), `k=${k}`).toEqual(['out']);
      rmSync(dir, { recursive: true, force: true });
    }
    // Every kind of state was met: the loop really went through the swap.
    expect(states.old).toBeGreaterThan(10);
    expect(states.recovery).toBe(1); // the one instant between the two renames
    expect(states.new).toBeGreaterThanOrEqual(1);
    expect(states.old + states.new + states.recovery).toBe(calls);
    console.log(`kill points: ${calls} (old tree at --out: ${states.old}, recovery path: ${states.recovery}, new tree: ${states.new})`);
  }, 900_000); // ~2 child processes per kill point: minutes on a loaded 2-core machine
});

describe('concurrent runs', () => {
  it('writers racing on one output: each writes or is refused as busy; the output is one complete tree, nothing foreign lost', async () => {
    const trees: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = `t${i}`;
      writeFileSync(join(tmp, `${t}.json`), JSON.stringify([...NEW, [`only-${i}.txt`, `${i}\n`], ['README.md', `# run ${i}\n`]]));
      trees.push(t);
    }
    const base = template('race');
    const out = join(base, 'out');
    const foreign = Object.fromEntries(Object.entries(snapshot(out)).filter(([k]) => FOREIGN.test(k)));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        trees.map(
          (t) =>
            new Promise<{ code: number | null; out: string }>((res) => {
              const p = spawn(process.execPath, [child, out, join(tmp, `${t}.json`)], { stdio: ['ignore', 'pipe', 'inherit'] });
              let o = '';
              p.stdout.on('data', (d) => (o += d));
              p.on('close', (code) => res({ code, out: o }));
            }),
        ),
      );
      for (const r of results) expect(r.code === 0 || (r.code === 2 && r.out === 'busy'), r.out).toBe(true);
      expect(results.some((r) => r.code === 0)).toBe(true);
      const now = snapshot(out);
      for (const [k, v] of Object.entries(foreign)) expect(now[k], k).toBe(v);
      const winners = trees.filter((_, i) => now[`only-${i}.txt`] !== undefined);
      expect(winners).toHaveLength(1); // one complete tree, not a mix
      expect(readdirSync(base)).toEqual(['out']);
    }
  }, 300_000);

  it('two generate runs at once on one --out: one wins, the other refuses (a live lock), the consumer\'s node_modules survives', async () => {
    const out = join(tmp, 'cli-out');
    expect(runCli(['generate', '--docs', join(ROOT, 'docs'), '--out', out, '--quiet']).code).toBe(0);
    mkdirSync(join(out, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(out, 'node_modules', 'x', 'index.js'), 'x\n');
    const TSX = (await import('./helpers/tree.ts')).TSX;
    const CLI = (await import('./helpers/tree.ts')).CLI;
    const results = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<{ code: number | null; err: string }>((res) => {
            // --package differs from the first run, so both have something to write.
            const p = spawn(process.execPath, ['--import', TSX, CLI, 'generate', '--docs', join(ROOT, 'docs'), '--out', out, '--quiet', '--package', '@x/concurrent'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCS2TYPES_NO_CACHE: '1' } });
            let e = '';
            p.stderr.on('data', (d) => (e += d));
            p.on('close', (code) => res({ code, err: e }));
          }),
      ),
    );
    for (const r of results) expect(r.code === 0 || (r.code === 2 && /being written by another docs2types run/.test(r.err)), r.err).toBe(true);
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(snapshot(out)['node_modules/x/index.js']).toBe(`file 644 ${Buffer.from('x\n').toString('base64')}`);
    expect(snapshot(out)['package.json']).toMatch(/^file /);
    expect(runCli(['check', '--docs', join(ROOT, 'docs'), '--out', out, '--package', '@x/concurrent']).code).toBe(0);
    expect(readdirSync(tmp).filter((n) => n.startsWith('cli-out.'))).toEqual([]);
  }, 600_000);
});
