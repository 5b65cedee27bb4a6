/**
 * One measured phase of the corpus bench, run in its own process by bench/corpus.ts:
 *
 *   corpus-phase.ts baseline <corpusDir>             bare unified + remark-parse + remark-gfm, one thread
 *   corpus-phase.ts ours <corpusDir> <threads> <cacheDir|-> docs2types read → DocumentIR
 *
 * Timed: finding the pages, reading them, and parsing (module loading is not). Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { emptyReadStats } from '../generator/engine/pool.ts';
import type { PhaseOutput } from './lib.ts';

const EXCLUDE = [/(^|\/)history\//];

const [phase, corpus, threadsArg, cacheArg] = process.argv.slice(2);
if (!phase || !corpus) throw new Error('usage: corpus-phase.ts baseline|ours <corpusDir> [threads] [cacheDir|-]');
const base = dirname(corpus);

function finish(t0: number, c0: NodeJS.CpuUsage, extra: Record<string, unknown>): void {
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const out: PhaseOutput = { ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, ...extra };
  console.log(JSON.stringify(out));
}

if (phase === 'baseline') {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const processor = unified().use(remarkParse).use(remarkGfm);
  const found = findDocuments(corpus, base, EXCLUDE);
  let nodes = 0;
  for (const f of found) nodes += processor.parse(readFileSync(f.abs, 'utf8')).children.length;
  finish(t0, c0, { pages: found.length, nodes });
} else if (phase === 'ours') {
  const threads = Number(threadsArg ?? '0') || undefined;
  const cache = !cacheArg || cacheArg === '-' ? false : cacheArg;
  const stats = emptyReadStats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const found = findDocuments(corpus, base, EXCLUDE);
  const docs = readDocuments(found, { threads, cache, stats });
  const requestRows = docs.reduce((n, d) => n + d.request.length, 0);
  finish(t0, c0, { pages: docs.length, requestRows, stats });
} else {
  throw new Error(`unknown phase ${phase}`);
}
