/**
 * Read many pages to DocumentIR fast: the content-hash cache (./cache.ts, looked up by
 * ./lookup.ts, with a lookup worker on large runs) first, then the misses spread over worker
 * threads, or parsed in-process when there are few of them. A batch of misses also tunes V8's
 * optimizing compiler for the run (tuneV8ForBatch).
 *
 * The call stays synchronous: the main thread blocks on a shared counter (Atomics.wait) and takes
 * the workers' answers with receiveMessageOnPort, so callers (the CLI, tests) need no `await`.
 * The result is the same whatever the completion order: documents come back sorted by file.
 *
 * Parse workers run this repository's TypeScript as one esbuild bundle of this module (see
 * workerBoot); without esbuild, a tiny ESM bootstrap registers tsx's loader (`tsx/esm/api`) and
 * imports this module, which works under `npx tsx` (where Node 20 does not hand the parent's
 * `--import tsx` to workers) and under vitest. Anything that goes wrong with a worker (no
 * loader, a crash, a stall) falls back to parsing in-process: never a failed run.
 *
 * One page, one diagnostic: a page whose reading or parsing throws becomes a stand-in document
 * with a `page-failed` error (./page-file.ts leftOutDocument) and the run goes on; a page that
 * cannot be read (not a regular file, over the size cap, unreadable) one with `page-skipped`.
 * Neither is cached. DOCS2TYPES_FAULT=page-throw:SUFFIX makes the parse of one page throw (tests).
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { DocumentIR } from '../model/ir.ts';
import { documentFromBytes } from '../parse/index.ts';
import { bytesDigest, codeVersion, DocCache, parseDoc, resolveCacheDir, serializeDoc, type CacheStats } from './page-cache.ts';
import { lookups, type LookupStats } from './lookup.ts';
import { filesVersion, sourceFiles } from './store.ts';
import { errorLine, faultPage, leftOutDocument } from './page-file.ts';
import type { FoundDocument } from '../read/find.ts';

/** Below this many pages to parse, workers cost more to start than they save. */
export const MIN_PAGES_FOR_WORKERS = 64;

/** No answer from any worker for this long: give up on the workers and parse the rest in-process. */
const STALL_MS = 60_000;

export interface ReadOptions {
  /** Cache folder; `false` turns the cache off. Default `.cache/docs2types` in the cwd, off when DOCS2TYPES_NO_CACHE=1. */
  cache?: string | false;
  /**
   * Threads that parse, the main thread included (it parses too while the workers do): 1 parses
   * in-process only; N starts N-1 workers. Default: DOCS2TYPES_THREADS, else os.availableParallelism().
   */
  threads?: number;
  /** Fewer pages to parse than this stay in-process (default 64). */
  minPagesForWorkers?: number;
  /** Filled in with what the call did. */
  stats?: ReadStats;
  /** Called after each page is done (from the cache or parsed), for progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface ReadStats {
  pages: number;
  /** Pages parsed by this call (the rest came from the cache). */
  parsed: number;
  cacheDir: string | null;
  cache: CacheStats | null;
  /** Worker threads started besides the main thread (0: everything in-process). */
  workers: number;
  /** Pages a worker could not do (worker failed, crashed or stalled) that were parsed in-process. */
  fallbacks: number;
  /** First worker failure, if any (for --debug style reporting). */
  workerError: string | null;
  /** Largest heap a worker reported, in MB (workers are threads: the process RSS already includes them). */
  workerHeapMB: number;
  /** The cache lookup worker (./lookup.ts). */
  lookup: LookupStats;
  ms: { lookup: number; parse: number; total: number };
}

export function emptyReadStats(): ReadStats {
  return { pages: 0, parsed: 0, cacheDir: null, cache: null, workers: 0, fallbacks: 0, workerError: null, workerHeapMB: 0, lookup: { workerPages: 0, workerError: null }, ms: { lookup: 0, parse: 0, total: 0 } };
}

