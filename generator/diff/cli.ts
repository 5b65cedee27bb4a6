#!/usr/bin/env node
/**
 * `docs2types diff OLD NEW` / `docs2types diff --timeline PATH`: what changed between two
 * versions of the docs, and does it break callers. OLD and NEW are pages, folders of pages,
 * IR files (generated/reports/ir.json) or git revisions with a path (`origin/main:docs`).
 * Bad usage, and a diff that would compare nothing: one line, exit 2, no stack trace.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, parseJson5 } from '../errors.ts';
import { renderGithub, renderJunit, renderSummary, failing } from './ci.ts';
import { DiffUsageError, loadHistory, loadSide, loadSides, type LoadOptions } from './load.ts';
import { applyPolicy, EMPTY_POLICY, parsePolicy, type DiffPolicy } from './policy.ts';
import { render } from './render.ts';
import { diffSides, NothingToCompareError, timeline, type DiffReport } from './report.ts';
import { rulesMarkdown, type Level } from './rules.ts';

export const FORMATS = ['md', 'html', 'json', 'github', 'junit', 'summary'] as const;
export type CliFormat = (typeof FORMATS)[number];

export const DIFF_HELP = `docs2types diff OLD NEW [--format F] [--out FILE] [--fail-on LEVEL] [--match REGEX] [--config FILE]
docs2types diff --timeline PATH [--git] [same options]
docs2types diff --rules

  OLD, NEW          a page (.md/.txt), a folder of pages, an IR file (generated/reports/ir.json),
                    or a git revision and a path in it: origin/main:docs, HEAD~3:docs/ecs
                    (read with git, nothing checked out; the path is from the repository's top)
  --timeline PATH   order the versions of each operation under PATH by date ("Last Updated", else a
                    date in the file name, else PATH/manifest.json5) and diff each step, per language
  --git             with --timeline: PATH is a page or folder in git; walk each page's history
                    (renames followed), dated by commit unless the page states a date (REV:PATH: up to REV)
  --repo DIR        the git repository (default: the one holding the working directory)
  --format F        md (default), html (one self-contained page), json, github (GitHub Actions
                    annotations), junit (JUnit XML), summary (short markdown for a PR comment)
  --out FILE        write the report to FILE instead of stdout
  --fail-on LEVEL   breaking | warning | info: exit 1 when a change at LEVEL or above exists
                    (changes the config's ignore list accepts never count)
  --match REGEX     only operations whose name or id (CS/2015-12-15/CreateCluster) matches
  --config FILE     JSON5 config (default: docs2types.config.json5 when present); its "diff" key
                    sets rule levels and an ignore list (see the README)
  --cache DIR       cache of parsed pages (default: .cache/docs2types); --no-cache to skip it
  --threads N       threads that parse pages
  --rules           print the rule table (markdown)

exit codes: 0 ok, 1 --fail-on found a change, 2 bad usage or input, or nothing to compare
(no operation on a side, or the two sides are different operations)`;

interface DiffArgs {
  paths: string[];
  timeline: string | null;
  git: boolean;
  repo: string | null;
  format: CliFormat;
  out: string | null;
  failOn: Level | null;
  match: RegExp | null;
  config: string | null;
  cache: string | false | undefined;
  threads: number | undefined;
  rules: boolean;
  help: boolean;
}

function parse(argv: string[]): DiffArgs {
  const a: DiffArgs = { paths: [], timeline: null, git: false, repo: null, format: 'md', out: null, failOn: null, match: null, config: null, cache: undefined, threads: undefined, rules: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new DiffUsageError(`${arg} needs a value`);
      return v;
    };
    const eq = /^(--[\w-]+)=(.*)$/.exec(arg);
    if (eq) {
      argv = [...argv.slice(0, i), eq[1]!, eq[2]!, ...argv.slice(i + 1)];
      i--;
      continue;
    }
    if (arg === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new DiffUsageError(`--format must be ${FORMATS.join(', ')} (got ${f})`);
      a.format = f as CliFormat;
    } else if (arg === '--out') a.out = value();
    else if (arg === '--fail-on') {
      const l = value();
      if (l !== 'breaking' && l !== 'warning' && l !== 'info') throw new DiffUsageError(`--fail-on must be breaking, warning or info (got ${l})`);
      a.failOn = l;
    } else if (arg === '--timeline') a.timeline = value();
    else if (arg === '--git') a.git = true;
    else if (arg === '--repo') a.repo = value();
    else if (arg === '--match') {
      const re = value();
      try {
        a.match = new RegExp(re);
      } catch {
        throw new DiffUsageError(`--match ${re}: not a regular expression`);
      }
    } else if (arg === '--config') a.config = value();
    else if (arg === '--cache') a.cache = value();
    else if (arg === '--no-cache') a.cache = false;
    else if (arg === '--threads') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new DiffUsageError('--threads needs a whole number ≥ 1');
      a.threads = n;
    } else if (arg === '--rules') a.rules = true;
    else if (arg === '--debug') continue; // read by runDiff
    else if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new DiffUsageError(`unknown option ${arg} (see --help)`);
    else a.paths.push(arg);
  }
  if (a.help || a.rules) return a;
  if (a.timeline !== null && a.paths.length > 0) throw new DiffUsageError('--timeline takes one folder and no OLD NEW (see --help)');
  if (a.timeline === null && a.paths.length !== 2) throw new DiffUsageError(`expected OLD and NEW (got ${a.paths.length} path${a.paths.length === 1 ? '' : 's'}; see --help)`);
  if (a.git && a.timeline === null) throw new DiffUsageError('--git goes with --timeline (for OLD NEW, name git revisions as REV:path)');
  return a;
}

/** The `diff` key of the config: `--config FILE`, else docs2types.config.json5 in the working directory when present. */
export function loadPolicy(configPath: string | null): DiffPolicy {
  const file = configPath ?? (existsSync('docs2types.config.json5') ? 'docs2types.config.json5' : null);
  if (!file) return EMPTY_POLICY;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const raw = parseJson5(text, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`${file}:1: the config must be an object`);
  const diff = (raw as Record<string, unknown>).diff;
  return diff === undefined ? EMPTY_POLICY : parsePolicy(diff, file);
}

