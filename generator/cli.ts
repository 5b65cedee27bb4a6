#!/usr/bin/env node
/**
 * docs2types command line. `generate` reads a docs folder and writes the generated package.
 * Bad usage and bad input: one line saying what and where, exit code 2, no stack trace
 * (`--debug` prints it).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadManifest, ManifestError } from './reconcile/manifest.ts';
import { InputError, fsError } from './errors.ts';
import { performance } from 'node:perf_hooks';
import { buildIR, findDocuments, readDocuments } from './pipeline.ts';
import { serializeIR } from './model/serialize.ts';
import { conflictReports } from './emit/conflicts-report.ts';
import { coverageReports } from './emit/coverage-report.ts';
import { diffReportsForIR } from './diff/index.ts';
import { staleFiles, writeTreeAtomic, type OutputTree } from './emit/output.ts';
import { emitPackage } from './emit/index.ts';

export class UsageError extends InputError {}

interface GenerateOptions {
  docs: string;
  out: string;
  check: boolean;
  quiet: boolean;
  debug: boolean;
}

const HELP = `docs2types generate [--docs DIR] [--out DIR] [--check] [--quiet] [--debug]

  --docs DIR   folder (or file) of API reference pages, .md or .txt (default: docs)
  --out DIR    where the generated package goes (default: generated)
  --check      write nothing; exit 1 and list the files when --out is stale
  --quiet      print nothing but errors
  --debug      print stack traces

exit codes: 0 ok, 1 --check found stale files, 2 bad usage or input`;

function parseArgs(argv: string[]): { command: string; opts: GenerateOptions } {
  const opts: GenerateOptions = { docs: 'docs', out: 'generated', check: false, quiet: false, debug: false };
  const [command = 'generate', ...rest] = argv;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--docs') opts.docs = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--check') opts.check = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--debug') opts.debug = true;
    else if (a === '--help' || a === '-h') throw new UsageError(HELP);
    else throw new UsageError(`unknown option ${a} (see --help)`);
  }
  return { command, opts };
}

export async function generateTree(docsDir: string): Promise<{ tree: OutputTree; pages: number; diagnostics: number }> {
  if (!existsSync(docsDir)) throw new InputError(`${docsDir}: docs folder not found`);
  const found = findDocuments(docsDir);
  if (found.length === 0 && statSync(docsDir).isDirectory()) throw new UsageError(`no .md or .txt pages under ${docsDir}`);
  const manifestPath = statSync(docsDir).isDirectory() ? join(docsDir, 'manifest.json5') : join(dirname(docsDir), 'manifest.json5');
  const manifest = loadManifest(manifestPath);
  let documents;
  try {
    documents = readDocuments(found);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    const path = (err as { path?: string }).path;
    throw fsError(e, found.find((f) => f.abs === path)?.file ?? path ?? docsDir, 'read');
  }
  const ir = buildIR(documents, manifest);
  const tree: OutputTree = new Map();
  tree.set('ir.json', serializeIR(ir));
  for (const [k, v] of await emitPackage(ir)) tree.set(k, v);
  for (const [k, v] of conflictReports(ir)) tree.set(k, v);
  for (const [k, v] of coverageReports(ir)) tree.set(k, v);
  for (const [k, v] of diffReportsForIR(ir, manifest)) tree.set(k, v);
  return { tree, pages: documents.length, diagnostics: documents.reduce((n, d) => n + d.diagnostics.length, 0) };
}

async function generate(opts: GenerateOptions): Promise<number> {
  const t0 = performance.now();
  const { tree, pages, diagnostics } = await generateTree(opts.docs);
  if (opts.check) {
    const stale = staleFiles(opts.out, tree);
    if (stale.length) {
      console.error(`${opts.out} is stale; run npm run generate. Files: ${stale.join(', ')}`);
      return 1;
    }
    if (!opts.quiet) console.log(`${opts.out} is up to date (${pages} pages)`);
    return 0;
  }
  writeTreeAtomic(opts.out, tree);
  if (!opts.quiet) console.log(`${pages} pages, ${diagnostics} diagnostics → ${opts.out}/ (${tree.size} files) in ${Math.round(performance.now() - t0)} ms`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { command, opts } = parseArgs(argv);
    debug = opts.debug;
    if (command === 'generate') return await generate(opts);
    if (command === '--help' || command === 'help') {
      console.log(HELP);
      return 0;
    }
    throw new UsageError(`unknown command ${command} (try: generate)`);
  } catch (e) {
    const err = e as Error;
    if (debug) console.error(err.stack);
    console.error(err instanceof InputError || err instanceof ManifestError ? err.message : `docs2types: ${err.message}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
