/**
 * Memo of a whole run: when nothing a run depends on changed since the previous one into the
 * same output folder, and that folder still holds exactly what the previous run left there, the
 * answer is known without reading, reconciling or emitting anything: nothing to write.
 *
 * What a run depends on is its key (generate.ts runKey: the bytes and path of every page found,
 * what the walk skipped, the manifest, the options that change the output, the generator's code
 * and dependencies, the output folder). What the folder holds is its signature
 * (io/output.ts outputSignature: path, size, inode, mtime and ctime in nanoseconds of the marker
 * and of every file it lists, taken right after the run wrote or verified them). A file edited,
 * replaced, removed or touched since changes its ctime, so the signature differs and the run is
 * done in full, as without the memo (the same test git's index makes, with ctime, which no one
 * can set back).
 *
 * An entry is stored under `.cache/docs2types/run-<version>/` (same rules as the other caches:
 * ./store.ts), framed with the checksum of its key and body, and shape-checked when read: a
 * damaged entry, or one of another shape, is a miss, never an answer. It holds the signature and
 * what the run printed (its summary and the lines about pages left out), so the re-run says the
 * same, and its exit code.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesVersion, frameEntry, TextStore, unframeEntry } from './store.ts';

const RUN_FORMAT = 1;
const WEEK_MS = 7 * 24 * 3600_000;
const HERE = dirname(fileURLToPath(import.meta.url));

export interface RunRecord {
  /** io/output.ts outputSignature of the folder the run left. */
  signature: string;
  /** Lines the run printed on stdout (its summary, the last line left out: it says how long this run took). */
  stdout: string[];
  /** Lines the run printed on stderr besides progress (folders not read, pages left out). */
  stderr: string[];
  exit: number;
  /** Files in the tree (the marker left out). */
  files: number;
}

function isRecord(v: unknown): v is RunRecord {
  const lines = (x: unknown): boolean => Array.isArray(x) && x.every((l) => typeof l === 'string');
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<RunRecord>;
  return typeof r.signature === 'string' && /^[0-9a-f]{64}$/.test(r.signature) && lines(r.stdout) && lines(r.stderr) && typeof r.exit === 'number' && Number.isInteger(r.exit) && typeof r.files === 'number' && Number.isInteger(r.files);
}

export class RunMemo {
  private readonly store: TextStore | null;

  /** `dir`: the cache root (resolveCacheDir's answer); null: no memo. */
  constructor(dir: string | null) {
    this.store = dir ? new TextStore(dir, 'run', filesVersion(`run-memo:${RUN_FORMAT}`, join(HERE, '..', '..'), [fileURLToPath(import.meta.url)]), '.json') : null;
  }

  /** False when there is no cache (--no-cache, DOCS2TYPES_NO_CACHE=1): nothing is looked up or stored. */
  get enabled(): boolean {
    return this.store !== null;
  }

  private static key(runKey: string): string {
    return createHash('sha256').update(`run\0${runKey}`).digest('hex').slice(0, 40);
  }

  /** The record stored for `runKey`, or null (none, damaged, or of another shape). */
  get(runKey: string): RunRecord | null {
    if (!this.store) return null;
    const key = RunMemo.key(runKey);
    const entry = this.store.read(key);
    const body = entry === null ? null : unframeEntry(key, entry);
    if (body === null) return null;
    try {
      const v = JSON.parse(body) as unknown;
      if (!isRecord(v)) return null;
      this.store.touch(key);
      return v;
    } catch {
      return null;
    }
  }

  put(runKey: string, record: RunRecord): void {
    if (!this.store) return;
    const key = RunMemo.key(runKey);
    this.store.sweep(WEEK_MS);
    this.store.write(key, frameEntry(key, JSON.stringify(record)));
  }
}
