/**
 * Memo of the emit stage's slow step, the TypeScript check + compile of each generated module:
 * a pure function of the module's source, the shared runtime it imports, the compiler options
 * and the tool's version, so a run gets the output of every module whose source did not change
 * back from `.cache/docs2types/emit-<version>/` (the folder of the page cache, same rules: see
 * ./store.ts) instead of computing it again: touching one page re-checks one module.
 *
 * version = hash of MEMO_FORMAT, package-lock.json (TypeScript's version), and the source of the
 * step (emit/check.ts: its options live there). TypeScript is not loaded to ask its version: a
 * run answered by the memo never loads it. key = hash of the step's name and its whole input. Only results are stored: a failed type-check throws before anything is put,
 * so it fails again on the next run. Entries not used for a week are removed.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesVersion, TextStore } from './store.ts';

const MEMO_FORMAT = 2;
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

  /** `dir` null: no memo, every step is computed. */
  constructor(dir: string | null) {
    this.store = dir ? new TextStore(dir, 'emit', memoVersion(), '.txt') : null;
  }

  private key(step: string, input: string): string {
    return digest(`${step}\0${input}`).slice(0, 40);
  }

  /** An entry is its body's hash, a newline, the body: a damaged entry is a miss, never output. */
  private lookup(key: string): string | null {
    const entry = this.store?.read(key) ?? null;
    const nl = entry === null ? -1 : entry.indexOf('\n');
    const body = nl < 0 ? null : entry!.slice(nl + 1);
    if (body !== null && entry!.slice(0, nl) === digest(body)) {
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
    this.store.write(key, `${digest(text)}\n${text}`);
  }

  /** The output stored for `step` and `input`, or null (EmitMemoLike). */
  get(step: string, input: string): string | null {
    return this.lookup(this.key(step, input));
  }

  /** Store what `step` made of `input` (EmitMemoLike). */
  put(step: string, input: string, output: string): void {
    this.keep(this.key(step, input), output);
  }

  /** The text `compute` makes of `input`. */
  async text(step: string, input: string, compute: () => Promise<string>): Promise<string> {
    const key = this.key(step, input);
    const hit = this.lookup(key);
    if (hit !== null) return hit;
    const out = await compute();
    this.keep(key, out);
    return out;
  }

  /** The files `compute` makes of `files` (the type-check and compile): `text` of their JSON. */
  async files(step: string, files: Map<string, string>, compute: () => Promise<Map<string, string>>): Promise<Map<string, string>> {
    const json = await this.text(step, JSON.stringify([...files]), async () => JSON.stringify([...(await compute())]));
    return new Map(JSON.parse(json) as [string, string][]);
  }
}
