/**
 * The pipeline, stage by stage: read → parse → (reconcile → emit, added by later stages).
 * Pure functions called in order; the CLI does the file system work around them.
 */
import { IR_VERSION, type DocumentIR, type IR } from './model/ir.ts';
import { findDocuments, type FoundDocument } from './read/find.ts';
import { readDocument } from './read/index.ts';
import { readDocumentsPooled, type ReadOptions } from './read/pool.ts';
import { parseDocument } from './parse/index.ts';
import { reconcile } from './reconcile/index.ts';
import { EMPTY_MANIFEST, type Manifest } from './reconcile/manifest.ts';

export function documentFromBytes(file: string, bytes: Uint8Array): DocumentIR {
  return parseDocument(readDocument(file, bytes));
}

/**
 * Read pages to DocumentIR: cached by content hash (`.cache/docs2types`, `opts.cache`, off with
 * DOCS2TYPES_NO_CACHE=1), parsed on worker threads when there are many. Sorted by file.
 */
export function readDocuments(found: FoundDocument[], opts: ReadOptions = {}): DocumentIR[] {
  return sortDocuments(readDocumentsPooled(found, opts));
}

export function sortDocuments(docs: DocumentIR[]): DocumentIR[] {
  return docs.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function buildIR(documents: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST): IR {
  const sorted = sortDocuments(documents);
  return { irVersion: IR_VERSION, documents: sorted, operations: reconcile(sorted, manifest) };
}

export { findDocuments };
