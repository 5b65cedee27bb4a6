#!/usr/bin/env node
/**
 * docs2types command line: `generate`, `check`, `diff`. Bad usage and bad input: one line
 * saying what and where, exit code 2, no stack trace (`--debug` prints it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManifestError } from './reconcile/manifest.ts';
import { InputError, fsError, parseJson5 } from './errors.ts';
import type { GenerateResult } from './generate.ts';
import { runKey } from './inputs.ts';
import { RunMemo } from './engine/run-memo.ts';
import { resolveCacheDir } from './engine/page-cache.ts';
import { OutputRefused as OutputRefusedBase, assertWritable, compareTree, generatorVersion, MARKER, needsRecovery, OutputLock, outputPaths, outputSignature, recoverOutput, treeIsCurrent, writeTreeAtomic } from './io/output.ts';

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

/**
 * Exit codes: 0 ok; 1 `check` found stale files (or `diff --fail-on` matched); 2 bad usage or
 * input, a refused output folder, another run writing it; 3 written (or, for `check`, up to
 * date), but pages were left out (page-failed / page-skipped diagnostics: see the reports).
 */
export const EXIT = { ok: 0, stale: 1, usage: 2, leftOut: 3 } as const;

const EXIT_CODES = 'exit codes: 0 ok · 1 check found stale files (or diff --fail-on matched) · 2 bad usage or input, or an --out docs2types may not write · 3 written, but pages were left out (page-failed, page-skipped: see the reports)';

const OPTIONS = `options:
  --docs DIR        folder (or one file) of pages, .md or .txt (default: docs)
  --out DIR         where the generated package goes (default: generated); written only when it
                    is new, empty, or a previous output (it holds ${MARKER})
  --config FILE     JSON5 config (default: docs2types.config.json5 when present); flags win
  --cache DIR       where the caches go: DIR/docs2types/ (default: .cache); --no-cache to skip them
  --threads N       threads that parse pages (default: the number of cores)
  --exclude REGEX   leave out pages and folders whose path matches (repeatable)
  --package NAME    npm name of the generated package
  --quiet           print nothing but errors      --debug   print stack traces

config keys: docs, out, cache, threads, exclude (array), package, sourceBaseUrl (sources become
links), diff (the diff gate's policy: see docs2types diff --help).
docs/manifest.json5 (next to the pages) dates undated pages and names variants; see README.`;

const HELP = `docs2types — typed, validated packages from API reference pages

usage:
  docs2types generate [--docs DIR] [--out DIR] [options]   read the pages, write the package
  docs2types check    [--docs DIR] [--out DIR] [options]   write nothing; exit 1 when --out is stale
  docs2types diff OLD NEW [--format F] [--out FILE] [--fail-on LEVEL] [--match REGEX]
  docs2types diff --timeline PATH [--git]                 see docs2types diff --help
  docs2types --version

  docs2types generate --help, check --help, diff --help: the options of each command

${OPTIONS}

${EXIT_CODES}`;

const GENERATE_HELP = `docs2types generate — read the pages, write the package, its reports and the IR

usage: docs2types generate [--docs DIR] [--out DIR] [options]

The output folder is replaced as a whole (a kill at any point leaves the old or the new tree;
see README, Hardening); files in it that docs2types did not write are kept.

${OPTIONS}

${EXIT_CODES}`;

const CHECK_HELP = `docs2types check — write nothing; say whether --out holds what generate would write

usage: docs2types check [--docs DIR] [--out DIR] [options]

Lists the stale, missing and extra files separately, and the command that refreshes them.

${OPTIONS}

${EXIT_CODES}`;

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
  const known = new Set(['docs', 'out', 'cache', 'threads', 'exclude', 'package', 'sourceBaseUrl', 'diff']); // diff: the diff gate's policy, read by generator/diff/policy.ts
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

/** The summary line about reading and emitting (replaced by MEMO_LINE in a run the memo answers). */
const READ_LINE = /^  read: \d+ parsed, /;

/** The unit a phase counts, for the display (any other phase shows plain numbers). */
const UNITS: Record<string, string> = { find: 'pages', read: 'pages', emit: 'operations', write: 'files' };

/**
 * Progress on stderr over every phase, whatever phases the run reports (find, read, reconcile,
 * emit, format, type-check, reports, write, ...): a bar for a phase that counts on a terminal,
 * a line per phase and per 10% otherwise; nothing with --quiet or for a run of few pages.
 */
