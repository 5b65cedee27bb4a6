/**
 * Bench section "generate": the whole job as a user runs it (`docs2types generate`: read,
 * reconcile, emit, format, type-check, write), in a fresh process per run, against bare
 * unified + remark-parse + remark-gfm parsing of the same pages measured in the same round.
 *
 * Per round, on a private copy of the corpus (so that one page can be edited):
 *   baseline   remark+gfm parse of every page, one thread (module loading excluded)
 *   first      generate with an empty cache into a new output folder           target ≤ 0.5×
 *   rerun      the same command again, nothing changed                          target ≤ 0.05×
 *   touched    one page edited (a word added to one parameter's description)   target ≤ 0.1×
 * Our phases are timed as the wall time of the whole process (Node start, module loading and
 * writing included: stricter than the baseline's parse-only time). Peak RSS is the process's
 * maxRSS (worker threads included); target < 500 MB for every phase of ours.
 * The seeds (`docs/`): a first run (empty cache, new output) per round, target < 3 s wall.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CORPUS_DIR } from './corpus.ts';
import { BENCH_DIR, median, REPO_ROOT, round, runPhase, type BenchContext, type BenchSection, type PhaseOutput, type SectionResult, type TableRow } from './lib.ts';

const TARGETS = { first: 0.5, rerun: 0.05, touched: 0.1, rssMB: 500, seedsMs: 3000 };

interface Run {
  wallMs: number;
  rssMB: number;
  cpuMs: number;
}

/** One generate in a fresh process: wall time around the process, peak RSS from inside it. */
function generate(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...process.execArgv, join(BENCH_DIR, 'generate-phase.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DOCS2TYPES_NO_CACHE: '', DOCS2TYPES_THREADS: '' },
    maxBuffer: 64 * 2 ** 20,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`generate ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as PhaseOutput;
  return { wallMs, rssMB: out.rssMB, cpuMs: out.cpuMs };
}

/** The page to edit: the first page (in path order) with a parameter-table row; its line index. */
function pageToTouch(dir: string): { file: string; line: number } {
  const pages: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) {
        if (name !== 'history') walk(abs);
      } else if (/\.md$/i.test(name) && name.toLowerCase() !== 'sources.md') pages.push(abs);
    }
  };
  walk(dir);
  const delimiter = /^\|(\s*:?-{3,}:?\s*\|)+\s*$/;
  for (const file of pages) {
    const lines = readFileSync(file, 'utf8').split('\n');
    // The row right after the first delimiter row: a parameter row of the page's first table.
    const d = lines.findIndex((l) => delimiter.test(l));
    if (d > 0 && /^\|.*\|\s*$/.test(lines[d + 1] ?? '') && !delimiter.test(lines[d + 1]!)) return { file, line: d + 1 };
  }
  throw new Error(`no page with a table row under ${dir}`);
}

function touch(page: { file: string; line: number }, round_: number): void {
  const lines = readFileSync(page.file, 'utf8').split('\n');
  // Add a word to the row's last cell: the page's hash and one description change.
  lines[page.line] = lines[page.line]!.replace(/\|\s*$/, ` edited${round_} |`);
  writeFileSync(page.file, lines.join('\n'));
}

export function runGenerateBench(ctx: BenchContext): SectionResult {
  const root = mkdtempSync(join(tmpdir(), 'docs2types-bench-generate-'));
  const rows: TableRow[] = [];
  const json: Record<string, unknown> = { targets: TARGETS, runs: ctx.runs };
  try {
    // Seeds: the default job, first run with an empty cache into a new folder.
    const seeds: Run[] = [];
    for (let i = 1; i <= ctx.runs; i++) {
      ctx.log(`generate: seeds, round ${i}/${ctx.runs}`);
      seeds.push(generate(['--docs', join(REPO_ROOT, 'docs'), '--out', join(root, `seeds-${i}`, 'out'), '--cache', join(root, `seeds-${i}`, 'cache')]));
    }
    const seedsMs = median(seeds.map((r) => r.wallMs));
    rows.push({ phase: 'seeds: generate, empty cache, new output (wall)', ms: seedsMs, ratio: null, rssMB: Math.max(...seeds.map((r) => r.rssMB)), target: `< ${TARGETS.seedsMs} ms`, ok: seedsMs < TARGETS.seedsMs });
    json.seeds = { wallMs: round(seedsMs), runsMs: seeds.map((r) => round(r.wallMs)), peakRssMB: round(Math.max(...seeds.map((r) => r.rssMB)), 1) };

    if (!existsSync(CORPUS_DIR)) {
      json.corpus = { skipped: true };
      return { summary: `corpus not found (${CORPUS_DIR}): seeds only`, rows, json };
    }
    const docs = join(root, 'corpus', basename(CORPUS_DIR));
    cpSync(CORPUS_DIR, docs, { recursive: true });
    const page = pageToTouch(docs);
    const exclude = ['--exclude', '/history/'];
    const base: number[] = [];
    const phases: Record<'first' | 'rerun' | 'touched', Run[]> = { first: [], rerun: [], touched: [] };
    for (let i = 1; i <= ctx.runs; i++) {
      ctx.log(`generate: corpus, round ${i}/${ctx.runs}`);
      base.push(runPhase('corpus-phase.ts', ['baseline', docs], { DOCS2TYPES_NO_CACHE: '' }).ms);
      const args = ['--docs', docs, ...exclude, '--out', join(root, `corpus-out-${i}`), '--cache', join(root, `corpus-cache-${i}`)];
      phases.first.push(generate(args));
      phases.rerun.push(generate(args));
      touch(page, i);
      phases.touched.push(generate(args));
    }
    const b = median(base);
    rows.push({ phase: 'corpus baseline: remark-parse + remark-gfm, 1 thread', ms: b, ratio: 1, rssMB: null, target: '', ok: null });
    const label = { first: 'generate, empty cache, new output', rerun: 'generate re-run, nothing changed', touched: 'generate re-run, one page edited' };
    const phaseJson: Record<string, unknown> = {};
    for (const p of ['first', 'rerun', 'touched'] as const) {
      const ms = median(phases[p].map((r) => r.wallMs));
      const rss = Math.max(...phases[p].map((r) => r.rssMB));
      const perRound = phases[p].map((r, i) => r.wallMs / base[i]!);
      rows.push({ phase: `corpus: ${label[p]}`, ms, ratio: ms / b, rssMB: rss, target: `≤ ${TARGETS[p]}×, RSS < ${TARGETS.rssMB}`, ok: ms / b <= TARGETS[p] && rss < TARGETS.rssMB });
      phaseJson[p] = { wallMs: round(ms), runsMs: phases[p].map((r) => round(r.wallMs)), ratio: round(ms / b, 4), ratioPerRound: perRound.map((x) => round(x, 4)), cpuMs: round(median(phases[p].map((r) => r.cpuMs))), peakRssMB: round(rss, 1) };
    }
    json.corpus = { touchedPage: page.file.slice(docs.length - basename(CORPUS_DIR).length), baseline: { ms: round(b), runsMs: base.map((x) => round(x)) }, phases: phaseJson };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { summary: `the whole \`docs2types generate\`, one fresh process per run (wall time); ratio = our median ÷ the baseline median of the same rounds; median of ${ctx.runs}`, rows, json };
}

export const generateSection: BenchSection = { name: 'generate', run: runGenerateBench };
