/**
 * A folder of text entries addressed by key: the storage under both caches (parsed pages in
 * ./page-cache.ts, the emit memo in ./emit-memo.ts).
 *
 * Ownership: `--cache DIR` means the caches live in `DIR/docs2types/`, a folder marked as
 * docs2types's own by a CACHEDIR.TAG (the cache-directory tag standard: backup tools skip it).
 * docs2types creates and removes entries only there: a folder of that name without the tag is
 * someone else's, and the cache is off for the run (an untagged folder that is empty or holds
 * nothing but folders named as docs2types names them, `docs-<16 hex>`/`emit-<16 hex>`, is what an
 * older docs2types wrote: it is tagged and used).
 *
 * Layout: `<root>/<kind>-<version>/<key><ext>`, one file per entry, written to a temporary name
 * and renamed into place, so a reader never sees half an entry (and two runs writing the same
 * entry both write the same bytes). Every entry is framed: `sha256(key, body)` on the first line,
 * then the body (frameEntry/unframeEntry), so a damaged entry, or one copied from another key, is
 * a miss. The first write of a run creates the version folder; when it had to be created, the
 * folders of other versions of the same kind are removed (their code is gone).
 *
 * Never breaks a run: an entry that cannot be read (or is not a regular file of a sane size) is a
 * miss; a write that fails turns writing off for the rest of the run (the caller counts it).
 */
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';
import { readPageBounded } from './page-file.ts';

/** The folder under `--cache DIR` that docs2types owns. */
export const CACHE_SUBFOLDER = 'docs2types';

/** The tag that marks it (https://bford.info/cachedir/: the first line is the standard's signature). */
export const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by docs2types.\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

/** Entries larger than this are not read (a page is at most 4 MiB; its entry is a few times that at most). */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

const VERSION_FOLDER = /^(docs|emit|run)-[0-9a-f]{16}$/;

export type CacheRootState = 'ours' | 'absent' | 'adoptable' | 'foreign';

/** Whose is `root` (a `DIR/docs2types` folder)? */
export function cacheRootState(root: string): CacheRootState {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'foreign';
  }
  if (names.includes('CACHEDIR.TAG')) {
    const tag = readPageBounded(fs, join(root, 'CACHEDIR.TAG'), 4096);
    return tag.ok && Buffer.from(tag.bytes).toString('utf8') === CACHEDIR_TAG ? 'ours' : 'foreign';
  }
  return names.every((n) => VERSION_FOLDER.test(n)) ? 'adoptable' : 'foreign';
}

/** Make `root` ours (create and tag it) unless it is someone else's; true when it is ours now. */
export function claimCacheRoot(root: string): boolean {
  const state = cacheRootState(root);
  if (state === 'ours') return true;
  if (state === 'foreign') return false;
  try {
    fs.mkdirSync(root, { recursive: true });
    const tmp = join(root, `CACHEDIR.TAG.${process.pid}.${threadId}.tmp`);
    fs.writeFileSync(tmp, CACHEDIR_TAG);
    fs.renameSync(tmp, join(root, 'CACHEDIR.TAG'));
    return cacheRootState(root) === 'ours';
  } catch {
    return false;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An entry as stored: the checksum of key and body, a newline, the body. */
export function frameEntry(key: string, body: string): string {
  return `${sha256(`${key}\0${body}`)}\n${body}`;
}

/** The body of a stored entry, or null when it is damaged or belongs to another key. */
export function unframeEntry(key: string, text: string): string | null {
  const nl = text.indexOf('\n');
  if (nl !== 64) return null;
  const body = text.slice(nl + 1);
  return text.slice(0, nl) === sha256(`${key}\0${body}`) ? body : null;
}

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
      content = fs.readFileSync(f);
    } catch {
      content = '<missing>';
    }
    h.update(`${relative(root, f)}\0`).update(createHash('sha256').update(content).digest('hex')).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** The source files (`.js`/`.ts`, any `.c`/`.m` flavour) and data files (`.json`, `.json5`) under `dir`, recursively, sorted. */
export function sourceFiles(dir: string, recursive = true): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return out; // a folder that is not there has no sources
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...sourceFiles(p));
    } else if (/\.([cm]?[jt]s|json5?)$/.test(e.name)) out.push(p);
  }
  return out;
}

export class TextStore {
  readonly folder: string;
  private writable = true;
  private prepared = false;
  private owned: boolean | null = null;

  /** `root`: the marked cache folder (`DIR/docs2types`), created and tagged on the first write. */
  constructor(
    readonly root: string,
    readonly kind: string,
    readonly version: string,
    private readonly ext = '.json',
  ) {
    this.folder = join(root, `${kind}-${version}`);
  }

  path(key: string): string {
    return join(this.folder, `${key}${this.ext}`);
  }

  /** True when the root is docs2types's own (tagged): only then are entries read. */
  readable(): boolean {
    if (this.owned === null) {
      const st = cacheRootState(this.root);
      if (st === 'ours') this.owned = true;
      else if (st === 'foreign') this.owned = false;
      else return false; // absent or not yet tagged: nothing to read (yet)
    }
    return this.owned;
  }

  /** The entry's stored text (framed), or null when there is none (or it cannot be read). */
  read(key: string): string | null {
    if (!this.readable()) return null;
    const r = readPageBounded(fs, this.path(key), MAX_ENTRY_BYTES);
    return r.ok ? Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength).toString('utf8') : null;
  }

  /** Mark an entry as used now (for sweep). */
  touch(key: string): void {
    try {
      const now = new Date();
      fs.utimesSync(this.path(key), now, now);
    } catch {
      /* best effort */
    }
  }

  /** Remove this store's entries (and temp files) not written or touched for `maxAgeMs` (best effort). */
  sweep(maxAgeMs: number): void {
    if (!this.readable()) return;
    const ext = this.ext.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mine = new RegExp(`^[0-9a-f]{40}${ext}(\\.\\d+\\.\\d+\\.tmp)?$`);
    try {
      const cutoff = Date.now() - maxAgeMs;
      for (const name of fs.readdirSync(this.folder)) {
        if (!mine.test(name)) continue;
        const p = join(this.folder, name);
        const st = fs.lstatSync(p);
        if (st.isFile() && st.mtimeMs < cutoff) fs.rmSync(p, { force: true });
      }
    } catch {
      /* best effort */
    }
  }

  /** Store an entry's text (already framed); false when it could not be written (writing is then off for this store). */
  write(key: string, text: string): boolean {
    if (!this.writable) return false;
    const path = this.path(key);
    const tmp = `${path}.${process.pid}.${threadId}.tmp`;
    try {
      if (!this.prepared) this.prepare();
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, path);
      return true;
    } catch {
      this.writable = false;
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* nothing to clean */
      }
      return false;
    }
  }

  /**
   * Claim the root, create this version's folder; on first creation remove the folders of other
   * versions of this kind (exactly `<kind>-<16 hex>`, inside the root: nothing else is touched).
   */
  private prepare(): void {
    this.prepared = true;
    if (!claimCacheRoot(this.root)) {
      this.owned = false;
      throw new Error(`${this.root} is not a docs2types cache`);
    }
    this.owned = true;
    const created = fs.mkdirSync(this.folder, { recursive: true });
    if (created === undefined) return;
    try {
      for (const name of fs.readdirSync(this.root)) {
        if (VERSION_FOLDER.test(name) && name.startsWith(`${this.kind}-`) && name !== `${this.kind}-${this.version}`) fs.rmSync(join(this.root, name), { recursive: true, force: true });
      }
    } catch {
      /* pruning is best effort */
    }
  }
}
