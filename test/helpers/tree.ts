/**
 * Helpers for tests that check what a run did to the file system: a byte-exact snapshot of a
 * folder (files, folders, symbolic links, modes), and the CLI run in a child process.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './golden.ts';

export const CLI = join(ROOT, 'generator', 'cli.ts');
/** tsx's loader by absolute URL: the CLI runs in folders that have no node_modules. */
export const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** rel path → `file <mode> <sha-free base64 of bytes>` | `dir <mode>` | `link <target>` | `other <type>`. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[r] = `link ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${mode}`;
        walk(abs, r);
      } else if (st.isFile()) out[r] = `file ${mode} ${readFileSync(abs).toString('base64')}`;
      else out[r] = `other ${st.isFIFO() ? 'fifo' : 'special'}`;
    }
  };
  walk(dir, '');
  return out;
}

export interface CliRun {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

/** Run the CLI (TypeScript through tsx) in `cwd`; the caches are off unless `env` turns them on. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, DOCS2TYPES_NO_CACHE: '1', ...opts.env },
    timeout: opts.timeout ?? 300_000,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr.split('\n').filter((l) => l && !/npm warn/.test(l)).join('\n') };
}
