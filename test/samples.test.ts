import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CORPUS, seedLines } from './helpers/golden.ts';
import fc from 'fast-check';
import { extractSamples } from '../generator/parse/samples.ts';
import type { Diagnostic, Sample, TextLine } from '../generator/model/ir.ts';


const seed = seedLines;

/** From the line whose trimmed text is `heading` to the end of the file (error-code prose included on purpose). */
function from(lines: TextLine[], heading: string | RegExp): TextLine[] {
  const i = lines.findIndex((l) => (typeof heading === 'string' ? l.text.trim() === heading : heading.test(l.text.trim())));
  expect(i, `heading ${String(heading)}`).toBeGreaterThanOrEqual(0);
  return lines.slice(i);
}

function toLines(text: string, first = 1): TextLine[] {
  return text.split('\n').map((t, i) => ({ text: t, line: first + i }));
}

const diag = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.line, d.severity]);
const brief = (ss: Sample[]) =>
  ss.map((s) => ({
    kind: s.kind,
    format: s.format,
    caption: s.caption,
    line: s.source.line,
    endLine: s.endLine,
    ok: s.ok,
    lenient: s.lenient,
    requestLine: s.requestLine,
  }));
const lineOf = (lines: TextLine[], needle: string) => lines.find((l) => l.text.includes(needle))!.line;

