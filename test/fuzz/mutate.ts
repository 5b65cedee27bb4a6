/**
 * Seeded mutations of real pages for fuzzing the reader: what people and scrapers do to docs.
 * Each mutation is a fast-check arbitrary over (page bytes) → mutated bytes.
 */
import fc from 'fast-check';

const enc = new TextEncoder();
const dec = new TextDecoder();

export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'invalid-utf8'; at: number }
  | { op: 'split-header'; at: number; lonePipe: boolean }
  | { op: 'drop-delimiter'; at: number }
  | { op: 'indent'; at: number; count: number }
  | { op: 'definition-list'; at: number }
  | { op: 'crlf' }
  | { op: 'bom' }
  | { op: 'tabs' };

const NASTY = [
  '|',
  '||||',
  '`',
  '```',
  '~~~',
  '```json',
  '| a | b |\n|--|--|\n| c',
  '|--|--|',
  '\\',
  '*/',
  '<table><tr><td>',
  '{',
  '[',
  '"',
  '# ',
  '## 请求参数',
  '## Request parameters',
  'Parameter Type Required Example Description',
  '名称 类型 是否必选 示例值 描述',
  '└',
  '\u0000',
  '\t',
  '默认值：',
  'Valid values: 1 to ',
  '取值范围：[',
  // The layouts of issue 12: split headers and lone pipes, rows without a delimiter row,
  // indented and HTML tables, linked captions and anchors, locations, links to other pages.
  '|名称\n\n|类型\n\n|描述\n\n|\n|--|--|--|',
  '|Parameter\n\n|Type |\n|--|--|\n|a\n\n|String |',
  '|名称|类型|是否必选|描述|\n|a|String|是|x',
  '-   参数列表\n\n    |名称|类型|\n    |--|--|\n    |a|String|',
  '-   请求参数\n\n    <table><tr><th>名称</th><th>参数类型</th></tr><tr><td>vpc</td><td><a href="#t9">vpc</a> object</td></tr></table>',
  '**表 3**  vpc对象\n\n<a name="t9"></a>\n|名称|参数类型|\n|--|--|\n|x|Array of <a href="#t9">vpc</a> objects|',
  '|vpc|是|vpc object|详情请参见表3。|',
  'The following table describes the fields of the Sources parameter.',
  '|tags|Array of [tag](/cn.zh-CN/API参考/通用数据结构.md)|是|x|',
  '## URI\n\nPOST /v1/\\{project\\_id\\}/vpcs?x={y}',
  '**表 1**  路径参数',
  '<table><tr><td>',
  '<a name="x"></a>',
  '[ref]: <https://example.com/>',
  // Definition lists (RAM): a bold term over `key：value` bullets, a fenced format, a broken term line.
  '**UserName**\n\n-   类型：String\n-   必须：是\n-   描述：x',
  '**a**\n\n-   格式：\n\n    ```\n    ^[a-z]+$',
  '**Subnode \\[A\\]****B**\n\n-   Type: Boolean\n-   Required: false',
  '-   HTTP Status：400\n-   Error Message：x',
  '```',
];

/** Lines a page can be hit with in bulk (markup micromark matches slowly, nesting, labels; 5,000 definition-list rows for reconcile). */
const HUGE = ['x'.repeat(100_000), '|'.repeat(5_000), ' '.repeat(100_000), '*a_'.repeat(20_000), `[x](${'a '.repeat(30_000)}`, '<div>'.repeat(10_000), `# A${' '.repeat(50_000)}x`, '描述\n'.repeat(10_000), '|x\n\n'.repeat(10_000), 'Array of '.repeat(5_000), '**a**\n\n-   k：v\n\n'.repeat(5_000), `**a**\n\n-   类型：String\n${'    x\n'.repeat(10_000)}`, '**a**\n\n-   类型：String\n-   必须：是\n\n'.repeat(5_000)];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.constantFrom(...HUGE)) }),
  fc.record({ op: fc.constant('split-header' as const), at: fc.nat(), lonePipe: fc.boolean() }),
  fc.record({ op: fc.constant('drop-delimiter' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('definition-list' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('invalid-utf8' as const), at: fc.nat() }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'bom' as const }),
  fc.constant({ op: 'tabs' as const }),
);

