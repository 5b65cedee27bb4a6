/**
 * The "Request syntax" / "请求语法" / "Request structure" skeleton of a page:
 *
 *     POST /clusters HTTP/1.1
 *     Content-Type:application/json
 *     {
 *       "name" : "String",
 *       "num_of_nodes" : Long,
 *       "tags" : [ { "key" : "String" } ],
 *       ...
 *     }
 *
 * The body is JSON-like but not JSON: types are written as `"String"` (quoted) but also as bare
 * `Long` / `Boolean` / `Integer` / `Double` / `Float`, which every JSON (and JSONC / JSON5) parser rejects.
 * So this module has its own small, tolerant tokenizer and recursive-descent reader. It never
 * throws: whatever it cannot read becomes a `skeleton-invalid` diagnostic with file and line,
 * and the tree keeps what could be read.
 */
import type { Diagnostic, Skeleton, SkeletonField, SkeletonNode, TextLine } from '../model/ir.ts';
import { isRequestLine } from './request-line.ts';

export interface SkeletonResult {
  skeleton: Skeleton | null;
  diagnostics: Diagnostic[];
}

const FENCE_RE = /^\s*(`{3,}|~{3,})/;
const HEADING_RE = /^\s{0,3}#{1,6}\s/;
/** Nesting deeper than this is reported instead of recursed into (keeps the stack bounded). */
const MAX_DEPTH = 200;

type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'unknown';

/** Normalise a type word of the skeleton (`String`, `Long`, `Boolean`, ...). */
export function normaliseSkeletonType(raw: string): ScalarType {
  const t = raw.trim().toLowerCase();
  switch (t) {
    case 'string':
    case 'str':
    case 'text':
      return 'string';
    case 'long':
    case 'integer':
    case 'int':
    case 'int32':
    case 'int64':
    case 'short':
    case 'byte':
      return 'integer';
    case 'double':
    case 'float':
    case 'number':
    case 'bigdecimal':
    case 'decimal':
      return 'number';
    case 'boolean':
    case 'bool':
      return 'boolean';
    default:
      return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------

type TokKind = '{' | '}' | '[' | ']' | ':' | ',' | 'string' | 'word';

interface Token {
  kind: TokKind;
  /** String content (unescaped) or the word / punctuation itself. */
  text: string;
  line: number;
  col: number;
}

interface Tokenized {
  tokens: Token[];
  problems: { line: number; message: string }[];
}

/**
 * Tokenize the body lines. Strings cannot span lines (as in JSON): an unterminated string ends at
 * the end of its line, with a problem recorded. `//`, `#` (after whitespace) and `/* ... *\/`
 * comments are skipped. Any other run of non-punctuation characters is one `word` token.
 */
function tokenize(lines: TextLine[]): Tokenized {
  const tokens: Token[] = [];
  const problems: { line: number; message: string }[] = [];
  let inBlockComment = false;
  for (const { text, line } of lines) {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (inBlockComment) {
        const end = text.indexOf('*/', i);
        if (end < 0) {
          i = n;
          break;
        }
        inBlockComment = false;
        i = end + 2;
        continue;
      }
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\u3000') {
        i++;
        continue;
      }
      if (c === '/' && text[i + 1] === '/') break;
      if (c === '/' && text[i + 1] === '*') {
        inBlockComment = true;
        i += 2;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) break;
      if (c === '{' || c === '}' || c === '[' || c === ']' || c === ':' || c === ',') {
        tokens.push({ kind: c, text: c, line, col: i + 1 });
        i++;
        continue;
      }
      if (c === '"' || c === '“' || c === '”') {
        const start = i;
        i++;
        let s = '';
        let closed = false;
        while (i < n) {
          const d = text[i]!;
          if (d === '\\' && i + 1 < n) {
            const e = text[i + 1]!;
            s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
            i += 2;
            continue;
          }
          if (d === '"' || d === '“' || d === '”') {
            closed = true;
            i++;
            break;
          }
          s += d;
          i++;
        }
        if (!closed) problems.push({ line, message: `unterminated string at col ${start + 1}` });
        tokens.push({ kind: 'string', text: s, line, col: start + 1 });
        continue;
      }
      const start = i;
      while (i < n && !/[\s{}[\]:,"]/.test(text[i]!)) {
        if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) break;
        i++;
      }
      if (i === start) {
        // Cannot happen (every char is either handled above or part of a word); stay linear anyway.
        i++;
        continue;
      }
      tokens.push({ kind: 'word', text: text.slice(start, i), line, col: start + 1 });
    }
  }
  return { tokens, problems };
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