export function progress(opts: Pick<GenerateOptions, 'quiet'>, stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr, minPages = 50): (phase: string, done: number, total: number) => void {
  const tty = Boolean(stream.isTTY);
  let phase: string | null = null;
  let shown = -1;
  let barOpen = false;
  let pages = -1;
  const closeBar = (): void => {
    if (barOpen) stream.write('\n');
    barOpen = false;
  };
  return (p, done, total) => {
    if (opts.quiet) return;
    if (p === 'read' && pages < 0) {
      pages = total;
      if (pages >= minPages) stream.write(`  find: ${pages} pages\n`);
    }
    if (pages < minPages) return;
    const unit = UNITS[p] ? ` ${UNITS[p]}` : '';
    if (p !== phase) {
      closeBar();
      phase = p;
      shown = -1;
      if (!tty || total === 0) stream.write(`  ${p}${total ? ` (${total}${unit})` : ''}…\n`);
    }
    if (total === 0) return;
    if (tty) {
      const pct = Math.floor((done / total) * 100);
      if (pct === shown && done !== total) return;
      shown = pct;
      const width = 30;
      const fill = Math.round((done / total) * width);
      stream.write(`\r  ${p} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${total}${unit}`);
      barOpen = true;
      if (done === total) closeBar();
    } else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth === shown || done === 0) return;
      shown = tenth;
      stream.write(`  ${p}: ${done}/${total}${unit}\n`);
    }
  };
}

/**
 * What the run left out: documents carrying a page-failed or page-skipped diagnostic, and
 * folders it could not read (their pages are missing). Loops and folders read by another path
 * lose nothing and are only mentioned.
 */
export function leftOutPages(r: GenerateResult): { file: string; code: string; message: string }[] {
  const out: { file: string; code: string; message: string }[] = [];
  for (const d of r.ir.documents) for (const x of d.diagnostics) if (x.code === 'page-failed' || x.code === 'page-skipped') out.push({ file: d.file, code: x.code, message: x.message });
  for (const s of r.skipped) if (s.lost) out.push({ file: `${s.file}/`, code: 'folder-skipped', message: s.reason });
  return out;
}

const NOT_READ = 'docs2types: not read: ';

/** Folders the walk did not enter, one line each on stderr (not with --quiet). */
function reportSkipped(r: GenerateResult, opts: GenerateOptions): void {
  if (opts.quiet) return;
  for (const s of r.skipped) if (!s.lost) console.error(`${NOT_READ}${s.file}/ (${s.reason})`);
}

/** The one-screen summary at the end of a run, the line with its time last (see lastLine). */
async function summary(r: GenerateResult, opts: GenerateOptions, ms: number, unchanged: boolean): Promise<string[]> {
  const { coverage } = await import('./emit/coverage-report.ts');
  const c = coverage(r.ir);
  const sev = { error: 0, warning: 0, info: 0 };
  for (const d of r.ir.documents) for (const x of d.diagnostics) sev[x.severity]++;
  const all = c.byProductAndLanguage.find((x) => x.key === 'all');
  const top = Object.entries(c.diagnostics)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const left = leftOutPages(r);
  const lines = [
    `docs2types: ${c.pages} pages → ${c.operations} operation${c.operations === 1 ? '' : 's'}, ${c.parameters} parameters, ${c.models} models`,
    `  pages with a request table that became their own operation: ${all?.ownOperation ?? 0}/${(all?.pagesWithRequestTable ?? 0) - (all?.commonParameters ?? 0)}${all?.share !== null && all?.share !== undefined ? ` (${all.share}%)` : ''}${all?.commonParameters ? `, common parameters: ${all.commonParameters}` : ''}`,
    `  diagnostics: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} info${top ? ` (${top})` : ''}; conflicts between pages: ${c.conflicts}`,
    ...(r.diagnostics.length ? [`  left out of the package: ${r.diagnostics.length} operation(s): ${r.diagnostics.slice(0, 2).map((d) => `${d.file}:${d.line}: ${d.message}`.slice(0, 200)).join('; ')}${r.diagnostics.length > 2 ? '; …' : ''}`] : []),
    `  read: ${r.stats.parsed} parsed, ${r.stats.pages - r.stats.parsed} from cache${r.stats.workers ? `, ${r.stats.workers} worker thread(s)` : ''}; reconcile, emit and diff reports: ${r.emit.hits} of ${r.emit.hits + r.emit.misses} steps from cache`,
    ...(left.length ? [`  left out: ${left.length} page${left.length === 1 ? '' : 's'} (${[...new Set(left.map((x) => x.file))].slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}): see ${opts.out}/reports/coverage.md`] : []),
    lastLine(opts, r.tree.size, ms, unchanged),
  ];
  return lines;
}

