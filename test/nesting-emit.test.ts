/**
 * Deep nesting costs linear work in emit (issue 11.1): a page with 30 levels of `└` nesting used to
 * end the run with `Invalid string length` after 1.7 GB (`deepModelKey` re-escaped the key at every
 * level). A chain of nested models now emits, type-checked, and building the module source grows
 * linearly with the depth (the ratio between depths 40 and 160 is asserted, not a wall time).
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { IR, Model, OperationModel, Parameter, TypeRef } from '../generator/model/ir.ts';
import { emit } from '../generator/emit/index.ts';
import { operationShapes } from '../generator/emit/shapes.ts';
import { emitModule } from '../generator/emit/module.ts';
import { operationSamples } from '../generator/emit/samples.ts';
import { plainCite } from '../generator/emit/types.ts';

function param(name: string, type: TypeRef, required = false): Parameter {
  return { name, type, required, requiredKnown: true, deprecated: false, description: { en: `Level ${name}.`, zh: null }, examples: [], position: null, in: null, sampleOnly: false, sources: [{ file: 'docs/deep.md', line: 1 }], factSources: {} };
}

/** An operation whose request nests `depth` models, each holding the next (as 30 rows of └ give). */
function deepOp(depth: number): OperationModel {
  const models: Model[] = [];
  for (let i = 0; i < depth; i++) {
    const fields = [param(`name${i}`, { kind: 'string' }, true), param(`size${i}`, { kind: 'integer' })];
    if (i + 1 < depth) fields.push(param(`child`, { kind: 'array', items: { kind: 'ref', name: `level${i + 1}` } }));
    models.push({ name: `level${i}`, fields, sources: [] });
  }
  return {
    id: 'Deep/1/Nest', name: 'Nest', product: 'Deep', version: '1', method: 'POST', path: '/nest', style: 'ROA', documents: ['docs/deep.md'], pages: [],
    request: [param('root', { kind: 'ref', name: 'level0' }, true)], response: [], models, variants: [], conflicts: [], lint: [], notes: [],
  };
}

function buildTime(depth: number): number {
  const op = deepOp(depth);
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) {
    const o = operationShapes(op);
    emitModule(o, { cite: plainCite, runtime: '../../runtime.js', samples: operationSamples(new Map(), o) });
  }
  return performance.now() - t0;
}

describe('deep nesting in emit', () => {
  it('emits 30 levels of nested models, type-checked, with no operation left out', async () => {
    const ir: IR = { irVersion: 2, documents: [], commonParameters: [], operations: [deepOp(30)] };
    const { tree, diagnostics } = await emit(ir);
    expect(diagnostics).toEqual([]);
    const dts = tree.get('deep/1/Nest.d.ts')!;
    expect(dts).toMatch(/export interface Level29 \{/);
    expect(dts).toMatch(/child\?: Level1\[\];/);
  }, 120_000);

  it('builds the module source in time linear in the depth', () => {
    buildTime(20); // warm up
    const small = Math.min(buildTime(40), buildTime(40));
    const large = Math.min(buildTime(160), buildTime(160));
    // 4x the depth: linear work gives ~4x; the old key doubling would give far more.
    expect(large / small).toBeLessThan(10);
  });
});
