#!/usr/bin/env node
/**
 * docs2types command line: `generate`, `check`, `diff`. Bad usage and bad input: one line
 * saying what and where, exit code 2, no stack trace (`--debug` prints it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ManifestError } from './reconcile/manifest.ts';
import { InputError, fsError, parseJson5 } from './errors.ts';
import { generate as runGenerate, type GenerateResult, type Phase } from './generate.ts';
import { coverage } from './emit/coverage-report.ts';
import { runDiff } from './diff/cli.ts';
import { staleFiles, treeIsCurrent, writeTreeAtomic } from './io/output.ts';

export class UsageError extends InputError {}

export interface GenerateOptions {
  docs: string;
  out: string;
  check: boolean;
  quiet: boolean;
  debug: boolean;
  /** Cache folder, or false for none (default `.cache/docs2types`). */
  cache?: string | false;
  threads?: number;
  /** Regular expressions; pages whose path matches one are left out. */
  exclude: string[];
  /** npm name of the generated package. */
  packageName?: string;
  /** Base URL of the pages: the package cites sources as links (config key `sourceBaseUrl`). */
  sourceBaseUrl?: string;
}

export const EXIT = { ok: 0, stale: 1, usage: 2 } as const;

const HELP = `docs2types — typed, validated packages from API reference pages

usage:
  docs2types generate [--docs DIR] [--out DIR] [options]   read the pages, write the package
  docs2types check    [--docs DIR] [--out DIR] [options]   write nothing; exit 1 when --out is stale
  docs2types diff OLD NEW [--format md|html|json] [--out FILE] [--fail-on LEVEL]
  docs2types diff --timeline DIR                          see \`docs2types diff --help\`

options:
  --docs DIR        folder (or one file) of pages, .md or .txt (default: docs)
  --out DIR         where the generated package goes (default: generated)
  --config FILE     JSON5 config (default: docs2types.config.json5 when present); flags win
  --cache DIR       cache of parsed pages (default: .cache/docs2types); --no-cache to skip it
  --threads N       threads that parse pages (default: the number of cores)
  --exclude REGEX   leave out pages whose path matches (repeatable)
  --package NAME    npm name of the generated package
  --quiet           print nothing but errors      --debug   print stack traces

config keys: docs, out, cache, threads, exclude (array), package, sourceBaseUrl (sources become links).
docs/manifest.json5 (next to the pages) dates undated pages and names variants; see README.

exit codes: 0 ok · 1 check found stale files (or diff --fail-on matched) · 2 bad usage or input`;

function loadConfig(path: string | null): Partial<GenerateOptions> {
  const file = path ?? (existsSync('docs2types.config.json5') ? 'docs2types.config.json5' : null);
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw fsError(e, file, 'read config');
  }
  const raw = parseJson5(text, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`${file}:1: the config must be an object`);
  const c = raw as Record<string, unknown>;
  const known = new Set(['docs', 'out', 'cache', 'threads', 'exclude', 'package', 'sourceBaseUrl']);
  for (const k of Object.keys(c)) if (!known.has(k)) throw new InputError(`${file}: unknown config key "${k}" (known: ${[...known].join(', ')})`);
  const str = (k: string): string | undefined => {
    if (c[k] === undefined) return undefined;
    if (typeof c[k] !== 'string') throw new InputError(`${file}: "${k}" must be a string`);
    return c[k] as string;
  };
  if (c.threads !== undefined && (typeof c.threads !== 'number' || c.threads < 1)) throw new InputError(`${file}: "threads" must be a number ≥ 1`);
  if (c.exclude !== undefined && (!Array.isArray(c.exclude) || c.exclude.some((x) => typeof x !== 'string'))) throw new InputError(`${file}: "exclude" must be an array of strings`);
  if (c.cache !== undefined && c.cache !== false && typeof c.cache !== 'string') throw new InputError(`${file}: "cache" must be a folder or false`);
  const out: Partial<GenerateOptions> = {};
  if (str('docs')) out.docs = str('docs');
  if (str('out')) out.out = str('out');
  if (str('package')) out.packageName = str('package');
  if (str('sourceBaseUrl')) out.sourceBaseUrl = str('sourceBaseUrl');
  if (c.cache !== undefined) out.cache = c.cache as string | false;
  if (c.threads !== undefined) out.threads = c.threads as number;
  if (c.exclude) out.exclude = c.exclude as string[];
  return out;
}

export function parseGenerateArgs(args: string[], check: boolean): GenerateOptions {
  let configPath: string | null = null;
  const flags: Partial<GenerateOptions> = {};
  const exclude: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--docs') flags.docs = value();
    else if (a === '--out') flags.out = value();
    else if (a === '--check') check = true;
    else if (a === '--quiet') flags.quiet = true;
    else if (a === '--debug') flags.debug = true;
    else if (a === '--config') configPath = value();
    else if (a === '--cache') flags.cache = value();
    else if (a === '--no-cache') flags.cache = false;
    else if (a === '--package') flags.packageName = value();
    else if (a === '--exclude') exclude.push(value());
    else if (a === '--threads') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--threads needs a whole number ≥ 1');
      flags.threads = n;
    } else throw new UsageError(`unknown option ${a} (see --help)`);
  }
  const config = loadConfig(configPath);
  const opts: GenerateOptions = { docs: 'docs', out: 'generated', check, quiet: false, debug: false, exclude: [], ...config, ...flags };
  if (exclude.length) opts.exclude = exclude;
  for (const re of opts.exclude) {
    try {
      new RegExp(re);
    } catch {
      throw new UsageError(`--exclude ${re}: not a regular expression`);
    }
  }
  return opts;
}

