/** The reading pool and the document cache: same answers as in-process, whatever the order, the cache or the workers. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentIR } from '../generator/model/ir.ts';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { cacheDisabledByEnv, DocCache, parseDoc, resolveCacheDir, serializeDoc } from '../generator/engine/page-cache.ts';
import { lookups, type LookupStats } from '../generator/engine/lookup.ts';
import { emptyReadStats, type ReadOptions } from '../generator/engine/pool.ts';
import { ROOT } from './helpers/golden.ts';

const found = findDocuments(join(ROOT, 'docs'), ROOT);
const inProcess: DocumentIR[] = found.map((f) => documentFromBytes(f.file, readFileSync(f.abs)));
const tmp = mkdtempSync(join(tmpdir(), 'docs2types-pool-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Force the worker path on a handful of pages: two threads, no minimum. */
const WORKERS: ReadOptions = { threads: 2, minPagesForWorkers: 1 };

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// These tests exercise the cache itself: an environment that switches it off must not skew them.
delete process.env.DOCS2TYPES_NO_CACHE;

describe('reading pool', () => {
  it('has the seed pages to work with', () => {
    expect(found.length).toBe(5);
  });

  it('gives the in-process result, sorted by file, from worker threads, in any input order', () => {
    for (const seed of [1, 2, 3]) {
      const stats = emptyReadStats();
      const docs = readDocuments(shuffled(found, seed), { ...WORKERS, cache: false, stats });
      expect(stats.workers).toBe(1); // the worker really ran (its TypeScript loader works here)
      expect(stats.fallbacks).toBe(0);
      expect(stats.workerError).toBeNull();
      expect(docs.map((d) => d.file)).toEqual(inProcess.map((d) => d.file));
      expect(docs).toEqual(inProcess);
    }
  });

  it('stays in-process below the threshold', () => {
    const stats = emptyReadStats();
    const docs = readDocuments(found, { threads: 2, cache: false, stats });
    expect(stats.workers).toBe(0);
    expect(docs).toEqual(inProcess);
  });

  it('survives the compact JSON: a DocumentIR round-trips exactly, key order included (what the cache and the workers rely on)', () => {
    for (const d of inProcess) {
      const json = serializeDoc(d);
      expect(json.length).toBeLessThan(JSON.stringify(d).length);
      const back = parseDoc(json);
      expect(back).toStrictEqual(d);
      expect(JSON.stringify(back)).toBe(JSON.stringify(d));
    }
  });

  it('keeps, in the compact JSON, what is not a copy: another file in a source, a description that differs from its lines', () => {
    const d = structuredClone(inProcess.find((x) => x.request.length > 1)!);
    d.request[0]!.source = { ...d.request[0]!.source, file: 'elsewhere.md' };
    d.request[1]!.description = 'not the lines';
    const back = parseDoc(serializeDoc(d));
    expect(back.request[0]!.source.file).toBe('elsewhere.md');
    expect(back.request[1]!.description).toBe('not the lines');
    expect(JSON.stringify(back)).toBe(JSON.stringify(d));
  });
});