/**
 * V8 flags for a batch of pages, set once per process (they are process-wide, so the worker
 * threads get them too). Reading a corpus is a few seconds of code that runs hot at once on
 * every thread: with V8's defaults, TurboFan spends more CPU re-compiling the parser with deep
 * inlining (measured: 5.5 s of compile for 4 s of parsing) than the parsing takes, and on two
 * cores that starves the second thread. A larger interrupt budget optimizes only what is really
 * hot, a smaller inlining budget makes each compile cheap. They change speed, never results.
 * Measured on the 1,754-page corpus, 2 threads: 4.0-4.7 s with the defaults, 2.5-3.2 s with these.
 * `DOCS2TYPES_V8_TUNING=0` leaves V8 alone.
 */
export const BATCH_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=100', '--interrupt-budget=800000'];

let tuned = false;

export function tuneV8ForBatch(env: NodeJS.ProcessEnv = process.env): boolean {
  if (tuned) return true;
  const v = env.DOCS2TYPES_V8_TUNING;
  if (v === '0' || v?.toLowerCase() === 'false') return false;
  for (const f of BATCH_V8_FLAGS) setFlagsFromString(f);
  tuned = true;
  return true;
}

function defaultThreads(): number {
  const env = process.env.DOCS2TYPES_THREADS;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Math.max(0, Math.floor(Number(env)));
  return availableParallelism();
}

function byFile(a: DocumentIR, b: DocumentIR): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

interface Task {
  id: number;
  file: string;
  bytes: Uint8Array;
  key: string | null;
}

/** Parse one page (the fault hook first: it stands for a parser bug on that page). Throws what the parser throws. */
function parsePage(file: string, bytes: Uint8Array): DocumentIR {
  faultPage(file);
  return documentFromBytes(file, bytes);
}

/** Parse one page; an exception becomes the page's page-failed stand-in (`ok: false`: not to be cached). */
export function parseIsolated(file: string, bytes: Uint8Array): { doc: DocumentIR; ok: boolean } {
  try {
    return { doc: parsePage(file, bytes), ok: true };
  } catch (e) {
    const line = typeof (e as { line?: unknown }).line === 'number' ? (e as { line: number }).line : 1;
    return { doc: leftOutDocument(file, 'page-failed', `reading or parsing the page failed, so it is left out: ${errorLine(e)}`, bytes, line), ok: false };
  }
}

/**
 * Read and parse `found`, using the cache and worker threads as `opts` allow. Sorted by file.
 * Never throws for one page: see the module comment.
 */
/** What both readers set up: the clock, the stats, the cache, the threads. */
function startRead(pages: number, opts: Omit<ReadOptions, 'onProgress'>) {
  const t0 = performance.now();
  const stats = opts.stats ?? emptyReadStats();
  Object.assign(stats, emptyReadStats(), { pages });
  const cacheDir = resolveCacheDir(opts.cache);
  const cache = cacheDir ? new DocCache(cacheDir) : null;
  stats.cacheDir = cacheDir;
  stats.cache = cache ? cache.stats : null;
  return { t0, stats, cache, threads: opts.threads ?? defaultThreads(), minPages: opts.minPagesForWorkers ?? MIN_PAGES_FOR_WORKERS };
}

/** The misses no worker took, parsed here: one page that fails is a left-out document, never a thrown run. */
function parseHere(rest: Task[], cache: DocCache | null, add: (doc: DocumentIR) => void): void {
  for (const t of rest) {
    const { doc, ok } = parseIsolated(t.file, t.bytes);
    if (ok && cache && t.key) cache.put(t.key, doc);
    add(doc);
  }
}

export function readDocumentsPooled(found: FoundDocument[], opts: ReadOptions = {}): DocumentIR[] {
  const { t0, stats, cache, threads, minPages } = startRead(found.length, opts);

  const out: DocumentIR[] = [];
  const add = (doc: DocumentIR): void => {
    out.push(doc);
    opts.onProgress?.(out.length, found.length);
  };
  const misses: Task[] = [];
  let pool: Pool | null = null;
  // A lookup worker pays off when there are many pages and another core to read them on.
  for (const l of lookups(found, cache, threads > 1 && found.length >= minPages && cache !== null && cache.readable(), stats.lookup)) {
    if (l.doc) {
      add(l.doc);
      continue;
    }
    misses.push({ id: l.index, file: found[l.index]!.file, bytes: l.bytes, key: l.key });
    if (misses.length === minPages) tuneV8ForBatch();
    // Enough to parse: start the workers now, they boot while the lookups go on.
    if (!pool && threads > 1 && misses.length === minPages) {
      pool = startPool(threads - 1, cache, stats);
    }
  }
  const t1 = performance.now();
  stats.ms.lookup = t1 - t0;
  stats.parsed = misses.length;

  let rest = misses;
  if (pool) rest = pool.run(misses, add);
  if (pool && rest.length) stats.fallbacks = rest.length;
  parseHere(rest, cache, add);
  const t2 = performance.now();
  stats.ms.parse = t2 - t1;
  stats.ms.total = t2 - t0;
  return out.sort(byFile);
}