export function applyMutations(bytes: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of muts) b = apply(b, m);
  return b;
}

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (m.op === 'truncate') return bytes.slice(0, m.at % (bytes.length + 1));
  if (m.op === 'invalid-utf8') {
    const at = m.at % (bytes.length + 1);
    const out = new Uint8Array(bytes.length + 2);
    out.set(bytes.slice(0, at));
    out.set([0xff, 0xc3], at);
    out.set(bytes.slice(at), at + 2);
    return out;
  }
  if (m.op === 'bom') return enc.encode(`\uFEFF${dec.decode(bytes)}`);
  const text = dec.decode(bytes);
  if (m.op === 'crlf') return enc.encode(text.replace(/\n/g, '\r\n'));
  if (m.op === 'tabs') return enc.encode(text.replace(/ {2,4}/g, '\t'));
  const lines = text.split('\n');
  const n = lines.length;
  const isDelimiter = (l: string | undefined): boolean => l !== undefined && /^\s*\|?\s*:?-+/.test(l) && l.includes('|');
  // The table rows from `at` on (wrapping): the first line followed by a delimiter row.
  const tableAt = (at: number): number => {
    for (let k = 0; k < n; k++) {
      const i = (at + k) % n;
      if (lines[i]!.includes('|') && isDelimiter(lines[i + 1])) return i;
    }
    return -1;
  };
  if (m.op === 'split-header') {
    // A header row written one cell per line, blank lines between, maybe ending with a lone `|`.
    const i = tableAt(m.at);
    if (i >= 0) {
      const cells = lines[i]!.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
      const split = cells.flatMap((c, k) => [k === cells.length - 1 && !m.lonePipe ? `|${c} |` : `|${c}`, '']);
      if (m.lonePipe) split.push('|');
      else split.pop();
      lines.splice(i, 1, ...split);
    }
    return enc.encode(lines.join('\n'));
  }
  if (m.op === 'drop-delimiter') {
    const i = tableAt(m.at);
    if (i >= 0) lines.splice(i + 1, 1);
    return enc.encode(lines.join('\n'));
  }
  if (m.op === 'indent') {
    // Lines moved under a list item, four spaces in (tables, fences and HTML with them).
    const at = m.at % n;
    for (let k = at; k < Math.min(n, at + m.count); k++) lines[k] = `    ${lines[k]}`;
    lines.splice(at, 0, '-   参数列表', '');
    return enc.encode(lines.join('\n'));
  }
  if (m.op === 'definition-list') {
    // A pipe table rewritten as RAM writes parameters: a bold term per row, a `header：cell` bullet per other column.
    const i = tableAt(m.at);
    if (i >= 0) {
      const cells = (l: string): string[] => l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
      const header = cells(lines[i]!);
      let j = i + 2;
      const out: string[] = [];
      for (; j < n && lines[j]!.trim().startsWith('|'); j++) {
        const row = cells(lines[j]!);
        out.push(`**${row[0]?.trim() ?? ''}**`, '', ...header.slice(1).map((h, k) => `-   ${h.trim()}：${row[k + 1]?.trim() ?? ''}`), '');
      }
      lines.splice(i, j - i, ...out);
    }
    return enc.encode(lines.join('\n'));
  }
  if (m.op === 'delete-line') lines.splice(m.at % n, 1);
  else if (m.op === 'duplicate-line') lines.splice(m.at % n, 0, lines[m.at % n]!);
  else if (m.op === 'swap-lines') {
    const a = m.a % n;
    const b = m.b % n;
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
  } else if (m.op === 'insert') {
    const at = m.at % n;
    const line = lines[at]!;
    const col = m.at % (line.length + 1);
    lines[at] = line.slice(0, col) + m.text + line.slice(col);
  }
  return enc.encode(lines.join('\n'));
}
