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
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { expectGolden, ROOT } from './helpers/golden.ts';
import { isOwnOperation } from './helpers/identity.ts';

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

  it('of the pages with a request table, 95% or more become their own operation (test/helpers/identity.ts)', () => {
    const wider = join(ROOT, '..', 'shared', 'corpus-wider');
    const docs = readDocuments(findDocuments(join(wider, 'huaweicloud-docs'), wider, []), { cache: false });
    const opOf = new Map<string, string>();
    for (const o of buildIR(docs).operations) for (const f of o.documents) opOf.set(f, o.name);
    const pages = docs.filter((d) => d.tables.some((t) => t.kind === 'request'));
    const own = pages.filter((d) => isOwnOperation(d, opOf.get(d.file)));
    const rules = new Map<string, number>();
    for (const d of own) rules.set(d.identity.rule, (rules.get(d.identity.rule) ?? 0) + 1);
    console.log(`huawei vpc: ${pages.length} pages with a request table, ${own.length} their own operation (${((own.length / pages.length) * 100).toFixed(2)}%), by rule ${JSON.stringify(Object.fromEntries(rules))}; not: ${pages.filter((d) => !own.includes(d)).map((d) => `${d.file.split('/').pop()} (${d.identity.kind} ${d.identity.rule})`).join(', ')}`);
    expect(pages).toHaveLength(149);
    expect(own.length / pages.length).toBeGreaterThanOrEqual(0.95);
    // Most are named by their explorer link; the rest (v3 traffic-mirror and deprecated pages, no API name anywhere) by their title.
    expect(rules.get('explorer-link')! / own.length).toBeGreaterThan(0.8);
  }, 60_000);
});
