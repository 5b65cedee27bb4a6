/**
 * Every request-table header variant of the corpus (its SOURCES.md lists 16, plus `Required?`),
 * each on a real page copied into test/fixtures/corpus/headers/. Expected values were read off
 * the pages. A row the request line names (`DELETE /triggers/revoke/Id`) is a path parameter, as
 * the SDK's `pathname: /triggers/revoke/${Id}` agrees.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'headers');
const page = (prefix: string) => {
  const f = readdirSync(DIR).find((x) => x.startsWith(prefix))!;
  return documentFromBytes(`headers/${f}`, readFileSync(join(DIR, f)));
};

/** prefix → [header as written, column roles, operation, rows, first row "line name rawType rawRequired=required position example"] */
const CASES: [string, string, string, string | null, number, string][] = [
  ['01', '名称|类型|是否必选|示例值|描述', 'name,type,required,example,description', 'DeleteTLSCipherPolicy', 3, '13 Action String 是=true - "DeleteTLSCipherPolicy"'],
  ['02', '名称|类型|是否必需|描述', 'name,type,required,description', 'DescribeSnapshotsUsage', 2, '9 Action String 是=true - -'],
  ['03', 'Parameter|Type|Required|Example|Description', 'name,type,required,example,description', 'DeleteKubernetesTrigger', 1, '20 Id String Yes=true Path "c5cdf7e3938bc4f8eb0e44b21a80f****"'],
  ['04', '参数名称|类型|是否必选|示例|说明', 'name,type,required,example,description', 'DeleteTemplate', 1, '20 TemplateId String 是=true Path "20663627-81ee-4cfe-9b69-c96fcb84a674"'],
  ['05', '名称|类型|是否必须|描述', 'name,type,required,description', 'DeleteRules', 3, '9 Action String 是=true - -'],
  ['06', 'Name|Type|Required|Example|Description', 'name,type,required,example,description', 'DeleteSecurityGroup', 3, '13 RegionId String Yes=true - "cn-hangzhou"'],
  ['07', 'Name|Type|Required|Description', 'name,type,required,description', 'CancelAutoSnapshotPolicy', 3, '9 Action String Yes=true - -'],
  ['08', '名称|类型|位置|是否必选|示例值|描述', 'name,type,position,required,example,description', 'CancelClusterUpgrade', 1, '23 ClusterId String 是=true Path "c106f377e16f34eb1808d6b9362c9****"'],
  ['09', '参数|类型|必需|描述', 'name,type,required,description', null, 2, '7 PageNumber Integer 否=false - -'],
  ['10', 'Parameter|Position|Type|Required|Example|Description', 'name,position,type,required,example,description', 'DeleteKeyPairs', 3, '22 Action String Yes=true Query "DeleteKeyPairs"'],
  ['11', 'Parameter|Type|Required|Description', 'name,type,required,description', null, 2, '7 PageNumber Integer No=false - -'],
  ['12', '名称|是否必须|描述', 'name,required,description', null, 8, '13 x-acs-action  是=true - -'],
  ['13', '名称|类型|必须|示例值|描述', 'name,type,required,example,description', 'ScaleOutCluster', 14, '41 count Long 是=true - "1"'],
  ['14', '名称|类型|是否必须|示例值|描述', 'name,type,required,example,description', 'AttachInstances', 3, '23 cluster_id String 是=true - "Cccfd68c474454665ace07efce924****"'],
  ['15', 'Parameter|Example|Required|Description', 'name,example,required,description', null, 11, '11 Authorization  Yes=true - "acs <yourAccessKeyId>:<yourSignature>"'],
  ['16', 'Parameter|Type|Position|Required|Example|Description', 'name,type,position,required,example,description', 'CancelComponentUpgrade', 2, '23 clusterid String Yes=true Path "c82e6987e2961451182edacd74faf****"'],
  ['17', 'Parameter|Type|Required?|Example value|Description', 'name,type,required,example,description', 'DescribeLoadBalancerTCPListenerAttribute', 4, '13 Action String Yes=true - "DescribeLoadBalancerTCPListenerAttribute"'],
];

describe('request-table header variants on real pages', () => {
  for (const [prefix, header, roles, operation, rows, first] of CASES) {
    it(`${prefix}: |${header}|`, () => {
      const d = page(prefix);
      const t = d.tables.filter((x) => x.kind === 'request');
      expect(t.map((x) => x.header.join('|'))).toContain(header);
      expect(t.find((x) => x.header.join('|') === header)!.columns.join(',')).toBe(roles);
      expect(d.operation).toBe(operation);
      expect(d.request).toHaveLength(rows);
      const r = prefix === '13' ? d.request.find((x) => x.name === 'count')! : d.request[0]!;
      expect(`${r.source.line} ${r.name} ${r.rawType} ${r.rawRequired}=${r.required} ${r.position ?? '-'} ${r.example === null ? '-' : JSON.stringify(r.example)}`).toBe(first);
    });
  }

  it('a page whose Explorer link names another operation is read by its own words, with a warning', () => {
    const d = page('13');
    expect(d.diagnostics.find((x) => x.code === 'operation-mismatch')).toMatchObject({ line: 3, severity: 'warning' });
    expect(d.request.map((r) => r.name).slice(0, 2)).toEqual(['ClusterId', 'count']);
  });
});
