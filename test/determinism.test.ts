/** Same inputs, byte-identical outputs, whatever order the documents are read in. */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIR, buildTree, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/index.ts';
import { ROOT } from './helpers/golden.ts';

describe('determinism of the whole generated/ tree', () => {
  const docs = readDocuments(findDocuments(join(ROOT, 'docs'), ROOT), { cache: false, threads: 1 });
  const manifest = loadManifest(join(ROOT, 'docs', 'manifest.json5'));

  it('two runs, the reverse order and shuffled orders give byte-identical files', async () => {
    const base = (await buildTree(buildIR(docs, manifest), manifest));
    expect(base.size).toBeGreaterThan(30);
    const again = (await buildTree(buildIR(docs, manifest), manifest));
    expect([...again]).toEqual([...base]);
    const reversed = (await buildTree(buildIR(docs.slice().reverse(), manifest), manifest));
    expect([...reversed]).toEqual([...base]);
    const orders = fc.sample(fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }), { numRuns: 2, seed: 7 });
    for (const order of orders) expect([...(await buildTree(buildIR(order, manifest), manifest))]).toEqual([...base]);
  });

  it('the committed generated/ is what the docs give', async () => {
    const { readFileSync } = await import('node:fs');
    const base = (await buildTree(buildIR(docs, manifest), manifest));
    expect(readFileSync(join(ROOT, 'generated', 'reports', 'ir.json'), 'utf8')).toBe(base.get('reports/ir.json'));
    const mod = 'cs/2015-12-15/CreateCluster.d.ts';
    expect(readFileSync(join(ROOT, 'generated', mod), 'utf8')).toBe(base.get(mod));
  });
});