/**
 * Progress on stderr, over every phase: a bar for reading on a terminal (a line per 10% otherwise),
 * a line when each later phase starts; nothing with --quiet or few pages.
 */
function progress(opts: GenerateOptions): (phase: Phase, done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  let lastPhase: Phase | null = null;
  let pages = 0;
  return (phase, done, all) => {
    if (opts.quiet) return;
    if (phase === 'read') pages = all;
    if (pages < 50) return;
    if (phase !== 'read') {
      if (phase !== lastPhase) process.stderr.write(`  ${phase}${all ? ` (${all})` : ''}…\n`);
      lastPhase = phase;
      return;
    }
    lastPhase = phase;
    if (tty) {
      const pct = Math.floor((done / all) * 100);
      if (pct === lastShown && done !== all) return;
      lastShown = pct;
      const width = 30;
      const fill = Math.round((done / all) * width);
      process.stderr.write(`\r  reading [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${all} pages`);
      if (done === all) process.stderr.write('\n');
    } else {
      const tenth = Math.floor((done / all) * 10);
      if (tenth === lastShown) return;
      lastShown = tenth;
      process.stderr.write(`  reading: ${done}/${all} pages\n`);
    }
  };
}

/** The one-screen summary at the end of a run. */
function summary(r: GenerateResult, opts: GenerateOptions, ms: number, unchanged: boolean): string {
  const c = coverage(r.ir);
  const sev = { error: 0, warning: 0, info: 0 };
  for (const d of r.ir.documents) for (const x of d.diagnostics) sev[x.severity]++;
  const all = c.byProductAndLanguage.find((x) => x.key === 'all');
  const top = Object.entries(c.diagnostics)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `docs2types: ${c.pages} pages → ${c.operations} operation${c.operations === 1 ? '' : 's'}, ${c.parameters} parameters, ${c.models} models`,
    `  pages with a request table that became operations: ${all?.thoseThatBecameOperations ?? 0}/${all?.pagesWithRequestTable ?? 0}${all?.share !== null && all?.share !== undefined ? ` (${all.share}%)` : ''}`,
    `  diagnostics: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} info${top ? ` (${top})` : ''}; conflicts between pages: ${c.conflicts}`,
    ...(r.diagnostics.length ? [`  left out of the package: ${r.diagnostics.length} operation(s): ${r.diagnostics.slice(0, 2).map((d) => `${d.file}:${d.line}: ${d.message}`.slice(0, 200)).join('; ')}${r.diagnostics.length > 2 ? '; …' : ''}`] : []),
    `  read: ${r.stats.parsed} parsed, ${r.stats.pages - r.stats.parsed} from cache${r.stats.workers ? `, ${r.stats.workers} worker thread(s)` : ''}; emit: ${r.emit.hits} of ${r.emit.hits + r.emit.misses} formatting and type-check steps from cache`,
    `  ${unchanged ? 'nothing to write: already up to date,' : 'wrote'} ${opts.out}/ (${r.tree.size} files) in ${(ms / 1000).toFixed(1)} s — reports: ${opts.out}/reports/{coverage,conflicts}.md, ${opts.out}/reports/diff/`,
  ];
  return lines.join('\n');
}

/** What the CLI's options ask of generate(). */
export function generateFor(opts: Pick<GenerateOptions, 'docs' | 'exclude' | 'cache' | 'threads' | 'packageName' | 'sourceBaseUrl' | 'quiet'>): Promise<GenerateResult> {
  return runGenerate(
    { docs: opts.docs, exclude: opts.exclude.map((re) => new RegExp(re)) },
    { cache: opts.cache, threads: opts.threads, packageName: opts.packageName, sourceBaseUrl: opts.sourceBaseUrl, onProgress: progress(opts as GenerateOptions) },
  );
}

async function generate(opts: GenerateOptions): Promise<number> {
  const t0 = performance.now();
  const r = await generateFor(opts);
  if (opts.check) {
    const stale = staleFiles(opts.out, r.tree);
    if (stale.length) {
      console.error(`${opts.out} is stale; run npm run generate. Files: ${stale.join(', ')}`);
      return EXIT.stale;
    }
    if (!opts.quiet) console.log(`${opts.out} is up to date (${r.ir.documents.length} pages)`);
    return EXIT.ok;
  }
  const unchanged = treeIsCurrent(opts.out, r.tree);
  if (!unchanged) writeTreeAtomic(opts.out, r.tree);
  if (!opts.quiet) console.log(summary(r, opts, performance.now() - t0, unchanged));
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const [command = 'generate', ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
      if (command === 'diff') return runDiff(['--help']);
      console.log(HELP);
      return EXIT.ok;
    }
    if (command === 'diff') return runDiff(rest);
    if (command !== 'generate' && command !== 'check') throw new UsageError(`unknown command ${command} (try: generate, check, diff, --help)`);
    const opts = parseGenerateArgs(rest, command === 'check');
    debug = opts.debug;
    return await generate(opts);
  } catch (e) {
    const err = e as Error;
    if (debug) console.error(err.stack);
    console.error(err instanceof InputError || err instanceof ManifestError ? err.message : `docs2types: ${err.message}`);
    return EXIT.usage;
  }
}

if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) process.exitCode = await main(process.argv.slice(2));
