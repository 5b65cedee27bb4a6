/**
 * One measured phase of the diff bench, run in its own process by bench/diff.ts:
 *
 *   diff-phase.ts self <corpusDir> <cacheDir|->   docs2types diff of the corpus against itself
 *
 * Timed: reading both sides (through the page cache when one is given), reconciling, pairing,
 * comparing and rendering the markdown and JSON reports (module loading is not). Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { diffSides, loadSide, renderJson, renderMarkdown } from '../generator/diff/index.ts';
import type { PhaseOutput } from './lib.ts';

const [phase, corpus, cacheArg] = process.argv.slice(2);
if (phase !== 'self' || !corpus) throw new Error('usage: diff-phase.ts self <corpusDir> [cacheDir|-]');
const cache = !cacheArg || cacheArg === '-' ? false : cacheArg;
const c0 = process.cpuUsage();
const t0 = performance.now();
const report = diffSides(loadSide(corpus, 'base', { cache }), loadSide(corpus, 'head', { cache }));
const md = renderMarkdown(report);
const json = renderJson(report);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const out: PhaseOutput = {
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  rssMB: process.resourceUsage().maxRSS / 1024,
  changes: report.counts.total,
  operations: report.operations.compared,
  bytes: md.length + json.length,
};
console.log(JSON.stringify(out));
