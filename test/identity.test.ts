/**
 * Page identity (generator/parse/identity/): which operation a page documents, from ranked
 * evidence. Real pages copied into test/fixtures/corpus/identity/ (see SOURCES.md there) for the
 * failures the issue lists, and small pages written here for each rule. Expected values were read
 * off the pages (and, for ModifyDeploymentSetAttribute, checked against the ECS SDK).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentIR, IdentitySource } from '../generator/model/ir.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { explorerLink } from '../generator/parse/identity/index.ts';
import { groupByOperation } from '../generator/reconcile/pages.ts';
import { ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'identity');
const fixture = (name: string): DocumentIR => documentFromBytes(`identity/${name}`, readFileSync(join(DIR, name)));
const page = (file: string, text: string): DocumentIR => documentFromBytes(file, Buffer.from(text));
/** `source:value` of the chosen evidence, and of the rejected. */
const chosen = (d: DocumentIR): string[] => d.identity.evidence.filter((e) => e.chosen).map((e) => `${e.source}:${e.value}`);
const rejected = (d: DocumentIR): string[] => d.identity.evidence.filter((e) => !e.chosen).map((e) => `${e.source}:${e.value}`);
const mismatch = (d: DocumentIR) => d.diagnostics.filter((x) => x.code === 'operation-mismatch');

const TABLE = ['## 请求参数', '', '|名称|类型|是否必选|示例值|描述|', '|--|--|----|---|--|', '|RegionId|String|是|cn-hangzhou|地域。|', ''];
const ACTION_ROW = (name: string) => `|Action|String|是|${name}|系统规定参数。取值：${name}|`;