class Reader {
  pos = 0;
  problems: { line: number; message: string }[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly lastLine: number,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  problem(tok: Token | undefined, message: string): void {
    const line = tok ? tok.line : this.lastLine;
    const where = tok ? `line ${tok.line} col ${tok.col}` : 'end of skeleton';
    this.problems.push({ line, message: `${message} at ${where}` });
  }

  /** Skip to the next `,` or closing bracket of the current container (nested containers skipped whole). */
  recover(): void {
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos]!;
      if (t.kind === '{' || t.kind === '[') depth++;
      else if (t.kind === '}' || t.kind === ']') {
        if (depth === 0) return;
        depth--;
      } else if (t.kind === ',' && depth === 0) return;
      this.pos++;
    }
  }

  /** Skip a whole value (used past the nesting limit). */
  skipValue(): void {
    const t = this.peek();
    if (!t) return;
    if (t.kind !== '{' && t.kind !== '[') {
      this.pos++;
      return;
    }
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const u = this.tokens[this.pos++]!;
      if (u.kind === '{' || u.kind === '[') depth++;
      else if (u.kind === '}' || u.kind === ']') {
        depth--;
        if (depth === 0) return;
      }
    }
  }

  value(depth: number): SkeletonNode | null {
    const t = this.peek();
    if (!t) {
      this.problem(t, 'value expected');
      return null;
    }
    if (depth > MAX_DEPTH) {
      this.problem(t, `nesting deeper than ${MAX_DEPTH}`);
      this.skipValue();
      return null;
    }
    if (t.kind === '{') return this.object(depth);
    if (t.kind === '[') return this.array(depth);
    if (t.kind === 'string' || t.kind === 'word') {
      this.pos++;
      // A value written as several words without quotes (`Long Integer`) is read as one.
      let raw = t.text;
      while (this.peek()?.kind === 'word' && this.peek()!.line === t.line && t.kind === 'word') {
        raw += ' ' + this.peek()!.text;
        this.pos++;
      }
      return { kind: 'scalar', type: scalarType(raw, t.kind === 'string'), raw, line: t.line };
    }
    this.problem(t, `value expected, found \`${t.text}\``);
    return null;
  }

  object(depth: number): SkeletonNode {
    const open = this.tokens[this.pos++]!;
    const fields: SkeletonField[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) {
        this.problem(t, `object opened at line ${open.line} is never closed`);
        break;
      }
      if (t.kind === '}') {
        this.pos++;
        break;
      }
      if (t.kind === ']') {
        this.problem(t, 'unexpected `]` in object');
        this.pos++;
        break;
      }
      if (t.kind === ',') {
        // Stray or trailing comma: tolerated.
        this.pos++;
        continue;
      }
      if (t.kind !== 'string' && t.kind !== 'word') {
        this.problem(t, `field name expected, found \`${t.text}\``);
        this.pos++;
        this.recover();
        continue;
      }
      this.pos++;
      const colon = this.peek();
      if (colon?.kind !== ':') {
        this.problem(colon, `\`:\` expected after field "${t.text}"`);
        this.recover();
        continue;
      }
      this.pos++;
      const node = this.value(depth + 1);
      if (node) fields.push({ name: t.text, node, line: t.line });
      const after = this.peek();
      if (after && after.kind !== ',' && after.kind !== '}') {
        if (after.kind === ']') {
          this.problem(after, 'unexpected `]` in object');
          this.pos++;
          break;
        }
        this.problem(after, `\`,\` or \`}\` expected after field "${t.text}", found \`${after.text}\``);
        this.recover();
      }
    }
    return { kind: 'object', fields, line: open.line };
  }

  array(depth: number): SkeletonNode {
    const open = this.tokens[this.pos++]!;
    let items: SkeletonNode | null = null;
    for (;;) {
      const t = this.peek();
      if (!t) {
        this.problem(t, `array opened at line ${open.line} is never closed`);
        break;
      }
      if (t.kind === ']') {
        this.pos++;
        break;
      }
      if (t.kind === '}') {
        this.problem(t, 'unexpected `}` in array');
        this.pos++;
        break;
      }
      if (t.kind === ',') {
        this.pos++;
        continue;
      }
      const node = this.value(depth + 1);
      // The skeleton shows one item; further items (if any) are read and dropped.
      if (node && !items) items = node;
      if (!node) this.recover();
      const after = this.peek();
      if (after && after.kind !== ',' && after.kind !== ']') {
        if (after.kind === '}') {
          this.problem(after, 'unexpected `}` in array');
          this.pos++;
          break;
        }
        this.problem(after, `\`,\` or \`]\` expected, found \`${after.text}\``);
        this.recover();
      }
    }
    return { kind: 'array', items, line: open.line };
  }
}

