/**
 * Huawei Cloud VPC pages (../shared/corpus-wider/huaweicloud-docs, read from there: their licence
 * forbids copying them into the repository). Five pages checked by hand against the reader's
 * IR, every parameter's name, type, required flag, location and nesting, in a reviewed golden
 * that quotes names and facts only (test/golden/huawei/five-pages.txt); and the measures of
 * issue 12 on the whole product: the pages with a request table whose request line, locations
 * and linked object tables the reader gets. Skipped without ../shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentIR, ParamRow } from '../generator/model/ir.ts';
import { typeToString } from '../generator/model/types.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { expectGolden, ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, '..', 'shared', 'corpus-wider', 'huaweicloud-docs', 'vpc', 'cn.zh-cn', 'API参考');
const present = existsSync(DIR);
const page = (f: string): DocumentIR => documentFromBytes(`huaweicloud-docs/vpc/cn.zh-cn/API参考/${f}`, readFileSync(join(DIR, f)));

/** Names and facts only: no description, example or other text of the page. */
function facts(d: DocumentIR): string {
  const row = (r: ParamRow, withIn: boolean): string =>
    `${'  '.repeat(r.depth)}${r.name}: ${typeToString(r.type)}${r.required === null ? '' : r.required ? ' required' : ' optional'}${withIn && r.position ? ` in ${r.position}` : ''}${r.parent ? ` (under ${r.parent})` : ''}`;
  return [
    `# ${d.file.split('/').pop()}`,
    `operation ${d.operation ?? '-'} · ${d.method ?? '-'} ${d.path ?? '-'}`,
    'request:',
    ...d.request.map((r) => `  ${row(r, true)}`),
    'response:',
    ...d.response.map((r) => `  ${row(r, false)}`),
    '',
  ].join('\n');
}

const FIVE = ['vpc-创建VPC.md', '创建端口.md', '查询端口列表.md', '创建辅助弹性网卡.md', '更新路由表.md'];

describe.skipIf(!present)(present ? 'Huawei Cloud VPC' : 'Huawei Cloud VPC: skipped, ../shared/corpus-wider not found', () => {
  it('five pages, checked by hand: names, types, required, locations, nesting', () => {
    expectGolden('huawei/five-pages.txt', FIVE.map((f) => facts(page(f))).join('\n'));
  });

  it('of the pages with a request table, 95% or more give the request line, a location for every top-level parameter, and every linked object table nested', () => {
    let pages = 0;
    let good = 0;
    const bad: string[] = [];
    for (const f of readdirSync(DIR).filter((x) => x.endsWith('.md')).sort()) {
      const d = page(f);
      if (!d.tables.some((t) => t.kind === 'request')) continue;
      pages++;
      const top = d.request.filter((r) => r.depth === 0);
      // An object table: one whose caption names a structure (`表 3 vpc对象`, `表 4 CreateSubNetworkInterfaceOption`).
      const objects = d.tables.filter((t) => (t.kind === 'request' || t.kind === 'response') && t.names?.length);
      const ok = Boolean(d.method && d.path) && top.length > 0 && top.every((r) => r.position !== null) && objects.every((t) => t.nestedUnder);
      if (ok) good++;
      else bad.push(f);
    }
    console.log(`huawei vpc: ${pages} pages with a request table, ${good} with request line, locations and nesting (${((good / pages) * 100).toFixed(1)}%); not: ${bad.join(', ')}`);
    expect(pages).toBe(149);
    expect(good / pages).toBeGreaterThanOrEqual(0.95);
  });
});
