/**
 * Linked tables become nested models (issue 12.3): on one page (generator/parse/linked-tables.ts)
 * by anchor, table number, caption name, heading or "the fields of X"; across pages
 * (generator/reconcile/linked.ts) by a type linked to a data-type page. Small pages written for
 * each case; real pages are in layouts-real.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ParamRow } from '../generator/model/ir.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { reconcile } from '../generator/reconcile/index.ts';

const enc = new TextEncoder();
const read = (lines: string[], file = 'x.md') => documentFromBytes(file, enc.encode(lines.join('\n')));
const tree = (rows: ParamRow[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.name}${r.parent ? ` <${r.parent}` : ''}`);

const html = (anchor: string, rows: string[][]) => [
  `    <a name="${anchor}"></a>`,
  '    <table><thead align="left"><tr><th><p>名称</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>说明</p></th></tr></thead><tbody>',
  ...rows.map((r) => `    <tr>${r.map((c) => `<td><p>${c}</p></td>`).join('')}</tr>`),
  '    </tbody></table>',
  '',
];

describe('tables linked on one page', () => {
  it('Huawei: a row whose type links to an anchored table gets its rows, at every depth, in request and response alike', () => {
    const d = read([
      '# 创建VPC',
      '',
      '## 请求消息',
      '',
      '-   请求参数',
      '',
      '    **表 2**  请求参数',
      '',
      ...html('t2', [['vpc', '是', '<a href="#t3">vpc</a> object', '<a href="#t3">vpc对象</a>']]),
      '    **表 3**  vpc对象',
      '',
      ...html('t3', [
        ['name', '否', 'String', '名称'],
        ['routes', '否', 'Array of <a href="#t4">route</a> objects', '路由，参见<a href="#t4">表4</a>。'],
      ]),
      '    **表 4**  route对象',
      '',
      ...html('t4', [['destination', '是', 'String', '目的网段']]),
      '## 响应消息',
      '',
      '-   响应参数',
      '',
      '    **表 5**  响应参数',
      '',
      ...html('t5', [['vpc', '是', 'vpc object', '<a href="#t6">vpc对象</a>']]),
      '    **表 6**  vpc对象',
      '',
      ...html('t6', [['id', '是', 'String', 'ID']]),
    ]);
    expect(tree(d.request)).toEqual(['vpc', '  name <vpc', '  routes <vpc', '    destination <routes']);
    expect(d.request.map((r) => r.position)).toEqual(['Body', null, null, null]);
    expect(tree(d.response)).toEqual(['vpc', '  id <vpc']);
    expect(d.tables.map((t) => [t.kind, t.anchors, t.names ?? null, t.nestedUnder?.name ?? null])).toEqual([
      ['request', ['t2'], null, null],
      ['request', ['t3'], ['vpc'], 'vpc'],
      ['request', ['t4'], ['route'], 'routes'],
      ['response', ['t5'], null, null],
      ['response', ['t6'], ['vpc'], 'vpc'],
    ]);
    expect(d.diagnostics.filter((x) => x.code !== 'no-operation')).toEqual([]);
  });

  it('by "详情请参见表3" in words, and by the type naming the caption; the table below the row wins a shared name', () => {
    const pipe = (caption: string, rows: string[]) => [caption, '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', ...rows, ''];
    const d = read([
      '## 请求参数',
      '',
      ...pipe('**表 1**  请求Body参数', ['|a|是|Object|详情请参见表3。|', '|b|否|Option object|-|']),
      ...pipe('**表 2**  Option', ['|x|是|String|-|']),
      ...pipe('**表 3**  A对象', ['|y|否|Integer|-|']),
      '## 响应参数',
      '',
      ...pipe('**表 4**  响应Body参数', ['|b|Option object|-|'.replace('|b|', '|b|是|')]),
      ...pipe('**表 5**  Option', ['|z|是|String|-|']),
    ]);
    expect(tree(d.request)).toEqual(['a', '  y <a', 'b', '  x <b']);
    expect(tree(d.response)).toEqual(['b', '  z <b']);
  });

  it('Alibaba: a bold caption, a section heading with an anchor, and "the fields of the X parameter" (even on a String)', () => {
    const d = read([
      '## 返回参数',
      '',
      '|名称|类型|描述|',
      '|--|--|--|',
      '|AvailableZones|Array of [AvailableZoneType](#AvailableZoneType)|可用区。|',
      '|KeyMetadata|[KeyMetadata](#section_03)|元数据。|',
      '',
      '**AvailableZoneType**',
      '',
      '|名称|类型|描述|',
      '|--|--|--|',
      '|ZoneId|String|可用区ID|',
      '',
      '## KeyMetadata {#section_03 .section}',
      '',
      '|名称|类型|描述|',
      '|--|--|--|',
      '|KeyId|String|密钥ID|',
      '',
      '## 请求参数',
      '',
      '|Name|Type|Required|Description|',
      '|--|--|--|--|',
      '|Sources|String|Yes|The origins, a JSON array.|',
      '',
      'The following table describes the fields of the Sources parameter.',
      '',
      '|Name|Type|Required|Description|',
      '|--|--|--|--|',
      '|content|String|Yes|The address.|',
    ]);
    expect(tree(d.response)).toEqual(['AvailableZones', '  ZoneId <AvailableZones', 'KeyMetadata', '  KeyId <KeyMetadata']);
    expect(tree(d.request)).toEqual(['Sources', '  content <Sources']);
    expect(d.tables.map((t) => t.kind)).toEqual(['response', 'response', 'response', 'request', 'request']);
  });

  it('a scalar whose description points at a table (an enumeration, say) does not take its rows', () => {
    const d = read(['## 请求参数', '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', '|mode|是|String|取值请参见表2。|', '', '**表 2**  Mode对象', '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', '|a|否|String|x|']);
    expect(tree(d.request)).toEqual(['mode', 'a']);
  });

  it('a structure that contains itself is nested once, with a linked-table diagnostic', () => {
    const t = (n: number, title: string, rows: string[]) => [`**表 ${n}**  ${title}`, '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', ...rows, ''];
    const d = read(['## 请求参数', '', ...t(1, '请求Body参数', ['|node|是|Node object|-|']), ...t(2, 'Node', ['|name|是|String|-|', '|edges|否|Array of Edge objects|-|', '|self|否|Node object|-|']), ...t(3, 'Edge', ['|to|是|Node object|-|'])]);
    expect(tree(d.request)).toEqual(['node', '  name <node', '  edges <node', '    to <edges', '  self <node']);
    expect(d.diagnostics.filter((x) => x.code === 'linked-table').map((x) => [x.line, x.severity])).toEqual([[21, 'info']]); // the `to` row of Edge
  });

  it('copies are capped: tables that each link twice to the next cost linear, not exponential, rows', () => {
    const level = (i: number) => [`**表 ${i + 2}**  T${i}`, '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', `|a|否|T${i + 1} object|-|`, `|b|否|T${i + 1} object|-|`, ''];
    const page = (n: number) => ['## 请求参数', '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', '|root|是|T0 object|-|', '', ...Array.from({ length: n }, (_, i) => level(i)).flat()];
    const small = read(page(5));
    expect(small.request).toHaveLength(1 + 2 + 4 + 8 + 16 + 32);
    const big = read(page(30));
    expect(big.request.length).toBeLessThanOrEqual(4 * (1 + 60) + 1000 + 61);
    expect(big.diagnostics.some((x) => x.code === 'linked-table' && x.severity === 'warning')).toBe(true);
  });
});

describe('types linked to a data-type page (across pages)', () => {
  const structures = read(
    ['通用数据结构 {#doc-api-commonStruct}', '====', '', 'tag {#tag}', '----------', '', '|参数名称|类型|示例值|描述|', '|--|--|--|--|', '|key|String|env|标签键。|', '|value|String|prod|标签值。|', '', 'taint {#taint}', '---', '', '|参数名称|类型|示例值|描述|', '|--|--|--|--|', '|effect|String|NoSchedule|效果。|'],
    'csk/cn.zh-CN/API参考/通用数据结构.md',
  );
  const user = read(
    ['# TagResources', '', 'POST /tags HTTP/1.1', '', '## 请求参数', '', '|名称|类型|是否必选|示例值|描述|', '|--|--|--|--|--|', '|tags|Array of [tag](/cn.zh-CN/API参考/通用数据结构.md)|是|[]|标签。|', '|taint|[taint](../通用数据结构.md#taint)|否|x|污点。|'],
    'csk/cn.zh-CN/API参考/标签/TagResources.md',
  );

  it('the data-type page keeps its named tables with their rows; the linking rows keep the link', () => {
    expect(structures.tables.map((t) => [t.kind, t.anchors, t.names, t.fields?.map((f) => f.name)])).toEqual([
      ['other', ['tag'], ['tag'], ['key', 'value']],
      ['other', ['taint'], ['taint'], ['effect']],
    ]);
    expect(user.request.map((r) => r.typeLink)).toEqual([
      { url: '/cn.zh-CN/API参考/通用数据结构.md', text: 'tag' },
      { url: '../通用数据结构.md#taint', text: 'taint' },
    ]);
  });

  it('reconcile nests the linked table under the row: the models get their fields, sourced on the data-type page', () => {
    const [op] = reconcile([structures, user]);
    const models = Object.fromEntries(op!.models.map((m) => [m.name, m.fields.map((f) => [f.name, f.description.zh])]));
    expect(models).toEqual({ tag: [['key', '标签键。'], ['value', '标签值。']], taint: [['effect', '效果。']] });
    const key = op!.models.find((m) => m.name === 'tag')!.fields[0]!;
    expect(key.sources.map((s) => `${s.file}:${s.line}`)).toContain('csk/cn.zh-CN/API参考/通用数据结构.md:9');
    expect(op!.request.map((p) => [p.name, p.type])).toEqual([
      ['tags', { kind: 'array', items: { kind: 'ref', name: 'tag' } }],
      ['taint', { kind: 'ref', name: 'taint' }],
    ]);
    // Without the data-type page the same operation has empty models: the page is what fills them.
    const [alone] = reconcile([user]);
    expect(alone!.models.every((m) => m.fields.length === 0)).toBe(true);
  });
});
