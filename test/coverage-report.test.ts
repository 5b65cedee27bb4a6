/**
 * The coverage report (emit/coverage-report.ts) counts pages honestly: by whether they became
 * their own operation, a contested one, or common parameters; lists the pages whose identity
 * overrode evidence or could not be decided; counts request tables by layout and trait.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentIR } from '../generator/model/ir.ts';
import { buildIR } from '../generator/generate.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { coverage, coverageReports, ownOperation } from '../generator/emit/coverage-report.ts';
import { ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'identity');
const at = (path: string, name: string): DocumentIR => documentFromBytes(path, readFileSync(join(DIR, name)));
const page = (file: string, text: string): DocumentIR => documentFromBytes(file, Buffer.from(text));
const TABLE = ['## 请求参数', '', '|名称|类型|是否必选|示例值|描述|', '|--|--|----|---|--|', '|RegionId|String|是|cn-hangzhou|地域。|', ''];

describe('coverage report', () => {
  const docs = [
    at('docs/ecs/ModifyInstanceAttribute.md', 'ModifyInstanceAttribute.md'),
    at('docs/ecs/ModifyDeploymentSetAttributes.md', 'ModifyDeploymentSetAttributes.md'),
    at('docs/ecs/Common parameters.md', 'Common parameters.md'),
    at('docs/ram/ListUsers.md', 'ListUsers.md'),
    // a copied link against the summary, one source each: an operation, but a contested one
    page('docs/cs/扩容集群.md', ['# 扩容集群', '', '调用ScaleOutCluster增加节点。', '', '[x](https://api.aliyun.com/#product=CS&api=CreateCluster&type=ROA&version=2015-12-15)', '', ...TABLE].join('\n')),
    // a request table and no name anywhere
    page('docs/ecs/说明.md', ['# 使用说明', '', '本文介绍分页。', '', ...TABLE].join('\n')),
  ];
  // What the layouts reader says of a table (traits), as it would for an indented table without a delimiter row.
  docs[3]!.tables[0]!.traits = ['indented', 'no-delimiter-row'];
  const ir = buildIR(docs);
  const c = coverage(ir);

  it('counts pages by what they became', () => {
    expect(c.identity).toMatchObject({ ownOperation: 3, otherOperation: 1, commonParameters: 1, nothing: 1 });
    const all = c.byProductAndLanguage[0]!;
    expect(all).toMatchObject({ key: 'all', pagesWithRequestTable: 6, ownOperation: 3, otherOperation: 1, commonParameters: 1 });
    expect(all.share).toBe(60); // 3 of the 5 pages that are not common-parameter pages
  });

  it('says what "own" means on the pages: the link and Action beat the H1 (own); one source against one (contested)', () => {
    const opOf = new Map(ir.operations.flatMap((o) => o.documents.map((f) => [f, o.name] as const)));
    const own = (f: string) => ownOperation(ir.documents.find((d) => d.file === f)!, opOf.get(f));
    expect(own('docs/ecs/ModifyDeploymentSetAttributes.md')).toBe(true);
    expect(own('docs/ram/ListUsers.md')).toBe(true);
    expect(own('docs/cs/扩容集群.md')).toBe(false);
    expect(opOf.get('docs/cs/扩容集群.md')).toBe('ScaleOutCluster');
  });

  it('lists overridden, undecided and common-parameter pages', () => {
    expect(c.identity.overridden.map((o) => [o.file, o.operation, o.rule])).toEqual([
      ['docs/cs/扩容集群.md', 'ScaleOutCluster', 'stronger-source'],
      ['docs/ecs/ModifyDeploymentSetAttributes.md', 'ModifyDeploymentSetAttribute', 'stronger-source'],
      ['docs/ram/ListUsers.md', 'ListUsers', 'more-sources'],
    ]);
    expect(c.identity.overridden[0]!.rejected).toEqual(['explorer-link CreateCluster (line 5)']);
    expect(c.identity.undecided).toEqual([{ file: 'docs/ecs/说明.md', reason: 'no API name on the page' }]);
    expect(c.identity.commonParameterPages).toEqual([{ file: 'docs/ecs/Common parameters.md', product: 'Ecs' }]);
    expect(c.nothingReasons.flatMap((r) => r.examples)).toEqual(['docs/ecs/说明.md']);
  });

  it('counts request tables by layout and trait', () => {
    expect(c.requestTables.byLayout).toEqual({ 'pipe-table': c.requestTables.tables });
    expect(c.requestTables.byTrait).toEqual({ indented: 1, 'no-delimiter-row': 1 });
    expect(c.requestTables.pagesByTrait).toEqual({ indented: 1, 'no-delimiter-row': 1 });
  });

  it('renders the lists in markdown with page text literal', () => {
    const md = coverageReports(ir).get('reports/coverage.md')!;
    expect(md).toContain('Of the 6 pages with a request table, 3 became their own operation (60% of those that are not common-parameter pages), 1 an operation whose name one source contests, 1 common parameters.');
    expect(md).toContain('| `docs/cs/扩容集群.md` | ScaleOutCluster | stronger-source | explorer-link CreateCluster (line 5) |');
    expect(md).toContain('| trait: no-delimiter-row | 1 | 1 |');
    expect(md).toContain('| `docs/ecs/Common parameters.md` | Ecs |');
  });
});
