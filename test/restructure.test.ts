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
    expect(dottedPath('SystemDisk.Size')).toEqual({ parts: [{ name: 'SystemDisk', array: false }, { name: 'Size', array: false }] });
    expect(dottedPath('NetworkInterface.N.SecurityGroupIds.N')).toEqual({ parts: [{ name: 'NetworkInterface', array: true }, { name: 'SecurityGroupIds', array: true }] });
    // A space after the dot, as some English pages write it (`Status. Code`, DescribeInstancesFullStatus).
    expect(dottedPath('Status. Code')).toEqual({ parts: [{ name: 'Status', array: false }, { name: 'Code', array: false }] });
    expect(dottedPath('region_id')).toBeNull();
    expect(dottedPath('kubernetes.io/role')).toBeNull();
    expect(dottedPath('N.Key')).toBeNull();
  });

  it('RunInstances (ecs cn.zh-CN): flat dotted keys become structures, one array level per `.N`, whatever the type cell calls the list', () => {
    const o = op('ecs/RunInstances.md');
    const t = (n: string): string => typeToString(o.request.find((p) => p.name === n)!.type);
    expect(o.request.filter((p) => p.name.includes('.'))).toEqual([]);
    expect(t('SystemDisk')).toBe('ref:SystemDisk');
    expect(fields(o, 'SystemDisk')).toMatchObject({ Size: 'string', Category: 'string', PerformanceLevel: 'string' });
    expect(t('DataDisk')).toBe('array<ref:DataDisk>');
    expect(o.request.find((p) => p.name === 'DataDisk')!.items).toEqual({ min: 1, max: 16 });
    // `SecurityGroupIds.N | RepeatList` and `HostNames.N | RepeatList`: the list of strings its examples show, not array<array<unknown>>.
    expect(t('SecurityGroupIds')).toBe('array<string>');
    expect(t('HostNames')).toBe('array<string>');
    expect(fields(o, 'NetworkInterface')).toMatchObject({ SecurityGroupIds: 'array<string>' });
    // Every parameter travels in the query; structured ones spelled out key by key.
    expect(o.style).toBe('RPC');
    expect(new Set(o.request.map((p) => p.in))).toEqual(new Set(['query']));
    expect(o.request.filter((p) => p.encoding).map((p) => `${p.name}:${p.encoding}`).sort()).toEqual(
      ['CpuOptions', 'DataDisk', 'HostNames', 'Ipv6Address', 'NetworkInterface', 'PrivatePoolOptions', 'SchedulerOptions', 'SecurityGroupIds', 'SecurityOptions', 'SystemDisk', 'Tag'].map((n) => `${n}:flat`),
    );
  });

  it('DescribeInstances (ecs cn.zh-CN): a String whose page says the value is a JSON array is that list, sent JSON-encoded', () => {
    const o = op('ecs/DescribeInstances.md');
    const p = o.request.find((x) => x.name === 'InstanceIds')!;
    expect([typeToString(p.type), p.in, p.encoding]).toEqual(['array<string>', 'query', 'json']);
    expect(o.request.find((x) => x.name === 'AdditionalAttributes')!.encoding).toBe('flat');
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

describe('responses as the wire has them', () => {
  it('└ rows under an empty-typed collection get the wrapper level the sample shows (ecs DescribeImageSupportInstanceTypes)', () => {
    // Table: `InstanceTypes | | |` then `└CpuCoreCount` …; sample: {"InstanceTypes": {"InstanceType": [{…}]}}.
    const o = op('ecs/DescribeImageSupportInstanceTypes.md');
    expect(typeToString(o.response.find((p) => p.name === 'InstanceTypes')!.type)).toBe('ref:InstanceTypes');
    expect(fields(o, 'InstanceTypes')).toEqual({ InstanceType: 'array<ref:InstanceTypes.InstanceType>' });
    expect(fields(o, 'InstanceTypes.InstanceType')).toEqual({ CpuCoreCount: 'integer', InstanceTypeFamily: 'string', InstanceTypeId: 'string', MemorySize: 'number' });
    expect(o.response.map((p) => p.name)).not.toContain('CpuCoreCount');
    const lint = o.lint.find((l) => l.code === 'sample-shape')!;
    expect(lint.source.line).toBe(89); // `<InstanceType>` in the XML sample (the JSON sample shows it at 112)
    expect(lint.message).toContain('DescribeImageSupportInstanceTypes.md:44');
  });

  it('keeps what a flattened tree says, in the levels its sample shows (slb DescribeMasterSlaveServerGroups)', () => {
    const o = op('slb/DescribeMasterSlaveServerGroups.md');
    expect(fields(o, 'MasterSlaveServerGroups')).toEqual({ MasterSlaveServerGroup: 'array<ref:MasterSlaveServerGroups.MasterSlaveServerGroup>' });
    // The tree lists └AssociatedObjects, └Listeners, └Port, └Protocol side by side; the sample has
    // {"AssociatedObjects": {"Listeners": {"Listener": []}}}: Port and Protocol (typed rows after the
    // untyped Listeners) are its members, and Listeners goes where the sample has it, with its wrapper.
    expect(fields(o, 'MasterSlaveServerGroups.MasterSlaveServerGroup')).toEqual({
      MasterSlaveServerGroupId: 'string', MasterSlaveServerGroupName: 'string', AssociatedObjects: 'ref:MasterSlaveServerGroups.MasterSlaveServerGroup.AssociatedObjects',
    });
    expect(fields(o, 'MasterSlaveServerGroups.MasterSlaveServerGroup.AssociatedObjects.Listeners')).toEqual({ Listener: 'array<ref:MasterSlaveServerGroups.MasterSlaveServerGroup.AssociatedObjects.Listeners.Listener>' });
    expect(fields(o, 'MasterSlaveServerGroups.MasterSlaveServerGroup.AssociatedObjects.Listeners.Listener')).toEqual({ Port: 'integer', Protocol: 'string' });
  });

  it('element rows are the wrapper: `KeyPairs | Array of KeyPair` then `KeyPair | | |` (ecs DescribeKeyPairs), nested lists included', () => {
    const o = op('ecs/DescribeKeyPairs.md');
    expect(typeToString(o.response.find((p) => p.name === 'KeyPairs')!.type)).toBe('ref:KeyPairs');
    expect(fields(o, 'KeyPairs')).toEqual({ KeyPair: 'array<ref:KeyPairs.KeyPair>' });
    expect(fields(o, 'KeyPairs.KeyPair')).toEqual({ CreationTime: 'string', KeyPairFingerPrint: 'string', KeyPairName: 'string', ResourceGroupId: 'string', Tags: 'ref:KeyPairs.KeyPair.Tags' });
    expect(fields(o, 'KeyPairs.KeyPair.Tags')).toEqual({ Tag: 'array<ref:KeyPairs.KeyPair.Tags.Tag>' });
    expect(fields(o, 'KeyPairs.KeyPair.Tags.Tag')).toEqual({ TagKey: 'string', TagValue: 'string' });
    // The request's Tag (Tag.N.Key) is another model.
    expect(fields(o, 'Tag')).toEqual({ Key: 'string', Value: 'string' });
    // The convention the page writes the wrapper in is no disagreement.
    expect(o.lint.filter((l) => l.code === 'sample-shape')).toEqual([]);
  });

  it('OperationLocks | Array of LockReason, then LockReason | | | (ecs DescribeInstances): {"OperationLocks": {"LockReason": [...]}}', () => {
    const o = op('ecs/DescribeInstances.md');
    expect(fields(o, 'Instances')).toEqual({ Instance: 'array<ref:Instances.Instance>' });
    expect(fields(o, 'Instances.Instance.OperationLocks')).toEqual({ LockReason: 'array<ref:Instances.Instance.OperationLocks.LockReason>' });
    expect(fields(o, 'Instances.Instance.OperationLocks.LockReason')).toEqual({ LockMsg: 'string', LockReason: 'string' });
    // `InnerIpAddress | List | 10.170.**.**` shown by the sample as {"IpAddress": []}: the wrapper, the example's item type, and a lint with both lines.
    expect(fields(o, 'Instances.Instance.InnerIpAddress')).toEqual({ IpAddress: 'array<string>' });
    expect(o.lint.find((l) => l.code === 'sample-shape' && l.path === 'Instances.Instance[].InnerIpAddress')).toMatchObject({
      source: { file: 'test/fixtures/corpus/ecs/DescribeInstances.md', line: 450 },
      message: expect.stringContaining('table test/fixtures/corpus/ecs/DescribeInstances.md:191'),
    });
  });

  it('a List whose example shows {"DedicatedHostId": [...]} is modelled as the example shows (ecs AllocateDedicatedHosts)', () => {
    const o = op('ecs/AllocateDedicatedHosts.md');
    expect(typeToString(o.response.find((p) => p.name === 'DedicatedHostIdSets')!.type)).toBe('ref:DedicatedHostIdSets');
    expect(fields(o, 'DedicatedHostIdSets')).toEqual({ DedicatedHostId: 'array<string>' });
    // `NetworkAttributes.UdpTimeout`: a struct in the query.
    expect(fields(o, 'NetworkAttributes')).toEqual({ SlbUdpTimeout: 'integer', UdpTimeout: 'integer' });
  });
});

describe('responses follow the samples where layout nests sub-tables (ecs pages copied to test/fixtures/corpus/ecs/wire)', () => {
  const wire = reconcile(readDocuments(findDocuments(join(ROOT, 'test', 'fixtures', 'corpus', 'ecs', 'wire'), ROOT)));
  const named = (n: string): OperationModel => wire.find((o) => o.name === n)!;

  it('dotted members of a linked sub-table are structures, and a name the table spells otherwise only in case takes the sample\'s spelling (en DescribeDisksFullStatus)', () => {
    // `**DiskFullStatusType**` lists `Diskeventset | Array of [DiskEventType](#)`, `Status.Code`, `HealthStatus.Name` …;
    // the samples: {"DiskFullStatusSet": {"DiskFullStatusType": [{"DiskEventSet": {"DiskEventType": [{"EventType": {"Code": …}}]}, "Status": {"Code": …}}]}}.
    const o = named('DescribeDisksFullStatus');
    expect(fields(o, 'DiskFullStatusSet')).toEqual({ DiskFullStatusType: 'array<ref:DiskFullStatusSet.DiskFullStatusType>' });
    expect(fields(o, 'DiskFullStatusSet.DiskFullStatusType')).toEqual({
      DiskId: 'string', InstanceId: 'string', Device: 'string',
      DiskEventSet: 'ref:DiskFullStatusSet.DiskFullStatusType.DiskEventSet', Status: 'ref:DiskFullStatusSet.DiskFullStatusType.Status', HealthStatus: 'ref:DiskFullStatusSet.DiskFullStatusType.HealthStatus',
    });
    expect(fields(o, 'DiskFullStatusSet.DiskFullStatusType.Status')).toEqual({ Code: 'integer', Name: 'string' });
    expect(fields(o, 'DiskFullStatusSet.DiskFullStatusType.DiskEventSet')).toEqual({ DiskEventType: 'array<ref:DiskFullStatusSet.DiskFullStatusType.DiskEventSet.DiskEventType>' });
    expect(fields(o, 'DiskFullStatusSet.DiskFullStatusType.DiskEventSet.DiskEventType')).toEqual({ EventId: 'string', EventType: 'ref:DiskFullStatusSet.DiskFullStatusType.DiskEventSet.DiskEventType.EventType', EventTime: 'string', EventEndTime: 'string' });
    // The table's `Pagesize` is the wire's `PageSize`; each respelling is a lint with both lines.
    expect(o.response.map((p) => p.name)).toContain('PageSize');
    expect(o.lint.find((l) => l.path === 'DiskFullStatusSet.DiskFullStatusType[].DiskEventSet' && l.message.includes('spells'))).toMatchObject({
      source: { file: 'test/fixtures/corpus/ecs/wire/DescribeDisksFullStatus.md', line: 99 },
      message: expect.stringContaining('the table spells Diskeventset (table test/fixtures/corpus/ecs/wire/DescribeDisksFullStatus.md:65)'),
    });
  });

  it('a struct the table calls Array that every JSON sample shows as one object beside other keys is an object; a list of a type detailed nowhere whose samples show strings is a list of strings (DescribeRecommendInstanceType)', () => {
    const o = named('DescribeRecommendInstanceType');
    expect(fields(o, 'Data.RecommendInstanceType')).toEqual({
      RegionNo: 'string', InstanceType: 'ref:Data.RecommendInstanceType.InstanceType', Zones: 'ref:Data.RecommendInstanceType.Zones', CommodityCode: 'string', Scene: 'string',
    });
    expect(fields(o, 'Data.RecommendInstanceType.InstanceType')).toMatchObject({ Cores: 'integer', Memory: 'integer', InstanceType: 'string' });
    // `NetworkTypes | Array of NetworkType` (no NetworkType table), sample {"NetworkType": ["vpc"]}.
    expect(fields(o, 'Data.RecommendInstanceType.Zones.zone.NetworkTypes')).toEqual({ NetworkType: 'array<string>' });
    expect(o.lint.find((l) => l.path === 'Data.RecommendInstanceType[].InstanceType')!.message).toContain('every sample shows one object');
    // A list of one written as an object is still a list where it is the only key of its wrapper (`Data` → `RecommendInstanceType`).
    expect(fields(o, 'Data')).toEqual({ RecommendInstanceType: 'array<ref:Data.RecommendInstanceType>' });
  });

  it('a sub-table whose caption names another structure than its row (`AvailableZones` over `**AvailableZoneType**`) goes where the samples have it, its own linked sub-tables with it (DescribeResourcesModification)', () => {
    const o = named('DescribeResourcesModification');
    expect(o.response.map((p) => p.name)).toEqual(['AvailableZones']);
    expect(fields(o, 'AvailableZones.AvailableZone')).toEqual({ RegionId: 'string', ZoneId: 'string', Status: 'string', AvailableResources: 'ref:AvailableZones.AvailableZone.AvailableResources' });
    expect(fields(o, 'AvailableZones.AvailableZone.AvailableResources.AvailableResource')).toEqual({ Type: 'string', SupportedResources: 'ref:AvailableZones.AvailableZone.AvailableResources.AvailableResource.SupportedResources' });
    expect(fields(o, 'AvailableZones.AvailableZone.AvailableResources.AvailableResource.SupportedResources.SupportedResource')).toEqual({ Value: 'string', Status: 'string', Min: 'integer', Max: 'integer', Unit: 'integer' });
    expect(o.lint.some((l) => l.message.includes('lists RegionId, ZoneId, Status, AvailableResources at the top of the response'))).toBe(true);
  });

  it('fields a link brings in from a data-type page cite that page, not the linking page at the other page\'s line (DescribeZones, 数据类型/ZoneType.md)', () => {
    const o = named('DescribeZones');
    const zone = o.models.find((m) => m.name === 'Zones.Zone')!;
    expect(zone.fields.find((f) => f.name === 'ZoneId')!.sources).toEqual([{ file: 'test/fixtures/corpus/ecs/wire/数据类型/ZoneType.md', line: 13 }]);
    const res = o.models.find((m) => m.name === 'Zones.Zone.AvailableResources')!;
    expect(res.fields.find((f) => f.name === 'supportedInstanceType')!.sources).toEqual([{ file: 'test/fixtures/corpus/ecs/wire/数据类型/AvailableResourcesType.md', line: 20 }]);
    // A struct whose type's page is not among the documents (`AvailableResourceCreationType`) takes the sample's members.
    expect(fields(o, 'Zones.Zone.AvailableResourceCreation')).toEqual({ ResourceTypes: 'array<string>' });
  });
});

describe('ROA requests', () => {
  it('CreateClusterNodePool (csk en): the path template names ClusterId, the body row is no parameter, the rest is the body', () => {
    const o = op('csk/CreateClusterNodePool.md');
    expect([o.style, o.method, o.path]).toEqual(['ROA', 'POST', '/clusters/{ClusterId}/nodepools']);
    expect(o.request.map((p) => `${p.name}:${p.in}`)).toEqual(['ClusterId:path', 'auto_scaling:body', 'kubernetes_config:body', 'nodepool_info:body', 'scaling_group:body', 'tee_config:body']);
    expect(o.request.every((p) => p.encoding === undefined)).toBe(true);
  });
});
