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
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.constantFrom('x'.repeat(100_000), '|'.repeat(5_000))) }),
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
