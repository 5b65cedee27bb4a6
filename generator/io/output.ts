/**
 * The output folder: what docs2types may write there, and how it replaces a previous output
 * without ever losing a file.
 *
 * Ownership. `--out` is written only when it does not exist, is empty, or holds a previous output
 * of this tool: a marker file, `.docs2types-output.json`, recording the tool, its version and the
 * list of files it wrote. Anything else is refused (OutputRefused: one line, exit 2), and so is,
 * whatever else, an output that equals or contains the docs, or holds a `.git` anywhere (a git
 * work tree's root, a repository inside). A file the previous output did not list (a consumer's
 * `node_modules/`, a user's notes) is carried into the new output unchanged; one that sits where
 * the new output would write is refused.
 *
 * The swap. Node has no atomic exchange of two folders (Linux's renameat2(RENAME_EXCHANGE) is not
 * reachable without a native addon; macOS's renamex_np neither), so the write is two renames with
 * fixed, documented names beside the output (`X` = the output folder):
 *   1. the new tree is written in full into `X.docs2types-new/` (the marker first), and every file
 *      of X the old output did not list is hard-linked (copied where links fail) into it: X itself
 *      is not touched, so a kill here leaves the complete old tree at X;
 *   2. rename X → `X.docs2types-old/` (the recovery path);
 *   3. rename `X.docs2types-new/` → X: from here X is the complete new tree;
 *   4. remove `X.docs2types-old/`.
 * Killed between 2 and 3, X is missing and the complete old tree is at `X.docs2types-old/`: the
 * next run (and `check`) puts it back before anything else (recoverOutput). Leftovers have fixed
 * names, so a run killed again and again never leaves more than one of each, and the next run
 * removes them.
 *
 * One run at a time. A lock file `X.docs2types-lock` holds the owner's pid; created with link(2)
 * (atomic, never seen half-written). A second run while the owner lives is refused
 * (OutputBusy, exit 2); the lock of a dead process is taken over.
 *
 * Every file-system call of the write step goes through `fsCall`, which counts the calls: the test
 * hook DOCS2TYPES_FAULT=kill-at-fs-call:K SIGKILLs the process right before call K
 * (test/swap.test.ts kills at every K and checks what is left).
 */
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';

/** path relative to the output folder → content (the emit stage's OutputTree). */
export type OutputTree = Map<string, string>;

/** The marker file in every output folder this tool wrote. */
export const MARKER = '.docs2types-output.json';
/** Beside the output folder X: X + suffix. */
export const STAGING_SUFFIX = '.docs2types-new';
export const RECOVERY_SUFFIX = '.docs2types-old';
export const LOCK_SUFFIX = '.docs2types-lock';

/** The output folder cannot be written: one line, exit 2. */
export class OutputRefused extends InputError {
  override name = 'OutputRefused';
}

/** Another run is writing the same output folder: one line, exit 2. */
export class OutputBusy extends OutputRefused {
  override name = 'OutputBusy';
}

const HERE = dirname(fileURLToPath(import.meta.url));

