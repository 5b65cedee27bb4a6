/**
 * HTML tables (`<table>` blocks in markdown pages): a real page rewritten with HTML tables
 * (test/fixtures/corpus/html, see SOURCES.md) reads to the same parameters as the original.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParamRow } from '../generator/model/ir.ts';
import { documentFromBytes } from '../generator/parse/index.ts';
import { readMarkdown } from '../generator/read/markdown.ts';
import { ROOT } from './helpers/golden.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'corpus');
const doc = (rel: string) => documentFromBytes(rel, readFileSync(join(FIX, rel)));
/** What a row says, without where it says it. */
const said = (r: ParamRow) => ({ name: r.name, type: r.type, required: r.required, example: r.example, text: r.descriptionLines.map((l) => l.text).join(' '), facts: Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, (f as { value: unknown }).value])) });

describe('HTML tables', () => {
  const html = doc('html/CreateKeyPair.html-table.md');
  const pipe = doc('ecs/CreateKeyPair.md');

  it('reads the request and response tables as the pipe-table page says them', () => {
    expect(html.tables.map((t) => [t.kind, t.layout, t.rowCount])).toEqual([
      ['request', 'html-table', 6],
      ['response', 'html-table', 4],
      ['error', 'html-table', 2],
    ]);
    expect(pipe.tables.map((t) => [t.kind, t.rowCount])).toEqual(html.tables.map((t) => [t.kind, t.rowCount]));
    expect(html.operation).toBe('CreateKeyPair');
    expect(html.request.map(said)).toEqual(pipe.request.map(said));
    expect(html.response.map(said)).toEqual(pipe.response.map(said));
    expect(html.diagnostics).toEqual([]);
  });

  it('keeps each cell line with its own page line (a <br/> starts a new one)', () => {
    const tag = html.request.find((r) => r.name === 'Tag.N.Key')!;
    const lines = readFileSync(join(FIX, 'html/CreateKeyPair.html-table.md'), 'utf8').split('\n');
    expect(tag.descriptionLines).toHaveLength(2);
    for (const l of tag.descriptionLines) expect(lines[l.line - 1]).toContain(l.text.slice(0, 20));
    expect(tag.source.line).toBeGreaterThan(0);
    expect(lines[tag.source.line - 1]).toMatch(/<tr>/);
  });

  it('parses what HTML allows: no thead, unclosed cells, entities, a nested table, and a cell count that is off', () => {
    const page = [
      '## Request parameters',
      '',
      '<TABLE border="1">',
      '<tr><th>Name<th>Type<th>Required<th>Description',
      '<tr><td>Size<td>Integer<td>Yes<td>Disk size &gt; 20 &amp; &lt; 500.',
      '<tr><td>Mode<td>String<td>No<td>One of:<table><tr><td>a</td></tr><tr><td>b</td></tr></table>',
      '<tr><td>Extra<td>String',
      '</TABLE>',
      '',
      'After.',
    ];
    const md = readMarkdown('x.md', page);
    expect(md.tables).toHaveLength(1);
    const t = md.tables[0]!;
    expect(t.header).toEqual(['Name', 'Type', 'Required', 'Description']);
    expect(t.rows.map((r) => r.cells.map((c) => c.parts.map((p) => p.text).join('/')))).toEqual([
      ['Size', 'Integer', 'Yes', 'Disk size > 20 & < 500.'],
      ['Mode', 'String', 'No', 'One of:/a/b'],
      ['Extra', 'String', '', ''],
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(md.diagnostics.map((d) => [d.code, d.line])).toEqual([['cell-count', 7]]);
  });

  it('reports a table that is never closed and still reads it, up to the next heading', () => {
    const md = readMarkdown('x.md', ['<table>', '<tr><th>Name</th><th>Type</th></tr>', '<tr><td>A</td><td>String</td></tr>', '## Next', 'text']);
    expect(md.diagnostics.map((d) => [d.code, d.line])).toEqual([['unclosed-html-table', 1]]);
    expect(md.tables[0]!.rows).toHaveLength(1);
    expect(md.headings.map((h) => h.text)).toEqual(['Next']);
  });
});

describe('HTML tables with cells that span rows and columns', () => {
  it('a rowspan cell stands in the rows below it, a colspan cell is followed by empty cells', () => {
    const md = readMarkdown('x.md', [
      '<table><tr><th>错误码</th><th>HTTP 状态码</th><th>错误信息</th><th>描述</th></tr>',
      '<tr><td>E1</td><td rowspan="2">400</td><td>bad</td><td>one</td></tr>',
      '<tr><td>E2</td><td>worse</td><td>two</td></tr>',
      '<tr><td colspan="2">E3</td><td>x</td><td>three</td></tr>',
      '</table>',
    ]);
    const rows = md.tables[0]!.rows.map((r) => r.cells.map((c) => c.parts.map((p) => p.text).join(' ')));
    expect(rows).toEqual([
      ['E1', '400', 'bad', 'one'],
      ['E2', '400', 'worse', 'two'],
      ['E3', '', 'x', 'three'],
    ]);
    expect(md.diagnostics).toEqual([]);
  });
});