describe('the failures of the corpus, on the real pages', () => {
  it('CreateLoadBalancerUDPListener: the note "call the StartLoadBalancerListener operation" is prose, not identity', () => {
    const d = fixture('CreateLoadBalancerUDPListener.md');
    expect(d.operation).toBe('CreateLoadBalancerUDPListener');
    expect(d.identity).toMatchObject({ kind: 'operation', rule: 'action' });
    expect(chosen(d)).toEqual(['explorer-link:CreateLoadBalancerUDPListener', 'h1:CreateLoadBalancerUDPListener', 'action:CreateLoadBalancerUDPListener', 'sample:CreateLoadBalancerUDPListener', 'file-name:CreateLoadBalancerUDPListener']);
    expect(d.identity.evidence.find((e) => e.source === 'prose')).toEqual({ source: 'prose', value: 'StartLoadBalancerListener', line: 7, chosen: false });
    expect([d.product, d.version, d.style]).toEqual(['Slb', '2014-05-15', 'RPC']);
    expect(mismatch(d)).toEqual([]);
  });

  it('AttachNetworkInterface and ModifyInstanceAttribute do not land in RebootInstance', () => {
    for (const [name, line] of [
      ['AttachNetworkInterface', 12],
      ['ModifyInstanceAttribute', 11],
    ] as const) {
      const d = fixture(`${name}.md`);
      expect(d.operation).toBe(name);
      expect(rejected(d)).toEqual(['prose:RebootInstance']);
      expect(d.identity.evidence.find((e) => e.source === 'prose')!.line).toBe(line);
    }
  });

  it('DescribeRefreshQuota: "You can call the RefreshObjectCaches operation" in its note is prose', () => {
    const d = fixture('DescribeRefreshQuota.md');
    expect(d.operation).toBe('DescribeRefreshQuota');
    expect(rejected(d)).toEqual(['prose:RefreshObjectCaches', 'prose:PushObjectCache']);
  });

  it('GetGroup (ram zh): "API Explorer 提供在线调用 API" names no operation called API', () => {
    const d = fixture('GetGroup.md');
    expect(d.operation).toBe('GetGroup');
    expect(d.identity.evidence.map((e) => e.value)).not.toContain('API');
    expect(d.product).toBe('Ram');
  });

  it('ListUsers (ram en): the link copied from CreateUser loses to the H1, the Action row, the sample and the file name', () => {
    const d = fixture('ListUsers.md');
    expect(d.identity).toMatchObject({ operation: 'ListUsers', rule: 'more-sources' });
    expect(rejected(d)).toEqual(['explorer-link:CreateUser']);
    expect(mismatch(d)).toHaveLength(1);
    expect(mismatch(d)[0]).toMatchObject({ line: 13, severity: 'warning' });
    expect(mismatch(d)[0]!.message).toContain('CreateUser (explorer-link line 7)');
  });

  it('ModifyDeploymentSetAttributes.md: the link and the Action row (the name sent) beat the H1, the file name and a sample', () => {
    const d = fixture('ModifyDeploymentSetAttributes.md');
    expect(d.identity).toMatchObject({ operation: 'ModifyDeploymentSetAttribute', rule: 'stronger-source' });
    expect(chosen(d)).toEqual(['explorer-link:ModifyDeploymentSetAttribute', 'action:ModifyDeploymentSetAttribute']);
    expect(rejected(d)).toEqual(['h1:ModifyDeploymentSetAttributes', 'sample:ModifyDeploymentSetAttributes', 'file-name:ModifyDeploymentSetAttributes']);
  });

  it('CreateAlias (kms): a sample sending Action=CreareAlias loses to the H1 and the file name', () => {
    const d = fixture('CreateAlias.md');
    expect(d.identity).toMatchObject({ operation: 'CreateAlias', rule: 'more-sources' });
    expect(rejected(d)).toEqual(['sample:CreareAlias']);
  });

  it('DescribeAutoSnapshotPolicyEX.md: names that differ in case are one name, spelled as the Action row sends it', () => {
    const d = fixture('DescribeAutoSnapshotPolicyEX.md');
    expect(d.identity).toMatchObject({ operation: 'DescribeAutoSnapshotPolicyEx', rule: 'action' });
    expect(rejected(d)).toEqual([]);
    expect(mismatch(d)).toEqual([]);
  });

  it('刷新缓存.md: a Chinese title and file name; the Action row and the sample name it', () => {
    const d = fixture('刷新缓存.md');
    expect(d.identity).toMatchObject({ kind: 'operation', operation: 'RefreshObjectCaches', rule: 'action' });
    expect(chosen(d)).toEqual(['action:RefreshObjectCaches', 'sample:RefreshObjectCaches']);
  });

  it('Decrypt (kms): a one-word name, given by the sample (Action=Decrypt), the H1 and the file name', () => {
    const d = fixture('Decrypt.md');
    expect(d.identity).toMatchObject({ kind: 'operation', operation: 'Decrypt', rule: 'h1' });
    expect(chosen(d)).toEqual(['h1:Decrypt', 'sample:Decrypt', 'file-name:Decrypt']);
    expect(d.diagnostics.filter((x) => x.code === 'no-operation')).toEqual([]);
  });

  it('common-parameter pages are recognised (title, or a 公共参数 section) and name no operation', () => {
    for (const [name, rule] of [
      ['Common parameters.md', 'common-parameters-title'],
      ['公共参数.md', 'common-parameters-title'],
      ['调用方式.md', 'common-parameters-section'],
    ]) {
      const d = fixture(name!);
      expect(d.identity).toMatchObject({ kind: 'common-parameters', operation: null, rule });
      expect(d.operation).toBeNull();
      expect(d.request.length).toBeGreaterThan(5);
      expect(d.diagnostics.filter((x) => x.code === 'no-operation')).toEqual([]);
    }
    // The English page's sample sends Action=XXXXXX: a placeholder, no API name.
    expect(fixture('Common parameters.md').identity.evidence).toEqual([]);
  });

  it('a guide page whose sample sends Action=RunInstances is no operation page', () => {
    const d = fixture('如何保证幂等性.md');
    expect(d.identity).toMatchObject({ kind: 'other', operation: null, rule: 'not-an-api-page' });
    expect(rejected(d)).toEqual(['sample:RunInstances']);
  });

  it('common-parameter pages never become or join an operation', () => {
    const docs = ['Common parameters.md', '公共参数.md', '调用方式.md', 'GetGroup.md', 'ListUsers.md'].map(fixture);
    expect([...groupByOperation(docs).keys()]).toEqual(['Ram/_/GetGroup', 'Ram/_/ListUsers']);
  });
});

