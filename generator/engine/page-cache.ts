/**
 * Cache of parsed documents (DocumentIR), keyed by content.
 *
 * key = sha256( sha256(file bytes) ‖ relative file path ‖ code version ), where the code version
 * hashes every source and data file under generator/read, generator/parse and generator/model
 * (recursively), generator/errors.ts, package-lock.json, the Node version and CACHE_FORMAT:
 * editing the reader or the parser, or changing a dependency, invalidates every entry. A
 * DocumentIR depends on nothing else (no option reaches the parse stage).
 *
 * Layout: `<root>/docs-<code version>/<key>.json` (root = `--cache DIR` + `/docs2types`, see
 * ./store.ts), one compact JSON file per document, framed with the checksum of its key and body,
 * written to a temporary name and renamed into place (a reader never sees half an entry). When a
 * new code version writes its first entry, the folders of other code versions are removed.
 *
 * The cache never breaks a run: a missing, unreadable, damaged or foreign entry is a miss, and so
 * is an entry whose checksum holds but whose JSON is not a DocumentIR in shape (isDocumentIR);
 * an unwritable folder turns writing off for the rest of the run. Both are counted in `stats`.
 */
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentIR, ParamRow, SourceRef } from '../model/ir.ts';
import { CACHE_SUBFOLDER, filesVersion, frameEntry, sourceFiles, TextStore, unframeEntry } from './store.ts';

export { MAX_ENTRY_BYTES } from './store.ts';

/** Bump when the entry format changes. */
export const CACHE_FORMAT = 3;

/** Where the caches go unless told otherwise: `.cache` under the working directory (they live in `.cache/docs2types/`). */
export const DEFAULT_CACHE_DIR = '.cache';

/** `DOCS2TYPES_NO_CACHE=1` (or `true`) turns the cache off. */
export function cacheDisabledByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.DOCS2TYPES_NO_CACHE;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * The cache root to use: `DIR/docs2types` (the only folder docs2types writes under DIR). `false`
 * turns the caches off, a string is DIR (relative to the cwd), `undefined` means the default
 * (`.cache`) unless the environment turns the cache off.
 */
export function resolveCacheDir(opt: string | false | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (opt === false) return null;
  if (cacheDisabledByEnv(env)) return null;
  return join(resolve(opt ?? DEFAULT_CACHE_DIR), CACHE_SUBFOLDER);
}

const HERE = dirname(fileURLToPath(import.meta.url));
const GENERATOR = resolve(HERE, '..');
const REPO = resolve(GENERATOR, '..');

let memoVersion: string | null = null;

/** Hash of the code that turns bytes into a DocumentIR (see the module comment). Computed once per thread. */
export function codeVersion(): string {
  memoVersion ??= filesVersion(`docs2types-cache:${CACHE_FORMAT}\0node:${process.versions.node}`, REPO, [
    ...['read', 'parse', 'model'].flatMap((dir) => sourceFiles(join(GENERATOR, dir))),
    join(GENERATOR, 'errors.ts'),
    join(REPO, 'package-lock.json'),
  ]);
  return memoVersion;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries that were there but could not be used (corrupt, foreign, unreadable). */
  badEntries: number;
  writes: number;
  /** Failed writes (the first one turns writing off). */
  writeErrors: number;
}

export function emptyCacheStats(): CacheStats {
  return { hits: 0, misses: 0, badEntries: 0, writes: 0, writeErrors: 0 };
}

/** sha256 of the bytes (hex): its first 16 chars are DocumentIR.hash. */
export function bytesDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The entry key of a page: sha256 over the bytes' digest, the relative path and the code version.
 * A self-contained function (the hash comes in as an argument): the lookup worker (./lookup.ts)
 * runs its source text, so there is one definition of the key.
 */
export function entryKey(hash: typeof createHash, digest: string, file: string, version: string): string {
  return hash('sha256').update(`${digest}\0${file}\0${version}`).digest('hex').slice(0, 40);
}

export class DocCache {
  readonly dir: string;
  readonly version: string;
  readonly folder: string;
  readonly stats: CacheStats = emptyCacheStats();
  private readonly store: TextStore;

  /** `dir`: the cache root (resolveCacheDir's answer). */
  constructor(dir: string, version: string = codeVersion()) {
    this.dir = dir;
    this.version = version;
    this.store = new TextStore(dir, 'docs', version);
    this.folder = this.store.folder;
  }

