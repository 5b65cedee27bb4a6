/**
 * The fuzz property: reading a mutated page never throws, stays within its time budget, and
 * every problem it reports names a file and a line of that page.
 */
import { performance } from 'node:perf_hooks';
import { documentFromBytes } from '../../generator/parse/index.ts';
import { reconcile } from '../../generator/reconcile/index.ts';

export interface FuzzOutcome {
  ms: number;
  problem: string | null;
}

export function fuzzOne(file: string, bytes: Uint8Array, budgetMs: number): FuzzOutcome {
  const t = performance.now();
  let problem: string | null = null;
  try {
    const doc = documentFromBytes(file, bytes);
    const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/).length;
    for (const d of doc.diagnostics) {
      if (d.file !== file || !Number.isInteger(d.line) || d.line < 1 || d.line > lines + 1) problem = `diagnostic without a valid file:line: ${JSON.stringify(d)}`;
    }
    for (const r of [...doc.request, ...doc.response]) if (r.source.line < 1 || r.source.line > lines) problem = `row ${r.name} has line ${r.source.line} of ${lines}`;
    reconcile([doc]);
  } catch (e) {
    problem = `threw: ${(e as Error).stack ?? e}`;
  }
  const ms = performance.now() - t;
  if (!problem && ms > budgetMs) problem = `took ${Math.round(ms)} ms (budget ${budgetMs} ms)`;
  return { ms, problem };
}
