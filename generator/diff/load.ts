/**
 * Inputs of `docs2types diff`: a page, a folder of pages, an IR file (generated/reports/ir.json),
 * or a git revision with a path (`origin/main:docs`, `HEAD~3:docs/ecs`, read with git itself:
 * ./git.ts), read into a Side. Paths inside reports are relative to the parent of the folder
 * given (or of the page's folder), so `docs/001_….txt` and `history/CreateCluster….md` read the
 * same wherever the command runs; pages from git are named by their path in the repository.
 * Pages go through the engine's reader and page cache either way.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DocumentIR, IR, OperationModel } from '../model/ir.ts';
import { findDocuments } from '../read/find.ts';
import { loadManifest, parseManifest, reconcile, type Manifest } from '../reconcile/index.ts';
import { EMPTY_MANIFEST } from '../reconcile/manifest.ts';
import { readDocumentsFromBytes, readDocumentsPooled } from '../engine/pool.ts';
import { catFiles, GitPathAbsentError, gitTopLevel, pageHistory, parseGitSpec, readGitTree, resolveCommit, versionLabel } from './git.ts';
import { InputError } from '../errors.ts';
import type { PageSummary } from './compare.ts';

export class DiffUsageError extends InputError {}

export interface Side {
  /** As given on the command line, or a short name. */
  label: string;
  docs: DocumentIR[];
  manifest: Manifest;
  /** A git revision that holds nothing at the path the other side names: empty on purpose (loadSides). */
  absent?: boolean;
  /** Reconciled operations, when the input was an IR file (else reconciled from `docs`). */
  operations: OperationModel[] | null;
  /** The folder the side was read from (for the timeline), or null. */
  dir: string | null;
  /** Dates of pages that state none (a git history: the commit date), by file. */
  dates?: Map<string, string>;
}

export interface LoadOptions {
  /** The page cache: a folder, `false` for none, undefined for the default (`.cache/docs2types`, off with DOCS2TYPES_NO_CACHE=1). */
  cache?: string | false;
  threads?: number;
  /** The git repository that revisions name (default: the one holding the working directory). */
  repo?: string;
}

function readPages(root: string, base: string, opts: LoadOptions): DocumentIR[] {
  return readDocumentsPooled(findDocuments(root, base), { cache: opts.cache, threads: opts.threads });
}

function isIR(v: unknown): v is IR {
  const o = v as Partial<IR> | null;
  return typeof o === 'object' && o !== null && typeof o.irVersion === 'number' && Array.isArray(o.documents) && Array.isArray(o.operations);
}

function repoOf(opts: LoadOptions): string {
  return gitTopLevel(resolve(opts.repo ?? '.'));
}

/** A side from a git revision and a path in it (`REV:path`). */
function loadGitSide(rev: string, path: string, label: string, opts: LoadOptions): Side {
  const tree = readGitTree(repoOf(opts), rev, path);
  if (!tree.isFile && tree.pages.length === 0) throw new DiffUsageError(`no .md or .txt pages under ${label}`);
  const docs = readDocumentsFromBytes(tree.pages, { cache: opts.cache, threads: opts.threads });
  const manifest = tree.manifest ? parseManifest(tree.manifest.text, tree.manifest.file) : EMPTY_MANIFEST;
  return { label, docs, manifest, operations: null, dir: null };
}

/**
 * The two sides of a pair diff. A git side whose revision exists but holds nothing at the path
 * (a pull request that adds the docs folder, or one that removes it) is an empty side, so every
 * operation of the other side is added (or removed) — only when both sides name the same path in
 * two revisions (`origin/main:docs HEAD:docs`), so that a mistyped path is still a usage error, as
 * are both sides absent and a revision that does not exist.
 */
export function loadSides(oldPath: string, newPath: string, opts: LoadOptions = {}): { old: Side; new: Side; absent: string | null } {
  const tryLoad = (p: string): Side | GitPathAbsentError => {
    try {
      return loadSide(p, p, opts);
    } catch (e) {
      if (e instanceof GitPathAbsentError) return e;
      throw e;
    }
  };
  const a = tryLoad(oldPath);
  const b = tryLoad(newPath);
  const specA = existsSync(oldPath) ? null : parseGitSpec(oldPath);
  const specB = existsSync(newPath) ? null : parseGitSpec(newPath);
  const samePath = specA !== null && specB !== null && specA.path.replace(/\/+$/, '') === specB.path.replace(/\/+$/, '');
  if (a instanceof GitPathAbsentError && (b instanceof GitPathAbsentError || !samePath)) throw a;
  if (b instanceof GitPathAbsentError && !samePath) throw b;
  const empty = (label: string): Side => ({ label, docs: [], manifest: EMPTY_MANIFEST, operations: null, dir: null, absent: true });
  if (a instanceof GitPathAbsentError) return { old: empty(oldPath), new: b as Side, absent: a.message };
  if (b instanceof GitPathAbsentError) return { old: a, new: empty(newPath), absent: b.message };
  return { old: a, new: b, absent: null };
}

