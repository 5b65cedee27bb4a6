/**
 * A folder of text entries addressed by key: the storage under both caches (parsed pages in
 * read/cache.ts, the emit memo in emit/memo.ts).
 *
 * Layout: `<dir>/<kind>-<version>/<key><ext>`, one file per entry, written to a temporary name
 * and renamed into place, so a reader never sees half an entry (and two runs writing the same
 * entry both write the same bytes). The first write of a run creates the folder; when it had to
 * be created, the folders of other versions of the same kind are removed (their code is gone).
 *
 * Never breaks a run: an entry that cannot be read is a miss; a write that fails turns writing
 * off for the rest of the run (the caller counts it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * The version of what a cache holds: sha256 (16 hex) of a label and of each file's path (relative
 * to `root`, so a checkout elsewhere gets the same version) and content. A file that is not
 * there hashes as missing. The page cache, the emit memo and the worker bundle are named by it.
 */
export function filesVersion(label: string, root: string, files: string[]): string {
  const h = createHash('sha256').update(`${label}\0`);
  for (const f of files) {
    let content: Buffer | string;
    try {
      content = readFileSync(f);
    } catch {
      content = '<missing>';
    }
    h.update(`${relative(root, f)}\0`).update(createHash('sha256').update(content).digest('hex')).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** The source files (`.js`/`.ts`, any `.c`/`.m` flavour) under `dir`, recursively, sorted. */
export function sourceFiles(dir: string, recursive = true): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return out; // a folder that is not there has no sources
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...sourceFiles(p));
    } else if (/\.[cm]?[jt]s$/.test(e.name)) out.push(p);
  }
  return out;
}

export class TextStore {
  readonly folder: string;
  private writable = true;
  private prepared = false;

  constructor(
    readonly dir: string,
    readonly kind: string,
    readonly version: string,
    private readonly ext = '.json',
  ) {
    this.folder = join(dir, `${kind}-${version}`);
  }

  path(key: string): string {
    return join(this.folder, `${key}${this.ext}`);
  }

  /** The entry's text, or null when there is none (or it cannot be read). */
  read(key: string): string | null {
    try {
      return readFileSync(this.path(key), 'utf8');
    } catch {
      return null;
    }
  }

  /** Mark an entry as used now (for sweep). */
  touch(key: string): void {
    try {
      const now = new Date();
      utimesSync(this.path(key), now, now);
    } catch {
      /* best effort */
    }
  }

  /** Remove entries not written or touched for `maxAgeMs` (best effort). */
  sweep(maxAgeMs: number): void {
    try {
      const cutoff = Date.now() - maxAgeMs;
      for (const name of readdirSync(this.folder)) {
        const p = join(this.folder, name);
        if (statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
      }
    } catch {
      /* best effort */
    }
  }

  /** Store an entry; false when it could not be written (writing is then off for this store). */
  write(key: string, text: string): boolean {
    if (!this.writable) return false;
    const path = this.path(key);
    const tmp = `${path}.${process.pid}.${threadId}.tmp`;
    try {
      if (!this.prepared) this.prepare();
      writeFileSync(tmp, text);
      renameSync(tmp, path);
      return true;
    } catch {
      this.writable = false;
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing to clean */
      }
      return false;
    }
  }

  /** Create this version's folder; on first creation remove the folders of other versions. */
  private prepare(): void {
    this.prepared = true;
    const created = mkdirSync(this.folder, { recursive: true });
    if (created === undefined) return;
    try {
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(`${this.kind}-`) && name !== `${this.kind}-${this.version}`) rmSync(join(this.dir, name), { recursive: true, force: true });
      }
    } catch {
      /* pruning is best effort */
    }
  }
}
