/**
 * Bounded work on files (issue 11.4, the file half): a FIFO named `x.md` does not hang a run, a
 * `.md` link to /dev/zero is not read, a page over the size cap and a dangling link become
 * page-skipped diagnostics; symbolic link loops are detected and never abort a run; `--exclude`
 * prunes folders before descending; an output folder inside the docs is not read back as pages.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { findPages } from '../generator/read/find.ts';
import { MAX_PAGE_BYTES, readPage } from '../generator/engine/page-file.ts';
import { ROOT } from './helpers/golden.ts';
import { runCli } from './helpers/tree.ts';

// Several CLI runs per test: slow on a loaded 2-core machine (each run is a few seconds alone).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let tmp: string;
const PAGE = '004_65ea0e32433b0565.txt';
const canFifo = process.platform !== 'win32';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'd2t-find-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function docsWith(name: string): string {
  const d = join(tmp, name, 'docs');
  mkdirSync(d, { recursive: true });
  cpSync(join(ROOT, 'docs', PAGE), join(d, PAGE));
  return d;
}

function ir(out: string): IR {
  return JSON.parse(readFileSync(join(out, 'reports', 'ir.json'), 'utf8')) as IR;
}

function diagnosticsOf(i: IR, file: string): { code: string; message: string }[] {
  return i.documents.find((d) => d.file === file)!.diagnostics.map((d) => ({ code: d.code, message: d.message }));
}

describe.runIf(canFifo)('files that are not pages to read', () => {
  it('a FIFO named x.md, a .md link to /dev/zero, a page over the cap, a dangling link: page-skipped, the run goes on (exit 3), quickly', () => {
    const d = docsWith('special');
    execFileSync('mkfifo', [join(d, 'x.md')]);
    symlinkSync('/dev/zero', join(d, 'zero.md'));
    writeFileSync(join(d, 'huge.md'), '');
    truncateSync(join(d, 'huge.md'), MAX_PAGE_BYTES + 1); // sparse: nothing is written, nothing may be read
    symlinkSync(join(d, 'nowhere.md'), join(d, 'dangling.md'));
    const out = join(tmp, 'special', 'out');
    const r = runCli(['generate', '--docs', d, '--out', out, '--quiet'], { timeout: 90_000 });
    expect(r.signal).toBeNull(); // not killed by the timeout: nothing hung
    expect(r.code).toBe(3);
    const i = ir(out);
    expect(diagnosticsOf(i, 'docs/x.md')).toEqual([{ code: 'page-skipped', message: 'not read: a FIFO, not a regular file' }]);
    expect(diagnosticsOf(i, 'docs/zero.md')).toEqual([{ code: 'page-skipped', message: 'not read: a character device, not a regular file' }]);
    expect(diagnosticsOf(i, 'docs/huge.md')).toEqual([{ code: 'page-skipped', message: `not read: ${MAX_PAGE_BYTES + 1} bytes, over the ${MAX_PAGE_BYTES}-byte cap for a page` }]);
    expect(diagnosticsOf(i, 'docs/dangling.md')).toEqual([{ code: 'page-skipped', message: 'not read: a dangling symbolic link' }]);
    expect(i.operations).toHaveLength(1);
    for (const f of ['x.md', 'zero.md', 'huge.md', 'dangling.md']) expect(r.err).toMatch(new RegExp(`^docs/${f.replace('.', '\\.')}: page-skipped`, 'm'));
  });

  it('the reader checks again on the open file: a FIFO or a device handed to it directly is not opened for reading', () => {
    const d = join(tmp, 'direct');
    mkdirSync(d);
    execFileSync('mkfifo', [join(d, 'p.md')]);
    expect(readPage(join(d, 'p.md'))).toEqual({ ok: false, reason: 'a FIFO, not a regular file' });
    expect(readPage('/dev/zero')).toEqual({ ok: false, reason: 'a character device, not a regular file' });
    writeFileSync(join(d, 'ok.md'), 'x'.repeat(10));
    expect(readPage(join(d, 'ok.md'))).toEqual({ ok: true, bytes: Buffer.from('x'.repeat(10)) });
  });
});

describe('symbolic link loops and --exclude', () => {
  it('a link loop is detected (by device and inode), never an endless walk or an aborted run', () => {
    const d = docsWith('loop');
    mkdirSync(join(d, 'sub'));
    cpSync(join(ROOT, 'docs', '001_f0118c1a963c3406.txt'), join(d, 'sub', 'a.txt'));
    symlinkSync('..', join(d, 'sub', 'up')); // sub/up → docs: a loop
    symlinkSync('sub', join(d, 'again')); // the same folder under another name
    symlinkSync('self.md', join(d, 'self.md')); // a link to itself
    const found = findPages(d, join(tmp, 'loop'));
    // `again` sorts before `sub`: the folder is read once, under its first name.
    expect(found.pages.map((p) => p.file)).toEqual([`docs/${PAGE}`, 'docs/again/a.txt']);
    expect(found.skipped).toEqual([
      { file: 'docs/again/up', page: false, reason: 'a symbolic link loop (back to docs)', lost: false },
      { file: 'docs/self.md', page: true, reason: 'a symbolic link loop', lost: true },
      { file: 'docs/sub', page: false, reason: 'the same folder as docs/again, already read', lost: false },
    ]);
    const out = join(tmp, 'loop', 'out');
    const r = runCli(['generate', '--docs', d, '--out', out], { timeout: 90_000 });
    expect(r.code).toBe(3); // self.md is a page left out
    expect(r.err).toMatch(/not read: docs\/again\/up\/ \(a symbolic link loop \(back to docs\)\)/);
    expect(ir(out).documents.map((x) => x.file)).toEqual([`docs/${PAGE}`, 'docs/again/a.txt', 'docs/self.md']);
  });

  it('--exclude prunes a folder before descending: nothing under it is even looked at', () => {
    const d = docsWith('exclude');
    mkdirSync(join(d, 'history', 'deep'), { recursive: true });
    symlinkSync('..', join(d, 'history', 'deep', 'loop'));
    if (canFifo) execFileSync('mkfifo', [join(d, 'history', 'pipe.md')]);
    cpSync(join(ROOT, 'docs', '001_f0118c1a963c3406.txt'), join(d, 'history', 'old.txt'));
    const found = findPages(d, join(tmp, 'exclude'), { exclude: [/\/history$/] });
    expect(found).toEqual({ pages: [{ abs: join(d, PAGE), file: `docs/${PAGE}` }], skipped: [] });
    // A pattern written for the folder with a trailing slash prunes it too.
    expect(findPages(d, join(tmp, 'exclude'), { exclude: [/history\//] }).skipped).toEqual([]);
    const out = join(tmp, 'exclude', 'out');
    const r = runCli(['generate', '--docs', d, '--out', out, '--exclude', 'history'], { timeout: 90_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(ir(out).documents.map((x) => x.file)).toEqual([`docs/${PAGE}`]);
  });
});

describe('an output folder inside the docs', () => {
  it('is never read back as pages (the output folder, and any folder holding the marker)', () => {
    const d = docsWith('nested');
    const out = join(d, 'out');
    for (let i = 0; i < 2; i++) {
      const r = runCli(['generate', '--docs', d, '--out', out, '--quiet']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    expect(existsSync(join(out, 'reports', 'coverage.md'))).toBe(true);
    expect(ir(out).documents.map((x) => x.file)).toEqual([`docs/${PAGE}`]);
    // A copy of a previous output elsewhere in the docs: skipped because it holds the marker.
    cpSync(out, join(d, 'copy'), { recursive: true });
    const r = runCli(['generate', '--docs', d, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/not read: docs\/copy\/ \(a folder docs2types wrote \(it holds \.docs2types-output\.json\), not pages\)/);
    expect(ir(out).documents.map((x) => x.file)).toEqual([`docs/${PAGE}`]);
    expect(readdirSync(d).sort()).toEqual([PAGE, 'copy', 'out']);
  });
});
