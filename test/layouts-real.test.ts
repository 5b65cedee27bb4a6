/**
 * One real Alibaba Cloud page per new layout (issue 12.1, 12.3), copied into
 * test/fixtures/corpus/layouts/ (sources in test/fixtures/corpus/SOURCES.md), each read against
 * a reviewed golden (test/golden/layouts/): tables with their layout, traits, names and nesting,
 * every row with its type, required flag, position, depth and parent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import type { DocumentIR, OperationModel } from '../generator/model/ir.ts';
import { typeToString } from '../generator/model/types.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { reconcile } from '../generator/reconcile/index.ts';
import { expectGolden, renderRows, ROOT } from './helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'layouts');
const page = (rel: string) => documentFromBytes(`layouts/${rel}`, readFileSync(join(DIR, rel)));

function render(d: DocumentIR): string {
  const out = [`# ${d.file}`, `operation ${d.operation ?? '-'} · ${d.method ?? '-'} ${d.path ?? '-'}`, ''];
  for (const t of d.tables) {
    const extra = [t.traits.length ? `traits:${t.traits.join(',')}` : '', t.anchors ? `anchors:${t.anchors.join(',')}` : '', t.names ? `names:${t.names.join(',')}` : '', t.nestedUnder ? `under:${t.nestedUnder.name}@L${t.nestedUnder.line}` : '', t.fields ? `fields:${t.fields.length}` : ''].filter(Boolean).join(' ');
    out.push(`table L${t.source.line} ${t.kind} ${t.layout} [${t.header.join(' | ')}] → [${t.columns.join(', ')}] rows:${t.rowCount}${extra ? ` ${extra}` : ''}`);
  }
  out.push('', `## request (${d.request.length})`, renderRows(d.request), '', `## response (${d.response.length})`, renderRows(d.response));
  const links = [...d.request, ...d.response].filter((r) => r.typeLink);
  if (links.length) out.push('', '## type links', ...links.map((r) => `L${r.source.line} ${r.name} → ${r.typeLink!.url} «${r.typeLink!.text}»`));
  out.push('', '## diagnostics', ...d.diagnostics.map((x) => `L${x.line} ${x.severity} ${x.code}`));
  return out.join('\n') + '\n';
}

function renderModels(op: OperationModel): string {
  const out = [`# ${op.id} ${op.method} ${op.path}`];
  for (const p of op.request) out.push(`request ${p.name}: ${typeToString(p.type)} in:${p.in ?? '-'}`);
  for (const m of op.models) {
    out.push(`model ${m.name}`);
    // Sources are left out: reconcile derives some from the linking page's file with the data-type
    // page's line (restructure/structure, reported); linked-tables.test.ts checks the right one is there.
    for (const f of m.fields) out.push(`  ${f.name}: ${typeToString(f.type)} required:${f.required} «${f.description.zh ?? f.description.en ?? ''}»`);
  }
  return out.join('\n') + '\n';
}

const CASES: [string, string][] = [
  ['no-delimiter-row', 'no-delimiter-row.CreateKey.md'],
  ['split-header', 'split-header.AddCdnDomain.md'],
  ['indented', 'indented.CreateSimulatedSystemEvents.md'],
  ['duplicated-header', 'duplicated-header.AddCdnDomain.md'],
  ['header-words', 'header-words.DescribeRefreshQuota.md'],
  ['captioned-subtables', 'captioned-subtables.DescribeAvailableResource.md'],
  ['types', 'types.DescribeUserUsageDataExportTask.md'],
  ['definition-list', 'definition-list.ListUsers.md'],
  ['definition-list-data-type', 'definition-list.SecurityPreference.md'],
];

describe('real pages, one per layout', () => {
  for (const [name, file] of CASES) it(`${name}: ${file}`, () => expectGolden(`layouts/${name}.txt`, render(page(file))));

  it('a type linked to a data-type page (CS 通用数据结构, with TagResources)', () => {
    const structures = page('csk/cn.zh-CN/API参考/通用数据结构.md');
    const tags = page('csk/cn.zh-CN/API参考/标签/绑定资源标签.md');
    const [op] = reconcile([structures, tags]);
    expectGolden('layouts/data-type-page.txt', render(structures) + '\n' + render(tags) + '\n' + renderModels(op!));
  });
});
