/**
 * The whole chain in one place, stage by stage:
 *
 *   read (find pages, bytes → ReadDocument) → parse (→ DocumentIR) → reconcile (→ OperationModel)
 *   → emit (the package, the reports) → an OutputTree of what is to be written
 *
 * `generate()` returns what is to be written and never writes it: the CLI parses flags, shows
 * progress and does the file-system work around it (generator/io/). The engine (worker pool,
 * page cache, emit memo: generator/engine/) sits above the stages and is handed in through the
 * options; no stage imports it.
 */
import { existsSync } from 'node:fs';
import { IR_VERSION, type Diagnostic, type DocumentIR, type IR } from './model/ir.ts';
import { serializeIR } from './model/serialize.ts';
import { findDocuments, type FoundDocument, type SkippedPath } from './read/find.ts';
import { reconcile, type ReconcileMemo } from './reconcile/index.ts';
import { commonParameters } from './reconcile/common.ts';
import { groupByOperation } from './reconcile/pages.ts';
import { EMPTY_MANIFEST, loadManifest, type Manifest } from './reconcile/manifest.ts';
import { emit, type EmitMemoLike, type OutputTree } from './emit/index.ts';
import { conflictReports } from './emit/conflicts-report.ts';
import { coverageReports } from './emit/coverage-report.ts';
import { diffReportsForIR } from './diff/index.ts';
import { emptyReadStats, readDocumentsPooled, type ReadOptions, type ReadStats } from './engine/pool.ts';
import { EmitMemo, type MemoStats } from './engine/emit-memo.ts';
import { resolveCacheDir } from './engine/page-cache.ts';
import { errorLine, leftOutDocument } from './engine/page-file.ts';
import { InputError, fsError } from './errors.ts';
import { findInputs, generatorKey } from './inputs.ts';

export type { OutputTree };

/** The phases a run goes through, in order (progress displays name them). */
export type Phase = 'find' | 'read' | 'reconcile' | 'emit' | 'type-check' | 'format' | 'reports';

/** Progress of one phase: `done` of `total` units (pages, operations, files); total 0 when unknown. */
export type ProgressFn = (phase: Phase, done: number, total: number) => void;

export interface GenerateInputs {
  /** A folder of pages, or one page. */
  docs: string;
  /** Regular expressions; pages whose path matches one are left out. */
  exclude?: RegExp[];
  /**
   * Paths in the IR (and every source the package cites) are relative to this folder. Default:
   * the folder that holds the docs folder, so paths start with the docs folder's own name
   * (`docs/001_….txt`, `alibabacloud-docs/ecs/…`) and the same docs give the same package
   * wherever they and the working directory are (the diff tool names pages the same way).
   */
  base?: string;
  /** Folders not to read pages from (the CLI passes the output folder). */
  skip?: string[];
}

export interface GenerateOptions {
  /** Cache folder, false for none (default `.cache/docs2types`). */
  cache?: string | false;
  threads?: number;
  /** npm name of the generated package. */
  packageName?: string;
  /** Base URL of the pages: sources in the package's documentation become links (`<base><file>#L<line>`). */
  sourceBaseUrl?: string;
  onProgress?: ProgressFn;
}

export interface GenerateResult {
  tree: OutputTree;
  ir: IR;
  stats: ReadStats;
  /** Steps of reconcile, emit and the diff reports (per operation, per module) answered by the memo vs computed. */
  emit: MemoStats;
  /** Folders the walk did not enter (loops, unreadable, previous outputs); skipped pages are page-skipped documents in the IR. */
  skipped: SkippedPath[];
  /** Operations left out of the package (`emit-failed`: file and line of the first page). */
  diagnostics: Diagnostic[];
}