let toolVersion: string | null = null;
/** The generator's version (package.json), recorded in the marker. */
export function generatorVersion(): string {
  if (toolVersion === null) {
    try {
      toolVersion = String((JSON.parse(fs.readFileSync(join(HERE, '..', '..', 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      toolVersion = '0.0.0';
    }
  }
  return toolVersion;
}

// ---------------------------------------------------------------------------------------------
// Counted file-system calls (the kill-injection hook)
// ---------------------------------------------------------------------------------------------

let calls = 0;
function killAt(): number {
  const m = /^kill-at-fs-call:(\d+)$/.exec(process.env.DOCS2TYPES_FAULT ?? '');
  return m ? Number(m[1]) : 0;
}

/** One file-system call of the write step: counted, and the place where the test hook kills. */
function fsCall<T>(f: () => T): T {
  calls++;
  if (calls === killAt()) process.kill(process.pid, 'SIGKILL');
  return f();
}

/** File-system calls made by this process's write steps so far (tests use it to enumerate kill points). */
export function fsCallCount(): number {
  return calls;
}

function exists(p: string): boolean {
  return fsCall(() => {
    try {
      fs.lstatSync(p);
      return true;
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

export interface OutputPaths {
  /** The output folder (absolute; a symbolic link to a folder is followed). */
  target: string;
  staging: string;
  recovery: string;
  lock: string;
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realish(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = fs.realpathSync(cur);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const up = dirname(cur);
      if (up === cur) return abs;
      rest.push(basename(cur));
      cur = up;
    }
  }
}

export function outputPaths(outDir: string): OutputPaths {
  const target = realish(outDir);
  return { target, staging: target + STAGING_SUFFIX, recovery: target + RECOVERY_SUFFIX, lock: target + LOCK_SUFFIX };
}

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

// ---------------------------------------------------------------------------------------------
// The marker
// ---------------------------------------------------------------------------------------------

export interface Marker {
  tool: 'docs2types';
  version: string;
  files: string[];
}

function sortedPaths(tree: OutputTree): string[] {
  return [...tree.keys()].filter((k) => k !== MARKER).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The marker's text for a tree: deterministic (no time, no pid), one file a line (merges well). */
export function markerText(tree: OutputTree): string {
  const body = {
    tool: 'docs2types',
    version: generatorVersion(),
    note: 'Written by docs2types. The files listed here are its output: the next run replaces them. Anything else in this folder is yours and is kept.',
    files: sortedPaths(tree),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The tree as written: the generated files and the marker. */
export function withMarker(tree: OutputTree): OutputTree {
  const out: OutputTree = new Map(tree);
  out.delete(MARKER);
  out.set(MARKER, markerText(tree));
  return out;
}

function safeRel(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** The marker of a folder: null when there is none; throws OutputRefused when it is damaged. */
function readMarker(target: string): Marker | null {
  const path = join(target, MARKER);
  let text: string;
  try {
    text = fsCall(() => fs.readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new OutputRefused(`refusing to write into ${target}: its ${MARKER} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); fix its permissions, or choose another folder with --out`);
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    m = null;
  }
  const ok = typeof m === 'object' && m !== null && (m as Marker).tool === 'docs2types' && Array.isArray((m as Marker).files) && (m as Marker).files.every(safeRel);
  if (!ok) throw new OutputRefused(`refusing to write into ${target}: its ${MARKER} is damaged, so what docs2types wrote there is unknown; restore it (e.g. from git), or empty the folder yourself, or choose another folder with --out`);
  return m as Marker;
}

// ---------------------------------------------------------------------------------------------
// What is in the folder: ours (listed), foreign (everything else)
// ---------------------------------------------------------------------------------------------

type State =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'ours'; marker: Marker; foreign: string[] };

/**
 * The maximal entries of `target` that the marker does not list (a folder with no listed file
 * under it is one entry), sorted. Throws OutputRefused for a `.git` anywhere.
 */
function foreignEntries(target: string, listed: Set<string>): string[] {
  const dirsOfListed = new Set<string>();
  for (const f of listed) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) dirsOfListed.add(f.slice(0, i));
  const out: string[] = [];
  const walk = (rel: string): void => {
    const names = fsCall(() => fs.readdirSync(rel ? join(target, rel) : target)).sort();
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      if (name === '.git') throw new OutputRefused(`refusing to write into ${target}: it holds ${r} (a git repository); the output must be a folder of its own, e.g. --out generated`);
      if (r === MARKER) continue;
      const st = fsCall(() => fs.lstatSync(join(target, r)));
      if (st.isDirectory()) {
        if (dirsOfListed.has(r)) walk(r);
        else {
          assertNoGit(join(target, r), target);
          out.push(r);
        }
      } else if (!listed.has(r)) out.push(r);
    }
  };
  walk('');
  return out;
}

/** A folder that is carried over whole must not hold a `.git` either. */
function assertNoGit(dir: string, target: string): void {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fsCall(() => fs.readdirSync(d, { withFileTypes: true }))) {
      if (e.name === '.git') throw new OutputRefused(`refusing to write into ${target}: it holds ${relative(target, join(d, e.name)).split(sep).join('/')} (a git repository); the output must be a folder of its own, e.g. --out generated`);
      if (e.isDirectory()) stack.push(join(d, e.name));
    }
  }
}

function stateOf(target: string): State {
  let st: fs.Stats;
  try {
    st = fsCall(() => fs.statSync(target));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw new OutputRefused(`refusing to write into ${target}: it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another folder with --out`);
  }
  if (!st.isDirectory()) throw new OutputRefused(`refusing to write into ${target}: it is a file, not a folder; choose a folder with --out`);
  const names = fsCall(() => fs.readdirSync(target));
  if (names.length === 0) return { kind: 'empty' };
  if (names.includes('.git')) throw new OutputRefused(`refusing to write into ${target}: it holds .git (a git work tree); the output must be a folder of its own, e.g. --out generated`);
  const marker = names.includes(MARKER) ? readMarker(target) : null;
  if (!marker) throw new OutputRefused(`refusing to write into ${target}: it is not empty and holds no ${MARKER}, so it is not an output of docs2types; choose a new or empty folder with --out (or empty this one yourself)`);
  return { kind: 'ours', marker, foreign: foreignEntries(target, new Set(marker.files)) };
}

export interface OwnershipOptions {
  /** The docs folder (or page): an output that equals or contains it is refused. */
  docs?: string;
}

/**
 * Throws OutputRefused unless docs2types may write `outDir` (see the module comment). Writes
 * nothing. An output that is missing while its recovery copy exists is fine: the next locked
 * step puts the copy back first.
 */
export function assertWritable(outDir: string, opts: OwnershipOptions = {}): void {
  const p = outputPaths(outDir);
  assertNotDocs(p, opts);
  const s = stateOf(p.target);
  if (s.kind === 'absent' && exists(p.recovery)) stateOf(p.recovery);
}

function assertNotDocs(p: OutputPaths, opts: OwnershipOptions): void {
  if (opts.docs === undefined) return;
  const docs = realish(opts.docs);
  if (inside(docs, p.target)) throw new OutputRefused(`refusing to write into ${p.target}: it ${docs === p.target ? 'is' : 'contains'} the docs folder ${docs}; the output must be a folder of its own, e.g. --out generated`);
}

/**
 * A foreign entry where the new tree writes a file (or a folder of its files) is refused, unless
 * it is a file holding exactly the bytes the new tree writes there (nothing of anyone's is lost:
 * e.g. a file another branch committed into the output before the marker listed it). Returns
 * the foreign entries to carry over (those taken over are not).
 */
function checkClashes(target: string, s: Extract<State, { kind: 'ours' }>, tree: OutputTree): string[] {
  const dirs = new Set<string>();
  for (const f of tree.keys()) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
  const carry: string[] = [];
  for (const f of s.foreign) {
    if (!(tree.has(f) || dirs.has(f) || [...prefixes(f)].some((d) => tree.has(d)))) {
      carry.push(f);
      continue;
    }
    if (tree.has(f) && fsCall(() => fileContent(join(target, f))) === tree.get(f)) continue; // the same bytes: taken over
    throw new OutputRefused(`refusing to write into ${target}: ${f} is not listed in its ${MARKER} (docs2types did not write it) and the new output would write there; move it away and run again`);
  }
  return carry;
}

function* prefixes(f: string): Generator<string> {
  for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) yield f.slice(0, i);
}

// ---------------------------------------------------------------------------------------------
// The lock
// ---------------------------------------------------------------------------------------------

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockOwner {
  pid: number;
  host: string;
}

function parseLock(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

export class OutputLock {
  private held = true;
  private constructor(
    readonly path: string,
    private readonly text: string,
  ) {}

  /**
   * Take the lock of `outDir`'s writes. A live owner: OutputBusy. A dead one (same host, pid
   * gone) or a lock that is not a docs2types lock: taken over.
   */
  static acquire(outDir: string): OutputLock {
    const p = outputPaths(outDir);
    const text = `${JSON.stringify({ tool: 'docs2types', pid: process.pid, host: hostname() })}\n`;
    const mine = `${p.lock}-${process.pid}`;
    fsCall(() => fs.mkdirSync(dirname(p.lock), { recursive: true }));
    sweepLockLeftovers(p.lock);
    fsCall(() => fs.writeFileSync(mine, text));
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          fsCall(() => fs.linkSync(mine, p.lock));
          return new OutputLock(p.lock, text);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputRefused(`cannot lock ${p.target} (${(e as NodeJS.ErrnoException).code ?? 'error'} on ${p.lock})`);
        }
        let seen: string;
        try {
          seen = fsCall(() => fs.readFileSync(p.lock, 'utf8'));
        } catch {
          continue; // released meanwhile: try again
        }
        const owner = parseLock(seen);
        if (owner && (owner.host !== hostname() || alive(owner.pid))) {
          throw new OutputBusy(`${p.target} is being written by another docs2types run (pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}); run again when it has finished, or remove ${p.lock} if no run is going on`);
        }
        // Stale: move it aside (atomic), and remove it only if it is still the one we judged.
        const aside = `${p.lock}-stale-${process.pid}`;
        try {
          fsCall(() => fs.renameSync(p.lock, aside));
        } catch {
          continue;
        }
        const moved = fsCall(() => fs.readFileSync(aside, 'utf8'));
        if (moved === seen) fsCall(() => fs.rmSync(aside, { force: true }));
        else {
          // Another run took it over between our read and our rename: give its lock back.
          try {
            fsCall(() => fs.linkSync(aside, p.lock));
          } catch {
            /* a third run holds it now */
          }
          fsCall(() => fs.rmSync(aside, { force: true }));
        }
      }
      throw new OutputBusy(`${p.target} is being written by another docs2types run; run again when it has finished, or remove ${p.lock} if no run is going on`);
    } finally {
      fsCall(() => fs.rmSync(mine, { force: true }));
    }
  }

  /** Still ours? (A lock file someone removed or replaced is not.) */
  holds(): boolean {
    try {
      return this.held && fsCall(() => fs.readFileSync(this.path, 'utf8')) === this.text;
    } catch {
      return false;
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.holdsFile()) fsCall(() => fs.rmSync(this.path, { force: true }));
  }

  private holdsFile(): boolean {
    try {
      return fsCall(() => fs.readFileSync(this.path, 'utf8')) === this.text;
    } catch {
      return false;
    }
  }
}

/** `X.docs2types-lock-PID` and `X.docs2types-lock-stale-PID` of dead processes (killed mid-acquire). */
function sweepLockLeftovers(lock: string): void {
  const dir = dirname(lock);
  const base = basename(lock);
  for (const name of fsCall(() => fs.readdirSync(dir))) {
    if (!name.startsWith(`${base}-`)) continue;
    const m = /^(?:stale-)?(\d+)$/.exec(name.slice(base.length + 1));
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) fsCall(() => fs.rmSync(join(dir, name), { force: true }));
  }
}

// ---------------------------------------------------------------------------------------------
// Recovery, write, compare
// ---------------------------------------------------------------------------------------------

export interface Recovery {
  /** The old tree was put back from the recovery path (a run was killed between the renames). */
  restored: boolean;
  /** Leftovers removed (a staging tree, a recovery copy whose swap had finished). */
  removed: string[];
}

/**
 * Put the output folder back into a complete state after a killed run: the first thing every
 * run and `check` does (under the lock). Throws OutputRefused when the leftovers and the folder
 * contradict each other (a recovery copy beside an output folder that is not ours).
 */
export function recoverOutput(outDir: string): Recovery {
  const p = outputPaths(outDir);
  const rec: Recovery = { restored: false, removed: [] };
  if (exists(p.recovery)) {
    if (!exists(p.target)) {
      fsCall(() => fs.renameSync(p.recovery, p.target));
      rec.restored = true;
    } else {
      let ours = false;
      try {
        ours = fsCall(() => fs.statSync(p.target)).isDirectory() && readMarker(p.target) !== null;
      } catch {
        ours = false;
      }
      if (!ours) throw new OutputRefused(`refusing to write into ${p.target}: ${p.recovery} holds a previous output and ${p.target} is not one; move one of them away`);
      fsCall(() => fs.rmSync(p.recovery, { recursive: true, force: true }));
      rec.removed.push(p.recovery);
    }
  }
  if (exists(p.staging)) {
    fsCall(() => fs.rmSync(p.staging, { recursive: true, force: true }));
    rec.removed.push(p.staging);
  }
  return rec;
}

/** True when a killed run left something to recover beside `outDir`. */
export function needsRecovery(outDir: string): boolean {
  const p = outputPaths(outDir);
  return exists(p.recovery) || exists(p.staging);
}

/** Link (or copy, where links are not possible) `from` into `to`: files, links, folders. */
function carry(from: string, to: string): void {
  const st = fsCall(() => fs.lstatSync(from));
  if (st.isDirectory()) {
    fsCall(() => fs.mkdirSync(to, { mode: st.mode & 0o7777 }));
    for (const name of fsCall(() => fs.readdirSync(from)).sort()) carry(join(from, name), join(to, name));
    return;
  }
  try {
    fsCall(() => fs.linkSync(from, to));
  } catch (e) {
    if (st.isSymbolicLink()) fsCall(() => fs.symlinkSync(fs.readlinkSync(from), to));
    else if (st.isFile()) fsCall(() => fs.copyFileSync(from, to));
    else throw new OutputRefused(`cannot carry ${from} into the new output (${(e as NodeJS.ErrnoException).code ?? 'error'}): move it out of the output folder`);
  }
}

export interface WriteOptions extends OwnershipOptions {
  /** A lock the caller already holds (the CLI takes it for the whole run); else one is taken here. */
  lock?: OutputLock;
  /** Files written so far of all of them. */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteStats {
  /** Files of the tree written (the marker included). */
  files: number;
  /** Entries the previous output did not list, carried over. */
  carried: number;
  recovery: Recovery;
}

/**
 * Write `tree` (plus the marker) to `outDir` as described in the module comment. Throws
 * OutputRefused (nothing written) when the folder is not docs2types's to write, OutputBusy when
 * another run holds the lock.
 */
export function writeTreeAtomic(outDir: string, tree: OutputTree, opts: WriteOptions = {}): WriteStats {
  const p = outputPaths(outDir);
  assertNotDocs(p, opts);
  const lock = opts.lock ?? OutputLock.acquire(outDir);
  try {
    const recovery = recoverOutput(outDir);
    const s = stateOf(p.target);
    const full = withMarker(tree);
    const foreign = s.kind === 'ours' ? checkClashes(p.target, s, full) : [];
    if (!lock.holds()) throw new OutputBusy(`${p.target}: the lock ${p.lock} was taken by another run; nothing was written`);
    fsCall(() => fs.mkdirSync(p.staging, { recursive: true }));
    const made = new Set<string>([p.staging]);
    const entries: [string, string][] = [[MARKER, full.get(MARKER)!], ...sortedPaths(tree).map((k): [string, string] => [k, full.get(k)!])];
    entries.forEach(([rel, content], i) => {
      const abs = join(p.staging, rel);
      const dir = dirname(abs);
      if (!made.has(dir)) {
        fsCall(() => fs.mkdirSync(dir, { recursive: true }));
        for (let d = dir; d.length > p.staging.length && !made.has(d); d = dirname(d)) made.add(d);
      }
      fsCall(() => fs.writeFileSync(abs, content));
      opts.onProgress?.(i + 1, entries.length);
    });
    for (const f of foreign) {
      const to = join(p.staging, f);
      const dir = dirname(to);
      if (!made.has(dir)) {
        fsCall(() => fs.mkdirSync(dir, { recursive: true }));
        for (let d = dir; d.length > p.staging.length && !made.has(d); d = dirname(d)) made.add(d);
      }
      carry(join(p.target, f), to);
    }
    if (!lock.holds()) throw new OutputBusy(`${p.target}: the lock ${p.lock} was taken by another run; nothing was swapped in`);
    if (s.kind !== 'absent') fsCall(() => fs.renameSync(p.target, p.recovery));
    fsCall(() => fs.renameSync(p.staging, p.target));
    if (s.kind !== 'absent') fsCall(() => fs.rmSync(p.recovery, { recursive: true, force: true }));
    return { files: entries.length, carried: foreign.length, recovery };
  } catch (e) {
    // Whatever failed, leave the complete old (or new) tree at X and no staging tree beside it
    // (unless the lock is someone else's now: then the staging tree may be theirs).
    try {
      if (lock.holds()) recoverOutput(outDir);
    } catch {
      /* the next run recovers */
    }
    throw e;
  } finally {
    if (!opts.lock) lock.release();
  }
}

export interface Staleness {
  /** Files whose content differs from what the run would write. */
  stale: string[];
  /** Files the run would write that are not there. */
  missing: string[];
  /** Files the previous output listed that the run would not write any more (it would remove them). */
  extra: string[];
  /**
   * Files and folders (`name/`) docs2types did not write: listed for information only, never
   * stale (generate keeps them, so no run could make check green by removing them).
   */
  foreign: string[];
}

/** What differs between `outDir` and `tree` (plus its marker); files docs2types did not write are not its business. */
export function compareTree(outDir: string, tree: OutputTree): Staleness {
  const { target } = outputPaths(outDir);
  const full = withMarker(tree);
  const r: Staleness = { stale: [], missing: [], extra: [], foreign: [] };
  for (const [rel, content] of [...full].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const has = fileContent(join(target, rel));
    if (has === null) r.missing.push(rel);
    else if (has !== content) r.stale.push(rel);
  }
  let marker: Marker | null = null;
  try {
    marker = readMarker(target);
  } catch {
    marker = null;
  }
  for (const rel of marker?.files ?? []) if (!full.has(rel) && fileContent(join(target, rel)) !== null) r.extra.push(rel);
  if (marker) {
    try {
      const known = new Set([...marker.files, ...full.keys()]);
      r.foreign = foreignEntries(target, known).map((f) => (fs.lstatSync(join(target, f)).isDirectory() ? `${f}/` : f));
    } catch {
      r.foreign = []; // informational only
    }
  }
  return r;
}

/**
 * True when `outDir` holds exactly `tree` and its marker (same files, same bytes): a run that
 * would write what is there already writes nothing.
 */
export function treeIsCurrent(outDir: string, tree: OutputTree): boolean {
  // compareTree's answer, stopping at the first difference (a run that has something to write
  // need not read the whole old tree): the marker first (it lists every file: a file added or
  // removed differs there), then each file, its size before its bytes.
  const { target } = outputPaths(outDir);
  const marker = markerText(tree);
  if (fileContent(join(target, MARKER)) !== marker) return false;
  for (const [rel, content] of tree) {
    if (rel === MARKER) continue;
    const abs = join(target, rel);
    let size: number;
    try {
      size = fs.statSync(abs).size;
    } catch {
      return false;
    }
    if (size !== Buffer.byteLength(content) || fileContent(abs) !== content) return false;
  }
  return true;
}

function fileContent(abs: string): string | null {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The signature of what docs2types left in `outDir`: path, type, size, inode, mtime and ctime
 * (nanoseconds) of its marker and of every file the marker lists, hashed; null when the folder
 * has no readable marker or a listed file is missing or not a regular file. Any write, rename,
 * touch or removal of one of them since changes it (ctime cannot be set back), so an equal
 * signature means the folder holds what it held when the signature was taken (the run memo,
 * engine/run-memo.ts). Files docs2types did not write are not part of it.
 */
export function outputSignature(outDir: string): string | null {
  const { target } = outputPaths(outDir);
  let marker: Marker | null;
  try {
    marker = readMarker(target);
  } catch {
    return null;
  }
  if (!marker) return null;
  const h = createHash('sha256');
  for (const rel of [MARKER, ...marker.files]) {
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(join(target, rel), { bigint: true });
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    h.update(`${rel}\0${st.size}\0${st.dev}:${st.ino}\0${st.mtimeNs}\0${st.ctimeNs}\0${st.mode}\n`);
  }
  return h.digest('hex');
}
