/**
 * Caches that cannot lie (issue 11.5): every page-cache and emit-memo entry is framed with the
 * checksum of its key and body, and a page entry must be a DocumentIR in shape. A flipped byte,
 * an entry copied from another key, or JSON that parses but is wrong in shape (`request:[null]`)
 * is a miss: the run's output equals a run without the cache, never a failed run, never a changed
 * type. A cache entry that is not a regular file (a FIFO) does not hang a run.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../generator/generate.ts';
import { isDocumentIR, parseDoc, resolveCacheDir } from '../generator/engine/page-cache.ts';
import { frameEntry, unframeEntry } from '../generator/engine/store.ts';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { CORPUS, ROOT } from './helpers/golden.ts';
import { existsSync } from 'node:fs';

const tmp = mkdtempSync(join(tmpdir(), 'd2t-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
delete process.env.DOCS2TYPES_NO_CACHE;

const docs = join(ROOT, 'docs');
let plain: GenerateResult;
beforeAll(async () => {
  plain = await generate({ docs }, { cache: false, threads: 1 });
});

function entries(cacheDir: string, kind: 'docs' | 'emit'): string[] {
  const root = resolveCacheDir(cacheDir)!;
  const folder = readdirSync(root).find((n) => n.startsWith(`${kind}-`))!;
  return readdirSync(join(root, folder))
    .filter((n) => /^[0-9a-f]{40}\.(json|txt)$/.test(n))
    .sort()
    .map((n) => join(root, folder, n));
}

/** Flip the case of one letter inside the body (the JSON stays valid: only a checksum can tell). */
function flipOneByte(file: string): void {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('"name":"', 65) + 8;
  expect(at).toBeGreaterThan(8);
  const i = [...text.slice(at)].findIndex((c) => /[a-z]/i.test(c)) + at;
  const c = text[i]!;
  writeFileSync(file, text.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + text.slice(i + 1));
}

async function cached(dir: string): Promise<GenerateResult> {
  return generate({ docs }, { cache: dir, threads: 1 });
}