describe('document cache', () => {
  it('writes every page once, then answers every page from the cache with the identical DocumentIR', () => {
    const dir = join(tmp, 'c1');
    const cold = emptyReadStats();
    const first = readDocuments(found, { ...WORKERS, cache: dir, stats: cold });
    expect(cold.cache).toMatchObject({ hits: 0, misses: 5, writes: 5, writeErrors: 0 });
    expect(first).toEqual(inProcess);

    const warm = emptyReadStats();
    const second = readDocuments(shuffled(found, 7), { ...WORKERS, cache: dir, stats: warm });
    expect(warm.cache).toMatchObject({ hits: 5, misses: 0, badEntries: 0, writes: 0 });
    expect(warm.parsed).toBe(0);
    expect(warm.workers).toBe(0);
    expect(second).toStrictEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(inProcess));
  });

  it('ignores a corrupt, truncated or foreign entry and rewrites it', () => {
    const dir = join(tmp, 'c2');
    readDocuments(found, { threads: 1, cache: dir });
    const cache = new DocCache(resolveCacheDir(dir)!);
    const entries = readdirSync(cache.folder).filter((n) => n.endsWith('.json')).sort();
    expect(entries).toHaveLength(5);
    const [a, b, c] = entries.map((n) => join(cache.folder, n));
    writeFileSync(a!, 'not json at all \u0000\u00ff');
    const text = readFileSync(b!, 'utf8');
    writeFileSync(b!, text.slice(0, text.length >> 1)); // truncated
    writeFileSync(c!, readFileSync(join(cache.folder, entries[3]!))); // valid JSON, another page

    const stats = emptyReadStats();
    const docs = readDocuments(found, { threads: 1, cache: dir, stats });
    expect(docs).toEqual(inProcess);
    expect(stats.cache).toMatchObject({ hits: 2, misses: 3, badEntries: 3, writes: 3 });

    const again = emptyReadStats();
    expect(readDocuments(found, { threads: 1, cache: dir, stats: again })).toEqual(inProcess);
    expect(again.cache).toMatchObject({ hits: 5, badEntries: 0 });
  });

  it('never fails a run when the cache folder cannot be written', () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'x');
    for (const opts of [{ threads: 1 }, WORKERS]) {
      const stats = emptyReadStats();
      const docs = readDocuments(found, { ...opts, cache: join(blocker, 'cache'), stats });
      expect(docs).toEqual(inProcess);
      expect(stats.cache!.writes).toBe(0);
      expect(stats.cache!.writeErrors).toBeGreaterThan(0);
    }
  });

  describe('lookup worker', () => {
    // 40 pages (the seeds under eight names), cached once; the worker answers for all of them.
    const many = join(tmp, 'many');
    const pages = (): ReturnType<typeof findDocuments> => findDocuments(many, tmp);
    const setup = (): { dir: string; expected: DocumentIR[] } => {
      mkdirSync(many, { recursive: true });
      for (let k = 0; k < 8; k++) for (const f of found) copyFileSync(f.abs, join(many, `${k}-${basename(f.abs)}`));
      const dir = join(tmp, 'c-many');
      const expected = readDocuments(pages(), { threads: 1, cache: dir });
      return { dir, expected };
    };
    const run = (dir: string, claimHere: boolean): { docs: DocumentIR[]; stats: LookupStats; cache: DocCache } => {
      const cache = new DocCache(resolveCacheDir(dir)!);
      const stats: LookupStats = { workerPages: 0, workerError: null };
      const f = pages();
      const docs: DocumentIR[] = [];
      for (const l of lookups(f, cache, true, stats, claimHere)) {
        expect(l.doc, f[l.index]!.file).not.toBeNull();
        docs[l.index] = l.doc!;
      }
      return { docs, stats, cache };
    };

    it('answers every page from another thread with the identical DocumentIR (its entry key is cache.ts\'s own)', () => {
      const { dir, expected } = setup();
      const { docs, stats, cache } = run(dir, false);
      expect(stats).toEqual({ workerPages: 40, workerError: null });
      expect(cache.stats).toMatchObject({ hits: 40, misses: 0, badEntries: 0 });
      expect(JSON.stringify(docs)).toBe(JSON.stringify(expected));
    });

    it('shares the pages with the main thread, each page once', () => {
      const { dir, expected } = setup();
      const { docs, stats, cache } = run(dir, true);
      expect(stats.workerError).toBeNull();
      expect(cache.stats.hits).toBe(40);
      expect(JSON.stringify(docs)).toBe(JSON.stringify(expected));
    });

    it('falls back to the main thread when the worker fails half-way (DOCS2TYPES_FAULT=lookup-worker)', () => {
      const { dir, expected } = setup();
      process.env.DOCS2TYPES_FAULT = 'lookup-worker';
      try {
        const { docs, stats, cache } = run(dir, false);
        expect(stats.workerError).toMatch(/DOCS2TYPES_FAULT=lookup-worker/);
        expect(stats.workerPages).toBe(32);
        expect(cache.stats.hits).toBe(40);
        expect(JSON.stringify(docs)).toBe(JSON.stringify(expected));
      } finally {
        delete process.env.DOCS2TYPES_FAULT;
      }
    });
  });

  it('keys entries by bytes, path and code version', () => {
    const c = new DocCache(join(tmp, 'k'), 'v1');
    const k = c.key('docs/a.md', 'ab'.repeat(32));
    expect(c.key('docs/b.md', 'ab'.repeat(32))).not.toBe(k);
    expect(c.key('docs/a.md', 'cd'.repeat(32))).not.toBe(k);
    expect(new DocCache(join(tmp, 'k'), 'v2').key('docs/a.md', 'ab'.repeat(32))).not.toBe(k);
  });

  it('is off with DOCS2TYPES_NO_CACHE=1 or cache: false, and defaults to .cache/docs2types', () => {
    expect(cacheDisabledByEnv({ DOCS2TYPES_NO_CACHE: '1' })).toBe(true);
    expect(cacheDisabledByEnv({ DOCS2TYPES_NO_CACHE: '0' })).toBe(false);
    expect(cacheDisabledByEnv({})).toBe(false);
    expect(resolveCacheDir(undefined, { DOCS2TYPES_NO_CACHE: '1' })).toBeNull();
    expect(resolveCacheDir('x', { DOCS2TYPES_NO_CACHE: '1' })).toBeNull();
    expect(resolveCacheDir(false, {})).toBeNull();
    expect(resolveCacheDir(undefined, {})).toBe(join(process.cwd(), '.cache', 'docs2types'));
    expect(resolveCacheDir('x', {})).toBe(join(process.cwd(), 'x', 'docs2types')); // --cache DIR: only DIR/docs2types is written
  });
});
