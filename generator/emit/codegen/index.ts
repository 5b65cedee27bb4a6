/**
 * The one code-construction layer: every piece of JavaScript and TypeScript the generator writes
 * is a `Code` value built here, in the manner of ajv's codegen (lib/compile/codegen): the `code`
 * tagged template inserts a `Code` as it is and quotes every other value (a string becomes a
 * string literal, a number a numeric literal), so text from a page can only ever become data.
 * Names are checked with TypeScript's own scanner (what V8 accepts is not enough: U+1C89 starts
 * an identifier for V8 but not for TypeScript 5.9) and quoted where they are not identifiers.
 * Comments are built by ../comments.ts, the one place foreign text enters a comment.
 *
 * Written by hand: ts.factory would give the same safety at several times the cost per node for
 * the 10 MB the corpus emits, and no library offers a quoting template for TypeScript source.
 */
import { createRequire } from 'node:module';

const TRUSTED = Symbol('docs2types.code');

/** A piece of source code (never foreign text: only this module makes one). */
export class Code {
  readonly text: string;
  /** @internal use `code`, `verbatim` and the helpers below. */
  constructor(text: string, token: symbol) {
    if (token !== TRUSTED) throw new Error('codegen: Code is made through the codegen helpers only');
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

const make = (text: string): Code => new Code(text, TRUSTED);

/** What `code` accepts between its static parts. */
export type Interp = Code | string | number | boolean | null;

/**
 * Format and bidi controls (Cf: U+200B-200F, U+202A-202E, U+2066-2069, U+FEFF, U+00AD, ...),
 * C0/C1 controls, line and paragraph separators and lone surrogates: escaped wherever text is
 * written into code or comments, so a reader's editor shows what the compiler sees.
 */
export const INVISIBLE = /[\p{Cf}\p{Cc}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Does `text` hold a character that `showInvisible` would escape? */
export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}

const hex4 = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every invisible character spelled `\uXXXX` (for comments: visible, inert). */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => [...ch].map(hex4).join(''));
}

/** A string literal: JSON's quoting (valid JS for every string), invisible characters escaped. */
export function str(value: string): Code {
  return make(JSON.stringify(value).replace(INVISIBLE, (ch) => [...ch].map(hex4).join('')));
}

/** A numeric literal; a value that has none (NaN, ±Infinity) is a generator bug. */
export function num(value: number): Code {
  if (!Number.isFinite(value)) throw new Error(`codegen: no literal for ${value}`);
  return make(Object.is(value, -0) ? '-0' : String(value));
}

function quote(v: Interp): Code {
  if (v instanceof Code) return v;
  if (v === null) return make('null');
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return make(v ? 'true' : 'false');
  throw new Error(`codegen: cannot interpolate ${typeof v}`);
}

/** Source code: the static parts as written, each interpolated value a Code or quoted as a literal. */
export function code(strings: TemplateStringsArray, ...values: Interp[]): Code {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += quote(values[i]!).text + strings[i + 1]!;
  return make(out);
}

/** Static source text of the generator itself (a runtime module read from templates/). */
export function verbatim(text: string): Code {
  return make(text);
}

/** Codes joined by a separator (itself static code). */
export function join(parts: ReadonlyArray<Code>, sep = ''): Code {
  return make(parts.map((p) => p.text).join(sep));
}

