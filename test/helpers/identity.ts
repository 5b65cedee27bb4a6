/**
 * "Own operation", from the identity evidence (test/identity-corpus.test.ts, test/huawei.test.ts):
 * the page is one of the documents of an operation whose name is the page's identity (ignoring
 * case), the chosen evidence includes a source that names it (H1, explorer link, Action row,
 * sample, summary sentence, file name, or the title where nothing gives an API name; never prose),
 * and where the page names an API in two or more sources, the chosen name has two or more of them
 * (it agrees with at least one other independent source).
 */
import type { DocumentIR } from '../../generator/model/ir.ts';

export const NAMING: ReadonlySet<string> = new Set(['h1', 'explorer-link', 'action', 'sample', 'summary', 'file-name', 'title']);

/** See the module comment. `op` is the name of the operation the page became, if any. */
export function isOwnOperation(d: DocumentIR, op: string | undefined): boolean {
  if (!op || d.identity.kind !== 'operation' || op.toLowerCase() !== d.identity.operation?.toLowerCase()) return false;
  const naming = d.identity.evidence.filter((e) => NAMING.has(e.source));
  const sources = new Set(naming.map((e) => e.source));
  const chosen = new Set(naming.filter((e) => e.chosen).map((e) => e.source));
  return chosen.size > 0 && (sources.size < 2 || chosen.size >= 2);
}
