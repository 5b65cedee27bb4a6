/**
 * Where each request parameter goes (issue 12.4): the request line and its path template
 * (generator/parse/request-line.ts), locations from captions and sections, Huawei's URI tables
 * split by the path template, and, against ground truth, the official CS SDK: every path
 * template the CS pages give and every Path/Query location the reader states.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { findDocuments } from '../generator/generate.ts';
import { namedSegments, normalizePath, parseRequestLine, queryNames } from '../generator/parse/request-line.ts';
import { CORPUS, ROOT } from './helpers/golden.ts';

const enc = new TextEncoder();
const read = (lines: string[]) => documentFromBytes('x.md', enc.encode(lines.join('\n')));

describe('the path template, whatever the page wrote', () => {
  const cases: [string, string, string | null][] = [
    ['/clusters', '/clusters', null],
    ['/clusters/[ClusterId]/nodepools', '/clusters/{ClusterId}/nodepools', null],
    ['/v1/\\{project\\_id\\}/vpcs', '/v1/{project_id}/vpcs', null],
    ['https://{Endpoint}/v1/{project_id}/ports?limit={limit}&marker={marker}', '/v1/{project_id}/ports', 'limit={limit}&marker={marker}'],
    ['/users/:id/keys/<key_id>', '/users/{id}/keys/{key_id}', null],
    ['/a/${x}/b/%7By%7D', '/a/{x}/b/{y}', null],
    ['/templates?template_type=String&page_num=Long', '/templates', 'template_type=String&page_num=Long'],
  ];
  for (const [raw, path, query] of cases) it(raw, () => expect(normalizePath(raw)).toEqual({ path, query }));

  it('reads request lines in their forms, and only them', () => {
    expect(parseRequestLine('POST /clusters HTTP/1.1', 1)).toMatchObject({ method: 'POST', path: '/clusters', query: null });
    expect(parseRequestLine('post /clusters/{ClusterId}/nodepools http|https', 1, true)).toMatchObject({ method: 'POST', path: '/clusters/{ClusterId}/nodepools' });
    expect(parseRequestLine('POST|PUT /templates HTTPS|HTTP', 1)).toMatchObject({ method: 'POST', path: '/templates' });
    expect(parseRequestLine('post /clusters', 1)).toBeNull(); // lower case only inside a request-syntax or URI section
    expect(parseRequestLine('POSTED /x', 1)).toBeNull();
    expect(parseRequestLine('Use POST /x to create.', 1)).toBeNull();
  });

  it('finds the URI in the prose of a `## URI` section, escapes removed', () => {
    const d = read(['# 创建VPC', '', '## URI', '', 'POST /v1/\\{project\\_id\\}/vpcs', '', '## 请求消息', '', '|名称|是否必选|参数类型|说明|', '|--|--|--|--|', '|vpc|是|Object|x|']);
    expect([d.method, d.path]).toEqual(['POST', '/v1/{project_id}/vpcs']);
  });

  it('writes a bare segment named like a parameter as a placeholder when a sample replaces it, or when it is written like an identifier', () => {
    expect(namedSegments('/clusters/ClusterId', new Set(['ClusterId']))).toBe('/clusters/{ClusterId}');
    expect(namedSegments('/tags', new Set(['tags']))).toBe('/tags');
    expect(namedSegments('/triggers/revoke/Id', new Set(['Id']), ['/triggers/revoke/c5cdf7e3938bc'])).toBe('/triggers/revoke/{Id}');
    expect(namedSegments('/nodes/X_1', new Set(['X_1']), ['/nodes/X_1'])).toBe('/nodes/X_1');
    expect([...queryNames('retain_all_resources=Boolean&keep_slb=Boolean&x')]).toEqual(['retain_all_resources', 'keep_slb', 'x']);
  });
});

describe('locations from captions, sections and the URI', () => {
  it('Huawei v2: `## URI` rows split by the path template, `## 请求消息` rows are the body', () => {
    const d = read([
      '# 查询端口列表',
      '',
      '## URI',
      '',
      'GET /v1/\\{project\\_id\\}/ports',
      '',
      '**表 1**  参数说明',
      '',
      '|名称|是否必选|说明|',
      '|--|--|--|',
      '|project_id|是|项目ID。|',
      '|limit|否|每页条数。|',
      '',
      '## 请求消息',
      '',
      '|名称|是否必选|参数类型|说明|',
      '|--|--|--|--|',
      '|port|是|Object|端口。|',
      '',
      '## 请求消息头',
      '',
      '|名称|是否必选|说明|',
      '|--|--|--|',
      '|X-Auth-Token|是|令牌。|',
    ]);
    expect(d.request.map((r) => [r.name, r.position])).toEqual([
      ['project_id', 'Path'],
      ['limit', 'Query'],
      ['port', 'Body'],
      ['X-Auth-Token', 'Header'],
    ]);
  });

  it('Huawei v3: the captions 路径参数, Query参数, 请求Header参数, 请求Body参数 say it; a Position column beats them', () => {
    const table = (n: number, title: string, row: string) => [`**表 ${n}**  ${title}`, '', '|参数|是否必选|参数类型|描述|', '|--|--|--|--|', row, ''];
    const d = read([
      '# x',
      '',
      '## URI',
      '',
      'GET /v3/\\{project\\_id\\}/vpc/address-groups',
      '',
      ...table(1, '路径参数', '|project_id|是|String|-|'),
      ...table(2, 'Query参数', '|limit|否|Integer|-|'),
      '## 请求参数',
      '',
      ...table(3, '请求Header参数', '|X-Auth-Token|是|String|-|'),
      ...table(4, '请求Body参数', '|dry_run|否|Boolean|-|'),
      '**表 5**  请求Body参数',
      '',
      '|参数|位置|类型|描述|',
      '|--|--|--|--|',
      '|x|Query|String|-|',
    ]);
    expect(d.request.map((r) => [r.name, r.position])).toEqual([
      ['project_id', 'Path'],
      ['limit', 'Query'],
      ['X-Auth-Token', 'Header'],
      ['dry_run', 'Body'],
      ['x', 'Query'],
    ]);
  });

  it('Alibaba ROA: the request line names path and query parameters the table leaves unplaced', () => {
    const d = read(['# DeleteCluster', '', '## 请求语法', '', '```', 'DELETE /clusters/ClusterId?retain_all_resources=Boolean&keep_slb=Boolean HTTP/1.1', '```', '', '## 请求参数', '', '|名称|类型|是否必选|描述|', '|--|--|--|--|', '|ClusterId|String|是|集群ID。|', '|keep_slb|Boolean|否|x|', '|other|String|否|y|']);
    expect(d.path).toBe('/clusters/{ClusterId}');
    expect(d.request.map((r) => [r.name, r.position])).toEqual([
      ['ClusterId', 'Path'],
      ['keep_slb', 'Query'],
      ['other', null],
    ]);
  });
});

const CS = join(CORPUS, 'csk');
describe.skipIf(!existsSync(CS))('CS pages against the official SDK (@alicloud/cs20151215)', () => {
  it('give the SDK path template (up to placeholder names) and never a Path or Query location the SDK contradicts', () => {
    const js = readFileSync(join(ROOT, 'node_modules', '@alicloud', 'cs20151215', 'dist', 'client.js'), 'utf8');
    const sdk = new Map<string, { path: string; query: Set<string> }>();
    for (const m of js.matchAll(/async (\w+)WithOptions\(([\s\S]*?)action: "(\w+)",[\s\S]{0,200}?pathname: `([^`]*)`/g)) {
      const path = m[4]!.replace(/\$\{[^}]*?percentEncode\((\w+)\)\}/g, '{$1}').replace(/\$\{(\w+)\}/g, '{$1}');
      sdk.set(m[3]!, { path, query: new Set([...m[2]!.matchAll(/query\["([^"]+)"\]/g)].map((x) => x[1]!)) });
    }
    expect(sdk.size).toBeGreaterThan(100);
    const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
    let pages = 0;
    let checked = 0;
    const paths: string[] = [];
    const wrong: string[] = [];
    for (const f of findDocuments(CS, join(CORPUS, '..'), [])) {
      const d = documentFromBytes(relative(join(CORPUS, '..'), f.abs), readFileSync(f.abs));
      const s = d.operation ? sdk.get(d.operation) : undefined;
      if (!s || !d.path) continue;
      pages++;
      // One page is filed under the wrong operation (identity, not paths): its path is another API's.
      if (shape(d.path) !== shape(s.path) && !(d.operation === 'CreateCluster' && d.path.startsWith('/api/v2/'))) paths.push(`${d.file}: ${d.path} vs ${s.path}`);
      const inPath = new Set([...s.path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!.toLowerCase()));
      for (const r of d.request.filter((x) => x.depth === 0 && (x.position === 'Path' || x.position === 'Query'))) {
        const name = r.name.toLowerCase().replace(/_/g, '');
        const want = [...inPath].some((p) => p.replace(/_/g, '') === name) ? 'Path' : s.query.has(r.name) ? 'Query' : null;
        if (!want) continue;
        checked++;
        if (r.position !== want) wrong.push(`${d.file}: ${r.name} ${r.position}, SDK ${want}`);
      }
    }
    expect(pages).toBeGreaterThan(150);
    expect(checked).toBeGreaterThan(200);
    expect(paths).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
