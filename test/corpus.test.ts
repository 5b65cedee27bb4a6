/**
 * The real corpus (../shared/corpus/alibabacloud-docs, pages outside history/): every page reads
 * without a crash, request tables yield rows, and a few facts checked by hand against the pages
 * hold. Skipped where ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentIR, ParamRow } from '../generator/model/ir.ts';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { emptyReadStats } from '../generator/engine/pool.ts';
import { ROOT } from './helpers/golden.ts';

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const CORPUS = join(SHARED, 'alibabacloud-docs');
const present = existsSync(CORPUS);

/**
 * Request-parameter table, counted without the reader: a line starting with `|`, followed by a
 * `|--|` delimiter row, with a header cell that is a required column (`Required?` counts too,
 * as in SOURCES.md's 1,448).
 */
const REQUIRED_CELL = /^(是否必选|是否必需|是否必须|必须|必需|Required)\??$/;
const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
function hasRequestTable(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.some((l, i) => l.trimStart().startsWith('|') && DELIMITER.test(lines[i + 1] ?? '') && l.split('|').some((c) => REQUIRED_CELL.test(c.trim())));
}

const P = 'alibabacloud-docs/';
const byName = (rows: ParamRow[]): Map<string, ParamRow> => new Map(rows.map((r) => [r.name, r]));