describe('page cache', () => {
  it('a flipped byte in every entry: each is a miss, the output equals --no-cache', async () => {
    const dir = join(tmp, 'flip');
    await cached(dir);
    const files = entries(dir, 'docs');
    expect(files).toHaveLength(5);
    for (const f of files) flipOneByte(f);
    const r = await cached(dir);
    expect(r.stats.cache).toMatchObject({ hits: 0, badEntries: 5 });
    expect([...r.tree]).toEqual([...plain.tree]);
    // ...and the entries were rewritten: the next run is all hits, same output.
    const again = await cached(dir);
    expect(again.stats.cache).toMatchObject({ hits: 5, badEntries: 0 });
    expect([...again.tree]).toEqual([...plain.tree]);
  });

  it('an entry whose checksum holds but whose JSON is wrong in shape (request:[null], a row without a type) is a miss, never a failed run', async () => {
    const dir = join(tmp, 'shape');
    await cached(dir);
    const files = entries(dir, 'docs');
    const damage = [(d: Record<string, unknown>) => (d.request = [null]), (d: Record<string, unknown>) => delete (d.request as Record<string, unknown>[])[0]!.type, (d: Record<string, unknown>) => (d.diagnostics = [{ line: 'x' }]), (d: Record<string, unknown>) => (d.tables = {})];
    damage.forEach((f, i) => {
      const text = readFileSync(files[i]!, 'utf8');
      const key = files[i]!.split('/').pop()!.replace(/\.json$/, '');
      const doc = JSON.parse(unframeEntry(key, text)!) as Record<string, unknown>;
      f(doc);
      writeFileSync(files[i]!, frameEntry(key, JSON.stringify(doc))); // a valid checksum: only the shape check can tell
    });
    const r = await cached(dir);
    expect(r.stats.cache).toMatchObject({ hits: 1, badEntries: 4 });
    expect([...r.tree]).toEqual([...plain.tree]);
  });

  it('an entry copied from another page\'s key is a miss (the checksum covers the key)', async () => {
    const dir = join(tmp, 'copied');
    await cached(dir);
    const [a, b] = entries(dir, 'docs');
    writeFileSync(a!, readFileSync(b!));
    const r = await cached(dir);
    expect(r.stats.cache).toMatchObject({ hits: 4, badEntries: 1 });
    expect([...r.tree]).toEqual([...plain.tree]);
  });

  it.runIf(process.platform !== 'win32')('an entry that is a FIFO is a miss, not a hang', async () => {
    const dir = join(tmp, 'fifo');
    await cached(dir);
    const [a] = entries(dir, 'docs');
    unlinkSync(a!);
    execFileSync('mkfifo', [a!]);
    const r = await cached(dir);
    expect(r.stats.cache!.hits).toBe(4);
    expect([...r.tree]).toEqual([...plain.tree]);
  });

  it('the shape check accepts every DocumentIR the parser makes (seeds, fixtures, and the corpus when it is there)', () => {
    const roots = [docs, join(ROOT, 'test', 'fixtures', 'corpus'), ...(existsSync(CORPUS) ? [join(CORPUS, 'ecs')] : [])];
    let n = 0;
    for (const r of roots) {
      for (const d of readDocuments(findDocuments(r, ROOT).slice(0, 150), { cache: false, threads: 1 })) {
        expect(isDocumentIR(parseDoc(JSON.stringify(d))), d.file).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10);
  });
});

describe('emit memo', () => {
  it('a flipped byte in every entry, or a files entry of the wrong shape with a valid checksum: recomputed, the output equals no memo', async () => {
    const dir = join(tmp, 'memo');
    await cached(dir);
    const files = entries(dir, 'emit');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const i = text.length - 2;
      writeFileSync(f, text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1));
    }
    const r = await cached(dir);
    expect(r.emit.hits).toBe(0);
    expect([...r.tree]).toEqual([...plain.tree]);
    // A `files` entry (the compile step's) that parses but is not [path, text][], with a valid checksum.
    const compile = entries(dir, 'emit').find((f) => unframeEntry(f.split('/').pop()!.replace(/\.txt$/, ''), readFileSync(f, 'utf8'))!.startsWith('[['))!;
    const key = compile.split('/').pop()!.replace(/\.txt$/, '');
    writeFileSync(compile, frameEntry(key, JSON.stringify([[1, null]])));
    const s = await cached(dir);
    expect(s.emit.misses).toBe(1);
    expect([...s.tree]).toEqual([...plain.tree]);
  });

  it('a reconcile or diff-reports entry of the wrong shape, with a valid checksum, is a miss: the output equals no memo', async () => {
    const dir = join(tmp, 'memo-steps');
    await cached(dir);
    const bodies = entries(dir, 'emit').map((f) => ({ f, key: f.split('/').pop()!.replace(/\.txt$/, ''), body: unframeEntry(f.split('/').pop()!.replace(/\.txt$/, ''), readFileSync(f, 'utf8'))! }));
    // An operation model (reconcile) and a list of report files (diff reports), each of another shape.
    const model = bodies.filter((b) => b.body.startsWith('{"id":'));
    const reports = bodies.filter((b) => b.body.startsWith('[["reports/diff/'));
    expect(model.length).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(0);
    for (const b of model) writeFileSync(b.f, frameEntry(b.key, JSON.stringify({ id: 'x' })));
    for (const b of reports) writeFileSync(b.f, frameEntry(b.key, JSON.stringify([['elsewhere/x.md', 'hi']])));
    const r = await cached(dir);
    expect(r.emit.misses).toBe(model.length + reports.length);
    expect([...r.tree]).toEqual([...plain.tree]);
  });

  it('frames are sha256(key NUL body): the documented format', () => {
    const body = '{"x":1}';
    expect(frameEntry('k', body)).toBe(`${createHash('sha256').update(`k\0${body}`).digest('hex')}\n${body}`);
    expect(unframeEntry('k', frameEntry('k', body))).toBe(body);
    expect(unframeEntry('other', frameEntry('k', body))).toBeNull();
  });
});
