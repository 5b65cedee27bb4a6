#!/usr/bin/env node
/**
 * `npm run diff -- OLD NEW` / `npm run diff -- --timeline DIR`: what changed between two
 * versions of the docs, and does it break callers. OLD and NEW are pages, folders of pages,
 * or IR files (generated/reports/ir.json). Bad usage: one line, exit 2, no stack trace.
 * Later the `docs2types diff` subcommand: `runDiff(argv)` is all it needs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManifestError } from '../reconcile/manifest.ts';
import { DiffUsageError, loadSide } from './load.ts';
import { render, type Format } from './render.ts';
import { diffSides, timeline, type DiffReport } from './report.ts';
import { levelRank, rulesMarkdown, type Level } from './rules.ts';

export const DIFF_HELP = `docs2types diff OLD NEW [--format md|html|json] [--out FILE] [--fail-on LEVEL]
docs2types diff --timeline DIR [--format md|html|json] [--out FILE] [--fail-on LEVEL]
docs2types diff --rules

  OLD, NEW          a page (.md/.txt), a folder of pages, or an IR file (generated/reports/ir.json)
  --timeline DIR    order the versions of each operation in DIR by date ("Last Updated", else a
                    date in the file name, else DIR/manifest.json5) and diff each step, per language
  --format F        md (default), html (one self-contained page) or json
  --out FILE        write the report to FILE instead of stdout
  --fail-on LEVEL   breaking | warning | info: exit 1 when a change at LEVEL or above exists
  --rules           print the rule table (markdown)

exit codes: 0 ok, 1 --fail-on found a change, 2 bad usage or input`;

interface DiffArgs {
  paths: string[];
  timeline: string | null;
  format: Format;
  out: string | null;
  failOn: Level | null;
  rules: boolean;
  help: boolean;
}

function parse(argv: string[]): DiffArgs {
  const a: DiffArgs = { paths: [], timeline: null, format: 'md', out: null, failOn: null, rules: false, help: false };
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
      if (f !== 'md' && f !== 'html' && f !== 'json') throw new DiffUsageError(`--format must be md, html or json (got ${f})`);
      a.format = f;
    } else if (arg === '--out') a.out = value();
    else if (arg === '--fail-on') {
      const l = value();
      if (l !== 'breaking' && l !== 'warning' && l !== 'info') throw new DiffUsageError(`--fail-on must be breaking, warning or info (got ${l})`);
      a.failOn = l;
    } else if (arg === '--timeline') a.timeline = value();
    else if (arg === '--rules') a.rules = true;
    else if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new DiffUsageError(`unknown option ${arg} (see --help)`);
    else a.paths.push(arg);
  }
  if (a.help || a.rules) return a;
  if (a.timeline !== null && a.paths.length > 0) throw new DiffUsageError('--timeline takes one folder and no OLD NEW (see --help)');
  if (a.timeline === null && a.paths.length !== 2) throw new DiffUsageError(`expected OLD and NEW (got ${a.paths.length} path${a.paths.length === 1 ? '' : 's'}; see --help)`);
  return a;
}

/** Exit 1 when `--fail-on` finds a change at that level or above. */
export function failsOn(report: DiffReport, level: Level | null): boolean {
  if (!level) return false;
  const c = report.counts;
  return (['breaking', 'warning', 'info'] as Level[]).some((l) => levelRank(l) <= levelRank(level) && c[l] > 0);
}

export function buildReport(args: { paths: string[]; timeline: string | null }): DiffReport {
  if (args.timeline !== null) {
    const side = loadSide(args.timeline);
    if (!side.dir) throw new DiffUsageError(`--timeline needs a folder of pages (got ${args.timeline})`);
    const label = `${side.docs[0]?.file.split('/')[0] ?? args.timeline}/`;
    return timeline({ label, docs: side.docs, manifest: side.manifest }).report;
  }
  const [oldPath, newPath] = args.paths as [string, string];
  return diffSides(loadSide(oldPath), loadSide(newPath));
}

export function runDiff(argv: string[]): number {
  try {
    const args = parse(argv);
    if (args.help) {
      console.log(DIFF_HELP);
      return 0;
    }
    if (args.rules) {
      process.stdout.write(rulesMarkdown());
      return 0;
    }
    const report = buildReport(args);
    const text = render(report, args.format);
    if (args.out) {
      mkdirSync(dirname(resolve(args.out)), { recursive: true });
      writeFileSync(args.out, text);
    } else process.stdout.write(text);
    return failsOn(report, args.failOn) ? 1 : 0;
  } catch (e) {
    const err = e as Error;
    if (process.env.DOCS2TYPES_DEBUG) console.error(err.stack);
    console.error(err instanceof DiffUsageError || err instanceof ManifestError ? `docs2types diff: ${err.message}` : `docs2types diff: ${err.message.split('\n')[0]}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = runDiff(process.argv.slice(2));