  /** Where the entry of a key lives (`path('K')` shows the layout: the lookup worker fills in K). */
  path(key: string): string {
    return this.store.path(key);
  }

  /** The entry key of a page: sha256 over the bytes' digest, the relative path and the code version. */
  key(file: string, digest: string): string {
    return entryKey(createHash, digest, file, this.version);
  }

  /** The cached document, or null (a miss, or an entry that is not the document it should be). */
  get(key: string, file: string, digest: string): DocumentIR | null {
    const text = this.store.read(key);
    if (text === null) {
      this.stats.misses++;
      return null;
    }
    return this.accept(text, file, digest);
  }

  /** Entries are read only from a cache root that is docs2types's own (the lookup worker asks first). */
  readable(): boolean {
    return this.store.readable();
  }

  /**
   * An entry's stored text (read by get, or by the lookup worker) as the document, or null
   * (counted as a miss): the checksum must hold for this page's key, the JSON must be a
   * DocumentIR in shape, of this file and these bytes.
   */
  accept(text: string, file: string, digest: string): DocumentIR | null {
    try {
      const body = unframeEntry(this.key(file, digest), text);
      const doc = body === null ? null : parseDoc(body);
      if (doc !== null && isDocumentIR(doc) && doc.file === file && doc.hash === digest.slice(0, 16)) {
        this.stats.hits++;
        return doc;
      }
    } catch {
      /* corrupt entry: fall through */
    }
    this.stats.badEntries++;
    this.stats.misses++;
    return null;
  }

  /** Store a document (or its JSON text). Never throws. */
  put(key: string, doc: DocumentIR | string): void {
    if (this.store.write(key, frameEntry(key, typeof doc === 'string' ? doc : serializeDoc(doc)))) this.stats.writes++;
    else if (this.stats.writeErrors === 0) this.stats.writeErrors++;
  }
}

/**
 * Compact JSON of a document for cache entries and worker messages. Values that are copies of
 * other values become the number 0, a value they never hold, so parseDoc can put them back in
 * place, keys in the same order (key order is part of the byte-identical output):
 *   - a row's `description` (exactly its `descriptionLines` joined by newlines);
 *   - `source.file` / `file` of rows, facts, tables, samples, the skeleton and diagnostics when it is
 *     the document's own file (it is, unless a parser bug says otherwise; then it is kept).
 * On the corpus: 16.1 MB of entries instead of 19.3 MB. Built with spreads, not a JSON.stringify replacer:
 * a replacer runs a function per key and makes stringify several times slower.
 */
export function serializeDoc(doc: DocumentIR): string {
  const file = doc.file;
  const src = (s: SourceRef): SourceRef | Record<string, unknown> => (s && s.file === file ? { ...s, file: 0 } : s);
  const rows = (rs: ParamRow[]): unknown[] =>
    rs.map((r) => {
      const out: Record<string, unknown> = { ...r, source: src(r.source) };
      if (Object.values(r.facts ?? {}).some((f) => f?.source?.file === file)) {
        out.facts = Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, f?.source ? { ...f, source: src(f.source) } : f]));
      }
      if (Array.isArray(r.descriptionLines) && r.description === joinLines(r.descriptionLines)) out.description = 0;
      return out;
    });
  return JSON.stringify({
    ...doc,
    tables: doc.tables.map((t) => ({ ...t, source: src(t.source) })),
    request: rows(doc.request),
    response: rows(doc.response),
    skeleton: doc.skeleton ? { ...doc.skeleton, source: src(doc.skeleton.source) } : doc.skeleton,
    samples: doc.samples.map((x) => ({ ...x, source: src(x.source) })),
    diagnostics: doc.diagnostics.map((d) => (d.file === file ? { ...d, file: 0 } : d)),
  });
}

function joinLines(lines: { text: string }[]): string {
  let s = '';
  for (let i = 0; i < lines.length; i++) s += i ? `\n${lines[i]!.text}` : lines[i]!.text;
  return s;
}

