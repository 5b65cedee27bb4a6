/**
 * Memo of the emit stage's slow steps: the record of each operation (its module's source, schemas
 * and samples) and the TypeScript check + compile of each generated module. Each is a pure
 * function of its input, the compiler options and the tool's version, so a run gets the output of
 * every operation and module whose input did not change back from
 * `.cache/docs2types/emit-<version>/` (the folder of the page cache, same rules: see ./store.ts)
 * instead of computing it again: touching one page re-emits and re-checks one module.
 *
 * version = hash of MEMO_FORMAT, package-lock.json (TypeScript's version), and the source of the
 * check (emit/check.ts: its options live there; the emit code's own version is part of each
 * operation record's input). TypeScript is not loaded to ask its version: a run answered by the
 * memo never loads it. key = hash of the step's name and
 * its whole input. Only results are stored: a failed type-check throws before anything is put,
 * so it fails again on the next run. Entries not used for a week are removed. Every entry is
 * framed with the checksum of its key and body (../store.ts): a damaged entry, or one copied
 * from another key, is a miss; so is a `files` entry whose JSON is not a list of [path, text].
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesVersion, frameEntry, TextStore, unframeEntry } from './store.ts';

const MEMO_FORMAT = 3;
const WEEK_MS = 7 * 24 * 3600_000;
const HERE = dirname(fileURLToPath(import.meta.url));

export interface MemoStats {
  hits: number;
  misses: number;
}

function memoVersion(): string {
  return filesVersion(`emit-memo:${MEMO_FORMAT}`, join(HERE, '..', '..'), [join(HERE, '..', 'emit', 'check.ts'), join(HERE, '..', '..', 'package-lock.json')]);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class EmitMemo {
  readonly stats: MemoStats = { hits: 0, misses: 0 };
  private readonly store: TextStore | null;
  private swept = false;

  /** `dir`: the cache root (resolveCacheDir's answer); null: no memo, every step is computed. */
  constructor(dir: string | null) {
    this.store = dir ? new TextStore(dir, 'emit', memoVersion(), '.txt') : null;
  }

  private key(step: string, input: string): string {
    return digest(`${step}\0${input}`).slice(0, 40);
  }

  /** An entry is framed (checksum of key and body, a newline, the body): a damaged entry is a miss, never output. */
  private lookup(key: string, valid: (body: string) => boolean = () => true): string | null {
    const entry = this.store?.read(key) ?? null;
    const body = entry === null ? null : unframeEntry(key, entry);
    if (body !== null && valid(body)) {
      this.stats.hits++;
      this.store!.touch(key);
      return body;
    }
    this.stats.misses++;
    return null;
  }

  private keep(key: string, text: string): void {
    if (!this.store) return;
    if (!this.swept) {
      this.swept = true;
      this.store.sweep(WEEK_MS);
    }
    this.store.write(key, frameEntry(key, text));
  }

  /**
   * The output stored for `step` and `input`, or null (EmitMemoLike): null too for a damaged
   * entry, or one whose body `valid` rejects (the right checksum, the wrong shape).
   */
  get(step: string, input: string, valid?: (body: string) => boolean): string | null {
    return this.lookup(this.key(step, input), valid);
  }

  /** Store what `step` made of `input` (EmitMemoLike). */
  put(step: string, input: string, output: string): void {
    this.keep(this.key(step, input), output);
  }
}
