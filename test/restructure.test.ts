/** Tree rows and dotted names on real corpus pages become parameters with nested models. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationModel } from '../generator/model/ir.ts';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { reconcile } from '../generator/reconcile/index.ts';
import { dottedPath } from '../generator/reconcile/restructure.ts';
import { typeToString } from '../generator/model/types.ts';
import { ROOT } from './helpers/golden.ts';

function op(rel: string): OperationModel {
  return reconcile(readDocuments(findDocuments(join(ROOT, 'test', 'fixtures', 'corpus', rel), ROOT)))[0]!;
}
const fields = (o: OperationModel, m: string) => Object.fromEntries(o.models.find((x) => x.name === m)!.fields.map((f) => [f.name, typeToString(f.type)]));

describe('dotted names', () => {
  it('parses the RPC forms', () => {
    expect(dottedPath('Tag.N.Key')).toEqual({ parts: [{ name: 'Tag', array: true }, { name: 'Key', array: false }] });
    expect(dottedPath('ResourceId.N')).toEqual({ parts: [{ name: 'ResourceId', array: true }] });
    expect(dottedPath('Tag.1.Key')).toEqual({ parts: [{ name: 'Tag', array: true }, { name: 'Key', array: false }] });
    expect(dottedPath('region_id')).toBeNull();
    expect(dottedPath('a.b')).toBeNull();
  });

  it('Tag.N.Key / Tag.N.Value (ecs CreateKeyPair) become Tag: array of {Key, Value} with N\'s range as the item count', () => {
    const o = op('ecs/CreateKeyPair.md');
    const tag = o.request.find((p) => p.name === 'Tag')!;
    expect(typeToString(tag.type)).toBe('array<ref:Tag>');
    expect(tag.items).toEqual({ min: 1, max: 20 });
    expect(o.request.some((p) => p.name.startsWith('Tag.'))).toBe(false);
    const m = o.models.find((x) => x.name === 'Tag')!;
    expect(m.fields.map((f) => [f.name, typeToString(f.type), f.length])).toEqual([
      ['Key', 'string', { max: 64 }],
      ['Value', 'string', { max: 128 }],
    ]);
    expect(m.fields[0]!.description.en).toContain('The tag key of the key pair');
  });

  it('Filter.N.Key / Filter.N.Value (zh page) become Filter: array of {Key, Value}', () => {
    const o = op('ecs/DescribeImageSupportInstanceTypes.md');
    expect(typeToString(o.request.find((p) => p.name === 'Filter')!.type)).toBe('array<ref:Filter>');
    expect(fields(o, 'Filter')).toEqual({ Key: 'string', Value: 'string' });
    expect(o.models.find((x) => x.name === 'Filter')!.fields[0]!.description.zh).toBe('指定过滤条件 Key。');
  });
});

describe('tree rows', () => {
  it('└ rows under an empty-typed collection become an array of a model (ecs DescribeImageSupportInstanceTypes)', () => {
    const o = op('ecs/DescribeImageSupportInstanceTypes.md');
    expect(typeToString(o.response.find((p) => p.name === 'InstanceTypes')!.type)).toBe('array<ref:InstanceTypes>');
    expect(fields(o, 'InstanceTypes')).toEqual({ CpuCoreCount: 'integer', InstanceTypeFamily: 'string', InstanceTypeId: 'string', MemorySize: 'number' });
    expect(o.response.map((p) => p.name)).not.toContain('CpuCoreCount');
  });

  it('keeps what a flattened tree says and no more (slb DescribeMasterSlaveServerGroups)', () => {
    const o = op('slb/DescribeMasterSlaveServerGroups.md');
    expect(fields(o, 'MasterSlaveServerGroups')).toEqual({
      MasterSlaveServerGroupId: 'string', MasterSlaveServerGroupName: 'string', AssociatedObjects: 'unknown', Listeners: 'unknown', Port: 'integer', Protocol: 'string',
    });
  });
});