function lastLine(opts: GenerateOptions, files: number, ms: number, unchanged: boolean): string {
  return `  ${unchanged ? 'nothing to write: already up to date,' : 'wrote'} ${opts.out}/ (${files} files) in ${(ms / 1000).toFixed(1)} s — reports: ${opts.out}/reports/{coverage,conflicts}.md, ${opts.out}/reports/diff/`;
}

/** The summary's line about reading and emitting, in a run the run memo answered. */
const MEMO_LINE = '  nothing changed since the last run (pages, configuration, docs2types, the output folder): answered from the cache; nothing read, reconciled or emitted';

/** What the CLI's options ask of generate(). */
export async function generateFor(opts: Pick<GenerateOptions, 'docs' | 'out' | 'exclude' | 'cache' | 'threads' | 'packageName' | 'sourceBaseUrl' | 'quiet'>, onProgress = progress(opts)): Promise<GenerateResult> {
  const { generate: runGenerate } = await import('./generate.ts');
  return runGenerate(
    { docs: opts.docs, exclude: opts.exclude.map((re) => new RegExp(re)), skip: [outputPaths(opts.out).target] },
    { cache: opts.cache, threads: opts.threads, packageName: opts.packageName, sourceBaseUrl: opts.sourceBaseUrl, onProgress },
  );
}

