/**
 * Struct members listed without `└` (generator/parse/nesting.ts): the page's samples say where
 * each row belongs. Expected depths were read off the page's JSON response sample.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParamRow } from '../generator/model/ir.ts';
import { nestingFromSample, sampleTree } from '../generator/parse/nesting.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { ROOT } from './helpers/golden.ts';

const row = (name: string, depth = 0): ParamRow =>
  ({ name, rawType: '', type: { kind: 'unknown' }, required: null, rawRequired: null, example: null, position: null, category: null, depth, parent: null, description: '', descriptionLines: [], facts: {}, source: { file: 'x.md', line: 1 } }) as ParamRow;
const shape = (rows: ParamRow[], sample: unknown): string[] | null => {
  const n = nestingFromSample(rows, sampleTree([sample]));
  return n ? rows.map((r, i) => `${'  '.repeat(n[i]!.depth)}${r.name}${n[i]!.parent ? ` < ${n[i]!.parent}` : ''}`) : null;
};

describe('nesting from samples', () => {
  it('nests a real ECS response table as its JSON sample does, the two Status rows apart', () => {
    const rel = 'ecs/DescribeAutoProvisioningGroupHistory.md';
    const doc = documentFromBytes(rel, readFileSync(join(ROOT, 'test', 'fixtures', 'corpus', rel)));
    expect(doc.response.map((r) => `${r.source.line} ${'  '.repeat(r.depth)}${r.name}${r.parent ? ` < ${r.parent}` : ''}`)).toEqual([
      '29 AutoProvisioningGroupHistories',
      '30   AutoProvisioningGroupHistory < AutoProvisioningGroupHistories',
      '31     ActivityDetails < AutoProvisioningGroupHistory',
      '32       ActivityDetail < ActivityDetails',
      '33         Detail < ActivityDetail',
      '34         Status < ActivityDetail',
      '40     LastEventTime < AutoProvisioningGroupHistory',
      '41     StartTime < AutoProvisioningGroupHistory',
      '42     Status < AutoProvisioningGroupHistory',
      '47     TaskId < AutoProvisioningGroupHistory',
      '48 PageNumber',
      '49 PageSize',
      '50 RequestId',
      '51 TotalCount',
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'duplicate-parameter')).toEqual([]);
    // The request table has no sample that nests it: it stays flat.
    expect(doc.request.every((r) => r.depth === 0)).toBe(true);
  });

  it('merges array items and several samples into one tree of names', () => {
    const t = sampleTree([{ a: [{ x: 1 }, { y: 2 }] }, { a: [{ z: 3 }], b: 1 }]);
    expect([...t.keys()]).toEqual(['a', 'b']);
    expect([...t.get('a')!.keys()]).toEqual(['x', 'y', 'z']);
    expect(t.get('b')!.size).toBe(0);
  });

  it('puts a row the sample does not mention where the next row it mentions goes', () => {
    expect(shape([row('Items'), row('Id'), row('Undocumented'), row('Name'), row('Later'), row('RequestId')], { Items: [{ Id: 1, Name: 'n' }], RequestId: 'r' })).toEqual([
      'Items',
      '  Id < Items',
      '  Undocumented < Items',
      '  Name < Items',
      'Later',
      'RequestId',
    ]);
  });

  it('leaves a table alone when it marks its own nesting, when nothing nests, or when there is no sample', () => {
    expect(shape([row('Items'), row('Id', 1)], { Items: [{ Id: 1 }] })).toBeNull();
    expect(shape([row('A'), row('B')], { A: 1, B: 2 })).toBeNull();
    expect(shape([row('A'), row('B')], null)).toBeNull();
  });
});
