/**
 * Inputs of `docs2types diff`: a page, a folder of pages, or an IR file (generated/reports/ir.json),
 * read into a Side. Paths inside reports are relative to the parent of the folder given (or
 * of the page's folder), so `docs/001_….txt` and `history/CreateCluster….md` read the same
 * wherever the command runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DocumentIR, IR, OperationModel } from '../model/ir.ts';
import { documentFromBytes } from '../parse/index.ts';
import { findDocuments } from '../read/find.ts';
import { loadManifest, reconcile, type Manifest } from '../reconcile/index.ts';
import type { PageSummary } from './compare.ts';

export class DiffUsageError extends Error {}

export interface Side {
  /** As given on the command line, or a short name. */
  label: string;
  docs: DocumentIR[];
  manifest: Manifest;
  /** Reconciled operations, when the input was an IR file (else reconciled from `docs`). */
  operations: OperationModel[] | null;
  /** The folder the side was read from (for the timeline), or null. */
  dir: string | null;
}

function readPages(root: string, base: string): DocumentIR[] {
  return findDocuments(root, base).map((f) => documentFromBytes(f.file, readFileSync(f.abs)));
}

function isIR(v: unknown): v is IR {
  const o = v as Partial<IR> | null;
  return typeof o === 'object' && o !== null && typeof o.irVersion === 'number' && Array.isArray(o.documents) && Array.isArray(o.operations);
}

export function loadSide(path: string, label: string = path): Side {
  if (!existsSync(path)) throw new DiffUsageError(`not found: ${path}`);
  const abs = resolve(path);
  const st = statSync(abs);
  if (st.isFile() && /\.json$/i.test(abs)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(abs, 'utf8'));
    } catch (e) {
      throw new DiffUsageError(`${path}: not valid JSON (${(e as Error).message})`);
    }
    if (!isIR(raw)) throw new DiffUsageError(`${path}: not an IR file (expected irVersion, documents, operations)`);
    return { label, docs: raw.documents, manifest: loadManifest(join(dirname(abs), 'manifest.json5')), operations: raw.operations, dir: null };
  }
  if (st.isFile()) {
    if (!/\.(md|txt)$/i.test(abs)) throw new DiffUsageError(`${path}: expected a .md or .txt page, a folder, or an IR .json file`);
    const dir = dirname(abs);
    return { label, docs: readPages(abs, dirname(dir)), manifest: loadManifest(join(dir, 'manifest.json5')), operations: null, dir: null };
  }
  const docs = readPages(abs, dirname(abs));
  if (docs.length === 0) throw new DiffUsageError(`no .md or .txt pages under ${path}`);
  return { label, docs, manifest: loadManifest(join(abs, 'manifest.json5')), operations: null, dir: abs };
}

/** A date in a file name: `CreateCluster.zh-CN.4f1729203.2020-12-03.md`, `page_2021-06-03.txt`. */
export function dateFromFileName(file: string): string | null {
  const m = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?=[^\d]|$)/.exec(basename(file));
  return m ? m[1]! : null;
}

/** A page's date: its "Last Updated" line, else a date in its file name, else the folder's manifest. */
export function pageDate(doc: DocumentIR, manifest: Manifest): Pick<PageSummary, 'date' | 'dateFrom'> {
  if (doc.lastUpdated) return { date: doc.lastUpdated, dateFrom: 'page' };
  const fromName = dateFromFileName(doc.file);
  if (fromName) return { date: fromName, dateFrom: 'file name' };
  const entry = manifest.pages[basename(doc.file)];
  if (entry?.date) return { date: entry.date, dateFrom: 'manifest' };
  return { date: null, dateFrom: null };
}

/**
 * Pages that name no operation (an old page without the OpenAPI Explorer link, titled in
 * prose) join the one operation the other pages name, when there is exactly one. Returns the
 * documents (copies where a name was given) and a note per adopted page.
 */
export function adoptOperation(docs: DocumentIR[], others: DocumentIR[] = []): { docs: DocumentIR[]; notes: string[] } {
  const names = [...new Set([...docs, ...others].map((d) => d.operation).filter((x): x is string => Boolean(x)))];
  const notes: string[] = [];
  if (names.length !== 1) return { docs, notes };
  const name = names[0]!;
  const out = docs.map((d) => {
    if (d.operation || d.request.length === 0) return d;
    notes.push(`${d.file} names no operation (no OpenAPI Explorer link, title "${d.title ?? ''}"): compared as ${name}, the only operation of the other pages.`);
    return { ...d, operation: name };
  });
  return { docs: out, notes };
}

export function operationsOf(side: Side, docs: DocumentIR[]): OperationModel[] {
  return side.operations ?? reconcile(docs, side.manifest);
}