/** Lines of code, one per line, indented by `indent` spaces (nested lines keep their own indent). */
export function block(parts: ReadonlyArray<Code>, indent = 2): Code {
  const pad = ' '.repeat(indent);
  return make(
    parts
      .map((p) => p.text)
      .filter((t) => t !== '')
      .join('\n')
      .split('\n')
      .map((l) => (l ? pad + l : l))
      .join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const ASCII_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Reserved words (ES2022 strict mode and TypeScript's own), never binding names. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'implements interface let package private protected public static yield await arguments eval ' +
    'any boolean number string symbol bigint object never unknown undefined type declare namespace module abstract as asserts infer is keyof readonly require unique global of satisfies accessor'
  ).split(' '),
);

type Scanner = { isIdentifierStart(ch: number, target: number): boolean; isIdentifierPart(ch: number, target: number): boolean; target: number };
let scanner: Scanner | null = null;

/** TypeScript's scanner, loaded only for a name that is not plain ASCII. */
function tsScanner(): Scanner {
  if (!scanner) {
    const { ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
    scanner = { isIdentifierStart: ts.isIdentifierStart, isIdentifierPart: ts.isIdentifierPart, target: ts.ScriptTarget.ES2022 };
  }
  return scanner;
}

/**
 * An IdentifierName for TypeScript 5.9 at the emitted target (reserved words included: they are
 * fine as property names). No invisible character ever counts (ZWJ is ID_Continue, but a name
 * holding one is quoted so that it shows).
 */
export function isIdentifierName(name: string): boolean {
  if (ASCII_IDENT.test(name)) return true;
  if (name === '' || HAS_INVISIBLE.test(name)) return false;
  const s = tsScanner();
  let first = true;
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (first ? !s.isIdentifierStart(cp, s.target) : !s.isIdentifierPart(cp, s.target)) return false;
    first = false;
  }
  return true;
}

/** A name that may be declared (a type, a function, a constant): an identifier and not reserved. */
export function isBindingName(name: string): boolean {
  return isIdentifierName(name) && !RESERVED.has(name);
}

/** A declared name; anything else is a generator bug (callers make names with `safeName`). */
export function ident(name: string): Code {
  if (!isBindingName(name)) throw new Error(`codegen: ${JSON.stringify(name)} is not an identifier`);
  return make(name);
}

/**
 * `raw` made into a binding name: characters TypeScript does not accept in an identifier are
 * dropped, a name that would start with one it does not accept there gets `prefix` first.
 */
export function safeName(raw: string, prefix = 'T'): string {
  let out = '';
  for (const ch of raw.normalize('NFC')) {
    if (/^[A-Za-z0-9_$]$/.test(ch) || (ch.codePointAt(0)! > 127 && isIdentifierName(`a${ch}`))) out += ch;
  }
  if (!out || !isIdentifierName(out)) out = `${prefix}${out}`;
  if (!isBindingName(out)) out = `${prefix}${out}`;
  return out;
}

/** A property name in a type or interface: bare when an identifier name, else a string literal. */
export function propName(name: string): Code {
  return isIdentifierName(name) ? make(name) : str(name);
}

/** A key in an object literal: like propName, but `__proto__` is computed so it stays data. */
export function objectKey(name: string): Code {
  return name === '__proto__' ? code`[${name}]` : propName(name);
}

/** `o.name` or `o["name"]`. */
export function member(object: Code, name: string): Code {
  return isIdentifierName(name) ? code`${object}.${make(name)}` : code`${object}[${name}]`;
}

/**
 * A JSON value as an expression (`__proto__` keys computed): laid out one entry a line down to
 * `lines` levels of nesting, on one line below that.
 */
export function jsonLiteral(value: unknown, indent = '', lines = Infinity): Code {
  if (value === null) return make('null');
  const oneLine = lines <= 0;
  if (Array.isArray(value)) {
    if (!value.length) return make('[]');
    if (oneLine) return make(`[${value.map((x) => jsonLiteral(x, '', 0).text).join(', ')}]`);
    const inner = `${indent}  `;
    return make(`[\n${value.map((x) => `${inner}${jsonLiteral(x, inner, lines - 1).text}`).join(',\n')},\n${indent}]`);
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return make('{}');
    const entry = (k: string, inner: string): string => `${objectKey(k).text}: ${jsonLiteral((value as Record<string, unknown>)[k], inner, lines - 1).text}`;
    if (oneLine) return make(`{ ${keys.map((k) => entry(k, '')).join(', ')} }`);
    const inner = `${indent}  `;
    return make(`{\n${keys.map((k) => `${inner}${entry(k, inner)}`).join(',\n')},\n${indent}}`);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return quote(value);
  throw new Error(`codegen: not JSON: ${typeof value}`);
}

/** A union of literal types (`"a" | 1 | true`), or `never`. */
export function literalUnion(values: ReadonlyArray<string | number | boolean>): Code {
  return values.length ? join(values.map(quote), ' | ') : make('never');
}