export function sortDocuments(docs: DocumentIR[]): DocumentIR[] {
  return docs.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Read pages to DocumentIR: cached by content hash (`opts.cache`, off with
 * DOCS2TYPES_NO_CACHE=1), parsed on worker threads when there are many. Sorted by file.
 */
export function readDocuments(found: FoundDocument[], opts: ReadOptions = {}): DocumentIR[] {
  return sortDocuments(readDocumentsPooled(found, opts));
}

/**
 * Reconcile: every document → the IR (documents sorted, one OperationModel per operation). With a
 * memo, each operation whose input did not change comes from it.
 */
export function buildIR(documents: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST, memo?: EmitMemoLike): IR {
  const sorted = sortDocuments(documents);
  return { irVersion: IR_VERSION, documents: sorted, operations: reconcileIsolated(sorted, manifest, memo), commonParameters: commonParametersIsolated(sorted, manifest) };
}

/** The memo as the reconcile stage uses it: every input carries the generator's code version (the reconciler's code and all it calls). */
function reconcileMemo(memo: EmitMemoLike): ReconcileMemo {
  const version = generatorKey();
  return { get: (step, input, valid) => memo.get(step, `${version}\0${input}`, valid), put: (step, input, output) => memo.put(step, `${version}\0${input}`, output) };
}

/** commonParameters(), a failure isolated: none are kept, and each common-parameters page says why. */
function commonParametersIsolated(sorted: DocumentIR[], manifest: Manifest): IR['commonParameters'] {
  try {
    return commonParameters(sorted, manifest);
  } catch (e) {
    const message = `reconciling the common parameters failed, so they are left out: ${errorLine(e)}`;
    for (const d of sorted) if (d.identity.kind === 'common-parameters') d.diagnostics.push({ file: d.file, line: 1, severity: 'error', code: 'page-failed', message });
    return [];
  }
}

/** DOCS2TYPES_FAULT=reconcile-throw:SUFFIX: reconciling the operation of a page whose path ends with SUFFIX throws (tests). */
function faultReconcile(docs: DocumentIR[]): void {
  const m = /^reconcile-throw:(.+)$/.exec(process.env.DOCS2TYPES_FAULT ?? '');
  const hit = m ? docs.find((d) => d.operation && d.file.endsWith(m[1]!)) : undefined;
  if (hit) throw new Error(`DOCS2TYPES_FAULT: reconciling ${hit.operation} (${hit.file}) throws`);
}

/**
 * reconcile(), one operation's failure isolated: when the whole call throws, each operation
 * (one group of pages, reconciled with every page that names no operation) is reconciled on its
 * own; a group that throws is left out and each of its pages gets a page-failed diagnostic. Every
 * other operation comes out exactly as from the whole call: an operation depends only on its
 * own pages and the pages that name none.
 */
export function reconcileIsolated(sorted: DocumentIR[], manifest: Manifest, memo?: EmitMemoLike): ReturnType<typeof reconcile> {
  try {
    faultReconcile(sorted);
    return reconcile(sorted, manifest, memo ? reconcileMemo(memo) : undefined);
  } catch {
    /* isolate below */
  }
  const shared = sorted.filter((d) => !d.operation);
  const out: ReturnType<typeof reconcile> = [];
  for (const group of groupByOperation(sorted).values()) {
    const docs = sortDocuments([...group, ...shared]);
    try {
      faultReconcile(group);
      out.push(...reconcile(docs, manifest));
    } catch (e) {
      const message = `reconciling ${group[0]!.operation} failed, so the operation is left out: ${errorLine(e)}`;
      for (const d of group) d.diagnostics.push({ file: d.file, line: 1, severity: 'error', code: 'page-failed', message });
    }
  }
  return out;
}

/**
 * Emit: the IR → every file to write, sorted by path: the package, and under `reports/` what is
 * not part of the package (`reports/ir.json`, the coverage, conflict and diff reports); and a
 * diagnostic for every operation left out of the package.
 */
export async function buildTreeWithDiagnostics(
  ir: IR,
  manifest: Manifest,
  opts: { packageName?: string; sourceBaseUrl?: string; memo?: EmitMemoLike; onProgress?: ProgressFn } = {},
): Promise<{ tree: OutputTree; diagnostics: Diagnostic[] }> {
  const tree: OutputTree = new Map();
  opts.onProgress?.('emit', 0, ir.operations.length);
  const emitted = await emit(ir, {
    ...(opts.packageName ? { name: opts.packageName } : {}),
    ...(opts.sourceBaseUrl ? { sourceBaseUrl: opts.sourceBaseUrl } : {}),
    ...(opts.memo ? { memo: opts.memo } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  for (const [k, v] of emitted.tree) tree.set(k, v);
  opts.onProgress?.('emit', ir.operations.length, ir.operations.length);
  opts.onProgress?.('reports', 0, 0);
  tree.set('reports/ir.json', serializeIR(ir));
  for (const [k, v] of conflictReports(ir)) tree.set(k, v);
  for (const [k, v] of coverageReports(ir)) tree.set(k, v);
  for (const [k, v] of diffReportsForIR(ir, manifest, opts.memo)) tree.set(k, v);
  return { tree: new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), diagnostics: emitted.diagnostics };
}

/** `buildTreeWithDiagnostics` without the diagnostics. */
export async function buildTree(ir: IR, manifest: Manifest, opts: { packageName?: string; sourceBaseUrl?: string; memo?: EmitMemoLike; onProgress?: ProgressFn } = {}): Promise<OutputTree> {
  return (await buildTreeWithDiagnostics(ir, manifest, opts)).tree;
}

/** The whole chain: pages in, what is to be written out. Writes nothing. */
export async function generate(inputs: GenerateInputs, options: GenerateOptions = {}): Promise<GenerateResult> {
  const docsDir = inputs.docs;
  if (!existsSync(docsDir)) throw new InputError(`${docsDir}: docs folder not found`);
  if (options.sourceBaseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(options.sourceBaseUrl)) throw new InputError(`sourceBaseUrl ${JSON.stringify(options.sourceBaseUrl)}: an http(s) URL is needed`);
  options.onProgress?.('find', 0, 0);
  const { found, skipped, manifestPath } = findInputs(inputs);
  const skippedPages = skipped.filter((s) => s.page);
  const manifest = loadManifest(manifestPath);
  const stats = emptyReadStats();
  let documents: DocumentIR[];
  try {
    documents = readDocuments(found, { cache: options.cache, threads: options.threads, stats, onProgress: (done, total) => options.onProgress?.('read', done, total) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    const path = (err as { path?: string }).path;
    throw fsError(e, found.find((f) => f.abs === path)?.file ?? path ?? docsDir, 'read');
  }
  for (const s of skippedPages) documents.push(leftOutDocument(s.file, 'page-skipped', `not read: ${s.reason}`));
  options.onProgress?.('reconcile', 0, 0);
  const memo = new EmitMemo(resolveCacheDir(options.cache));
  const ir = buildIR(documents, manifest, memo);
  const { tree, diagnostics } = await buildTreeWithDiagnostics(ir, manifest, { packageName: options.packageName, sourceBaseUrl: options.sourceBaseUrl, memo, onProgress: options.onProgress });
  return { tree, ir, stats, emit: memo.stats, skipped: skipped.filter((s) => !s.page), diagnostics };
}

export { findDocuments };