// ---------------------------------------------------------------------------------------------
// Worker pool (main thread side)
// ---------------------------------------------------------------------------------------------

interface Slot {
  worker: Worker;
  port: MessagePort;
  outstanding: Map<number, Task>;
  alive: boolean;
  cache: CacheStats | null;
}

type FromWorker =
  | { type: 'results'; results: { id: number; json?: string; error?: string }[]; heapMB: number; cache: CacheStats | null }
  | { type: 'fatal'; message: string };

let memoBoot: { url: URL } | null | undefined;

/** Every source file of the generator and the lockfile: names the worker bundle. */
function sourcesDigest(generatorDir: string, lockfile: string): string {
  return filesVersion('docs2types-worker', dirname(generatorDir), [...sourceFiles(generatorDir), lockfile]);
}

/**
 * The worker entry. Compiled JS: this module itself. TypeScript sources: one ESM bundle of this
 * module and everything it imports, built by esbuild (tsx's own compiler) into the temp folder
 * once per version of the sources. A bundle starts fast and needs no loader thread; registering
 * tsx in every worker costs a second isolate and ~90 MB. Without esbuild, a bootstrap registers
 * tsx first; without either, the pool stays off (pages are parsed in-process).
 */
function workerBoot(): { url: URL } | null {
  if (memoBoot !== undefined) return memoBoot;
  const self = import.meta.url;
  const selfPath = fileURLToPath(self);
  if (!/\.[cm]?ts$/.test(selfPath)) {
    memoBoot = bootstrap(self, null);
    return memoBoot;
  }
  const req = createRequire(self);
  try {
    const esbuild = req('esbuild') as typeof import('esbuild');
    const generatorDir = dirname(dirname(selfPath));
    const out = join(tmpdir(), `docs2types-worker-${sourcesDigest(generatorDir, join(dirname(generatorDir), 'package-lock.json'))}.mjs`);
    if (!existsSync(out)) {
      const built = esbuild.buildSync({ entryPoints: [selfPath], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent', mainFields: ['module', 'main'],
        // Bundled CommonJS dependencies may call require(): give the bundle one.
        banner: { js: "import { createRequire as __d2tCreateRequire } from 'node:module'; const require = __d2tCreateRequire(import.meta.url);" } });
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, built.outputFiles[0]!.text);
      renameSync(tmp, out);
      sweepOldBundles(out);
    }
    memoBoot = bootstrap(pathToFileURL(out).href, null);
    return memoBoot;
  } catch {
    /* no esbuild, or the bundle failed: fall back to registering tsx in the worker */
  }
  try {
    const pkgPath = req.resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, unknown> };
    const entry = (pkg.exports?.['./esm/api'] as { import?: { default?: string } } | undefined)?.import?.default ?? './dist/esm/api/index.mjs';
    memoBoot = bootstrap(self, new URL(entry, pathToFileURL(pkgPath)).href);
  } catch {
    memoBoot = null; // TypeScript sources but nothing to run them in a worker: stay in-process
  }
  return memoBoot;
}

/** Bundles of older sources (one per version, ~400 KB each): removed once they are a day old. */
function sweepOldBundles(keep: string): void {
  try {
    const dir = dirname(keep);
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (p === keep || !/^docs2types-worker-[0-9a-f]{16}\.mjs$/.test(name)) continue;
      if (Date.now() - statSync(p).mtimeMs > 24 * 3600_000) unlinkSync(p);
    }
  } catch {
    /* best effort */
  }
}

