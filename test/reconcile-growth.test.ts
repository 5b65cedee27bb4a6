/**
 * Reconcile is linear in the rows of a page (issue 11.4, the reconciler's half): a page of many
 * rows (a hostile or badly scraped page, or the fuzzer's bulk lines) must not cost the square of
 * its rows. The growth of the CPU time from 1,000 to 4,000 rows is asserted, not the time: linear
 * work grows about 4-5×, quadratic 16×. Before this test, an en/zh pair of 8,000 rows with a
 * sample of 8,000 keys took 127 s in reconcile (near-miss names pair by pair, the line of each
 * sample key by a scan, every response row tried against every other).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { reconcile } from '../generator/reconcile/index.ts';
import { EMPTY_MANIFEST } from '../generator/reconcile/manifest.ts';
import type { DocumentIR } from '../generator/model/ir.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const enc = new TextEncoder();

/** An en/zh pair of `n` request rows (dotted, tree and array rows), `n` response rows, and a sample of `n` keys. */
function pages(n: number): DocumentIR[] {
  const rows = (flag: string) =>
    Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `|Tag.N.K${i}|String|${flag}|d ${i}|` : i % 3 === 1 ? `|└ c${i}|Integer|${flag}|取值范围：1~5|` : `|P${i}|Array of X${i}|${flag}|d|`)).join('\n');
  const en =
    `# CreateThing\n\n## Request parameters\n\n|Parameter|Type|Required|Description|\n|--|--|--|--|\n|Action|String|Yes|CreateThing|\n${rows('Yes')}\n\n` +
    `## Response parameters\n\n|Parameter|Type|Description|\n|--|--|--|\n${Array.from({ length: n }, (_, i) => `|R${i}|String|d|`).join('\n')}\n\n` +
    `## Examples\n\n\`\`\`\n{${Array.from({ length: n }, (_, i) => `"R${i}": "x"`).join(',\n')}}\n\`\`\`\n`;
  const zh = en.replace('Request parameters', '请求参数').replace(/\|Yes\|/g, '|否|');
  return [documentFromBytes('docs/en/x.md', enc.encode(en)), documentFromBytes('docs/zh/x.md', enc.encode(zh))];
}

/** CPU milliseconds of one reconcile (the minimum of three rounds, after a full collection). */
function cpuOfReconcile(docs: DocumentIR[]): number {
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    gc();
    const t = cpu();
    reconcile(docs, EMPTY_MANIFEST);
    best = Math.min(best, cpu() - t);
  }
  return best;
}

describe('reconcile grows linearly with the rows of a page', () => {
  it('1,000 rows and 4,000 rows (en and zh, request, response, a sample of as many keys)', () => {
    const small = pages(1000);
    const large = pages(4000);
    const ops = reconcile(large, EMPTY_MANIFEST);
    expect(ops.map((o) => o.name)).toEqual(['CreateThing']);
    expect(ops[0]!.response.length).toBe(4000);
    cpuOfReconcile(small); // warm-up
    const ratio = cpuOfReconcile(large) / cpuOfReconcile(small);
    console.log(`reconcile growth 1,000 → 4,000 rows: ${ratio.toFixed(1)}×`);
    expect(ratio).toBeLessThanOrEqual(9);
  }, 120_000);
});
