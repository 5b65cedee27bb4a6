/** Validators never throw: arbitrary values from fast-check (JSON and not) get a result object every time. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/golden.ts';

type Result = { ok: boolean; errors?: unknown[]; warnings?: unknown[] };

describe('generated validators on arbitrary input', async () => {
  const pkg = (await import(pathToFileURL(join(ROOT, 'generated', 'cs', '2015-12-15', 'CreateCluster.js')).href)) as Record<string, (v: unknown, o?: unknown) => Result>;
  const validators = Object.entries(pkg).filter(([k, v]) => k.startsWith('validate') && typeof v === 'function');

  it('exports the request and response validators', () => {
    expect(validators.map(([k]) => k).sort()).toEqual(['validateCreateClusterRequest', 'validateCreateClusterResponse']);
  });

  const shaped = (v: unknown): boolean => {
    const r = v as Result;
    return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' && (r.ok || Array.isArray(r.errors));
  };

  it('any JSON value, at any depth: a result, never an exception (seeded)', () => {
    for (const [, validate] of validators) {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => shaped(validate(v)) && shaped(validate(JSON.parse(JSON.stringify(v))))),
        { seed: 11, numRuns: 500 },
      );
    }
  });

  it('objects with the real parameter names and random values: a result, never an exception (seeded)', () => {
    const names = ['name', 'cluster_type', 'profile', 'runtime', 'tags', 'nodepools', 'worker_data_disks', 'num_of_nodes', '__proto__', 'constructor'];
    const arb = fc.dictionary(fc.constantFrom(...names), fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }));
    for (const [, validate] of validators) fc.assert(fc.property(arb, (v) => shaped(validate(v))), { seed: 12, numRuns: 500 });
  });
});
