/** Find the documents under a folder: `.md` and `.txt` files, in a stable (sorted) order. */
import { readdirSync, statSync, type Dirent } from 'node:fs';
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

export function findDocuments(root: string, base: string = process.cwd(), exclude: RegExp[] = []): FoundDocument[] {
  const out: FoundDocument[] = [];
  // Relative paths are built while walking (path.relative per file costs more than the walk).
  const walk = (dir: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      throw fsError(e, toPosix(relative(base, dir)) || dir, 'read folder');
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const abs = dir.endsWith(sep) ? dir + name : dir + sep + name;
      const file = rel === '' ? name : `${rel}/${name}`;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = statSync(abs).isDirectory();
        } catch (e) {
          throw fsError(e, file, 'read');
        }
      }
      if (isDir) walk(abs, file);
      else if (/\.(md|txt)$/i.test(name) && !NOT_PAGES.has(name.toLowerCase())) {
        if (!exclude.some((re) => re.test(file))) out.push({ abs, file });
      }
    }
  };
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (e) {
    throw fsError(e, root, 'read docs');
  }
  if (rootStat.isFile()) return [{ abs: root, file: toPosix(relative(base, root)) }];
  const rootRel = toPosix(relative(base, root));
  walk(resolve(root), rootRel === '.' ? '' : rootRel);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