describe('extractSamples on the seeds', () => {
  it('000 (zh, misaligned fences): five requests, the first invalid; XML + JSON responses', () => {
    const { name, lines } = seed('000');
    const r = extractSamples(from(lines, '## 示例'), name, 'zh');
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'json', caption: '请求示例', line: 313, endLine: 409, ok: false, lenient: false, requestLine: 'POST /clusters' },
      { kind: 'request', format: 'json', caption: '创建Terway网络类型的ACK专有版集群。', line: 417, endLine: 499, ok: true, lenient: false, requestLine: null },
      { kind: 'request', format: 'json', caption: '创建ACK托管版集群。', line: 504, endLine: 571, ok: true, lenient: false, requestLine: null },
      { kind: 'request', format: 'json', caption: '创建Serverless集群', line: 575, endLine: 610, ok: true, lenient: false, requestLine: null },
      { kind: 'request', format: 'json', caption: '创建边缘托管版集群', line: 614, endLine: 661, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'xml', caption: '正常返回示例', line: 670, endLine: 672, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: '正常返回示例', line: 678, endLine: 682, ok: true, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([
      ['sample-invalid-json', 398, 'error'],
      ['unbalanced-fence', 414, 'warning'],
      ['unbalanced-fence', 500, 'warning'],
      ['unbalanced-fence', 572, 'warning'],
      ['unbalanced-fence', 611, 'warning'],
    ]);
    // the first unescaped inner quote
    expect(lineOf(lines, '"config":"{"IngressDashboardEnabled"')).toBe(398);
    expect(r.diagnostics[0]!.message).toBe(
      'sample request is not valid JSON: unexpected token `IngressDashboardEnabled` at line 398 col 25 (invalid symbol)',
    );
    expect(r.diagnostics[1]!.message).toContain('创建Terway网络类型的ACK专有版集群');
    expect(r.diagnostics[1]!.message).toContain('line 417');
    expect(r.diagnostics.every((d) => d.file === name)).toBe(true);
    // bodies without the request line; values parsed
    const [first, terway, managed, ask, edge, xml, json] = r.samples;
    expect(first!.value).toBeNull();
    // the fault-tolerant parse still recovers the fields around the broken lines
    expect(first!.recovered).toMatchObject({ cluster_type: 'Kubernetes', master_count: 3, tags: [{ key: 'env', value: 'prod' }] });
    expect(terway!.recovered).toBeUndefined();
    expect(first!.text.split('\n')[0]).toBe('POST /clusters');
    expect(terway!.value).toMatchObject({ cluster_type: 'Kubernetes', name: 'Terway网络类型ACK专有版集群' });
    expect((terway!.value as { addons: { config?: string }[] }).addons[4]!.config).toBe('{"IngressDashboardEnabled":"true"}');
    expect(managed!.value).toMatchObject({ cluster_type: 'ManagedKubernetes', cluster_spec: 'ack.pro.small' });
    expect(ask!.value).toMatchObject({ cluster_type: 'Ask' });
    expect(edge!.value).toMatchObject({ cluster_type: 'ManagedKubernetes', profile: 'Edge' });
    expect(xml!.value).toBeNull();
    expect(json!.value).toEqual({
      cluster_id: 'cb95aa626a47740afbf6aa099b650****',
      task_id: 'T-5a54309c80282e39ea00002f',
      request_id: '687C5BAA-D103-4993-884B-C35E4314A1E1',
    });
  });

  it('001 (en, text page): one request with comments, trailing commas and a broken line', () => {
    const { name, lines } = seed('001');
    const r = extractSamples(from(lines, 'Examples'), name, 'en');
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'json', caption: 'Sample requests', line: 507, endLine: 621, ok: false, lenient: false, requestLine: 'POST /clusters' },
      { kind: 'response', format: 'xml', caption: 'Sample success responses', line: 626, endLine: 628, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: 'Sample success responses', line: 632, endLine: 636, ok: true, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([['sample-invalid-json', 594, 'error']]);
    expect(lineOf(lines, '"key_pair": "key_pair": "sin-name"')).toBe(594);
    expect(r.diagnostics[0]!.message).toBe('sample request is not valid JSON: unexpected token `:` at line 594 col 27 (comma expected)');
    expect(r.samples[0]!.value).toBeNull();
    expect(r.samples[2]!.value).toMatchObject({ task_id: 'T-5a54309c80282e39ea00002f' });
  });

  it('002 (en): an unquoted value makes the request invalid at its line', () => {
    const { name, lines } = seed('002');
    const r = extractSamples(from(lines, /^Example: /), name, 'en');
    expect(brief(r.samples)).toEqual([
      {
        kind: 'request',
        format: 'json',
        caption: 'Example: Create an ACK managed cluster',
        line: 776,
        endLine: 947,
        ok: false,
        lenient: false,
        requestLine: 'POST /clusters',
      },
      { kind: 'response', format: 'xml', caption: 'Sample success responses', line: 953, endLine: 955, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: 'Sample success responses', line: 959, endLine: 963, ok: true, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([['sample-invalid-json', 799, 'error']]);
    expect(lineOf(lines, '"load_balancer_spec":slb.s2.small')).toBe(799);
    expect(r.diagnostics[0]!.message).toContain('`slb.s2.small` at line 799 col 26');
    // starting at the marker instead, the caption is the marker
    const r2 = extractSamples(from(lines, 'Sample requests'), name, 'en');
    expect(r2.samples[0]!.caption).toBe('Sample requests');
    expect(diag(r2.diagnostics)).toEqual([['sample-invalid-json', 799, 'error']]);
  });

  it('003 (zh): comments and a trailing comma parse leniently', () => {
    const { name, lines } = seed('003');
    const r = extractSamples(from(lines, '创建ACK标准托管版集群示例'), name, 'zh');
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'json', caption: '创建ACK标准托管版集群示例', line: 465, endLine: 576, ok: true, lenient: true, requestLine: 'POST /clusters' },
      { kind: 'response', format: 'xml', caption: '返回示例', line: 581, endLine: 583, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: '返回示例', line: 587, endLine: 591, ok: true, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([['sample-jsonc', 468, 'info']]);
    const v = r.samples[0]!.value as Record<string, unknown>;
    expect(v['key_pair']).toBe('sin-name');
    expect(v['worker_data_disks']).toEqual([{ category: 'cloud_efficiency', size: '40', encrypted: 'true', auto_snapshot_policy_id: 'sp-8vbajx6y2hk21hco****' }]);
    expect(r.samples[0]!.text.split('\n').slice(0, 3)).toEqual(['POST /clusters ', '<公共请求头>', '{']); // raw text, trailing space kept
  });

  it('004 (en): comments and a trailing comma parse leniently', () => {
    const { name, lines } = seed('004');
    const r = extractSamples(from(lines, 'Examples'), name, 'en');
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'json', caption: 'Sample requests', line: 146, endLine: 213, ok: true, lenient: true, requestLine: 'POST /clusters' },
      { kind: 'response', format: 'xml', caption: 'Sample success responses', line: 219, endLine: 221, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: 'Sample success responses', line: 225, endLine: 229, ok: true, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([['sample-jsonc', 181, 'info']]);
    expect(r.samples[0]!.value).toMatchObject({ profile: 'Edge', rds_instances: ['rm-xx', 'rm-xx'] });
  });
});

describe('extractSamples on corpus snippets', () => {
  it('RPC query request + fenced XML + JSON (ecs/cn.zh-CN/API参考/实例/DescribeInstances.md, trimmed)', () => {
    const text = [
      '## 示例',
      '',
      '请求示例',
      '',
      '```',
      'https://ecs.aliyuncs.com/?Action=DescribeInstances',
      '&RegionId=cn-hangzhou',
      '&PageSize=1',
      '&PageNumber=1',
      '&<公共请求参数>',
      '```',
      '',
      '正常返回示例',
      '',
      '`XML`格式',
      '',
      '```',
      '<DescribeInstancesResponse>',
      '      <Instances>',
      '            <Instance>',
      '                  <OSName>CentOS  7.4 64 位</OSName>',
      '                  <InnerIpAddress>',
      '            </InnerIpAddress>',
      '            </Instance>',
      '      </Instances>',
      '</DescribeInstancesResponse>',
      '```',
      '',
      '`JSON`格式',
      '',
      '```',
      '{',
      '  "Instances" : { "Instance" : [ { "OSName" : "CentOS  7.4 64 位" } ] }',
      '}',
      '```',
      '',
      '## 错误码',
      '',
      '|HttpCode|错误码|错误信息|描述|',
      '|--------|---|----|--|',
      '|400|InvalidTag.Mismatch|The specified Tag.n.Key and Tag.n.Value are not match.|指定的Tag.N.Key和Tag.N.Value不匹配。|',
    ].join('\n');
    const r = extractSamples(toLines(text), 'DescribeInstances.md', 'zh');
    expect(r.diagnostics).toEqual([]);
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'text', caption: '请求示例', line: 6, endLine: 10, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'xml', caption: '正常返回示例', line: 18, endLine: 26, ok: true, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: '正常返回示例', line: 32, endLine: 34, ok: true, lenient: false, requestLine: null },
    ]);
    expect(r.samples[0]!.value).toBeNull();
  });

  it('status line and headers before the body are not part of it (csk/intl.en-US/API Reference/Permissions/DescribeUserPermission.md)', () => {
    const text = [
      '## Examples',
      '',
      '```',
      'GET /permissions/users/21175**** HTTP/1.1',
      'Host:cs.aliyuncs.com',
      'Content-Type:application/json',
      '```',
      '',
      'Sample success responses',
      '',
      '`XML` format',
      '',
      '```',
      'HTTP/1.1 200 OK',
      'Content-Type:application/xml',
      '',
      '<0>',
      '<resource_id>c1b542**</resource_id>',
      '<is_ram_role>1</is_ram_role>',
      '</0>',
      '```',
      '',
      '`JSON` format',
      '',
      '```',
      'HTTP/1.1 200 OK',
      'Content-Type:application/json',
      '',
      '[ {',
      '"resource_id" : "c1b542**",',
      '"is_ram_role" : 1',
      '} ]',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 72), 'DescribeUserPermission.md', 'en');
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'text', caption: null, line: 75, endLine: 77, ok: true, lenient: false, requestLine: 'GET /permissions/users/21175**** HTTP/1.1' },
      { kind: 'response', format: 'xml', caption: 'Sample success responses', line: 85, endLine: 91, ok: false, lenient: false, requestLine: null },
      { kind: 'response', format: 'json', caption: 'Sample success responses', line: 97, endLine: 103, ok: true, lenient: false, requestLine: null },
    ]);
    // `<0>` (an array rendered as XML) is not a valid element name
    expect(diag(r.diagnostics)).toEqual([['sample-invalid-xml', 88, 'error']]);
    expect(r.diagnostics[0]!.message).toContain("Tag '0' is an invalid name");
    expect(r.samples[2]!.value).toEqual([{ resource_id: 'c1b542**', is_ram_role: 1 }]);
  });

  it('placeholders and response headers (csk history/CreateCluster.zh-CN.4f1729203.2020-12-03.md, trimmed)', () => {
    const text = [
      '## 示例',
      '',
      '请求示例',
      '',
      '```',
      'POST /clusters HTTP/1.1',
      '<公共请求头>',
      '{',
      '    "name":"amk-cluster",',
      '    "addons":[{"name":"flannel"},{"name":"logtail-ds","config":"{\\"IngressDashboardEnabled\\":\\"true\\"}"}],',
      '    "security_group_id":"sg-2zeg3u73kkhtixda****"',
      '}',
      '```',
      '',
      '返回示例',
      '',
      '```',
      'HTTP/1.1 202 Accepted',
      '<公共响应头>',
      '{',
      '    "cluster_id": "cb95aa626a47740afbf6aa099b65****",',
      '    "RequestId": "687C5BAA-D103-4993-884B-C35E4314A1E1"',
      '}',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 175), 'history.md', 'zh');
    expect(r.diagnostics).toEqual([]);
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'json', caption: '请求示例', line: 180, endLine: 186, ok: true, lenient: false, requestLine: 'POST /clusters HTTP/1.1' },
      { kind: 'response', format: 'json', caption: '返回示例', line: 192, endLine: 197, ok: true, lenient: false, requestLine: null },
    ]);
    expect(r.samples[0]!.value).toMatchObject({ name: 'amk-cluster' });
    expect(r.samples[1]!.value).toMatchObject({ cluster_id: 'cb95aa626a47740afbf6aa099b65****' });
  });

  it('an RPC value spanning lines stays in the text sample (slb/cn.zh-CN/API参考/监听/转发规则/CreateRules.md)', () => {
    const text = [
      '**请求示例**',
      '',
      '``` {#public}',
      'https://slb.aliyuncs.com/?Action=CreateRules',
      '&RegionId=cn-hangzhou',
      '&Rules=[',
      '    {"RuleName":"Rule1","Domain":"abcdefg.com","Url":"/image","VServerGroupId":"Group1"},',
      '    {"RuleName":"Rule2","Domain":"abcdefg.com","Url":"/cache","VServerGroupId":"Group2"},',
      '  ]',
      '&公共请求参数',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 52), 'CreateRules.md', 'zh');
    expect(r.diagnostics).toEqual([]);
    expect(brief(r.samples)).toEqual([
      { kind: 'request', format: 'text', caption: '请求示例', line: 55, endLine: 61, ok: true, lenient: false, requestLine: null },
    ]);
  });

  it('format labels after a request stand for the missing response marker (ecs/cn.zh-CN/API 参考/实例/CreateInstance.md)', () => {
    const text = [
      '## 示例 {#section_y3g_sjm_xdb .section}',
      '',
      '**请求示例**',
      '',
      '```',
      'https://ecs.aliyuncs.com/?Action=CreateInstance',
      '&RegionId=cn-hangzhou',
      '&<公共请求参数>',
      '```',
      '',
      '**XML示例**',
      '',
      '```',
      '<CreateInstanceResponse>',
      '    <InstanceId>i-instance1</InstanceId>',
      '</CreateInstanceResponse>',
      '```',
      '',
      '**JSON示例**',
      '',
      '```',
      '{',
      '    "InstanceId": "i-instance1"',
      '}',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text), 'CreateInstance.md', 'zh');
    expect(r.diagnostics).toEqual([]);
    expect(r.samples.map((s) => [s.kind, s.format, s.caption])).toEqual([
      ['request', 'text', '请求示例'],
      ['response', 'xml', 'XML示例'],
      ['response', 'json', 'JSON示例'],
    ]);
  });

  it('an unclosed XML element (ecs/intl.en-US/API Reference/Operations and monitoring/ModifyInstanceMaintenanceAttributes.md)', () => {
    const text = [
      'Sample success responses',
      '',
      '`XML` format',
      '',
      '```',
      '<ModifyInstanceMaintenanceAttributesResponse>    ',
      '    <RequestId>E69FF3CC-94DD-42EF-8836-F33C45EDF9945ED</RequestId>',
      '<ModifyInstanceMaintenanceAttributesResponse>',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 54), 'M.md', 'en');
    expect(brief(r.samples)).toEqual([
      { kind: 'response', format: 'xml', caption: 'Sample success responses', line: 59, endLine: 61, ok: false, lenient: false, requestLine: null },
    ]);
    expect(diag(r.diagnostics)).toEqual([['sample-invalid-xml', 61, 'error']]);
    expect(r.diagnostics[0]!.message).toBe(
      'sample response is not well-formed XML: element <ModifyInstanceMaintenanceAttributesResponse> is never closed at line 61 col 1',
    );
  });

  it('a trailing comma in a response is lenient, with an info diagnostic (ecs/cn.zh-CN/API参考/弹性网卡/DetachNetworkInterface.md)', () => {
    const text = ['**JSON 格式** ', '', '```', '{', '    "RequestId": "04F0F334-1335-436C-A1D7-6C044FExxxxx",', '}', '```'].join('\n');
    const r = extractSamples(toLines(text, 50), 'D.md', 'zh');
    expect(r.samples).toHaveLength(1);
    expect(r.samples[0]).toMatchObject({ kind: 'request', ok: true, lenient: true, value: { RequestId: '04F0F334-1335-436C-A1D7-6C044FExxxxx' } });
    expect(diag(r.diagnostics)).toEqual([['sample-jsonc', 54, 'info']]); // the line of the trailing comma
    expect(r.diagnostics[0]!.message).toContain('line 54 col 56: trailing comma');
  });

  it('curly quotes inside a body do not split it (ecs/cn.zh-CN/API 参考/云助手/DescribeInvocationResults.md, trimmed)', () => {
    const text = [
      '**JSON格式**',
      '',
      '```',
      '{',
      '    "Invocation": {',
      '        "InvocationResults": [',
      '                {',
      '                    "InstanceId": "i-uf614fhehhzmxdqw",',
      '\t       “InvokeRecordStatus”：“Finished”,',
      '                    "ExitCode": 0',
      '                }',
      '        ]',
      '    }',
      '}',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 110), 'I.md', 'zh');
    expect(r.samples).toHaveLength(1);
    expect(r.samples[0]).toMatchObject({ source: { line: 113 }, endLine: 123, ok: false });
    expect(diag(r.diagnostics)).toEqual([['sample-invalid-json', 118, 'error']]);
  });

  it('a prose fence before an unfenced body is reported (csk/intl.en-US/API Reference/Node pools/DescribeClusterAttachScripts.md, trimmed)', () => {
    const text = [
      'Sample requests',
      '',
      '```',
      'POST /clusters/ca375a93a30474552ad2a0ebe183e****/attachscript HTTP/1.1',
      'Content-Type:application/json',
      '{',
      '"nodepool_id" : "np1c9229d9be2d432c93f77a88fca0****",',
      '"arch" : "amd64"',
      '}',
      '```',
      '',
      'Description of the sample request',
      '',
      '```',
      'When you call this operation to add an existing instance to a managed edge Kubernetes cluster, the options and arch parameters are required.',
      '```',
      '{',
      '"options":"{',
      '"quiet": Specifies whether to enable the silent installation mode.',
      '}',
      '}',
      '```',
      '```',
    ].join('\n');
    const r = extractSamples(toLines(text, 80), 'A.md', 'en');
    expect(brief(r.samples).map((s) => [s.kind, s.line, s.endLine, s.ok])).toEqual([
      ['request', 83, 88, true],
      ['request', 96, 100, false],
    ]);
    expect(diag(r.diagnostics)).toEqual([
      ['unbalanced-fence', 93, 'warning'],
      ['sample-invalid-json', 97, 'error'],
    ]);
  });
});