/** Inverse of serializeDoc (in place: no object is rebuilt). Throws on text that is not an object. */
export function parseDoc(text: string): DocumentIR {
  const doc = JSON.parse(text) as DocumentIR;
  if (doc === null || typeof doc !== 'object') throw new Error('not a document');
  const file = doc.file;
  const fix = (s: { file: unknown } | null | undefined): void => {
    if (s && s.file === 0) s.file = file;
  };
  for (const rows of [doc.request, doc.response]) {
    if (!Array.isArray(rows)) continue;
    for (const r of rows) {
      if (!r) continue;
      fix(r.source);
      if (r.facts && typeof r.facts === 'object') for (const f of Object.values(r.facts)) fix(f?.source);
      if ((r.description as unknown) === 0 && Array.isArray(r.descriptionLines)) r.description = joinLines(r.descriptionLines);
    }
  }
  if (Array.isArray(doc.tables)) for (const t of doc.tables) fix(t?.source);
  if (Array.isArray(doc.samples)) for (const x of doc.samples) fix(x?.source);
  if (Array.isArray(doc.diagnostics)) for (const d of doc.diagnostics) fix(d);
  if (doc.skeleton) fix(doc.skeleton.source);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Shape of a DocumentIR (generator/model/ir.ts), checked on every cache entry
// ---------------------------------------------------------------------------------------------
// Written by hand: the IR's types exist only at compile time, and no library derives a runtime
// check from them without a build step. It checks what the later stages read (types of every
// field; unknown extra fields are allowed), so an entry that is not a DocumentIR in shape is a
// miss, never a crash further down. test/cache-integrity.test.ts holds it to the parser's output.

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const arr =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj =
  (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v) =>
    isObj(v) && Object.entries(fields).every(([k, c]) => c(v[k])) && Object.entries(optional).every(([k, c]) => v[k] === undefined || c(v[k]));

const sourceRef = obj({ file: str, line: num });
const typeRef: Check = (v) => {
  if (!isObj(v) || !str(v.kind)) return false;
  if (v.kind === 'array') return typeRef(v.items);
  if (v.kind === 'map') return typeRef(v.values);
  if (v.kind === 'ref') return str(v.name);
  return true;
};
const fact = obj({ text: str, source: sourceRef });
const facts: Check = (v) => isObj(v) && Object.values(v).every((f) => f === undefined || (fact(f) && 'value' in (f as object)));
const textLine = obj({ text: str, line: num });
const paramRow = obj({
  name: str,
  rawType: str,
  type: typeRef,
  required: nullable(bool),
  rawRequired: nullable(str),
  example: nullable(str),
  position: nullable(str),
  category: nullable(str),
  depth: num,
  parent: nullable(str),
  description: str,
  descriptionLines: arr(textLine),
  facts,
  source: sourceRef,
});
const tableInfo = obj({ kind: str, layout: str, header: arr(str), columns: arr(str), source: sourceRef, heading: nullable(str), rowCount: num, requiredColumn: str }, { traits: arr(str) });
const skeletonNode: Check = (v) => {
  if (!isObj(v) || !num(v.line)) return false;
  if (v.kind === 'scalar') return str(v.type) && str(v.raw);
  if (v.kind === 'object') return Array.isArray(v.fields) && v.fields.every((f) => isObj(f) && str(f.name) && num(f.line) && skeletonNode(f.node));
  if (v.kind === 'array') return v.items === null || skeletonNode(v.items);
  return false;
};
const skeleton = obj({ requestLine: nullable(str), body: nullable(skeletonNode), source: sourceRef });
const sample = obj({ kind: str, format: str, caption: nullable(str), source: sourceRef, endLine: num, ok: bool, lenient: bool, requestLine: nullable(str), text: str });
const diagnostic = obj({ file: str, line: num, severity: str, code: str, message: str });
const identity = obj({ kind: str, operation: nullable(str), rule: str, evidence: arr(obj({ source: str, value: str, line: num, chosen: bool })) });

/** True when `v` has the shape of a DocumentIR (see above). */
export const isDocumentIR: (v: unknown) => v is DocumentIR = obj(
  {
    file: str,
    hash: str,
    lang: str,
    format: str,
    title: nullable(str),
    operation: nullable(str),
    product: nullable(str),
    version: nullable(str),
    style: nullable(str),
    method: nullable(str),
    path: nullable(str),
    lastUpdated: nullable(str),
    tables: arr(tableInfo),
    request: arr(paramRow),
    response: arr(paramRow),
    skeleton: nullable(skeleton),
    samples: arr(sample),
    diagnostics: arr(diagnostic),
  },
  { identity },
) as (v: unknown) => v is DocumentIR;
