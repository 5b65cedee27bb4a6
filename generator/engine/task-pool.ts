/**
 * Run one exported function of one module on worker threads, the main thread left free: the
 * engine's pool for CPU-bound steps after the read (today the emit stage's type-check + compile,
 * `compileTask` of emit/check.ts, wired in by generate.ts; the engine imports no stage).
 *
 * `run(inputs)` answers in input order whatever thread did what, so the result does not depend on
 * the number of threads. The function must be pure and its inputs and outputs structured-clone
 * data. With N threads, N workers get every task at once (heaviest first to the least loaded), and
 * the main thread is free meanwhile: the caller does its own work there while they run (measured
 * on 2 cores: the main thread taking tasks too left a worker idle whenever it held an answer
 * while busy with a task of its own). Anything that goes wrong with a worker (no bundle, a crash, an error thrown in it) puts
 * its tasks back for the main thread: a worker failure never fails a run, and an error the
 * function throws surfaces from the main thread's own call, as without workers.
 *
 * A worker runs the module as one esbuild bundle (written once per version of the generator's
 * sources to the temp folder, like the read pool's: see ./pool.ts), with the packages named in
 * `external` left out of the bundle and imported from where this checkout resolves them (a
 * bundled copy of TypeScript would be 9 MB more to parse in every worker).
 */
import { existsSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { filesVersion, sourceFiles } from './store.ts';

const GENERATOR_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export interface TaskPoolOptions<I, O> {
  /** Threads to use: 1 runs everything in-process; N ≥ 2 starts N workers. */
  threads: number;
  /** Packages the bundle imports from this checkout instead of carrying them. */
  external?: string[];
  /** The same function in this thread (loaded on first use). */
  inProcess: (input: I) => O | Promise<O>;
  /** Relative cost of an input (default 1): the heaviest go first. */
  weight?: (input: I) => number;
}

export interface TaskPool<I, O> {
  run(inputs: I[], onDone?: (done: number, total: number) => void): Promise<O[]>;
  /** Workers started besides the main thread. */
  readonly workers: number;
  /** First worker failure, if any. */
  readonly workerError: string | null;
  close(): void;
}

const bundles = new Map<string, string | null>();

/** The bundle of `modulePath` (its path), built once per version of the sources; null when esbuild cannot build it. */
function bundleFor(modulePath: string, external: string[]): string | null {
  const id = `${modulePath}\0${external.join('\0')}`;
  if (bundles.has(id)) return bundles.get(id)!;
  let out: string | null = null;
  try {
    const req = createRequire(modulePath);
    const esbuild = req('esbuild') as typeof import('esbuild');
    const root = dirname(GENERATOR_DIR);
    const stem = basename(modulePath).replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9-]+/g, '-');
    const version = filesVersion(`docs2types-task:${stem}:${external.join(',')}`, root, [...sourceFiles(GENERATOR_DIR), join(root, 'package-lock.json')]);
    const file = join(tmpdir(), `docs2types-task-${stem}-${version}.mjs`);
    if (!existsSync(file)) {
      const built = esbuild.buildSync({
        entryPoints: [modulePath],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'silent',
        external,
        // The module's own import.meta.url (it resolves packages from there), not the temp folder's.
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(modulePath).href) },
        banner: { js: `import { createRequire as __d2tCreateRequire } from 'node:module'; const require = __d2tCreateRequire(${JSON.stringify(pathToFileURL(modulePath).href)});` },
      });
      let text = built.outputFiles[0]!.text;
      // An external package is imported by the absolute URL this checkout resolves it to.
      for (const name of external) {
        const url = pathToFileURL(req.resolve(name)).href;
        text = text.split(`from "${name}"`).join(`from ${JSON.stringify(url)}`);
      }
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file);
      sweepOld(file, `docs2types-task-${stem}-`);
    }
    out = file;
  } catch {
    out = null; // no esbuild, or the bundle failed: everything runs in-process
  }
  bundles.set(id, out);
  return out;
}

/** Bundles of older sources: removed once they are a day old. */
function sweepOld(keep: string, prefix: string): void {
  try {
    const dir = dirname(keep);
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (p === keep || !name.startsWith(prefix) || !/-[0-9a-f]{16}\.mjs$/.test(name)) continue;
      if (Date.now() - statSync(p).mtimeMs > 24 * 3600_000) unlinkSync(p);
    }
  } catch {
    /* best effort */
  }
}