describe.skipIf(!present)(present ? 'corpus: alibabacloud-docs' : 'corpus: skipped, ../shared/corpus/alibabacloud-docs not found', () => {
  let docs: DocumentIR[] = [];
  let doc: (file: string) => DocumentIR;
  const stats = emptyReadStats();
  let requestTablePages: string[] = [];

  beforeAll(() => {
    const found = findDocuments(CORPUS, SHARED, [/^alibabacloud-docs\/history\//]);
    requestTablePages = found.filter((f) => hasRequestTable(readFileSync(f.abs, 'utf8'))).map((f) => f.file);
    docs = readDocuments(found, { cache: false, stats });
    const index = new Map(docs.map((d) => [d.file, d]));
    doc = (file) => {
      const d = index.get(P + file);
      if (!d) throw new Error(`page not read: ${file}`);
      return d;
    };
  });

  it('reads all 1,754 pages without a crash, and 99% of the 1,448 request-table pages yield request rows', () => {
    expect(docs).toHaveLength(1754);
    expect(requestTablePages).toHaveLength(1448);
    const withRows = new Set(docs.filter((d) => d.request.length > 0).map((d) => d.file));
    const missing = requestTablePages.filter((f) => !withRows.has(f));
    const share = (requestTablePages.length - missing.length) / requestTablePages.length;

    const diagnostics: Record<string, number> = {};
    for (const d of docs) for (const x of d.diagnostics) diagnostics[x.code] = (diagnostics[x.code] ?? 0) + 1;
    const sorted = Object.fromEntries(Object.entries(diagnostics).sort(([a], [b]) => a.localeCompare(b)));
    console.log(
      [
        `corpus: ${docs.length} pages read (${stats.workers} worker thread(s) + main, ${Math.round(stats.ms.total)} ms)`,
        `  request rows ${docs.reduce((n, d) => n + d.request.length, 0)}, response rows ${docs.reduce((n, d) => n + d.response.length, 0)}`,
        `  request-table pages ${requestTablePages.length}, with request rows ${requestTablePages.length - missing.length} (${(share * 100).toFixed(2)}%)`,
        ...(missing.length ? [`  without rows: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`] : []),
        `  diagnostics ${JSON.stringify(sorted)}`,
      ].join('\n'),
    );
    expect(share).toBeGreaterThanOrEqual(0.99);
    expect(stats.fallbacks).toBe(0);
  });

  it('gives JSON-safe documents (what the cache and the workers rely on)', () => {
    const bad = docs.filter((d) => !isDeepStrictEqual(JSON.parse(JSON.stringify(d)), d)).map((d) => d.file);
    expect(bad).toEqual([]);
  });

  it('ecs DescribeInstances (en): 45 request rows, RegionId required, the Filter.N and Tag.N rows as written', () => {
    const d = doc('ecs/intl.en-US/API Reference/Instances/DescribeInstances.md');
    expect([d.operation, d.product, d.version]).toEqual(['DescribeInstances', 'Ecs', '2014-05-26']);
    expect(d.request).toHaveLength(45);
    expect(d.request.slice(0, 3).map((r) => [r.name, r.rawType, r.required, r.source.line])).toEqual([
      ['Action', 'String', true, 25],
      ['RegionId', 'String', true, 26],
      ['VpcId', 'String', false, 27],
    ]);
    expect(d.request.filter((r) => r.required).map((r) => r.name)).toEqual(['Action', 'RegionId']);
    const rows = byName(d.request);
    expect(rows.get('VpcId')!.example).toBe('v-bp67acfmxazb4p****'); // escapes removed
    expect(rows.get('Filter.4.Value')!.source.line).toBe(83);
    expect(rows.get('AdditionalAttributes.N')).toMatchObject({ rawType: 'RepeatList', example: 'META_OPTIONS', source: { line: 105 } });
    expect(d.request.map((r) => r.name).filter((n) => n.startsWith('Tag.'))).toEqual(['Tag.N.value', 'Tag.N.key', 'Tag.N.Key', 'Tag.N.Value']);
    expect(d.request.at(-1)).toMatchObject({ name: 'HttpTokens', source: { line: 118 } });
  });

  it('ecs DescribeTags (zh): Tag.N.Key kept dotted; └ rows are depth 1 under Tags', () => {
    const d = doc('ecs/cn.zh-CN/API参考/标签/DescribeTags.md');
    expect(d.request.map((r) => r.name)).toEqual(['RegionId', 'Action', 'PageNumber', 'PageSize', 'ResourceId', 'ResourceType', 'Tag.N.Key', 'Tag.N.Value', 'Tag.N.key', 'Tag.N.value']);
    expect(byName(d.request).get('Tag.N.Key')).toMatchObject({ rawType: 'String', required: false, rawRequired: '否', example: 'Finance', source: { line: 47 } });
    const resp = byName(d.response);
    expect(resp.get('Tags')).toMatchObject({ depth: 0, parent: null, source: { line: 77 } });
    const under = d.response.filter((r) => r.parent === 'Tags');
    expect(under.map((r) => r.name)).toEqual(['ResourceTypeCount', 'TagKey', 'TagValue']);
    expect(under.every((r) => r.depth === 1)).toBe(true);
    // The tree lists the counts beside the untyped `└ResourceTypeCount`; they are its members
    // (generator/parse/nesting.ts: a tree that lists a struct's members beside it).
    const counts = d.response.filter((r) => r.parent === 'ResourceTypeCount');
    expect(counts.map((r) => r.name)).toEqual(['Ddh', 'Disk', 'Eni', 'Image', 'Instance', 'KeyPair', 'LaunchTemplate', 'Securitygroup', 'Snapshot', 'Volume']);
    expect(counts.every((r) => r.depth === 2)).toBe(true);
    expect(resp.get('Ddh')).toMatchObject({ rawType: 'Integer', example: '1', source: { line: 83 } });
    expect(resp.get('TotalCount')).toMatchObject({ depth: 0, parent: null });
  });

  it('slb DescribeMasterSlaveServerGroups (zh): 4 request rows; └ rows under MasterSlaveServerGroups, RequestId back at the top', () => {
    const d = doc('slb/cn.zh-CN/API参考/主备服务器组/DescribeMasterSlaveServerGroups.md');
    expect(d.request.map((r) => [r.name, r.required])).toEqual([
      ['Action', true],
      ['LoadBalancerId', true],
      ['RegionId', true],
      ['IncludeListener', false],
    ]);
    expect(d.response.map((r) => [r.name, r.depth, r.parent])).toEqual([
      ['MasterSlaveServerGroups', 0, null],
      ['MasterSlaveServerGroupId', 1, 'MasterSlaveServerGroups'],
      ['MasterSlaveServerGroupName', 1, 'MasterSlaveServerGroups'],
      ['AssociatedObjects', 1, 'MasterSlaveServerGroups'],
      ['Listeners', 1, 'MasterSlaveServerGroups'],
      // Listed beside the untyped `└Listeners`: its members.
      ['Port', 2, 'Listeners'],
      ['Protocol', 2, 'Listeners'],
      ['RequestId', 0, null],
    ]);
  });
});
