/**
 * Cache lookups for a run, one result per page: the page's bytes are read and hashed, and its
 * entry, when there is one, is turned back into a DocumentIR.
 *
 * On a re-run with nothing changed this is the whole run, and its cost splits in two: reading
 * and hashing the pages and reading the entries as text (file system, sha256, UTF-8 decoding),
 * and JSON.parse of the entries (which must happen on the thread that keeps the objects). With
 * a lookup worker the first half runs on the other core while the main thread parses: the worker
 * is a few lines of plain JavaScript (no TypeScript loader, no bundle: its first answer comes
 * ~40 ms after it is started, where the parse workers' bundle takes ~70 ms just to load)
 * that claims pages from the front and posts their entry texts in batches. The main thread
 * parses what the worker sends and, whenever nothing is waiting (while the worker starts, or
 * when it falls behind), claims and looks up pages from the back itself.
 *
 * Anything wrong with the worker (it cannot start, throws, or goes quiet) only means the main
 * thread looks up the pages the worker has not answered for, itself.
 */
import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DocumentIR } from '../model/ir.ts';
import { bytesDigest, entryKey, MAX_ENTRY_BYTES, type DocCache } from './page-cache.ts';
import { leftOutDocument, maxPageBytes, readPage, readPageBounded } from './page-file.ts';
import type { FoundDocument } from '../read/find.ts';

export type Lookup =
  /** From the cache, or the stand-in of a page that could not be read (a page-skipped diagnostic). */
  | { index: number; doc: DocumentIR }
  /** Not in the cache (or no cache): the page to parse, with its entry key when there is a cache. */
  | { index: number; doc: null; bytes: Uint8Array; key: string | null };

/** No batch from the lookup worker for this long: the main thread does the rest itself. */
const QUIET_MS = 5_000;
const BATCH = 16;

export interface LookupStats {
  /** Pages the lookup worker answered for (0: it was not used). */
  workerPages: number;
  /** Why the lookup worker stopped early, if it did. */
  workerError: string | null;
}

interface WorkerAnswer {
  i: number;
  digest: string | null;
  text: string | null;
}

/**
 * The worker's source: CommonJS, evaluated. `entryKey` and `readPageBounded` are the main
 * thread's own functions, as text (`__name` is what the TypeScript loader's keepNames wraps
 * inner functions in).
 */
function workerSource(): string {
  return `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const __name = (f) => f;
const entryKey = ${entryKey.toString()};
const readPageBounded = ${readPageBounded.toString()};
const { pages, entry, version, port, signal, claims, fault, maxPage, maxEntry } = workerData;
let batch = [];
const flush = () => {
  port.postMessage(batch);
  batch = [];
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
// Pages are claimed from the front; the main thread claims from the back: stop where they meet.
try {
  for (let i = 0; i < pages.length && Atomics.compareExchange(claims, i, 0, 1) === 0; i++) {
    if (fault && i === 2 * ${BATCH}) throw new Error('DOCS2TYPES_FAULT=lookup-worker');
    let digest = null;
    let text = null;
    try {
      const page = readPageBounded(fs, pages[i][0], maxPage);
      if (page.ok) {
        digest = createHash('sha256').update(page.bytes).digest('hex');
        const e = readPageBounded(fs, entry[0] + entryKey(createHash, digest, pages[i][1], version) + entry[1], maxEntry);
        if (e.ok) text = Buffer.from(e.bytes).toString('utf8');
      }
    } catch {}
    batch.push({ i, digest, text });
    if (batch.length === ${BATCH}) flush();
  }
  if (batch.length) flush();
} catch (e) {
  batch = { fatal: String(e) };
  flush();
}
`;
}

/**
 * The pages' lookups: each page once, in no particular order when the worker helps.
 * `claimHere: false` leaves every page to the worker (tests use it to exercise the worker alone).
 */
