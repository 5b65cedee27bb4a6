/**
 * Bounded work in the reader (issue 11.4, the patterns; 11.5, the reader's half): every pattern
 * family that drove a regular expression or loop of read/ and parse/ to super-linear time, at
 * 10 KB and 100 KB, must grow about linearly (the CPU time ratio, minimum of five rounds after a
 * full garbage collection, at most 25×: linear work measures 8-19× here, a larger page costing
 * more per byte in caches and collections; quadratic work gives 100×, and before this test the
 * worst families took minutes); nesting costs linear memory; an HTML table nested without end is a
 * diagnostic, not a stack overflow; an inline parse cannot carry one page's link definitions
 * into another page.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { documentFromBytes } from '../generator/parse/index.ts';
import { FAMILIES } from './helpers/hostile.ts';

const enc = new TextEncoder();
// A full collection before each round, so that no round pays for the garbage of the one before.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const read = (text: string, file = 'x.md') => documentFromBytes(file, enc.encode(text));

/**
 * CPU milliseconds per read of `text` (the minimum of five rounds of `reps` reads, after a warm-up).
 * CPU time, not wall time: the machine is shared, and another process's load stretches wall time.
 */
function cpuPerRead(text: string, reps: number): number {
  const bytes = enc.encode(text);
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  documentFromBytes('x.md', bytes);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    gc();
    const t = cpu();
    for (let k = 0; k < reps; k++) documentFromBytes('x.md', bytes);
    best = Math.min(best, (cpu() - t) / reps);
  }
  return best;
}

describe('linear time on hostile pages, per pattern family (10 KB vs 100 KB)', () => {
  for (const [name, make] of Object.entries(FAMILIES)) {
    it(name, () => {
      const small = make(10_000);
      const large = make(100_000);
      expect(large.length / small.length).toBeGreaterThan(8);
      // The small page is read ten times a round, so that each round takes long enough to measure.
      const ratio = cpuPerRead(large, 1) / Math.max(0.05, cpuPerRead(small, 10));
      expect(ratio).toBeLessThanOrEqual(25);
    });
  }
});

describe('nesting costs linear memory in the reader', () => {
  const tree = (depth: number) => `## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n${Array.from({ length: depth }, (_, i) => `|${'└'.repeat(i)}n${i}|Object|d|`).join('\n')}\n`;
  it('a 2 KB page of 30 rows, each one level deeper, and twice as many', () => {
    const page = tree(30);
    expect(page.length).toBeLessThan(2200);
    const a = JSON.stringify(read(page)).length;
    const b = JSON.stringify(read(tree(60))).length;
    expect(read(page).request.at(-1)).toMatchObject({ depth: 29, parent: 'n28' });
    // Linear in the rows (and their markers): twice the rows, at most about three times the bytes.
    expect(b / a).toBeLessThan(3.2);
  });

  it('tables linked 30 deep, and 60 deep', () => {
    const chain = (n: number) =>
      `## 请求参数\n\n|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|root|是|T0 object|-|\n\n${Array.from({ length: n }, (_, i) => `**表 ${i + 2}**  T${i}\n\n|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|f${i}|否|T${i + 1} object|-|\n`).join('\n')}`;
    const a = read(chain(30));
    expect(a.request).toHaveLength(31);
    expect(a.request.at(-1)!.depth).toBe(30);
    const b = read(chain(60));
    expect(JSON.stringify(b).length / JSON.stringify(a).length).toBeLessThan(3.2);
    // Past 32 levels the rest is left out, with a warning.
    expect(b.request.length).toBeLessThanOrEqual(33);
    expect(b.diagnostics.some((d) => d.code === 'linked-table' && d.severity === 'warning')).toBe(true);
  });

  it('an HTML table nested without end is a table-too-deep diagnostic, not a stack overflow', () => {
    const d = read(`## 请求参数\n\n<table><tr><th>名称</th><th>类型</th></tr><tr><td>a</td><td>${'<div>'.repeat(20_000)}x</td></tr></table>\n\n|名称|类型|\n|--|--|\n|b|String|\n`);
    expect(d.diagnostics.map((x) => [x.line, x.code])).toContainEqual([3, 'table-too-deep']);
    expect(d.request.map((r) => r.name)).toEqual(['b']);
  });
});

describe('inline parses cannot leak between pages', () => {
  const withDefinition = '## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|[ref]: <https://evil.example/>|\n|b|String|see [here][ref]|\n';
  const without = '## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|b|String|see [here][ref]|\n';
  const text = (page: string, name: string) => read(page).request.find((r) => r.name === name)!.description;

  it('a link-reference definition in one page does not change an identical cell of another, in either order', () => {
    const alone = text(without, 'b');
    const afterDefinition = (read(withDefinition), text(without, 'b'));
    expect(afterDefinition).toBe(alone);
    expect(alone).toBe('see [here][ref]');
  });

  it('nor does it apply within its own page: every cell is read as if alone', () => {
    expect(text(withDefinition, 'b')).toBe('see [here][ref]');
    expect(text(withDefinition, 'a')).toBe('[ref]: https://evil.example/');
  });

  it('a cell that opens a fence does not swallow the cells after it', () => {
    const d = read('## 请求参数\n\n|名称|类型|描述|\n|--|--|--|\n|a|String|```|\n|b|String|**bold** text|\n');
    expect(d.request.map((r) => r.description)).toEqual(['', 'bold text']);
  });
});
