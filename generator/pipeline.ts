/**
 * The pipeline, stage by stage: read → parse → (reconcile → emit, added by later stages).
 * Pure functions called in order; the CLI does the file system work around them.
 */
import { readFileSync } from 'node:fs';
import { IR_VERSION, type DocumentIR, type IR } from './model/ir.ts';
import { findDocuments, type FoundDocument } from './read/find.ts';
import { readDocument } from './read/index.ts';
import { parseDocument } from './parse/index.ts';
import { reconcile } from './reconcile/index.ts';
import { EMPTY_MANIFEST, type Manifest } from './reconcile/manifest.ts';

export function documentFromBytes(file: string, bytes: Uint8Array): DocumentIR {
  return parseDocument(readDocument(file, bytes));
}

export function readDocuments(found: FoundDocument[]): DocumentIR[] {
  const docs = found.map((f) => documentFromBytes(f.file, readFileSync(f.abs)));
  return sortDocuments(docs);
}

export function sortDocuments(docs: DocumentIR[]): DocumentIR[] {
  return docs.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function buildIR(documents: DocumentIR[], manifest: Manifest = EMPTY_MANIFEST): IR {
  const sorted = sortDocuments(documents);
  return { irVersion: IR_VERSION, documents: sorted, operations: reconcile(sorted, manifest) };
}

export { findDocuments };