/** Shell-quote one argument (only when it needs it). */
function quote(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The command that rewrites what `check` found stale, as the user would type it. */
export function refreshCommand(args: string[], env: NodeJS.ProcessEnv = process.env, script: string = process.argv[1] ?? 'docs2types'): string {
  const rest = args.filter((a) => a !== '--check').map(quote).join(' ');
  if (env.npm_lifecycle_event === 'check' || env.npm_lifecycle_event === 'generate') return `npm run generate${rest ? ` -- ${rest}` : ''}`;
  const bin = /(^|[\\/])docs2types$/.test(script) ? 'docs2types' : `node ${quote(relativeScript(script))}`;
  return `${bin} generate${rest ? ` ${rest}` : ''}`;
}

function relativeScript(script: string): string {
  const rel = relative(process.cwd(), script);
  return rel && !rel.startsWith('..') ? rel : script;
}

async function check(opts: GenerateOptions, args: string[]): Promise<number> {
  assertWritable(opts.out, { docs: opts.docs });
  if (needsRecovery(opts.out)) {
    const lock = OutputLock.acquire(opts.out);
    try {
      const rec = recoverOutput(opts.out);
      if (rec.restored && !opts.quiet) console.error(`docs2types: put back ${opts.out} from ${outputPaths(opts.out).recovery} (a run was killed while swapping it)`);
    } finally {
      lock.release();
    }
  }
  const r = await generateFor(opts);
  reportSkipped(r, opts);
  const s = compareTree(opts.out, r.tree);
  const left = leftOutPages(r);
  if (s.stale.length || s.missing.length || s.extra.length) {
    const lines = [`${opts.out} is stale: ${s.stale.length + s.missing.length + s.extra.length} file(s) differ from what the pages give.`];
    if (s.stale.length) lines.push(`  stale (content differs): ${s.stale.join(', ')}`);
    if (s.missing.length) lines.push(`  missing (would be written): ${s.missing.join(', ')}`);
    if (s.extra.length) lines.push(`  extra (written before, would be removed): ${s.extra.join(', ')}`);
    if (s.foreign.length) lines.push(`  not written by docs2types (kept, not checked): ${s.foreign.join(', ')}`);
    lines.push(`  refresh with: ${refreshCommand(args)}`);
    console.error(lines.join('\n'));
    return EXIT.stale;
  }
  if (!opts.quiet) console.log(`${opts.out} is up to date (${r.ir.documents.length} pages)${s.foreign.length ? `; not written by docs2types (kept, not checked): ${s.foreign.join(', ')}` : ''}`);
  if (left.length) {
    console.error(`docs2types: ${left.length} page(s) left out: ${left.map((x) => `${x.file} (${x.code}: ${x.message})`).join('; ')}`);
    return EXIT.leftOut;
  }
  return EXIT.ok;
}

async function generate(opts: GenerateOptions): Promise<number> {
  const t0 = performance.now();
  // Refuse before anything is written (the lock included) or read.
  assertWritable(opts.out, { docs: opts.docs });
  const lock = OutputLock.acquire(opts.out);
  try {
    const rec = recoverOutput(opts.out);
    if (rec.restored) {
      if (!opts.quiet) console.error(`docs2types: put back ${opts.out} from ${outputPaths(opts.out).recovery} (a run was killed while swapping it)`);
      assertWritable(opts.out, { docs: opts.docs });
    }
    // The run memo: nothing the run depends on changed and the folder holds what the last run left.
    const memo = new RunMemo(resolveCacheDir(opts.cache));
    const keyNow = (): string | null => runKey({ docs: opts.docs, exclude: opts.exclude.map((re) => new RegExp(re)), skip: [outputPaths(opts.out).target] }, opts, outputPaths(opts.out).target);
    const key = memo.enabled ? keyNow() : null;
    const hit = key === null ? null : memo.get(key);
    if (hit && outputSignature(opts.out) === hit.signature) {
      for (const l of hit.stderr) if (!opts.quiet || !l.startsWith(NOT_READ)) console.error(l);
      if (!opts.quiet) console.log([...hit.stdout.map((l) => (READ_LINE.test(l) ? MEMO_LINE : l)), lastLine(opts, hit.files, performance.now() - t0, true)].join('\n'));
      return hit.exit;
    }
    const stderr: string[] = [];
    const say = (l: string): void => {
      stderr.push(l);
      console.error(l);
    };
    const show = progress(opts);
    const r = await generateFor(opts, show);
    for (const s of r.skipped) {
      if (s.lost) continue;
      const l = `${NOT_READ}${s.file}/ (${s.reason})`;
      stderr.push(l);
      if (!opts.quiet) console.error(l);
    }
    const unchanged = treeIsCurrent(opts.out, r.tree);
    if (!unchanged) writeTreeAtomic(opts.out, r.tree, { lock, docs: opts.docs, onProgress: (done, total) => show('write', done, total) });
    const lines = await summary(r, opts, performance.now() - t0, unchanged);
    if (!opts.quiet) console.log(lines.join('\n'));
    const left = leftOutPages(r);
    let exit: number = EXIT.ok;
    if (left.length) {
      for (const x of left.slice(0, 20)) say(`${x.file}: ${x.code}: ${x.message}`);
      if (left.length > 20) say(`... and ${left.length - 20} more (see ${opts.out}/reports/coverage.md)`);
      exit = EXIT.leftOut;
    }
    // Stored only when the inputs are still those the key was taken of (a page edited during the run is not remembered).
    const signature = key === null ? null : outputSignature(opts.out);
    if (key !== null && signature !== null && keyNow() === key) memo.put(key, { signature, stdout: lines.slice(0, -1), stderr, exit, files: r.tree.size });
    return exit;
  } finally {
    lock.release();
  }
}

export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      // Bare `docs2types`: the help, and exit 2 so that a script that relied on the old default (generate) fails loudly.
      console.log(HELP);
      return EXIT.usage;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      console.log(`docs2types ${generatorVersion()}`);
      return EXIT.ok;
    }
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    if (command === '--help' || command === '-h' || command === 'help') {
      const sub = rest[0];
      if (sub === 'diff') return (await import('./diff/cli.ts')).runDiff(['--help']);
      console.log(sub === 'generate' ? GENERATE_HELP : sub === 'check' ? CHECK_HELP : HELP);
      return EXIT.ok;
    }
    if (command === 'diff') return (await import('./diff/cli.ts')).runDiff(rest);
    if (command !== 'generate' && command !== 'check') throw new UsageError(`unknown command ${command} (try: generate, check, diff, --help)`);
    if (wantsHelp) {
      console.log(command === 'generate' ? GENERATE_HELP : CHECK_HELP);
      return EXIT.ok;
    }
    const opts = parseGenerateArgs(rest, command === 'check');
    debug = opts.debug;
    return opts.check ? await check(opts, rest) : await generate(opts);
  } catch (e) {
    const err = e as Error;
    if (debug) console.error(err.stack);
    console.error(err instanceof InputError || err instanceof ManifestError ? (err instanceof OutputRefusedBase ? `docs2types: ${err.message}` : err.message) : `docs2types: ${err.message}`);
    return EXIT.usage;
  }
}

if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) process.exitCode = await main(process.argv.slice(2));