describe('extractSamples robustness', () => {
  it('a broken sample does not swallow the next one (no fences, indented)', () => {
    const text = [
      '请求示例',
      '{',
      '    "a": "x"{",', // an extra `{` hidden by an unescaped quote
      '    "b": 1',
      '}',
      '{',
      '    "c": 2',
      '}',
      '正常返回示例',
      '{',
      '    "config":"{"sls_project_name":""}"', // an extra `}`
      '}',
      '{ "d": 3 }',
    ].join('\n');
    const r = extractSamples(toLines(text), 'r.md', 'zh');
    expect(r.samples.map((s) => [s.kind, s.source.line, s.endLine, s.ok])).toEqual([
      ['request', 2, 5, false],
      ['request', 6, 8, true],
      ['response', 10, 12, false],
      ['response', 13, 13, true],
    ]);
    expect(diag(r.diagnostics)).toEqual([
      ['sample-invalid-json', 3, 'error'],
      ['sample-invalid-json', 11, 'error'],
    ]);
  });

  it('an unclosed fence is reported once', () => {
    const r = extractSamples(toLines('Sample requests\n\n```\nPOST /x\n{\n  "a": 1\n}\n', 10), 'f.md', 'en');
    expect(diag(r.diagnostics)).toEqual([['unbalanced-fence', 12, 'warning']]);
    expect(r.samples).toHaveLength(1);
    expect(r.samples[0]!.ok).toBe(true);
  });

  it('a markdown link is not a body, an unterminated body ends at the next marker', () => {
    const text = ['示例', '[OpenAPI Explorer](https://api.aliyun.com)', 'Sample requests', '{', '  "a": [1, 2', 'Sample success responses', '{"ok": true}'].join('\n');
    const r = extractSamples(toLines(text), 'l.md', 'en');
    expect(r.samples.map((s) => [s.kind, s.source.line, s.endLine, s.ok])).toEqual([
      ['request', 4, 5, false],
      ['response', 7, 7, true],
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/^sample request is not valid JSON: unexpected end of sample at line 5/);
  });

  it('never throws and stays linear on arbitrary input', () => {
    const piece = fc.constantFrom(
      '{', '}', '[', ']', '"', ':', ',', '//', '/*', '```', '<a>', '</a>', '<0>', 'POST /x', 'HTTP/1.1 200 OK',
      '请求示例', '正常返回示例', 'Sample requests', '`XML` format', '错误码', 'https://e.com/?Action=X', '&A=1', 'prose', ' ', '\\',
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), { maxLength: 40 }), (texts) => {
        const lines = texts.map((text, i) => ({ text, line: i + 1 }));
        const r = extractSamples(lines, 'f.md', 'en');
        for (const s of r.samples) {
          expect(s.source.line).toBeGreaterThanOrEqual(1);
          expect(s.endLine).toBeGreaterThanOrEqual(s.source.line);
          expect(s.endLine).toBeLessThanOrEqual(lines.length);
        }
        for (let i = 1; i < r.samples.length; i++) expect(r.samples[i]!.source.line).toBeGreaterThan(r.samples[i - 1]!.endLine);
      }),
      { numRuns: 300 },
    );
    const big = toLines(('{\n' + '  "a": "b",\n'.repeat(2000) + '"{"x":""}"\n').repeat(50));
    // Its time is the bounds test's ('broken JSON objects in a sample': linear growth).
    const r = extractSamples(big, 'big.md', 'en');
    for (const s of r.samples) expect(s.endLine).toBeLessThanOrEqual(big.length);
  });

  it.skipIf(!existsSync(CORPUS))('reads every examples section of the corpus without throwing', () => {
    const files = execFileSync('find', [CORPUS, '-name', '*.md', '!', '-name', 'SOURCES.md']).toString().trim().split('\n');
    let pages = 0;
    let samples = 0;
    for (const f of files) {
      const lines = toLines(readFileSync(f, 'utf8'));
      const i = lines.findIndex((l) => /^##\s+(示例|Examples)/.test(l.text));
      if (i < 0) continue;
      pages++;
      const r = extractSamples(lines.slice(i), f, f.includes('en-US') ? 'en' : 'zh');
      samples += r.samples.length;
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThan(i);
    }
    expect(pages).toBeGreaterThan(1000);
    expect(samples).toBeGreaterThan(3 * pages - 100);
  });
});
