/**
 * Pages read from a git repository with git itself (plumbing only: `rev-parse`, `ls-tree`,
 * `cat-file --batch`, `log --follow --raw`): no checkout, nothing written to the repository, its
 * index or its working tree. Every call runs `git` without a shell, with the arguments as an
 * array, and `--literal-pathspecs`, so no path from the command line can be read as an option or
 * a pattern.
 *
 * Paths are relative to the repository's top level, as in git's own `REV:path`.
 */
import { spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import { InputError } from '../errors.ts';

export class GitInputError extends InputError {}
/** The revision exists but holds nothing at the path (a docs folder a later commit adds, or one it removed). */
export class GitPathAbsentError extends GitInputError {}

/** Names that describe a docs folder, never pages (as the reader's own folder walk skips them). */
const NOT_PAGES = new Set(['readme.md', 'sources.md', 'changelog.md', 'license.md']);

/** A page path the folder walk would read: `.md`/`.txt`, not a README-like file, nothing under a dot-folder or node_modules. */
export function isPagePath(rel: string): boolean {
  const parts = rel.split('/');
  const name = parts[parts.length - 1]!;
  if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) return false;
  return /\.(md|txt)$/i.test(name) && !NOT_PAGES.has(name.toLowerCase());
}

function run(repo: string, args: string[], input?: Buffer): Buffer {
  const r = spawnSync('git', ['--literal-pathspecs', '-C', repo, ...args], {
    input,
    maxBuffer: 2 ** 30,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
  if (r.error) throw new GitInputError(`git ${args[0]}: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (needed for git revisions)' : r.error.message}`);
  if (r.status !== 0) {
    const why = r.stderr.toString('utf8').trim().split('\n')[0] || `exit ${r.status}`;
    throw new GitInputError(`git ${args[0]}: ${why}`);
  }
  return r.stdout;
}

/** The top level of the repository holding `dir`. */
export function gitTopLevel(dir: string): string {
  return run(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
}

/** `REV:path` (not a Windows drive letter such as `C:\docs`): the revision and the path, or null. */
export function parseGitSpec(arg: string): { rev: string; path: string } | null {
  const m = /^([^:]+):(.*)$/.exec(arg);
  if (!m || /^[A-Za-z]$/.test(m[1]!)) return null;
  return { rev: m[1]!, path: normalise(m[2]!) };
}

function normalise(path: string): string {
  const p = posix.normalize(path.replace(/\\/g, '/') || '.').replace(/^\.\/?/, '').replace(/\/+$/, '');
  if (p === '..' || p.startsWith('../')) throw new GitInputError(`${path}: a git path is relative to the repository's top level and cannot leave it`);
  return p;
}

/** The full id of the commit `rev` names. */
export function resolveCommit(repo: string, rev: string): string {
  if (rev.startsWith('-')) throw new GitInputError(`${rev}: not a git revision`);
  const r = spawnSync('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  if (r.error) throw new GitInputError(`git rev-parse: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (needed for git revisions)' : r.error.message}`);
  const sha = r.stdout.toString('utf8').trim();
  if (r.status !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new GitInputError(`${rev}: not a revision of the git repository at ${repo}`);
  return sha;
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
}

function lsTree(repo: string, commit: string, path: string): TreeEntry[] {
  const out = run(repo, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...(path ? [path] : [])]).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const rec of out.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, object] = rec.slice(0, tab).split(' ') as [string, string, string];
    entries.push({ mode, type, object, path: rec.slice(tab + 1) });
  }
  return entries;
}

/** Object contents by id, in one `git cat-file --batch`. */
export function catFiles(repo: string, objects: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const unique = [...new Set(objects)];
  if (unique.length === 0) return out;
  const buf = run(repo, ['cat-file', '--batch'], Buffer.from(`${unique.join('\n')}\n`));
  let pos = 0;
  for (const id of unique) {
    const nl = buf.indexOf(0x0a, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) throw new GitInputError(`git cat-file: ${id}: ${header || 'no answer'}`);
    const size = Number(m[3]);
    out.set(id, buf.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return out;
}

export interface GitTree {
  /** Full commit id. */
  commit: string;
  /** Pages, named by their path from the repository's top level. */
  pages: { file: string; bytes: Uint8Array }[];
  /** `manifest.json5` beside the pages (the folder's, or the page's folder's), if the revision has one. */
  manifest: { file: string; text: string } | null;
  /** The path named a single file. */
  isFile: boolean;
}

/** The pages under `path` at `rev` (a folder: every page under it; a file: that page). */
export function readGitTree(repo: string, rev: string, path: string): GitTree {
  const commit = resolveCommit(repo, rev);
  const entries = lsTree(repo, commit, path);
  const exact = entries.find((e) => e.path === path);
  const isFile = exact !== undefined;
  // The path below the folder given (a file: its name), for the same skips as the folder walk.
  const rel = (p: string): string => (isFile ? p.slice(p.lastIndexOf('/') + 1) : path === '' ? p : p.slice(path.length + 1));
  const inside = entries.filter((e) => (isFile ? e === exact : path === '' || e.path.startsWith(`${path}/`)));
  if (inside.length === 0) throw new GitPathAbsentError(`${rev}:${path}: no such file or folder in ${rev}`);
  // Regular files only (no symlinks, no submodules), as the folder walk reads them.
  const pages = inside.filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755') && isPagePath(rel(e.path)));
  if (isFile && pages.length === 0) throw new GitInputError(`${rev}:${path}: expected a .md or .txt page or a folder`);
  const folder = isFile ? posix.dirname(path) : path;
  const manifestPath = folder === '.' || folder === '' ? 'manifest.json5' : `${folder}/manifest.json5`;
  const manifestEntry = (isFile ? lsTree(repo, commit, manifestPath) : entries).find((e) => e.path === manifestPath && e.type === 'blob');
  const blobs = catFiles(repo, [...pages.map((e) => e.object), ...(manifestEntry ? [manifestEntry.object] : [])]);
  return {
    commit,
    pages: pages.map((e) => ({ file: e.path, bytes: blobs.get(e.object)! })),
    manifest: manifestEntry ? { file: `${rev}:${manifestPath}`, text: blobs.get(manifestEntry.object)!.toString('utf8') } : null,
    isFile,
  };
}

/** One version of a page in its history: the commit, its date, the page's path then, its bytes. */
export interface PageVersion {
  commit: string;
  /** The committer date, YYYY-MM-DD in the committer's time zone. */
  date: string;
  path: string;
  object: string;
}

/**
 * The versions of one page up to `rev`, oldest first, renames followed (`git log --follow`).
 * A commit that leaves the bytes as they were (a pure rename) is no new version; a deletion
 * ends the history before it.
 */
export function pageHistory(repo: string, rev: string, path: string): PageVersion[] {
  const commit = resolveCommit(repo, rev);
  const out = run(repo, ['log', '--follow', '--raw', '--no-abbrev', '-z', '--format=%x01%H%x00%cI', commit, '--', path]).toString('utf8');
  const versions: PageVersion[] = [];
  for (const rec of out.split('\x01')) {
    if (!rec) continue;
    const parts = rec.split('\0');
    const [sha, iso, raw] = parts as [string, string, string | undefined];
    if (!raw) continue; // a merge, or a commit that did not touch the page
    const fields = raw.replace(/^\n/, '').split(' ');
    const object = fields[3]!;
    const status = fields[4] ?? '';
    const paths = parts.slice(3).filter((p) => p !== '');
    if (status.startsWith('D')) break; // deleted here: what came before belongs to another life of the path
    versions.push({ commit: sha, date: iso.slice(0, 10), path: paths[paths.length - 1]!, object });
  }
  versions.reverse();
  return versions.filter((v, i) => i === 0 || v.object !== versions[i - 1]!.object);
}

/** The label of a page version in reports: its path and the commit (`docs/CreateCluster.md@1a2b3c4`). */
export function versionLabel(v: PageVersion): string {
  return `${v.path}@${v.commit.slice(0, 7)}`;
}

/** The page path of a label (`docs/CreateCluster.md@1a2b3c4` → `docs/CreateCluster.md`). */
export function pathOfLabel(label: string): string {
  return label.replace(/@[0-9a-f]{7,64}$/, '');
}
