/**
 * The read stage's prose: headings read without remark when they hold no markup must be exactly
 * what remark reads, and links are parsed only on the lines a consumer asks for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Heading as MdHeading, PhrasingContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../generator/read/markdown.ts';
import { CORPUS, ROOT } from './helpers/golden.ts';

const processor = unified().use(remarkParse);

function text(nodes: PhrasingContent[]): string {
  return nodes.map((n) => ('value' in n && (n.type === 'text' || n.type === 'inlineCode') ? n.value : 'children' in n ? text(n.children as PhrasingContent[]) : n.type === 'break' ? ' ' : '')).join('');
}

/** What remark alone makes of one line: [level, text] when it is a heading. */
function remarkHeading(line: string): [number, string] | null {
  const node = processor.parse(line).children[0];
  if (node?.type !== 'heading') return null;
  const h = node as MdHeading;
  return [h.depth, text(h.children).replace(/\{#[^}]*\}|\{ *\.[^}]*\}/g, '').trim()];
}

function ourHeading(line: string): [number, string] | null {
  const h = readMarkdown('x.md', [line]).headings[0];
  return h ? [h.level, h.text] : null;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

describe('headings', () => {
  it('reads every heading line of the seeds and the corpus fixtures exactly as remark does', () => {
    const files = [...markdownFiles(join(ROOT, 'docs')), ...markdownFiles(join(ROOT, 'test', 'fixtures', 'corpus'))];
    let seen = 0;
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split(/\r?\n/)) {
        if (!/^ {0,3}#/.test(line)) continue;
        seen++;
        expect(ourHeading(line), `${f}: ${line}`).toEqual(remarkHeading(line));
      }
    }
    expect(seen).toBeGreaterThan(200);
  });

  it.skipIf(!existsSync(CORPUS))('reads every distinct heading line of the shared corpus exactly as remark does', () => {
    const lines = new Set<string>();
    for (const f of markdownFiles(CORPUS)) for (const line of readFileSync(f, 'utf8').split(/\r?\n/)) if (/^ {0,3}#/.test(line)) lines.add(line);
    expect(lines.size).toBeGreaterThan(1000);
    for (const line of lines) expect(ourHeading(line), line).toEqual(remarkHeading(line));
  });

  it('agrees with remark on the edge cases of ATX headings', () => {
    const lines = [
      '# plain words',
      '##   spaced out   ',
      '### closing hashes ###',
      '#### trailing hash#',
      '# C# and F#',
      '#hashtag',
      '#\ttab',
      '#',
      '### ###',
      '   ## three spaces',
      '## Request parameters {#section-abc}',
      '## **Bold** title',
      '## a `code` span',
      '## escaped \\# hash',
      '## link [x](http://e.com)',
      '## entity &amp; here',
      '## 请求参数',
      '## under_score_words',
      '## html <b>tag</b>',
    ];
    for (const l of lines) expect(ourHeading(l), l).toEqual(remarkHeading(l));
  });
});

describe('links', () => {
  const page = [
    '# Title',
    '',
    'See [the Explorer](https://api.aliyun.com/#/?product=CS&api=CreateCluster&version=2015-12-15) here.',
    '',
    '| Name | Description |',
    '|---|---|',
    '| a | [in a table](http://t.example) |',
    '',
    'Another [link](http://other.example) and <http://auto.example>.',
    '',
    '```',
    '[in code](http://code.example)',
    '```',
  ];

  it('finds the prose links, not those in tables or code, with their lines', () => {
    expect(readMarkdown('x.md', page).links()).toEqual([
      { url: 'https://api.aliyun.com/#/?product=CS&api=CreateCluster&version=2015-12-15', text: 'the Explorer', line: 3 },
      { url: 'http://other.example', text: 'link', line: 9 },
      { url: 'http://auto.example', text: 'http://auto.example', line: 9 },
    ]);
  });

  it('parses only the lines the consumer selects', () => {
    const links = readMarkdown('x.md', page).links((line) => line.includes('api='));
    expect(links.map((l) => l.line)).toEqual([3]);
    expect(readMarkdown('x.md', page).links(() => false)).toEqual([]);
  });
});