/** The worker: import the bundle, answer each task with the function's result (or its error). */
function bootSource(bundle: string, fn: string): string {
  return [
    `import { parentPort } from 'node:worker_threads';`,
    `let m;`,
    `try { m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); } catch (e) { parentPort.postMessage({ fatal: String((e && e.stack) || e) }); }`,
    `if (m) parentPort.on('message', async (t) => {`,
    `  try { parentPort.postMessage({ id: t.id, output: await m[${JSON.stringify(fn)}](t.input) }); }`,
    `  catch (e) { parentPort.postMessage({ id: t.id, error: String((e && e.message) || e) }); }`,
    `});`,
  ].join('\n');
}

type FromWorker = { id: number; output?: unknown; error?: string } | { fatal: string };

interface Slot {
  worker: Worker;
  alive: boolean;
  /** Tasks handed to it, not answered yet. */
  pending: Set<number>;
}

/**
 * A pool for `fn` of `modulePath`. Workers start on the first `run` with at least two inputs
 * and stay until `close()` (they are unref'd: they never keep the process alive).
 */
export function startTaskPool<I, O>(modulePath: string, fn: string, opts: TaskPoolOptions<I, O>): TaskPool<I, O> {
  const slots: Slot[] = [];
  let workerError: string | null = null;
  let started = false;
  const start = (): void => {
    started = true;
    // On one thread, nothing to start; on N, N workers (the main thread is left to the caller's own work).
    const n = Math.floor(opts.threads) > 1 ? Math.floor(opts.threads) : 0;
    if (n === 0) return;
    const bundle = bundleFor(modulePath, opts.external ?? []);
    if (!bundle) {
      workerError = 'no worker bundle (esbuild unavailable)';
      return;
    }
    const url = new URL(`data:text/javascript,${encodeURIComponent(bootSource(bundle, fn))}`);
    for (let i = 0; i < n; i++) {
      try {
        const worker = new Worker(url, { execArgv: [] });
        worker.unref();
        slots.push({ worker, alive: true, pending: new Set() });
      } catch (e) {
        workerError ??= String(e);
      }
    }
  };

  const run = async (inputs: I[], onDone?: (done: number, total: number) => void): Promise<O[]> => {
    const results = new Array<O>(inputs.length);
    const total = inputs.length;
    let done = 0;
    const finish = (id: number, o: O): void => {
      results[id] = o;
      onDone?.(++done, total);
    };
    if (!started && total > 1) start();
    const live = slots.filter((s) => s.alive);
    if (!live.length) {
      for (let id = 0; id < total; id++) finish(id, await opts.inProcess(inputs[id]!));
      return results;
    }
    // Every task is handed out at once, heaviest first to the least loaded worker: the main thread
    // is then free to do other work (the caller's) while the workers go on without waiting for it.
    const weight = opts.weight ?? (() => 1);
    const order = inputs.map((_, i) => i).sort((a, b) => weight(inputs[b]!) - weight(inputs[a]!) || a - b);
    const load = live.map(() => 0);
    for (const id of order) {
      const k = load.indexOf(Math.min(...load));
      load[k]! += weight(inputs[id]!);
      live[k]!.pending.add(id);
      live[k]!.worker.postMessage({ id, input: inputs[id] });
    }
    let wake: (() => void) | null = null;
    const poke = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    const retry: number[] = []; // tasks a worker failed: the main thread runs them (its error surfaces there)
    const kill = (s: Slot, why: string): void => {
      if (!s.alive) return;
      s.alive = false;
      workerError ??= why;
      retry.push(...s.pending);
      s.pending.clear();
      void s.worker.terminate();
      poke();
    };
    const listeners = live.map((s) => {
      const onMessage = (m: FromWorker): void => {
        if ('fatal' in m) return kill(s, m.fatal);
        if (!s.pending.delete(m.id)) return;
        if (m.error !== undefined) retry.push(m.id);
        else finish(m.id, m.output as O);
        poke();
      };
      const onError = (e: Error): void => kill(s, String(e));
      const onExit = (): void => kill(s, 'a worker exited');
      s.worker.on('message', onMessage);
      s.worker.on('error', onError);
      s.worker.on('exit', onExit);
      return { s, onMessage, onError, onExit };
    });
    try {
      for (;;) {
        if (retry.length) {
          const id = retry.shift()!;
          finish(id, await opts.inProcess(inputs[id]!));
          continue;
        }
        if (!live.some((s) => s.pending.size > 0)) break;
        await new Promise<void>((r) => {
          wake = r;
        });
      }
    } finally {
      for (const { s, onMessage, onError, onExit } of listeners) {
        s.worker.off('message', onMessage);
        s.worker.off('error', onError);
        s.worker.off('exit', onExit);
      }
    }
    return results;
  };

  return {
    run,
    get workers() {
      return slots.length;
    },
    get workerError() {
      return workerError;
    },
    close() {
      for (const s of slots) {
        if (s.alive) void s.worker.terminate();
        s.alive = false;
      }
    },
  };
}
