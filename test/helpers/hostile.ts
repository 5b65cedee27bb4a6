/**
 * Hostile page families for the reader's bounded-work tests (test/bounds.test.ts): each builds a
 * page of about `size` bytes that drove some pattern or loop of the reader to super-linear time.
 */
const fill = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)));

export const FAMILIES: Record<string, (size: number) => string> = {
  // The delimiter-row check on a line of spaces under a pipe row (4.5 s at 100 KB).
  'delimiter row of spaces': (n) => `## Request parameters\n\n|Name|Type|\n${' '.repeat(n)}x\n`,
  'delimiter row of spaces and pipes': (n) => `|a|b|\n|${fill(' |', n)}x\n`,
  // An unclosed link destination with spaces in a cell (the `](<...>)` rewrite).
  'unclosed link in a cell': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|[x](${fill('a ', n)}|\n`,
  'many link openers in a cell': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|${fill('[x](a ', n)}|\n`,
  'emphasis runs in a cell': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|${fill('*a_', n)}|\n`,
  // A request line followed by spaces in a request-syntax block.
  'request line and spaces': (n) => `# X\n\n## 请求语法\n\n\`\`\`\nPOST /a${' '.repeat(n)}x\n\`\`\`\n`,
  // An ATX heading, spaces, then a character.
  'heading and spaces': (n) => `# A${' '.repeat(n)}x\n\n## B\n`,
  'heading of attribute openers': (n) => `## A ${fill('{#', n)}\n\n## B\n`,
  'heading ending in question marks': (n) => `## A${'?'.repeat(n)}x\n\n## B\n`,
  // Scraped text with many column-label lines (O(lines²): 32 KB took 10.6 s).
  'column-label lines in scraped text': (n) => fill('描述\n\n', n),
  'column-label lines, one-line header': (n) => fill('Description Type Description\n', n),
  // Blocks that never close, each scanned to the end of the page.
  'unclosed fences between headings': (n) => fill('```a\n# h\n', n),
  'unclosed HTML tables between headings': (n) => fill('<table><tr><td>x\n# h\n', n),
  'lone cells that no delimiter row closes': (n) => fill('|x\n\n', n),
  'a row whose cell never closes': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|${fill('x\n', n)}`,
  'split header of many lines': (n) => `${fill('|x\n', n)}|--|--|\n|a|b|\n`,
  // Definition lists (a bold term over `key：value` bullets): runs that are no table, each term tried once.
  'definition-list terms without a type item': (n) => `# X\n\n## 请求参数\n\n${fill('**a**\n\n-   描述：v\n\n', n)}`,
  'definition-list terms of unknown keys': (n) => `# X\n\n## 请求参数\n\n${fill('**a**\n\n-   k：v\n\n', n)}`,
  'definition-list entries': (n) => `# X\n\n## 请求参数\n\n${fill('**a**\n\n-   类型：String\n-   描述：d\n    more\n\n', n)}`,
  'definition-list item of many indented lines': (n) => `# X\n\n## 请求参数\n\n**a**\n\n-   类型：String\n${fill('    x\n\n', n)}`,
  // Many tables and headings (each table looked its heading up among all headings).
  'many tables and headings': (n) => fill('## h\n|a|b|\n|-|-|\n|c|d|\n', n),
  'many captioned tables that link': (n) => `## 请求参数\n\n|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|a|是|T0 object|-|\n\n${Array.from({ length: Math.floor(n / 80) }, (_, i) => `**表 ${i + 2}**  T${i}\n\n|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|b|否|T${i + 1} object|-|\n`).join('\n')}`,
  // A type cell nesting arrays without end.
  'nested array types': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|${fill('Array of ', n)}X|d|\n`,
  'list types with angle brackets': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|${fill('List<', n)}X|d|\n`,
  // Samples: deep brackets, a long string, many quotes.
  'deep brackets in a sample': (n) => `# X\n\n## 示例\n\n请求示例\n\n${'['.repeat(n)}\n`,
  'quotes in a sample': (n) => `# X\n\n## 示例\n\n返回示例\n\n{${fill('"a":"\\"', n)}\n`,
  'request-syntax skeleton of keys': (n) => `# X\n\n## 请求语法\n\n\`\`\`\nPOST /a HTTP/1.1\n{\n${fill('"k" : String,\n', n)}}\n\`\`\`\n`,
  // HTML cells: lists nested deep, many anchors.
  'HTML cell of nested lists': (n) => `## 请求参数\n\n<table><tr><th>名称</th><th>类型</th><th>说明</th></tr><tr><td>a</td><td>String</td><td>${fill('<ul><li>x', n)}</td></tr></table>\n`,
  'anchor lines above a table': (n) => `${fill('<a name="t"></a>\n', n)}|名称|类型|\n|--|--|\n|a|String|\n`,
  // Definitions and references in cells (the inline batch).
  'reference definitions in cells': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n${fill('|a|String|[r]: <https://x> [r]|\n', n)}`,
  // Tree rows nested deep, over and over (30 levels, then again from the top).
  // A large examples section of broken JSON objects (the samples reader; was a 3 s wall-time unit test).
  'broken JSON objects in a sample': (n) => `# X\n\n## 示例\n\n请求示例\n\n${fill('{\n  "a": "b",\n"{"x":""}"\n', n)}`,
  // A request-syntax body nested deep (the skeleton reader; was a 2 s wall-time unit test).
  'request-syntax body nested deep': (n) => `# X\n\n## 请求语法\n\n\`\`\`\nPOST /x\n{ "a" : ${'['.repeat(Math.floor(n / 2))}\n${']'.repeat(Math.floor(n / 2))} }\n\`\`\`\n`,
  'tree rows nested deep': (n) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n${Array.from({ length: Math.floor(n / 70) }, (_, i) => `|${'└'.repeat(i % 30)}n${i}|Object|d|`).join('\n')}\n`,
};
