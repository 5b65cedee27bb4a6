/**
 * The output tree: every generated file as (relative path → content). Written atomically —
 * into a temporary sibling folder, then swapped in by rename — so a failed or killed run
 * never leaves a half-written `generated/`. `--check` compares instead of writing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** path relative to the output folder → content (the emit stage's OutputTree). */
export type OutputTree = Map<string, string>;

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(abs).isDirectory()) {
      if (name === 'node_modules') continue;
      out.push(...listFiles(abs, rel));
    } else out.push(rel);
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Remove what a killed run left beside the output (`X.tmp-PID`, `X.old-PID` of dead processes). */
function sweepLeftovers(target: string): void {
  const dir = dirname(target);
  const base = target.slice(dir.length + 1);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)$`).exec(name);
    if (m && !alive(Number(m[2]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

export function writeTreeAtomic(outDir: string, tree: OutputTree): void {
  const target = resolve(outDir);
  const tmp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  sweepLeftovers(target);
  rmSync(tmp, { recursive: true, force: true });
  const entries = [...tree].sort(([a], [b]) => (a < b ? -1 : 1));
  entries.forEach(([rel, content], i) => {
    // Test hook: die half-way through writing, as a killed process would.
    if (process.env.DOCS2TYPES_FAULT === 'kill-during-write' && i === Math.floor(entries.length / 2)) process.kill(process.pid, 'SIGKILL');
    const abs = join(tmp, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  });
  mkdirSync(tmp, { recursive: true });
  // Keep a consumer's node_modules (installed into the package) across the swap.
  const nm = join(target, 'node_modules');
  if (existsSync(nm)) renameSync(nm, join(tmp, 'node_modules'));
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}

/** Paths whose content differs from the tree, is missing, or is not produced any more. */
export function staleFiles(outDir: string, tree: OutputTree): string[] {
  const stale = new Set<string>();
  for (const [rel, content] of tree) if (!fileHolds(join(outDir, rel), content)) stale.add(rel);
  for (const rel of listFiles(outDir)) if (!tree.has(rel)) stale.add(rel);
  return [...stale].sort();
}

/**
 * True when `outDir` holds exactly `tree` (same files, same bytes): a run that would write what
 * is there already writes nothing (rewriting the whole corpus package costs seconds of file
 * system work). Stops at the first difference.
 */
export function treeIsCurrent(outDir: string, tree: OutputTree): boolean {
  const present = listFiles(outDir);
  if (present.length !== tree.size || present.some((rel) => !tree.has(rel))) return false;
  for (const [rel, content] of tree) if (!fileHolds(join(outDir, rel), content)) return false;
  return true;
}

function fileHolds(abs: string, content: string): boolean {
  try {
    return readFileSync(abs, 'utf8') === content;
  } catch {
    return false;
  }
}