/** Exit 1 when `--fail-on` finds a change at that level or above (ignored changes never count). */
export function failsOn(report: DiffReport, level: Level | null): boolean {
  if (!level) return false;
  return report.sections.some((s) => s.steps.some((d) => d.changes.some((c) => failing(c, level))));
}

export function buildReport(args: { paths: string[]; timeline: string | null; git?: boolean; match?: RegExp | null }, opts: LoadOptions = {}): DiffReport {
  if (args.timeline !== null) {
    let report: DiffReport;
    if (args.git) {
      const side = loadHistory(args.timeline, opts);
      report = timeline({ label: side.label, docs: side.docs, manifest: side.manifest, dates: side.dates, match: args.match ?? null }).report;
    } else {
      const side = loadSide(args.timeline, args.timeline, opts);
      if (!side.dir) throw new DiffUsageError(`--timeline needs a folder of pages (got ${args.timeline}; for one page in git, add --git)`);
      const label = `${side.docs[0]?.file.split('/')[0] ?? args.timeline}/`;
      report = timeline({ label, docs: side.docs, manifest: side.manifest, match: args.match ?? null }).report;
    }
    if (report.sections.length === 0) throw new NothingToCompareError(`${args.timeline}: no operation found (no page with a request table and an operation name): nothing to compare`);
    if (report.sections.every((s) => s.steps.length === 0)) throw new NothingToCompareError(`${args.timeline}: one version of each operation only: nothing to compare`);
    return report;
  }
  const [oldPath, newPath] = args.paths as [string, string];
  const sides = loadSides(oldPath, newPath, opts);
  if (sides.absent) process.stderr.write(`docs2types diff: ${sides.absent}: compared as an empty side\n`);
  return diffSides(sides.old, sides.new, { match: args.match ?? null });
}

export function renderFor(report: DiffReport, format: CliFormat, failOn: Level | null): string {
  if (format === 'github') return renderGithub(report);
  if (format === 'junit') return renderJunit(report, failOn);
  if (format === 'summary') return renderSummary(report, failOn);
  return render(report, format);
}

let stdoutGuarded = false;

/**
 * A reader that stops early (`diff … | head`) closes the pipe: the rest of the report has nowhere
 * to go, which is not an error. The run ends quietly with its own exit code.
 */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`docs2types diff: cannot write the report (${e.code ?? e.message})\n`);
    process.exitCode = 2;
  });
}

export function runDiff(argv: string[]): number {
  try {
    const args = parse(argv);
    if (args.help) {
      console.log(DIFF_HELP);
      return 0;
    }
    if (args.rules) {
      guardStdout();
      process.stdout.write(rulesMarkdown());
      return 0;
    }
    const policy = loadPolicy(args.config);
    const opts: LoadOptions = { cache: args.cache, threads: args.threads, ...(args.repo ? { repo: args.repo } : {}) };
    let report = buildReport(args, opts);
    if (policy.source) report = applyPolicy(report, policy);
    const text = renderFor(report, args.format, args.failOn);
    if (args.out) {
      mkdirSync(dirname(resolve(args.out)), { recursive: true });
      writeFileSync(args.out, text);
    } else {
      guardStdout();
      process.stdout.write(text);
    }
    return failsOn(report, args.failOn) ? 1 : 0;
  } catch (e) {
    const err = e as Error;
    if (process.env.DOCS2TYPES_DEBUG || argv.includes('--debug')) console.error(err.stack);
    console.error(err instanceof InputError ? `docs2types diff: ${err.message}` : `docs2types diff: ${err.message.split('\n')[0]}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = runDiff(process.argv.slice(2));