function scalarType(raw: string, quoted: boolean): ScalarType {
  const t = normaliseSkeletonType(raw);
  if (t !== 'unknown' || quoted) return t;
  if (/^(true|false)$/i.test(raw)) return 'boolean';
  if (/^-?\d+$/.test(raw)) return 'integer';
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return 'number';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

function isBodyStart(trimmed: string): boolean {
  if (trimmed.startsWith('{')) return true;
  // `[` starts a body only as JSON would (`[ {`, `[ "String" ]`, `[]`), not as a markdown link `[text](url)`.
  return /^\[\s*($|[{["\]\d-]|(String|Long|Integer|Boolean|Double|Float)\b)/.test(trimmed);
}

/**
 * Read the skeleton out of the lines of the request-syntax section. Never throws.
 */
export function extractSkeleton(lines: TextLine[], file: string): SkeletonResult {
  const diagnostics: Diagnostic[] = [];
  try {
    return extract(lines, file, diagnostics);
  } catch (e) {
    // Defensive only: nothing above is expected to throw.
    diagnostics.push({
      file,
      line: lines[0]?.line ?? 1,
      severity: 'warning',
      code: 'skeleton-invalid',
      message: `request syntax could not be read: ${e instanceof Error ? e.message : String(e)}`,
    });
    return { skeleton: null, diagnostics };
  }
}

function extract(lines: TextLine[], file: string, diagnostics: Diagnostic[]): SkeletonResult {
  let requestLine: string | null = null;
  let requestLineNo: number | null = null;
  let bodyStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    const trimmed = raw.trim().replace(/^`(.*)`$/, '$1').trim();
    if (!trimmed || FENCE_RE.test(raw)) continue;
    if (requestLine === null && bodyStart < 0 && isRequestLine(trimmed)) {
      requestLine = trimmed.replace(/\s+/g, ' ');
      requestLineNo = lines[i]!.line;
      continue;
    }
    if (isBodyStart(trimmed)) {
      bodyStart = i;
      break;
    }
  }

  if (requestLine === null && bodyStart < 0) {
    diagnostics.push({
      file,
      line: lines[0]?.line ?? 1,
      severity: 'warning',
      code: 'skeleton-invalid',
      message: 'request syntax section has neither a request line (`POST /path`) nor a body',
    });
    return { skeleton: null, diagnostics };
  }

  let body: SkeletonNode | null = null;
  if (bodyStart >= 0) {
    // The body runs to the closing fence, a heading, or the end of the section.
    let end = lines.length;
    for (let j = bodyStart + 1; j < lines.length; j++) {
      const t = lines[j]!.text;
      if (FENCE_RE.test(t) || HEADING_RE.test(t)) {
        end = j;
        break;
      }
    }
    const bodyLines = lines.slice(bodyStart, end);
    const lastLine = bodyLines[bodyLines.length - 1]?.line ?? lines[bodyStart]!.line;
    const { tokens, problems } = tokenize(bodyLines);
    const reader = new Reader(tokens, lastLine);
    body = reader.value(0);
    const all = [...problems, ...reader.problems];
    all.sort((a, b) => a.line - b.line);
    // One diagnostic per line, at most a handful: a broken skeleton should not flood the report.
    const seen = new Set<number>();
    for (const p of all) {
      if (seen.has(p.line)) continue;
      seen.add(p.line);
      if (seen.size > 5) break;
      diagnostics.push({
        file,
        line: p.line,
        severity: 'warning',
        code: 'skeleton-invalid',
        message: `request syntax skeleton: ${p.message}`,
      });
    }
  }

  const sourceLine = requestLineNo ?? (bodyStart >= 0 ? lines[bodyStart]!.line : (lines[0]?.line ?? 1));
  return {
    skeleton: { requestLine, body, source: { file, line: sourceLine } },
    diagnostics,
  };
}