describe('explorer links of every vendor', () => {
  const cases: [string, Record<string, string | null>][] = [
    ['https://api.aliyun.com/#product=Ecs&api=DescribeInstances&type=RPC&version=2014-05-26', { api: 'DescribeInstances', product: 'Ecs', version: '2014-05-26', style: 'RPC' }],
    ['https://api.aliyun.com/#/?product=Slb&api=DeleteRules', { api: 'DeleteRules', product: 'Slb', version: null, style: null }],
    ['https://api.aliyun.com/new#/?product=CS&version=2015-12-15&api=CreateCluster&tab=DEMO&lang=JAVA', { api: 'CreateCluster', product: 'CS', version: '2015-12-15', style: null }],
    ['https://next.api.aliyun.com/api/CS/2015-12-15/CreateCluster', { api: 'CreateCluster', product: 'CS', version: '2015-12-15', style: null }],
    ['https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=VPC&version=v2&api=CreateVpc', { api: 'CreateVpc', product: 'VPC', version: 'v2', style: null }],
    ['https://apiexplorer.developer.huaweicloud.com/apiexplorer/debug?product=VPC&api=ListPorts&version=v2', { api: 'ListPorts', product: 'VPC', version: 'v2', style: null }],
    ['https://console.huaweicloud.com/apiexplorer/#/openapi/VPC/doc?api=ListSubNetworkInterfaces&version=v3', { api: 'ListSubNetworkInterfaces', product: 'VPC', version: 'v3', style: null }],
  ];
  for (const [url, want] of cases) {
    it(new URL(url).host + ' ' + url.slice(url.indexOf(new URL(url).host) + new URL(url).host.length, url.length).slice(0, 60), () => {
      expect(explorerLink(url, 7)).toEqual({ ...want, line: 7 });
    });
  }
  it('other hosts and broken URLs are no explorer links', () => {
    expect(explorerLink('https://help.aliyun.com/document_detail/25609.html?api=DescribeRegions', 1)).toBeNull();
    expect(explorerLink('https://docs-aliyun.cn-hangzhou.oss.aliyun-inc.com/x?api=A', 1)).toBeNull();
    expect(explorerLink('api.aliyun.com/#api=X', 1)).toBeNull();
  });
  it('a Huawei page is named by its explorer link', () => {
    // A synthetic page of Huawei's shape (anchored H1, sections, explorer link, URI): no text of theirs.
    const d = page('vpc/创建X.md', ['# 创建X<a name="x_0001"></a>', '', '## 功能介绍', '', '说明。', '', '## 调试', '', '[API Explorer](https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=VPC&version=v1&api=CreateVpc)', '', '## URI', '', 'POST /v1/\\{project\\_id\\}/vpcs', '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ kind: 'operation', operation: 'CreateVpc', rule: 'explorer-link' });
    expect([d.product, d.version]).toEqual(['VPC', 'v1']);
  });
});

describe('the rules, on small pages', () => {
  const link = (api: string) => `[API Explorer](https://api.aliyun.com/#product=Ecs&api=${api}&type=RPC&version=2014-05-26)`;

  it('an H1 and a file name that agree beat the link, with a warning at the H1', () => {
    const d = page('ecs/DeleteKeyPairs.md', ['# DeleteKeyPairs', '', '删除SSH密钥对。', '', '## 调试', '', link('CreateKeyPair'), '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ operation: 'DeleteKeyPairs', rule: 'more-sources' });
    expect(chosen(d)).toEqual(['h1:DeleteKeyPairs', 'file-name:DeleteKeyPairs']);
    expect(rejected(d)).toEqual(['explorer-link:CreateKeyPair']);
    expect(mismatch(d)).toMatchObject([{ line: 1 }]);
    // The link's product and version stand: it still names the product.
    expect([d.product, d.version]).toEqual(['Ecs', '2014-05-26']);
  });

  it('a link alone against a lone file name: the link', () => {
    const d = page('ecs/DeleteKeyPairs.md', ['# 删除密钥对', '', '删除SSH密钥对。', '', link('DeleteKeyPair'), '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ operation: 'DeleteKeyPair', rule: 'stronger-source' });
  });

  it('the lead sentence names the page ("调用X…"); later prose does not', () => {
    const d = page('cs/扩容集群.md', ['# 扩容集群', '', '调用ScaleOutCluster增加集群中Worker节点数量。', '', '说明：请先调用DescribeClusterDetail查询集群。', '', '## 调试', '', '[x](https://api.aliyun.com/#product=CS&api=CreateCluster&type=ROA&version=2015-12-15)', '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ operation: 'ScaleOutCluster', rule: 'stronger-source' });
    expect(rejected(d)).toEqual(['explorer-link:CreateCluster', 'prose:DescribeClusterDetail']);
  });

  it('prose alone is never identity', () => {
    const d = page('ecs/guide.md', ['# 使用说明', '', '本文介绍如何使用接口。', '', '您需要先调用RunInstances创建实例，再调用StartInstance启动实例。', '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ kind: 'other', operation: null, rule: 'none' });
    expect(rejected(d)).toEqual(['prose:RunInstances', 'prose:StartInstance']);
    expect(d.diagnostics.map((x) => x.code)).toContain('no-operation');
  });

  it('a note as the first paragraph is no summary', () => {
    const d = page('slb/监听.md', ['# 创建监听', '', '**说明：** 创建后需调用StartLoadBalancerListener启动监听。', '', ...TABLE].join('\n'));
    expect(d.operation).toBeNull();
    expect(rejected(d)).toEqual(['prose:StartLoadBalancerListener']);
  });

  it('English summaries: "You can call the X operation to …", "… by calling the X operation."', () => {
    expect(page('a.md', ['# A cluster', '', 'You can call the CreateCluster operation to create a cluster.', '', ...TABLE].join('\n')).identity).toMatchObject({ operation: 'CreateCluster', rule: 'summary' });
    expect(page('b.md', ['# An edge cluster', '', 'Creates an ACK Edge cluster by calling the CreateCluster operation.', '', ...TABLE].join('\n')).identity).toMatchObject({ operation: 'CreateCluster', rule: 'summary' });
    // A second sentence of the lead is not the summary.
    expect(page('c.md', ['# A listener', '', 'Creates a listener. Then call the StartLoadBalancerListener operation to start it.', '', ...TABLE].join('\n')).operation).toBeNull();
  });

  it('placeholders and acronyms are no API names (XXXXXX, API, VPC)', () => {
    for (const name of ['XXXXXX', 'API', 'VPC', 'Ecs']) {
      const d = page(`x/${name}.md`, [`# ${name}`, '', `调用${name}。`, '', ...TABLE.slice(0, 4), ACTION_ROW(name), ''].join('\n'));
      expect(d.operation, name).toBeNull();
    }
  });

  it('a one-word name needs the wire and a second source spelling it alike', () => {
    const sample = (name: string) => ['## 示例', '', '请求示例', '', '```', `https://kms.aliyuncs.com/?Action=${name}`, '```', ''];
    // The sample alone, against a Chinese title and file name: no name.
    expect(page('kms/解密.md', ['# 解密', '', ...TABLE, ...sample('Decrypt')].join('\n')).operation).toBeNull();
    // The H1 alone (no wire): no name; with the sample: the name.
    expect(page('kms/x.md', ['# Overview', '', ...TABLE].join('\n')).operation).toBeNull();
    expect(page('kms/x.md', ['# Decrypt', '', ...TABLE, ...sample('Decrypt')].join('\n')).identity).toMatchObject({ operation: 'Decrypt', rule: 'h1' });
    // The file name and an Action row: the name.
    expect(page('kms/Encrypt.md', ['# 加密', '', ...TABLE.slice(0, 4), ACTION_ROW('Encrypt'), ''].join('\n')).identity).toMatchObject({ operation: 'Encrypt', rule: 'action' });
    // A lone miscased Action row (`Setdynamicconfig`) is no name; beside a two-word name it is passed over, not a second name.
    expect(page('cdn/配置.md', ['# 配置', '', ...TABLE.slice(0, 4), ACTION_ROW('Setdynamicconfig'), ''].join('\n')).operation).toBeNull();
    const d = page('cdn/SetDynamicConfig.md', ['# SetDynamicConfig', '', ...TABLE.slice(0, 4), ACTION_ROW('Setdynamicconfig'), ''].join('\n'));
    expect(d.identity).toMatchObject({ operation: 'SetDynamicConfig', rule: 'h1' });
    expect(rejected(d)).toEqual([]);
    // Short capitalised words (product codes) never are.
    expect(page('x/Ecs.md', ['# Ecs', '', ...TABLE, ...sample('Ecs')].join('\n')).operation).toBeNull();
  });

  it('file names lose their numeric prefix and variant suffix', () => {
    expect(page('x/8DescribeRefreshRemainNumber.md', ['# 刷新余量', '', ...TABLE].join('\n')).operation).toBe('DescribeRefreshRemainNumber');
    expect(page('x/01-DeleteRules.md', ['# 删除规则', '', ...TABLE].join('\n')).operation).toBe('DeleteRules');
    expect(page('x/CreatePort-openstack.md', ['# 创建端口', '', ...TABLE].join('\n')).operation).toBe('CreatePort');
    // a revision or language after a dot (the corpus's history/ snapshots)
    expect(page('history/CreateCluster.en-US.c08e1bdee.2019-06-04.md', ['# Create a managed Kubernetes cluster', '', ...TABLE].join('\n')).identity).toMatchObject({ operation: 'CreateCluster', rule: 'file-name' });
  });

  it('an API reference page that gives no API name is named by its title', () => {
    const d = page('vpc/创建流量镜像会话.md', ['# 创建流量镜像会话', '', '## 功能介绍', '', '创建流量镜像会话。', '', '## URI', '', 'POST /v3/{project_id}/vpc/traffic-mirror-sessions', '', ...TABLE].join('\n'));
    expect(d.identity).toMatchObject({ kind: 'operation', operation: '创建流量镜像会话', rule: 'title-only' });
    expect(chosen(d)).toEqual(['title:创建流量镜像会话']);
    // Without a request line it is no API reference page.
    expect(page('vpc/分页查询.md', ['# 分页查询', '', ...TABLE].join('\n')).identity).toMatchObject({ kind: 'other', rule: 'none' });
  });

  it('the order of evidence on the page never changes the decision', () => {
    const a = page('x/DeleteA.md', ['# DeleteA', '', link('DeleteB'), '', ...TABLE.slice(0, 4), ACTION_ROW('DeleteB'), ''].join('\n'));
    const b = page('x/DeleteA.md', ['# DeleteA', '', ...TABLE.slice(0, 4), ACTION_ROW('DeleteB'), '', link('DeleteB'), ''].join('\n'));
    for (const d of [a, b]) expect(d.identity).toMatchObject({ operation: 'DeleteB', rule: 'more-sources' });
  });

  it('every source the IR documents can be chosen', () => {
    const seen = new Set<IdentitySource>();
    const docs = [
      page('x/DeleteKeyPairs.md', ['# DeleteKeyPairs', '', '调用DeleteKeyPairs删除密钥对。', '', link('DeleteKeyPairs'), '', ...TABLE.slice(0, 4), ACTION_ROW('DeleteKeyPairs'), '', '## 示例', '', '请求示例', '', '```', 'https://ecs.aliyuncs.com/?Action=DeleteKeyPairs', '```', ''].join('\n')),
      page('vpc/创建流量镜像会话.md', ['# 创建流量镜像会话', '', 'POST /v3/x', '', ...TABLE].join('\n')),
    ];
    for (const d of docs) for (const e of d.identity.evidence) if (e.chosen) seen.add(e.source);
    expect([...seen].sort()).toEqual(['action', 'explorer-link', 'file-name', 'h1', 'sample', 'summary', 'title']);
  });
});

describe('grouping', () => {
  it('a page named by its title only joins the one operation that sends the same request line', () => {
    const named = page('a/CreateVpc.md', ['# CreateVpc', '', 'POST /v1/{project_id}/vpcs', '', ...TABLE].join('\n'));
    const titled = page('b/创建VPC.md', ['# 创建VPC（旧版）', '', 'POST /v1/{project_id}/vpcs', '', ...TABLE].join('\n'));
    const other = page('c/创建子网.md', ['# 创建子网', '', 'POST /v1/{project_id}/subnets', '', ...TABLE].join('\n'));
    expect([titled.identity.rule, other.identity.rule]).toEqual(['title-only', 'title-only']);
    expect([...groupByOperation([named, titled, other])].map(([k, v]) => [k, v.map((d) => d.file)])).toEqual([
      ['_/_/CreateVpc', ['a/CreateVpc.md', 'b/创建VPC.md']],
      ['_/_/创建子网', ['c/创建子网.md']],
    ]);
  });


  it('pages spelling a name in two ways are one operation, spelled as the pages with a link or Action row spell it', () => {
    const docs = [
      page('a/DescribeUserdata.md', ['# DescribeUserdata', '', ...TABLE].join('\n')),
      page('b/DescribeUserData.md', ['# DescribeUserData', '', '[x](https://api.aliyun.com/#product=Ecs&api=DescribeUserData&type=RPC&version=2014-05-26)', '', ...TABLE].join('\n')),
    ];
    expect([...groupByOperation(docs)].map(([k, v]) => [k, v.map((d) => d.file)])).toEqual([['Ecs/2014-05-26/DescribeUserData', ['a/DescribeUserdata.md', 'b/DescribeUserData.md']]]);
  });
});
