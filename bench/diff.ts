/**
 * Bench section "diff": `docs2types diff` of the whole corpus (../shared/corpus/alibabacloud-docs)
 * against itself, against the bare unified + remark-parse + remark-gfm parse of the corpus (the
 * corpus section's baseline, measured again here in the same rounds).
 *
 * Phases (each in a fresh process, rounds interleaved, median reported):
 *   baseline    remark+gfm parse of every page, one thread
 *   no cache    diff of the corpus against itself, pages parsed (both sides)
 *   cached      the same on a page cache filled by a run before the rounds      target ≤ 0.5×, 0 changes
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CORPUS_DIR } from './corpus.ts';
import { median, REPO_ROOT, round, runPhase, type BenchContext, type BenchSection, type PhaseOutput, type SectionResult, type TableRow } from './lib.ts';

const TARGET = 0.5;

type Phase = 'baseline' | 'noCache' | 'cached';

export function runDiffBench(ctx: BenchContext): SectionResult {
  if (!existsSync(CORPUS_DIR)) return { skipped: `diff bench skipped: ${relative(process.cwd(), CORPUS_DIR)} not found`, rows: [], json: { skipped: true } };
  const samples: Record<Phase, PhaseOutput[]> = { baseline: [], noCache: [], cached: [] };
  const cacheDir = mkdtempSync(join(tmpdir(), 'docs2types-bench-diff-'));
  const env = { DOCS2TYPES_NO_CACHE: '', DOCS2TYPES_THREADS: '' };
  try {
    ctx.log('diff: filling the page cache');
    runPhase('diff-phase.ts', ['self', CORPUS_DIR, cacheDir], env);
    for (let i = 1; i <= ctx.runs; i++) {
      ctx.log(`diff: round ${i}/${ctx.runs}`);
      samples.baseline.push(runPhase('corpus-phase.ts', ['baseline', CORPUS_DIR], env));
      samples.noCache.push(runPhase('diff-phase.ts', ['self', CORPUS_DIR, '-'], env));
      samples.cached.push(runPhase('diff-phase.ts', ['self', CORPUS_DIR, cacheDir], env));
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const ms = (p: Phase): number => median(samples[p].map((s) => s.ms));
  const rss = (p: Phase): number => Math.max(...samples[p].map((s) => s.rssMB));
  const base = ms('baseline');
  const changes = Math.max(...samples.cached.map((s) => Number(s.changes)), ...samples.noCache.map((s) => Number(s.changes)));
  const ok = ms('cached') / base <= TARGET && changes === 0;
  const rows: TableRow[] = [
    { phase: 'baseline: remark-parse + remark-gfm, 1 thread', ms: base, ratio: 1, rssMB: rss('baseline'), target: '', ok: null },
    { phase: 'diff corpus vs itself, no cache', ms: ms('noCache'), ratio: ms('noCache') / base, rssMB: rss('noCache'), target: '', ok: null },
    { phase: 'diff corpus vs itself, cached', ms: ms('cached'), ratio: ms('cached') / base, rssMB: rss('cached'), target: `≤ ${TARGET}×, 0 changes`, ok },
  ];
  const phase = (p: Phase) => ({ ms: round(ms(p)), msRuns: samples[p].map((s) => round(s.ms)), ratio: round(ms(p) / base, 4), peakRssMB: round(rss(p), 1) });
  return {
    summary: `corpus against itself (${samples.cached.at(-1)?.operations ?? '?'} operations, ${changes} changes); median of ${ctx.runs}; ms = read both sides + reconcile + pair + compare + render md and json (module loading excluded)`,
    rows,
    json: { corpus: relative(REPO_ROOT, CORPUS_DIR), runs: ctx.runs, changes, operations: samples.cached.at(-1)?.operations ?? null, phases: { baseline: phase('baseline'), noCache: phase('noCache'), cached: phase('cached') }, target: TARGET, met: ok },
  };
}

export const diffSection: BenchSection = { name: 'diff', run: runDiffBench };
