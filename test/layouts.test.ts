/**
 * Table layouts users' docs have beyond the first corpus (issue 12.1): split header cells, a
 * header ending with a lone `|` line, pipe tables without a delimiter row, tables indented inside
 * list items (pipe and HTML), and each table's traits. Small pages written for the case; the real
 * pages are in layouts-real.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { readMarkdown } from '../generator/read/markdown.ts';
import { alignCells } from '../generator/read/cells.ts';
import { normalizeType } from '../generator/parse/types.ts';
import { typeToString } from '../generator/model/types.ts';

const enc = new TextEncoder();
const read = (lines: string[], file = 'x.md') => documentFromBytes(file, enc.encode(lines.join('\n')));

describe('header cells split one per line', () => {
  it('a header that ends with a lone `|` line right before the delimiter reads (it crashed the run)', () => {
    const d = read(['# Page', '', '## 请求参数', '', '|名称', '', '|类型', '', '|描述', '', '|', '|--|--|--|', '|Size', '', '|Integer', '', '|Disk size. |', '|Mode|String|One of a, b.|']);
    expect(d.tables).toHaveLength(1);
    expect(d.tables[0]).toMatchObject({ kind: 'request', header: ['名称', '类型', '描述'], columns: ['name', 'type', 'description'], traits: ['split-header'], rowCount: 2, source: { line: 5 } });
    expect(d.request.map((r) => [r.name, r.rawType, r.description, r.source.line])).toEqual([
      ['Size', 'Integer', 'Disk size.', 13],
      ['Mode', 'String', 'One of a, b.', 18],
    ]);
    expect(d.diagnostics.filter((x) => x.code === 'cell-count')).toEqual([]);
  });

  it('a header whose last cell closes its own line reads too', () => {
    const d = read(['## Request parameters', '', '|Parameter', '', '|Type', '', '|Required', '', '|Description |', '|---|---|---|---|', '|type', '', '|String', '', '|Yes', '', '|The type. |']);
    expect(d.tables[0]).toMatchObject({ header: ['Parameter', 'Type', 'Required', 'Description'], traits: ['split-header'] });
    expect(d.request.map((r) => [r.name, r.rawType, r.required, r.description])).toEqual([['type', 'String', true, 'The type.']]);
  });

  it('a run of lone cells that no delimiter row closes is prose, and a header after it still reads', () => {
    const d = read(['## Request parameters', '', '|x', '', '|y', '', 'Some text.', '', '|Name|Type|Required|', '|--|--|--|', '|a|String|Yes|']);
    expect(d.tables.map((t) => [t.header.join('|'), t.traits.join(',')])).toEqual([['Name|Type|Required', '']]);
    expect(d.request.map((r) => r.name)).toEqual(['a']);
  });

  it('never crashes on a header of lone pipes', () => {
    for (const lines of [['|', '|--|'], ['|', '', '|', '|--|--|', '|a|b|'], ['| |', '|--|', '|a|b|c|'], ['||', '|-|-|', '|a']]) {
      expect(() => readMarkdown('x.md', lines)).not.toThrow();
    }
  });
});

describe('pipe tables without a delimiter row', () => {
  it('a header of column words followed directly by rows is a table', () => {
    const d = read(['## 请求参数', '', '|名称|类型|是否必需|描述|', '|Origin|String|否|密钥材料来源。', '', ' 有效值：Aliyun\\_KMS。|', '|Description|String|否|密钥的描述。|', '', 'After.']);
    expect(d.tables[0]).toMatchObject({ kind: 'request', columns: ['name', 'type', 'required', 'description'], traits: ['no-delimiter-row'], rowCount: 2 });
    expect(d.request.map((r) => [r.name, r.required, r.description])).toEqual([
      ['Origin', false, '密钥材料来源。\n有效值：Aliyun_KMS。'],
      ['Description', false, '密钥的描述。'],
    ]);
  });

  it('an error-code header counts too; a pipe row of other words does not start a table', () => {
    const d = read(['## 错误码', '', '|HttpCode|错误码|错误信息|描述|', '|400|Bad|x|y|', '', '## Other', '', '|a|b|', '|c|d|']);
    expect(d.tables.map((t) => [t.kind, t.traits.join(',')])).toEqual([['error', 'no-delimiter-row']]);
  });
});

describe('tables indented inside list items', () => {
  it('a pipe table under `-   参数列表` is read; the same indentation outside a list is code', () => {
    const inList = read(['## 请求参数', '', '-   参数列表', '', '    |名称|类型|是否必选|描述|', '    |--|--|--|--|', '    |Name|String|是|名字。|', '    |Size|Integer|否|大小。|']);
    expect(inList.tables[0]).toMatchObject({ kind: 'request', traits: ['indented'], rowCount: 2 });
    expect(inList.request.map((r) => [r.name, r.required, r.source.line])).toEqual([
      ['Name', true, 7],
      ['Size', false, 8],
    ]);
    const code = read(['## 请求参数', '', 'Text.', '', '    |名称|类型|是否必选|描述|', '    |--|--|--|--|', '    |Name|String|是|名字。|']);
    expect(code.tables).toEqual([]);
  });

  it('an HTML table indented under a list item is read, its list items and links kept', () => {
    const d = read([
      '## 请求消息',
      '',
      '-   请求参数',
      '',
      '    **表 2**  请求参数',
      '',
      '    <a name="table1"></a>',
      '    <table><thead align="left"><tr><th><p>名称</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>说明</p></th></tr></thead>',
      '    <tbody><tr><td><p>vpc</p></td><td><p>是</p></td><td><p><a href="#table2">vpc</a> object</p></td>',
      '    <td><ul><li>功能说明：虚拟私有云</li><li>取值范围：<ul><li>a</li><li>b</li></ul></li></ul><div class="note"><span class="notetitle"> 说明： </span><div class="notebody"><p>注意。</p></div></div></td>',
      '    </tr></tbody></table>',
    ]);
    expect(d.tables[0]).toMatchObject({ kind: 'request', layout: 'html-table', traits: ['indented', 'captioned'], header: ['名称', '是否必选', '参数类型', '说明'] });
    const vpc = d.request[0]!;
    expect([vpc.name, vpc.rawType, vpc.required]).toEqual(['vpc', 'vpc object', true]);
    expect(vpc.descriptionLines.map((l) => l.text)).toEqual(['- 功能说明：虚拟私有云', '- 取值范围：', '  - a', '  - b', '说明：', '注意。']);
  });
});

describe('parameters as a definition list (a bold term over `key：value` bullets)', () => {
  const entry = (term: string, ...items: string[]) => [`**${term}**`, '', ...items.map((i) => `-   ${i}`), ''];

  it('each term is a row, each known key a column; unknown keys (格式, 取值范围, 默认值) stay in the description for the facts', () => {
    const d = read([
      '# ListUsers',
      '',
      '## 请求参数',
      '',
      ...entry('Action', '名称：Action', '类型：String', '必须：是', '描述：系统规定参数，取值：ListUsers'),
      ...entry('UserName', '类型：String', '必须：是', '描述：用户名', '格式：'),
      '    ```',
      '    ^[a-z]+$',
      '    ```',
      '',
      ...entry('MaxItems', '类型：Integer', '必须：否', '默认值：100', '描述：条数'),
      '## 返回参数',
      '',
      ...entry('Users', '类型：[User](../数据类型/User.md)', '描述：用户'),
      '## 错误信息',
      '',
      ...entry('EntityNotExist.User', 'HTTP Status：404', 'Error Message：The user does not exist.'),
      '## 操作示例',
      '',
      '**请求示例**',
      '',
      '```',
      'https://ram.aliyuncs.com/?Action=ListUsers',
      '```',
    ]);
    expect(d.tables.map((t) => [t.kind, t.layout, t.header.join('|'), t.columns.join(','), t.rowCount, t.source.line])).toEqual([
      ['request', 'definition-list', '名称|类型|必须|描述', 'name,type,required,description', 3, 5],
      ['response', 'definition-list', '名称|类型|描述', 'name,type,description', 1, 32],
    ]);
    expect(d.request.map((r) => [r.name, typeToString(r.type), r.required, r.description, r.source.line])).toEqual([
      ['Action', 'string', true, '系统规定参数，取值：ListUsers', 5],
      ['UserName', 'string', true, '用户名\n格式：\n^[a-z]+$', 12],
      ['MaxItems', 'integer', false, '条数\n默认值：100', 23],
    ]);
    expect(d.request[2]!.facts.default?.value).toBe(100);
    expect(d.response[0]).toMatchObject({ name: 'Users', typeLink: { url: '../数据类型/User.md', text: 'User' } });
    expect(d.identity).toMatchObject({ operation: 'ListUsers', rule: 'action' });
    // The sample after the lists is still a sample.
    expect(d.samples.map((x) => x.kind)).toEqual(['request']);
  });

  it('English keys; a note (`**Note:**`), a bold label over code, and an error list are no tables', () => {
    const d = read([
      '## Request parameters',
      '',
      '**Note:** read this first.',
      '',
      '**Action**',
      '',
      '```',
      'ram:CreateUser',
      '```',
      '',
      ...entry('InvalidParameter', 'HTTP Status: 400', 'Error Message: bad.'),
      ...entry('UserName', 'Type: String', 'Required: Yes', 'Description: The name.'),
      ...entry('Enable', 'Type: Boolean', 'Required: false', 'Format: on or off'),
    ]);
    expect(d.tables.map((t) => [t.layout, t.header.join('|'), t.rowCount])).toEqual([['definition-list', 'Name|Type|Required|Description', 2]]);
    expect(d.request.map((r) => [r.name, r.rawType, r.required, r.description])).toEqual([
      ['UserName', 'String', true, 'The name.'],
      ['Enable', 'Boolean', false, 'Format：on or off'],
    ]);
  });

  it('the fields of a data type on its own page (`## 子节点`) are a definition, not request parameters', () => {
    const d = read(['# SecurityPreference', '', '## 节点名称', '', 'SecurityPreference', '', '## 子节点', '', ...entry('EnableSaveMFATicket', '类型：Boolean', '必须：否', '描述：是否保存')]);
    expect(d.tables.map((t) => [t.kind, t.layout, t.rowCount])).toEqual([['other', 'definition-list', 1]]);
    expect(d.request).toEqual([]);
  });
});

describe('header words and captions', () => {
  it('a duplicated name cell in a header without a type column is the type column', () => {
    const d = read(['## Request parameters', '', '|Parameters|Parameters|Required|Example values|Description|', '|:--|:--|:--|:--|:--|', '|Action|String|Yes|AddCdnDomain|The name. |']);
    expect(d.tables[0]!.columns).toEqual(['name', 'type', 'required', 'example', 'description']);
    expect(d.request[0]).toMatchObject({ name: 'Action', rawType: 'String', type: { kind: 'string' }, required: true, example: 'AddCdnDomain' });
  });

  it('two name words alone (`|名称|参数|`, cdn\'s functions and their arguments) are no parameter table', () => {
    const d = read(['## 请求参数', '', '|名称|类型|是否必选|描述|', '|--|--|--|--|', '|Functions|String|是|功能列表。|', '', '|名称|参数|', '|--|--|', '|ip_black_list_set：IP黑名单|ip_list：IP列表。|']);
    expect(d.tables.map((t) => [t.kind, t.columns.join(',')])).toEqual([
      ['request', 'name,type,required,description'],
      ['other', 'name,name'],
    ]);
    expect(d.request.map((r) => r.name)).toEqual(['Functions']);
  });

  it('reads the header words of other products', () => {
    const d = read(['## 请求参数', '', '|属性名称|**类型**|必要|Instance Value|参数说明|', '|--|--|--|--|--|', '|a|String|是|x|y|', '', '|Header名称|Required?|Example value(s)|备注|', '|--|--|--|--|', '|X-Token|必填|t|z|']);
    expect(d.tables.map((t) => t.columns.join(','))).toEqual(['name,type,required,example,description', 'name,required,example,description']);
    expect(d.request.map((r) => [r.name, r.required, r.example])).toEqual([
      ['a', true, 'x'],
      ['X-Token', true, 't'],
    ]);
  });

  it('keeps the nearest caption and the anchors above a table', () => {
    const md = readMarkdown('x.md', ['**状态码为 201 时:**', '', '**表 5**  响应Body参数', '', '<a name="tbl5"></a>', '|参数|参数类型|描述|', '|--|--|--|', '|id|String|ID|']);
    expect(md.tables[0]).toMatchObject({ caption: '表 5 响应Body参数', anchors: ['tbl5'], traits: ['captioned'] });
  });
});

describe('type spellings of other products', () => {
  const cases: [string, string | null][] = [
    ['UsageData[]', 'array<ref:UsageData>'],
    ['Long[]', 'array<integer>'],
    ['N/A', 'unknown'],
    ['Array of extra_dhcp_opt objects', 'array<ref:extra_dhcp_opt>'],
    ['Array of objects', 'array<object>'],
    ['Array of strings', 'array<string>'],
    ['vpc object', 'ref:vpc'],
    ['binding:vif_details object', 'ref:binding:vif_details'],
    ['JSON object', 'object'],
    ['List<resource_tag>', 'array<ref:resource_tag>'],
    ['List<List<X>>', 'array<array<ref:X>>'],
    ['Map<String,String>', 'map<string>'],
    ['Map<K,V>', 'map<ref:V>'],
    ['String to string map', 'map<string>'],
    ['DateTime', 'string'],
    ['Timestamp', 'string'],
    ['Json', 'object'],
    ['string', 'string'],
    ['int', 'integer'],
    ['array', 'array<unknown>'],
    ['list', 'array<unknown>'],
    ['KeyVersion的数组', 'array<ref:KeyVersion>'],
    ['CertificateListModel类型', 'ref:CertificateListModel'],
    ['User Type', 'ref:User'],
    ['String类型', 'string'],
    ['InstanceType', 'ref:InstanceType'],
    ['字符串类型', null],
    ['ip_list：IP列表，多个用英文逗号分隔。', null],
    [`${'Array of '.repeat(40)}X`, null],
  ];
  for (const [raw, want] of cases) {
    it(`${raw.slice(0, 40)} → ${want}`, () => {
      const t = normalizeType(raw);
      expect(t ? typeToString(t) : null).toBe(want);
    });
  }
});

describe('response tables by status', () => {
  it('the body of a 4xx or 5xx response (Huawei `**状态码为 400 时:**` over its caption) is an error table, not the response', () => {
    const t = (status: number, n: number, rows: string[]) => [`**状态码为 ${status} 时:**`, '', `**表 ${n}**  响应Body参数`, '', '|参数|参数类型|描述|', '|--|--|--|', ...rows, ''];
    const d = read(['## 响应参数', '', ...t(201, 1, ['|request_id|String|请求ID|', '|vpc|Vpc object|-|']), ...t(400, 2, ['|error_msg|String|x|', '|error_code|String|y|']), ...t(500, 3, ['|error_msg|String|x|'])]);
    expect(d.tables.map((x) => x.kind)).toEqual(['response', 'error', 'error']);
    expect(d.response.map((r) => r.name)).toEqual(['request_id', 'vpc']);
  });
});

describe('required cells that carry a condition', () => {
  it('`否 使用AK/SK认证时该字段必选。` is the flag as stated; the cell stays as written', () => {
    const d = read(['## 请求参数', '', '|名称|是否必选|描述|', '|--|--|--|', '|Host|否 使用AK/SK认证时该字段必选。|x|', '|X-Token|是，使用Token认证时。|y|', '|Z|maybe|z|']);
    expect(d.request.map((r) => [r.name, r.required, r.rawRequired])).toEqual([
      ['Host', false, '否 使用AK/SK认证时该字段必选。'],
      ['X-Token', true, '是，使用Token认证时。'],
      ['Z', null, 'maybe'],
    ]);
    expect(d.diagnostics.filter((x) => x.code === 'unknown-required').map((x) => x.line)).toEqual([7]);
  });
});

describe('aligning cells to a header', () => {
  it('a header without cells aligns nothing instead of throwing (what crashed the run)', () => {
    expect(alignCells([{ parts: [{ text: 'a', line: 1 }] }], [])).toEqual({ cells: [], off: 1 });
  });
});
