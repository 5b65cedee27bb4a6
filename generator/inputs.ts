/**
 * What a run reads, found before anything is read: the pages under the docs folder (the find
 * step of generate()), and the key of a run (every input that can change its output, hashed) for
 * the run memo (engine/run-memo.ts). Kept apart from generate.ts so that a run answered by the
 * memo loads no stage beyond the walk (module loading is a large share of such a run).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPages, type FoundDocument, type SkippedPath } from './read/find.ts';
import { InputError } from './errors.ts';
import { MARKER } from './io/output.ts';

export interface FindInputs {
  /** A folder of pages, or one page. */
  docs: string;
  /** Regular expressions; pages whose path matches one are left out. */
  exclude?: RegExp[];
  /** Paths are relative to this folder (default: the folder that holds the docs folder). */
  base?: string;
  /** Folders not to read pages from (the CLI passes the output folder). */
  skip?: string[];
}

export interface FoundInputs {
  found: FoundDocument[];
  skipped: SkippedPath[];
  /** The manifest beside the pages (it may not exist). */
  manifestPath: string;
}

/** The find step: the pages to read, what the walk skipped, where the manifest is. Throws InputError for a docs folder with no pages. */
export function findInputs(inputs: FindInputs): FoundInputs {
  const docsDir = inputs.docs;
  if (!existsSync(docsDir)) throw new InputError(`${docsDir}: docs folder not found`);
  const isDir = statSync(docsDir).isDirectory();
  const docsFolder = isDir ? resolve(docsDir) : dirname(resolve(docsDir));
  const { pages: found, skipped } = findPages(docsDir, inputs.base ?? dirname(docsFolder), { exclude: inputs.exclude ?? [], skip: inputs.skip ?? [], skipMarkedBy: [MARKER] });
  if (found.length === 0 && !skipped.some((s) => s.page) && isDir) throw new InputError(`${docsDir}: no .md or .txt pages found`);
  return { found, skipped, manifestPath: isDir ? join(docsDir, 'manifest.json5') : join(dirname(docsDir), 'manifest.json5') };
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every file under `dir`, sorted (missing: none). */
function allFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

let codeKey: string | null = null;
/** The generator's code, templates and dependencies (package.json, lockfile) and Node's version, hashed. */
export function generatorKey(): string {
  if (codeKey === null) {
    const h = createHash('sha256').update(`docs2types-run\0node:${process.versions.node}\0`);
    for (const f of [...allFiles(join(REPO, 'generator')), ...allFiles(join(REPO, 'templates')), join(REPO, 'package.json'), join(REPO, 'package-lock.json')]) {
      let bytes: Buffer | string;
      try {
        bytes = readFileSync(f);
      } catch {
        bytes = '<missing>';
      }
      h.update(`${relative(REPO, f)}\0`).update(createHash('sha256').update(bytes).digest('hex')).update('\0');
    }
    codeKey = h.digest('hex');
  }
  return codeKey;
}

/**
 * The key of a run: every input its output depends on (each page's path and bytes, what the walk
 * skipped and why, the manifest's bytes, the options that change the output, the test hooks of
 * the environment, the generator's code) and the output folder. Null when a page cannot be read
 * (the full run says why).
 */
export function runKey(inputs: FindInputs, options: { packageName?: string; sourceBaseUrl?: string }, outTarget: string): string | null {
  const { found, skipped, manifestPath } = findInputs(inputs);
  const h = createHash('sha256');
  const part = (s: string): void => {
    h.update(s).update('\0');
  };
  part(generatorKey());
  part(JSON.stringify([resolve(outTarget), options.packageName ?? null, options.sourceBaseUrl ?? null, process.env.DOCS2TYPES_FAULT ?? null, skipped]));
  try {
    part(existsSync(manifestPath) ? createHash('sha256').update(readFileSync(manifestPath)).digest('hex') : '<no manifest>');
    for (const f of found) {
      part(f.file);
      part(createHash('sha256').update(readFileSync(f.abs)).digest('hex'));
    }
  } catch {
    return null;
  }
  return h.digest('hex');
}
