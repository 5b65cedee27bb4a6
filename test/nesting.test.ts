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
import { normalizeType } from '../generator/parse/types.ts';
import { ROOT } from './helpers/golden.ts';

/** A row of a table; `rawType` as the cell says it (`''` for an empty cell: a container or an element row). */
const row = (name: string, depth = 0, rawType = 'String'): ParamRow =>
  ({ name, rawType, type: normalizeType(rawType) ?? { kind: 'unknown' }, required: null, rawRequired: null, example: null, position: null, category: null, depth, parent: null, description: '', descriptionLines: [], facts: {}, source: { file: 'x.md', line: 1 } }) as ParamRow;
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

  it('keeps a row the sample does not mention in the container it is listed in, unless it sorts outside it', () => {
    // `Undocumented` sits between two members; `Zone` sorts after the last member `Name`: a member
    // too; `Later` sorts before `Name`, so it starts anew where the next mentioned row is.
    expect(shape([row('Items', 0, 'Array of Item'), row('Id'), row('Undocumented'), row('Name'), row('Zone'), row('Later'), row('RequestId')], { Items: [{ Id: 1, Name: 'n' }], RequestId: 'r' })).toEqual([
      'Items',
      '  Id < Items',
      '  Undocumented < Items',
      '  Name < Items',
      '  Zone < Items',
      'Later',
      'RequestId',
    ]);
  });

  it('puts an element row under its list row and its members under it, whether or not the sample shows them', () => {
    // DescribeKeyPairs (ecs cn.zh-CN): `Tags | Array of Tag`, `Tag | | |`, then the tag's members; the sample shows no Tags.
    const rows = [row('KeyPairs', 0, 'Array of KeyPair'), row('KeyPair', 0, ''), row('KeyPairName'), row('ResourceGroupId'), row('Tags', 0, 'Array of Tag'), row('Tag', 0, ''), row('TagKey'), row('TagValue'), row('PageNumber', 0, 'Integer')];
    expect(shape(rows, { KeyPairs: { KeyPair: [{ KeyPairName: 'k', ResourceGroupId: 'rg' }] }, PageNumber: 1 })).toEqual([
      'KeyPairs',
      '  KeyPair < KeyPairs',
      '    KeyPairName < KeyPair',
      '    ResourceGroupId < KeyPair',
      '    Tags < KeyPair',
      '      Tag < Tags',
      '        TagKey < Tag',
      '        TagValue < Tag',
      'PageNumber',
    ]);
  });

  it('finds members through a wrapper key the table leaves out, and tells an element from its member of the same name', () => {
    // `KeyPairs` lists its members directly while the sample wraps them in `KeyPair`.
    expect(shape([row('KeyPairs', 0, ''), row('KeyPairName'), row('RequestId')], { KeyPairs: { KeyPair: [{ KeyPairName: 'k' }] }, RequestId: 'r' })).toEqual(['KeyPairs', '  KeyPairName < KeyPairs', 'RequestId']);
    // DescribeInstances: `OperationLocks | Array of LockReason`, `LockReason | | |`, `LockMsg`, `LockReason | String`; the sample's list is empty.
    const locks = [row('OperationLocks', 0, 'Array of LockReason'), row('LockReason', 0, ''), row('LockMsg'), row('LockReason'), row('RequestId')];
    expect(shape(locks, { OperationLocks: { LockReason: [] }, RequestId: 'r' })).toEqual(['OperationLocks', '  LockReason < OperationLocks', '    LockMsg < LockReason', '    LockReason < LockReason', 'RequestId']);
  });

  it('does not take the rows after a list of scalars the sample wraps for its members', () => {
    // DescribeZones (ecs cn.zh-CN): `AvailableDiskCategories | |` shown as {"DiskCategories": [...]}, then a sibling the sample omits.
    const rows = [row('Zones', 0, ''), row('AvailableDiskCategories', 0, ''), row('AvailableInstanceTypes', 0, ''), row('ZoneId')];
    expect(shape(rows, { Zones: { Zone: [{ AvailableDiskCategories: { DiskCategories: ['cloud'] }, ZoneId: 'z' }] } })).toEqual(['Zones', '  AvailableDiskCategories < Zones', '  AvailableInstanceTypes < Zones', '  ZoneId < Zones']);
  });

  it('puts the members a └ tree lists beside an untyped row under it, up to a row out of order (ecs DescribeTags, en)', () => {
    const rows = [row('Tags', 0, ''), row('ResourceTypeCount', 1, ''), row('Ddh', 1, 'Integer'), row('Disk', 1, 'Integer'), row('Volume', 1, 'Integer'), row('TagKey', 1), row('TagValue', 1), row('TotalCount', 0, 'Integer')];
    rows.forEach((r) => (r.parent = r.depth ? 'Tags' : null));
    const n = nestingFromSample(rows, sampleTree([]))!;
    expect(rows.map((r, i) => `${'  '.repeat(n[i]!.depth)}${r.name}${n[i]!.parent ? ` < ${n[i]!.parent}` : ''}`)).toEqual([
      'Tags',
      '  ResourceTypeCount < Tags',
      '    Ddh < ResourceTypeCount',
      '    Disk < ResourceTypeCount',
      '    Volume < ResourceTypeCount',
      '  TagKey < Tags', // sorts before Volume: the run ends
      '  TagValue < Tags',
      'TotalCount',
    ]);
  });

  it('reads the names of XML samples and of the request syntax', () => {
    const doc = documentFromBytes('x.md', Buffer.from('# DescribeX\n\n## 返回数据\n\n|名称|类型|示例值|描述|\n|--|--|---|--|\n|Items| | |列表|\n|Id|String|1|ID|\n|RequestId|String|r|请求ID|\n\n## 示例\n\n正常返回示例\n\n`XML` 格式\n\n```\n<DescribeXResponse>\n  <Items>\n    <Item><Id>1</Id></Item>\n  </Items>\n  <RequestId>r</RequestId>\n</DescribeXResponse>\n```\n'));
    expect(doc.response.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual(['Items', '  Id', 'RequestId']);
  });

  it('takes time linear in the rows, however many the samples do not mention (growth 10k → 100k rows)', () => {
    // The hostile case: a container the sample shows, then rows it never mentions (the look-ahead
    // for the next mentioned row finds none: the old scan re-read the rest of the table per row).
    const table = (n: number): ParamRow[] => Array.from({ length: n }, (_, i) => row(i === 0 ? 'Known' : `Unknown${i}`, 0, i % 7 === 0 ? '' : 'String'));
    const tree = sampleTree([{ Known: { Inner: 1 }, Other: 2 }]);
    const time = (rows: ParamRow[]): number => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        nestingFromSample(rows, tree);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const small = table(10_000);
    const large = table(100_000);
    time(small);
    expect(time(large) / Math.max(time(small), 0.5)).toBeLessThan(30);
  });

  it('leaves a table alone when it marks its own nesting, when nothing nests, or when there is no sample', () => {
    expect(shape([row('Items', 0, ''), row('Id', 1)], { Items: [{ Id: 1 }] })).toBeNull();
    expect(shape([row('A'), row('B')], { A: 1, B: 2 })).toBeNull();
    expect(shape([row('A'), row('B')], null)).toBeNull();
  });
});
