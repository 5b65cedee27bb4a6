/**
 * Find the documents under a folder: `.md` and `.txt` files, in a stable (sorted) order.
 *
 * Bounded and safe whatever the folder holds: symbolic links to folders are followed once (every
 * folder is entered at most once, by device and inode, so a link loop or a link back to an
 * ancestor is skipped, never an endless walk); a folder whose path matches `exclude` is not
 * entered; folders given in `skip` (the output folder) and folders holding one of the
 * `skipMarkedBy` files (a previous output of this tool) are not read back as pages; a page-named
 * entry that is not a regular file (a FIFO, a device, a dangling link, a link loop) is reported
 * as skipped instead of opened. The size cap and the open itself are the reader's
 * (generator/engine/page-file.ts), which checks again on the open file.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fsError } from '../errors.ts';

/** Files that describe a docs folder rather than an API: never read as pages. */
const NOT_PAGES = new Set(['readme.md', 'sources.md', 'changelog.md', 'license.md']);

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

export interface FoundDocument {
  /** Absolute path. */
  abs: string;
  /** Path relative to `base` (POSIX), used in every source reference. */
  file: string;
}

/** Something the walk did not read, and why. */
export interface SkippedPath {
  /** Path relative to `base` (POSIX). */
  file: string;
  /** A page (a `.md`/`.txt` name: it becomes a page-skipped diagnostic) or a folder. */
  page: boolean;
  /** For people: `a FIFO, not a regular file`, `a symbolic link loop`, ... */
  reason: string;
  /** Pages may be missing because of it (an unreadable folder); false for loops and duplicates, read once elsewhere. */
  lost: boolean;
}

export interface FindOptions {
  /** Regular expressions on the path relative to `base`: matching pages are left out, matching folders not entered. */
  exclude?: RegExp[];
  /** Folders (any path to them) not to enter. */
  skip?: string[];
  /** A folder holding a file of one of these names is not entered. */
  skipMarkedBy?: string[];
}

export interface FindResult {
  pages: FoundDocument[];
  skipped: SkippedPath[];
}

function isPageName(name: string): boolean {
  return /\.(md|txt)$/i.test(name) && !NOT_PAGES.has(name.toLowerCase());
}

function kindOf(st: Stats | Dirent): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'ENOENT') return 'a dangling symbolic link';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? String((e as Error).message ?? e);
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

export function findPages(root: string, base: string = process.cwd(), opts: FindOptions = {}): FindResult {
  const exclude = opts.exclude ?? [];
  const marks = opts.skipMarkedBy ?? [];
  const pages: FoundDocument[] = [];
  const skipped: SkippedPath[] = [];
  const idOf = (st: Stats): string => `${st.dev}:${st.ino}`;
  const skipIds = new Set<string>();
  for (const s of opts.skip ?? []) {
    try {
      skipIds.add(idOf(statSync(s)));
    } catch {
      /* not there: nothing to skip */
    }
  }
  // Folder identity → the path it was first entered by; `open` holds the ancestors of the current folder.
  const entered = new Map<string, string>();
  const open = new Set<string>();

  const walk = (dir: string, rel: string, st: Stats): void => {
    const id = idOf(st);
    entered.set(id, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (e) {
      if (rel === rootRel) throw fsError(e, toPosix(relative(base, dir)) || dir, 'read folder');
      skipped.push({ file: rel, page: false, reason: `cannot read the folder (${why(e)})`, lost: true });
      return;
    }
    const mark = entries.find((e) => marks.includes(e.name));
    if (mark && rel !== rootRel) {
      skipped.push({ file: rel, page: false, reason: `a folder docs2types wrote (it holds ${mark.name}), not pages`, lost: false });
      return;
    }
    open.add(id);
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const abs = dir.endsWith(sep) ? dir + name : dir + sep + name;
      const file = rel === '' ? name : `${rel}/${name}`;
      let target: Stats | null = null;
      if (entry.isDirectory() || entry.isSymbolicLink()) {
        try {
          target = statSync(abs);
        } catch (e) {
          if (isPageName(name)) skipped.push({ file, page: true, reason: why(e), lost: true });
          continue;
        }
      }
      if (target?.isDirectory()) {
        if (exclude.some((re) => re.test(file) || re.test(`${file}/`))) continue;
        const tid = idOf(target);
        if (skipIds.has(tid)) continue;
        if (open.has(tid)) {
          skipped.push({ file, page: false, reason: `a symbolic link loop (back to ${entered.get(tid) || '.'})`, lost: false });
          continue;
        }
        if (entered.has(tid)) {
          skipped.push({ file, page: false, reason: `the same folder as ${entered.get(tid) || '.'}, already read`, lost: false });
          continue;
        }
        walk(abs, file, target);
        continue;
      }
      if (!isPageName(name) || exclude.some((re) => re.test(file))) continue;
      const regular = target ? target.isFile() : entry.isFile();
      if (!regular) skipped.push({ file, page: true, reason: `${kindOf(target ?? entry)}, not a regular file`, lost: true });
      else pages.push({ abs, file });
    }
    open.delete(id);
  };

  let rootStat: Stats;
  try {
    rootStat = statSync(root);
  } catch (e) {
    throw fsError(e, root, 'read docs');
  }
  const rootRel0 = toPosix(relative(base, root));
  const rootRel = rootRel0 === '.' ? '' : rootRel0;
  if (!rootStat.isDirectory()) {
    // One page named on the command line: the reader checks what it is when it opens it.
    return { pages: [{ abs: root, file: rootRel }], skipped: [] };
  }
  walk(resolve(root), rootRel, rootStat);
  return { pages: pages.sort(byFile), skipped: skipped.sort(byFile) };
}

/** The pages under `root` (see findPages; what was skipped is not returned). */
export function findDocuments(root: string, base: string = process.cwd(), exclude: RegExp[] = []): FoundDocument[] {
  return findPages(root, base, { exclude }).pages;
}