export function* lookups(
  found: FoundDocument[],
  cache: DocCache | null,
  useWorker: boolean,
  stats: LookupStats = { workerPages: 0, workerError: null },
  claimHere = true,
): Generator<Lookup> {
  const n = found.length;
  const done = new Uint8Array(n);
  const w = cache && useWorker && n > 0 ? startWorker(found, cache) : null;
  if (w) {
    let back = n - 1; // the next page this thread may claim (from the back)
    let answered = 0; // pages the worker answered for
    let own = 0; // pages claimed here
    let last = performance.now();
    try {
      for (;;) {
        const seen = Atomics.load(w.signal, 0);
        const m = receiveMessageOnPort(w.port) as { message: WorkerAnswer[] | { fatal: string } } | undefined;
        if (m) {
          const batch = m.message;
          if (!Array.isArray(batch)) {
            stats.workerError = batch.fatal;
            break;
          }
          answered += batch.length;
          stats.workerPages += batch.length;
          last = performance.now();
          for (const a of batch) {
            if (done[a.i]) continue;
            done[a.i] = 1;
            yield fromAnswer(a, found[a.i]!, cache!);
          }
          continue;
        }
        // Nothing waiting: look up the last unclaimed page here. The worker claims from the front
        // in order, so once a claim here fails, every page is claimed by one side or the other.
        if (claimHere && back >= 0 && Atomics.compareExchange(w.claims, back, 0, 2) === 0) {
          done[back] = 1;
          own++;
          yield lookupHere(back--, found, cache);
          continue;
        }
        back = -1;
        if (answered + own >= n) break;
        if (performance.now() - last > QUIET_MS) {
          stats.workerError = `no answer from the lookup worker for ${QUIET_MS / 1000} s`;
          break; // the pages it still owes are done below
        }
        Atomics.wait(w.signal, 0, seen, 100);
      }
    } finally {
      w.stop();
    }
  }
  for (let i = 0; i < n; i++) if (!done[i]) yield lookupHere(i, found, cache);
}

function fromAnswer(a: WorkerAnswer, f: FoundDocument, cache: DocCache): Lookup {
  const doc = a.text !== null && a.digest !== null ? cache.accept(a.text, f.file, a.digest) : null;
  if (doc) return { index: a.i, doc };
  if (a.text === null) cache.stats.misses++;
  // Read again here: the bytes that get parsed are the bytes that were hashed.
  const page = readPage(f.abs);
  if (!page.ok) return { index: a.i, doc: leftOutDocument(f.file, 'page-skipped', `not read: ${page.reason}`) };
  return { index: a.i, doc: null, bytes: page.bytes, key: cache.key(f.file, bytesDigest(page.bytes)) };
}

/** One page looked up on this thread. */
function lookupHere(i: number, found: FoundDocument[], cache: DocCache | null): Lookup {
  const f = found[i]!;
  const page = readPage(f.abs);
  if (!page.ok) return { index: i, doc: leftOutDocument(f.file, 'page-skipped', `not read: ${page.reason}`) };
  const bytes = page.bytes;
  if (!cache) return { index: i, doc: null, bytes, key: null };
  const digest = bytesDigest(bytes);
  const key = cache.key(f.file, digest);
  const doc = cache.get(key, f.file, digest);
  return doc ? { index: i, doc } : { index: i, doc: null, bytes, key };
}

interface LookupWorker {
  port: MessagePort;
  signal: Int32Array;
  /** Per page: 0 unclaimed, 1 the worker's, 2 the main thread's. */
  claims: Int32Array;
  stop(): void;
}

function startWorker(found: FoundDocument[], cache: DocCache): LookupWorker | null {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const claims = new Int32Array(new SharedArrayBuffer(4 * found.length));
  const { port1, port2 } = new MessageChannel();
  try {
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: { pages: found.map((f) => [f.abs, f.file]), entry: cache.path('\u0000').split('\u0000'), version: cache.version, port: port2, signal, claims, fault: process.env.DOCS2TYPES_FAULT === 'lookup-worker', maxPage: maxPageBytes(), maxEntry: MAX_ENTRY_BYTES },
      transferList: [port2],
      execArgv: [],
    });
    worker.on('error', () => {}); // a failed worker goes quiet; the main thread takes over
    worker.unref();
    return {
      port: port1,
      signal,
      claims,
      stop: () => {
        port1.close();
        void worker.terminate();
      },
    };
  } catch {
    port1.close();
    return null;
  }
}
