/**
 * Bench section "corpus": the real Alibaba Cloud corpus (../shared/corpus/alibabacloud-docs,
 * pages outside history/) read to DocumentIR, against bare unified + remark-parse + remark-gfm.
 *
 * Phases (each in a fresh process, rounds interleaved, median reported):
 *   baseline      remark+gfm parse of every page, one thread (what a user would do naively)
 *   1 thread      docs2types, in-process only, no cache
 *   full          docs2types, worker threads on (os.availableParallelism()), no cache   target ≤ 0.25×
 *   cold cache    docs2types, workers on, empty cache (writes every entry)
 *   cached        docs2types re-run on that cache                                       target ≤ 0.02×
 * Peak RSS (process maxRSS; worker threads are inside the process) target < 300 MB for every phase of ours.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { median, REPO_ROOT, round, runPhase, type BenchContext, type BenchSection, type PhaseOutput, type SectionResult, type TableRow } from './lib.ts';

export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus', 'alibabacloud-docs');

const TARGET_FULL = 0.25;
const TARGET_CACHED = 0.02;
const TARGET_RSS_MB = 300;

function corpusBytes(dir: string): { pages: number; bytes: number } {
  let pages = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      const st = statSync(abs);
      if (st.isDirectory()) {
        if (name !== 'history' || d !== dir) walk(abs);
      } else if (/\.md$/i.test(name) && name.toLowerCase() !== 'sources.md') {
        pages++;
        bytes += st.size;
      }
    }
  };
  walk(dir);
  return { pages, bytes };
}

type Phase = 'baseline' | 'single' | 'full' | 'coldCache' | 'cached';

export function runCorpusBench(ctx: BenchContext): SectionResult {
  if (!existsSync(CORPUS_DIR)) {
    return { skipped: `corpus bench skipped: ${relative(process.cwd(), CORPUS_DIR)} not found`, rows: [], json: { skipped: true } };
  }
  const threads = availableParallelism();
  const samples: Record<Phase, PhaseOutput[]> = { baseline: [], single: [], full: [], coldCache: [], cached: [] };
  const cacheRoot = mkdtempSync(join(tmpdir(), 'docs2types-bench-'));
  const env = { DOCS2TYPES_NO_CACHE: '', DOCS2TYPES_THREADS: '' };
  try {
    for (let round_ = 1; round_ <= ctx.runs; round_++) {
      ctx.log(`corpus: round ${round_}/${ctx.runs}`);
      samples.baseline.push(runPhase('corpus-phase.ts', ['baseline', CORPUS_DIR], env));
      samples.single.push(runPhase('corpus-phase.ts', ['ours', CORPUS_DIR, '1', '-'], env));
      samples.full.push(runPhase('corpus-phase.ts', ['ours', CORPUS_DIR, String(threads), '-'], env));
      const cacheDir = join(cacheRoot, `round-${round_}`);
      samples.coldCache.push(runPhase('corpus-phase.ts', ['ours', CORPUS_DIR, String(threads), cacheDir], env));
      samples.cached.push(runPhase('corpus-phase.ts', ['ours', CORPUS_DIR, String(threads), cacheDir], env));
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }

  const ms = (p: Phase): number => median(samples[p].map((s) => s.ms));
  const rss = (p: Phase): number => Math.max(...samples[p].map((s) => s.rssMB));
  const cpu = (p: Phase): number => median(samples[p].map((s) => s.cpuMs));
  const base = ms('baseline');
  const ratio = (p: Phase): number => ms(p) / base;
  const statsOf = (p: Phase): Record<string, unknown> => (samples[p].at(-1)?.stats ?? {}) as Record<string, unknown>;

  const rssOk = (p: Phase): boolean => rss(p) < TARGET_RSS_MB;
  const rows: TableRow[] = [
    { phase: 'baseline: remark-parse + remark-gfm, 1 thread', ms: base, ratio: 1, rssMB: rss('baseline'), target: '', ok: null },
    { phase: 'docs2types, 1 thread, no cache', ms: ms('single'), ratio: ratio('single'), rssMB: rss('single'), target: `RSS < ${TARGET_RSS_MB}`, ok: rssOk('single') },
    { phase: `docs2types full, ${threads} threads, no cache`, ms: ms('full'), ratio: ratio('full'), rssMB: rss('full'), target: `≤ ${TARGET_FULL}×, RSS < ${TARGET_RSS_MB}`, ok: ratio('full') <= TARGET_FULL && rssOk('full') },
    { phase: `docs2types, ${threads} threads, cold cache`, ms: ms('coldCache'), ratio: ratio('coldCache'), rssMB: rss('coldCache'), target: `RSS < ${TARGET_RSS_MB}`, ok: rssOk('coldCache') },
    { phase: 'docs2types cached re-run', ms: ms('cached'), ratio: ratio('cached'), rssMB: rss('cached'), target: `≤ ${TARGET_CACHED}×, RSS < ${TARGET_RSS_MB}`, ok: ratio('cached') <= TARGET_CACHED && rssOk('cached') },
  ];

  const { pages, bytes } = corpusBytes(CORPUS_DIR);
  const phaseJson = (p: Phase): Record<string, unknown> => ({
    ms: round(ms(p)),
    msRuns: samples[p].map((s) => round(s.ms)),
    cpuMs: round(cpu(p)),
    ratio: round(ratio(p), 4),
    peakRssMB: round(rss(p), 1),
  });
  const cached = statsOf('cached') as { cache?: { hits?: number } };
  const full = statsOf('full') as { workers?: number; workerHeapMB?: number; fallbacks?: number };
  const json = {
    corpus: { dir: relative(REPO_ROOT, CORPUS_DIR), pages, bytes },
    runs: ctx.runs,
    threads,
    requestRows: samples.full.at(-1)?.requestRows ?? null,
    phases: {
      baseline: phaseJson('baseline'),
      singleThread: phaseJson('single'),
      full: { ...phaseJson('full'), workers: full.workers ?? null, workerFallbacks: full.fallbacks ?? null, workerPeakHeapMB: full.workerHeapMB === undefined ? null : round(full.workerHeapMB, 1) },
      coldCache: phaseJson('coldCache'),
      cached: { ...phaseJson('cached'), cacheHits: cached.cache?.hits ?? null },
    },
    targets: { full: TARGET_FULL, cached: TARGET_CACHED, peakRssMB: TARGET_RSS_MB },
    met: {
      full: ratio('full') <= TARGET_FULL,
      cached: ratio('cached') <= TARGET_CACHED,
      peakRss: (['single', 'full', 'coldCache', 'cached'] as Phase[]).every(rssOk),
    },
  };
  const summary = `${pages} pages, ${(bytes / 1e6).toFixed(1)} MB; ${threads} cores; median of ${ctx.runs} run(s), each phase in a fresh process; ms = find + read + parse (module loading excluded)`;
  return { summary, rows, json };
}

export const corpusSection: BenchSection = { name: 'corpus', run: runCorpusBench };