function bootstrap(entry: string, tsxApi: string | null): { url: URL } {
  const source = [
    `import { workerData } from 'node:worker_threads';`,
    `try {`,
    tsxApi ? `  const { register } = await import(${JSON.stringify(tsxApi)}); register();` : '',
    `  const m = await import(${JSON.stringify(entry)});`,
    `  m.workerMain();`,
    `} catch (e) {`,
    `  workerData.port.postMessage({ type: 'fatal', message: String((e && e.stack) || e) });`,
    `  Atomics.add(workerData.signal, 0, 1); Atomics.notify(workerData.signal, 0);`,
    `}`,
  ].join('\n');
  return { url: new URL(`data:text/javascript,${encodeURIComponent(source)}`) };
}

interface Pool {
  run(tasks: Task[], onDoc: (doc: DocumentIR) => void): Task[];
}

function startPool(n: number, cache: DocCache | null, stats: ReadStats): Pool | null {
  const boot = workerBoot();
  if (!boot || n < 1) return null;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(boot.url, {
        workerData: { port: port2, signal, cacheDir: cache?.dir ?? null, version: cache?.version ?? null },
        transferList: [port2],
        execArgv: [],
      });
      worker.on('error', () => {}); // reported through the port or noticed as a stall; never an uncaught error
      worker.unref();
      slots.push({ worker, port: port1, outstanding: new Map(), alive: true, cache: null });
    } catch (e) {
      stats.workerError ??= String(e);
      port1.close();
    }
  }
  if (slots.length === 0) return null;
  stats.workers = slots.length;
  return { run: (tasks, onDoc) => runPool(slots, signal, tasks, onDoc, stats, cache) };
}

