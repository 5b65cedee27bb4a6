/**
 * docs/manifest.json5: facts about the docs that the pages do not state themselves (dates of
 * undated pages, twin pages, names for cluster kinds), plus the reconcile options. JSON5 so
 * it can carry comments explaining each choice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError, parseJson5 } from '../errors.ts';
import { DEFAULT_OPTIONS, type ReconcileOptions } from './rules.ts';

export interface PageEntry {
  date?: string;
  why?: string;
  /** File name of the other-language twin of this page. */
  twin?: string;
}

export interface Manifest {
  /** Keyed by file name (not path), so the manifest survives the docs folder moving. */
  pages: Record<string, PageEntry>;
  /** Names for variants, keyed by discriminator (`cluster_type=Kubernetes`, `cluster_type=ManagedKubernetes,profile=Edge`). */
  variantNames: Record<string, string>;
  options: ReconcileOptions;
}

export class ManifestError extends InputError {
  override name = 'ManifestError';
}

export const EMPTY_MANIFEST: Manifest = { pages: {}, variantNames: {}, options: DEFAULT_OPTIONS };

export function parseManifest(text: string, file: string): Manifest {
  const raw = parseJson5(text, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ManifestError(`${file}:1: expected an object`);
  const o = raw as Record<string, unknown>;
  const pages: Record<string, PageEntry> = {};
  for (const [name, v] of Object.entries((o.pages as Record<string, unknown>) ?? {})) {
    if (typeof v !== 'object' || v === null) throw new ManifestError(`${file}: pages.${name} must be an object`);
    const e = v as Record<string, unknown>;
    if (e.date !== undefined && (typeof e.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.date))) throw new ManifestError(`${file}: pages.${name}.date must be YYYY-MM-DD`);
    pages[name] = { date: e.date as string | undefined, why: e.why as string | undefined, twin: e.twin as string | undefined };
  }
  const options = { ...DEFAULT_OPTIONS, ...((o.options as Partial<ReconcileOptions>) ?? {}) };
  if (!['newest', 'oldest'].includes(options.datePrecedence)) throw new ManifestError(`${file}: options.datePrecedence must be "newest" or "oldest"`);
  if (!['en', 'zh'].includes(options.preferLanguage)) throw new ManifestError(`${file}: options.preferLanguage must be "en" or "zh"`);
  return { pages, variantNames: (o.variantNames as Record<string, string>) ?? {}, options };
}

export function loadManifest(path: string): Manifest {
  if (!existsSync(path)) return EMPTY_MANIFEST;
  return parseManifest(readFileSync(path, 'utf8'), path);
}
