/**
 * Shared bench plumbing. A section is a named function that measures something and returns rows
 * for the printed table plus a JSON-able result for bench/results.json. Sections run measured
 * phases in child processes (`runPhase`), so each phase's peak RSS is its own and its JIT is cold,
 * as for a user who runs the tool once.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(BENCH_DIR);

export interface BenchContext {
  /** Rounds per measured phase (the median is reported). */
  runs: number;
  log: (line: string) => void;
}

export interface TableRow {
  phase: string;
  ms: number | null;
  /** Ratio to the section's baseline (null for the baseline itself or where it means nothing). */
  ratio: number | null;
  rssMB: number | null;
  target: string;
  ok: boolean | null;
}

export interface SectionResult {
  /** When the section could not run (one line, printed as is). */
  skipped?: string;
  /** A line under the section title (what was measured). */
  summary?: string;
  rows: TableRow[];
  json: Record<string, unknown>;
}

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<SectionResult> | SectionResult;
}

/** What a phase child prints as its last stdout line. */
export interface PhaseOutput {
  ms: number;
  cpuMs: number;
  /** Peak RSS of the child process (worker threads included: they share the process). */
  rssMB: number;
  [k: string]: unknown;
}

/**
 * Run `script` (a .ts file under bench/) in a fresh Node process with the same loader flags as
 * this one (tsx's --import), and parse the JSON it prints on its last line.
 */
export function runPhase(script: string, args: string[], env: NodeJS.ProcessEnv = {}): PhaseOutput {
  const r = spawnSync(process.execPath, [...process.execArgv, join(BENCH_DIR, script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as PhaseOutput;
}

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The printed table of one section. */
export function formatTable(rows: TableRow[]): string {
  const head = ['phase', 'ms', '× baseline', 'peak RSS MB', 'target', ''];
  const body = rows.map((r) => [
    r.phase,
    r.ms === null ? '-' : String(Math.round(r.ms)),
    r.ratio === null ? '-' : r.ratio.toFixed(3),
    r.rssMB === null ? '-' : String(Math.round(r.rssMB)),
    r.target,
    r.ok === null ? '' : r.ok ? 'ok' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