/** Basename: the cn/intl copies of a page share it (and most of their cells: the parser caches by text). */
function groupKey(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function runPool(slots: Slot[], signal: Int32Array, tasks: Task[], onDoc: (doc: DocumentIR) => void, stats: ReadStats, cache: DocCache | null): Task[] {
  // Chunks of pages with the same name (near-identical copies parse faster on one thread), the
  // heaviest chunks first. Workers take from the front, the main thread from the back (the light
  // chunks), so everyone finishes at about the same time.
  const ordered = tasks.slice().sort((a, b) => (groupKey(a.file) < groupKey(b.file) ? -1 : groupKey(a.file) > groupKey(b.file) ? 1 : a.id - b.id));
  const size = Math.max(1, Math.min(16, Math.floor(tasks.length / ((slots.length + 1) * 8))));
  const queue: Task[][] = [];
  for (let i = 0; i < ordered.length; i += size) queue.push(ordered.slice(i, i + size));
  const weight = (c: Task[]): number => c.reduce((n, t) => n + t.bytes.length, 0);
  queue.sort((a, b) => weight(b) - weight(a));

  const failed: Task[] = [];
  let remaining = tasks.length;

  const feed = (s: Slot): void => {
    while (s.alive && queue.length && s.outstanding.size < 2 * size) {
      const batch = queue.shift()!;
      for (const t of batch) s.outstanding.set(t.id, t);
      s.port.postMessage({ type: 'tasks', tasks: batch.map((t) => ({ id: t.id, file: t.file, bytes: t.bytes, key: t.key })) });
    }
  };
  const kill = (s: Slot, why: string): void => {
    if (!s.alive) return;
    s.alive = false;
    stats.workerError ??= why;
    if (s.outstanding.size) queue.push([...s.outstanding.values()]);
    s.outstanding.clear();
    s.port.close();
    void s.worker.terminate();
  };
  /** Take every answer waiting on the ports; true when there was one. */
  const drain = (): boolean => {
    let progressed = false;
    for (const s of slots) {
      let m: { message: FromWorker } | undefined;
      while (s.alive && (m = receiveMessageOnPort(s.port) as { message: FromWorker } | undefined)) {
        progressed = true;
        const msg = m.message;
        if (msg.type === 'fatal') {
          kill(s, msg.message);
          break;
        }
        for (const r of msg.results) {
          const t = s.outstanding.get(r.id);
          if (!t) continue;
          s.outstanding.delete(r.id);
          remaining--;
          if (r.json !== undefined) onDoc(parseDoc(r.json));
          else failed.push(t); // parsed again in-process, where its error surfaces as usual
        }
        stats.workerHeapMB = Math.max(stats.workerHeapMB, msg.heapMB);
        s.cache = msg.cache;
      }
    }
    if (progressed) for (const s of slots) feed(s);
    return progressed;
  };

  for (const s of slots) feed(s);
  let lastProgress = performance.now();
  while (remaining > 0) {
    const seen = Atomics.load(signal, 0);
    if (drain()) lastProgress = performance.now();
    if (remaining === 0) break;
    if (queue.length) {
      // The main thread works too: the lightest chunk left. Errors are left for the caller's in-process pass.
      const batch = queue.pop()!;
      for (const t of batch) {
        try {
          const doc = parsePage(t.file, t.bytes);
          if (cache && t.key) cache.put(t.key, doc);
          onDoc(doc);
        } catch {
          failed.push(t);
        }
        remaining--;
      }
      lastProgress = performance.now();
      continue;
    }
    if (!slots.some((s) => s.alive)) break;
    if (performance.now() - lastProgress > STALL_MS) {
      for (const s of slots) kill(s, `no answer from the workers for ${STALL_MS / 1000} s`);
      continue; // their pages are back in the queue: the main thread does them
    }
    Atomics.wait(signal, 0, seen, 1000);
  }
  for (const s of slots) {
    if (s.alive) {
      s.alive = false;
      s.port.close();
      void s.worker.terminate();
    }
    if (cache && s.cache) {
      cache.stats.writes += s.cache.writes;
      cache.stats.writeErrors += s.cache.writeErrors;
    }
  }
  // Pages that failed (on a worker or here) are parsed again by the caller, in input order.
  return failed.sort((a, b) => a.id - b.id);
}

// ---------------------------------------------------------------------------------------------
// Worker side
// ---------------------------------------------------------------------------------------------

/** Entry point of a worker thread (called by the bootstrap). */
export function workerMain(): void {
  const data = workerData as { port: MessagePort; signal: Int32Array; cacheDir: string | null; version: string | null };
  const { port, signal } = data;
  const cache = data.cacheDir ? new DocCache(data.cacheDir, data.version ?? codeVersion()) : null;
  port.on('message', (msg: { type: 'tasks'; tasks: { id: number; file: string; bytes: Uint8Array; key: string | null }[] }) => {
    const results: { id: number; json?: string; error?: string }[] = [];
    for (const t of msg.tasks) {
      try {
        const json = serializeDoc(parsePage(t.file, t.bytes));
        if (cache && t.key) cache.put(t.key, json);
        results.push({ id: t.id, json });
      } catch (e) {
        results.push({ id: t.id, error: String(e) });
      }
    }
    port.postMessage({ type: 'results', results, heapMB: process.memoryUsage().heapUsed / 2 ** 20, cache: cache ? { ...cache.stats } : null } satisfies FromWorker);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

// ---------------------------------------------------------------------------------------------
// Pages that are not files (bytes read from git by the diff tool)
// ---------------------------------------------------------------------------------------------

/** A page given as bytes: `file` names it in every source reference and in its cache key. */
export interface PageBytes {
  file: string;
  bytes: Uint8Array;
}

/**
 * `readDocumentsPooled` for pages already in memory (the diff tool reads them from git objects):
 * the same cache entries (key: the bytes' digest, the path, the code version) and the same
 * worker pool for the misses. Sorted by file.
 */
export function readDocumentsFromBytes(pages: PageBytes[], opts: Omit<ReadOptions, 'onProgress'> = {}): DocumentIR[] {
  const { t0, stats, cache, threads, minPages } = startRead(pages.length, opts);
  const out: DocumentIR[] = [];
  const misses: Task[] = [];
  pages.forEach((p, id) => {
    const digest = cache ? bytesDigest(p.bytes) : '';
    const key = cache ? cache.key(p.file, digest) : null;
    const doc = cache && key ? cache.get(key, p.file, digest) : null;
    if (doc) out.push(doc);
    else misses.push({ id, file: p.file, bytes: p.bytes, key });
  });
  stats.parsed = misses.length;
  const t1 = performance.now();
  let rest = misses;
  if (threads > 1 && misses.length >= minPages) {
    tuneV8ForBatch();
    const pool = startPool(threads - 1, cache, stats);
    if (pool) rest = pool.run(misses, (doc) => out.push(doc));
    if (pool && rest.length) stats.fallbacks = rest.length;
  }
  parseHere(rest, cache, (doc) => out.push(doc));
  stats.ms = { lookup: t1 - t0, parse: performance.now() - t1, total: performance.now() - t0 };
  return out.sort(byFile);
}