export function loadSide(path: string, label: string = path, opts: LoadOptions = {}): Side {
  if (!existsSync(path)) {
    const spec = parseGitSpec(path);
    if (spec) return loadGitSide(spec.rev, spec.path, label, opts);
    throw new DiffUsageError(`not found: ${path} (not a file or folder, nor a git REV:path)`);
  }
  const abs = resolve(path);
  const st = statSync(abs);
  if (st.isFile() && /\.json$/i.test(abs)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(abs, 'utf8'));
    } catch (e) {
      throw new DiffUsageError(`${path}: not valid JSON (${(e as Error).message})`);
    }
    if (!isIR(raw)) throw new DiffUsageError(`${path}: not an IR file (expected irVersion, documents, operations)`);
    return { label, docs: raw.documents, manifest: loadManifest(join(dirname(abs), 'manifest.json5')), operations: raw.operations, dir: null };
  }
  if (st.isFile()) {
    if (!/\.(md|txt)$/i.test(abs)) throw new DiffUsageError(`${path}: expected a .md or .txt page, a folder, or an IR .json file`);
    const dir = dirname(abs);
    return { label, docs: readPages(abs, dirname(dir), opts), manifest: loadManifest(join(dir, 'manifest.json5')), operations: null, dir: null };
  }
  const docs = readPages(abs, dirname(abs), opts);
  if (docs.length === 0) throw new DiffUsageError(`no .md or .txt pages under ${path}`);
  return { label, docs, manifest: loadManifest(join(abs, 'manifest.json5')), operations: null, dir: abs };
}

/**
 * `--timeline PATH --git`: every version of the page at PATH (or of each page under the folder
 * PATH) in the history up to `rev`, renames followed. Each version is named `path@commit` and
 * dated by its commit unless the page states its own date.
 */
export function loadHistory(spec: string, opts: LoadOptions = {}): Side & { dates: Map<string, string> } {
  const parsed = parseGitSpec(spec) ?? { rev: 'HEAD', path: spec };
  const repo = repoOf(opts);
  const { rev, path } = parsed;
  const tree = readGitTree(repo, rev, path);
  const commit = resolveCommit(repo, rev);
  const versions = tree.pages.flatMap((p) => pageHistory(repo, commit, p.file));
  const blobs = catFiles(
    repo,
    versions.map((v) => v.object),
  );
  const pages = versions.map((v) => ({ file: versionLabel(v), bytes: blobs.get(v.object)! }));
  const docs = readDocumentsFromBytes(pages, { cache: opts.cache, threads: opts.threads });
  const dates = new Map(versions.map((v) => [versionLabel(v), v.date]));
  const manifest = tree.manifest ? parseManifest(tree.manifest.text, tree.manifest.file) : EMPTY_MANIFEST;
  if (docs.length === 0) throw new DiffUsageError(`no .md or .txt pages at ${rev}:${path}`);
  return { label: `${rev}:${path}`, docs, manifest, operations: null, dir: null, dates };
}

/** A date in a file name: `CreateCluster.zh-CN.4f1729203.2020-12-03.md`, `page_2021-06-03.txt`. */
export function dateFromFileName(file: string): string | null {
  const m = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?=[^\d]|$)/.exec(basename(file));
  return m ? m[1]! : null;
}

/**
 * A page's date: its "Last Updated" line, else the date of its commit (a git history), else a
 * date in its file name, else the folder's manifest.
 */
export function pageDate(doc: DocumentIR, manifest: Manifest, dates?: Map<string, string>): Pick<PageSummary, 'date' | 'dateFrom'> {
  if (doc.lastUpdated) return { date: doc.lastUpdated, dateFrom: 'page' };
  const commit = dates?.get(doc.file);
  if (commit) return { date: commit, dateFrom: 'commit' };
  const fromName = dateFromFileName(doc.file);
  if (fromName) return { date: fromName, dateFrom: 'file name' };
  const entry = manifest.pages[basename(doc.file)];
  if (entry?.date) return { date: entry.date, dateFrom: 'manifest' };
  return { date: null, dateFrom: null };
}

export function operationsOf(side: Side, docs: DocumentIR[]): OperationModel[] {
  return side.operations ?? reconcile(docs, side.manifest);
}
