/**
 * Bench section "generate": the whole job as a user runs it (`node bin/docs2types.js generate`,
 * wall time of the process: Node start, module loading, read, reconcile, emit, write), first with
 * empty caches and a new output folder, then re-run with nothing changed (both caches answer and
 * nothing is rewritten). On the seeds (the default job) and, when it is there, the shared corpus.
 *
 * Informational: the targets are on reading (section "corpus"); this shows what the
 * caches make of a whole re-run. The corpus's first run takes ~30-40 s, so it runs once per bench
 * (its re-runs `runs` times).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CORPUS_DIR } from './corpus.ts';
import { median, REPO_ROOT, round, type BenchContext, type BenchSection, type SectionResult, type TableRow } from './lib.ts';

const CLI = join(REPO_ROOT, 'bin', 'docs2types.js');

/** One CLI run: wall ms. */
function generate(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'generate', '--quiet', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, DOCS2TYPES_NO_CACHE: '' }, maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`generate ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return ms;
}

interface Job {
  key: string;
  name: string;
  args: string[];
  firstRuns: number;
}

export function runGenerateBench(ctx: BenchContext): SectionResult {
  const jobs: Job[] = [{ key: 'seeds', name: 'seeds (docs/)', args: ['--docs', join(REPO_ROOT, 'docs')], firstRuns: ctx.runs }];
  if (existsSync(CORPUS_DIR)) jobs.push({ key: 'corpus', name: 'corpus', args: ['--docs', CORPUS_DIR, '--exclude', '/history/'], firstRuns: 1 });
  const rows: TableRow[] = [];
  const json: Record<string, unknown> = {};
  const root = mkdtempSync(join(tmpdir(), 'docs2types-bench-generate-'));
  try {
    for (const job of jobs) {
      const first: number[] = [];
      const again: number[] = [];
      const folders = (i: number): string[] => ['--out', join(root, job.key, String(i), 'out'), '--cache', join(root, job.key, String(i), 'cache')];
      for (let i = 1; i <= job.firstRuns; i++) {
        ctx.log(`generate: ${job.name}, first run ${i}/${job.firstRuns}`);
        first.push(generate([...job.args, ...folders(i)]));
      }
      for (let i = 1; i <= ctx.runs; i++) {
        ctx.log(`generate: ${job.name}, re-run ${i}/${ctx.runs}`);
        again.push(generate([...job.args, ...folders(1)]));
      }
      const f = median(first);
      const a = median(again);
      rows.push({ phase: `generate ${job.name}, empty caches, new output`, ms: f, ratio: 1, rssMB: null, target: '', ok: null });
      rows.push({ phase: `generate ${job.name}, re-run, nothing changed`, ms: a, ratio: a / f, rssMB: null, target: '', ok: null });
      json[job.name] = { firstRunMs: round(f), firstRunsMs: first.map((x) => round(x)), rerunMs: round(a), rerunsMs: again.map((x) => round(x)), ratio: round(a / f, 4) };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { summary: `wall time of \`node bin/docs2types.js generate\` in a fresh process (Node start and module loading included); ratio = re-run ÷ first run; median of ${ctx.runs}`, rows, json };
}

export const generateSection: BenchSection = { name: 'generate', run: runGenerateBench };
