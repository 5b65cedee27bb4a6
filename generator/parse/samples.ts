/**
 * Sample requests and responses of a page's examples part ("示例" / "Examples" / "请求示例" /
 * "Sample requests" ... to the end of the examples, maybe with trailing "错误码" prose).
 *
 * Code fences are NOT trusted to delimit samples: in real pages they are misaligned (captions
 * inside fences, JSON bodies outside; see docs/000, lines ~410-663). Samples are found by their
 * first line instead:
 *   - a JSON body: a line whose first non-space char is `{` (or `[` as JSON would start it),
 *     possibly after a request line (`POST /clusters`), a status line (`HTTP/1.1 200 OK`),
 *     header lines (`Content-Type: ...`) and placeholders (`<公共请求头>`, `<Common request headers>`);
 *     its end is found by bracket balance outside strings and comments, with tolerance for
 *     unescaped quotes inside strings (strings never span lines; a depth that drops to zero too
 *     early is ignored while the next line still continues the JSON; a closing bracket at the
 *     opening line's indentation is the fallback end);
 *   - an XML body: a line starting with a tag; fragments with several roots are normal;
 *   - a text sample: an RPC URL (`https://ecs.aliyuncs.com/?Action=...` + `&Name=value` lines) or a
 *     request line without a body.
 * Request vs response comes from the nearest preceding marker line (see MARKERS), the caption
 * from the nearest preceding prose line. Never throws; everything odd is a Diagnostic.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { XMLValidator } from 'fast-xml-parser';
import type { Diagnostic, Lang, Sample, TextLine } from '../model/ir.ts';
import { isRequestLine } from './request-line.ts';

export interface SamplesResult {
  samples: Sample[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------

type MarkerKind = 'request' | 'response' | 'neutral' | 'end';

/**
 * Marker lines, matched against the cleaned line (headings `#`, bold `**`, anchors `{#...}`,
 * list dashes and a trailing colon removed). First match wins.
 */
const MARKERS: { kind: MarkerKind; re: RegExp }[] = [
  // zh request: 请求示例, 请求示例补充说明, 请求示例一, 示例请求, 请求样例
  { kind: 'request', re: /^(请求示例|示例请求|请求样例|请求举例)[^。，,.]{0,8}$/ },
  // zh response: 正常返回示例, 返回示例, 错误返回示例, 异常返回示例, 响应示例, 返回结果示例, 返回示例补充说明
  { kind: 'response', re: /^(正常|错误|异常|成功|失败)?(返回|响应)(结果|数据)?(示例|样例)[^。，,.]{0,8}$/ },
  { kind: 'request', re: /^(sample requests?|request examples?|request samples?|example requests?)(\s*\d+)?$/i },
  {
    kind: 'response',
    re: /^(sample (success(ful)? |error |failed |failure |normal |exception )?responses?|(successful |success |error |failed |failure |normal |exception )?response (examples?|samples?)|examples? (of )?(success(ful)? |error )?responses?)(\s*\d+)?$/i,
  },
  { kind: 'neutral', re: /^(示例|调用示例|请求和返回示例|examples?|samples?|sample requests and responses)$/i },
  { kind: 'end', re: /^(错误码|错误代码|错误码列表|error codes?|errors?)$/i },
];

/** `XML` 格式, `JSON` format, XML 示例, JSON: a label naming the format of the next sample. */
const FORMAT_LABEL_RE = /^(xml|json)\s*(格式|format|示例|examples?|samples?|response)?$/i;
// Any indentation: fences inside list items (`-   XML格式` + an indented fence) are common.
const FENCE_OPEN_RE = /^\s*(`{3,}|~{3,})(.*)$/;
const HEADING_RE = /^\s{0,3}#{1,6}(\s|$)/;
const STATUS_LINE_RE = /^HTTP\/\d(?:\.\d)?\s+\d{3}\b/i;
/** An RPC-style sample: `https://ecs.aliyuncs.com/?Action=...`, `http(s)://[Endpoint]/?Action=...`, `/?Action=...`. */
const URL_RE = /^((https?|http\(s\)):\/\/\S+|(\S*\/)?\?Action=)/i;
const HEADER_RE = /^[A-Za-z][A-Za-z0-9-]*\s*:\s*\S.*$/;
/** `Content-Type:application/json`, `Host: cs.aliyuncs.com`: a header line, never a caption. */
const HEADER_ONLY_RE = /^[A-Za-z][A-Za-z0-9-]*\s*:\s*\S+$/;
const NAMED_PLACEHOLDER_RE =
  /^(公共请求头|公共响应头|公共请求参数|公共参数|common (request|response) (headers?|parameters)|public (request|response) headers?)$/i;
/** A tag opening an XML sample; names like `<0>` (arrays rendered as XML) are invalid XML but still samples. */
const XML_START_RE = /^<(\?xml\b|[^\s<>/!?=&][^\s<>/]*(\s[^<>]*)?\/?>)/;

type LineClass =
  | 'blank'
  | 'fence'
  | 'heading-prose'
  | 'marker'
  | 'format-label'
  | 'request-line'
  | 'status-line'
  | 'url'
  | 'placeholder'
  | 'json-start'
  | 'xml-start'
  | 'other';

interface Classified {
  cls: LineClass;
  /** Cleaned text (markers, captions). */
  clean: string;
  marker?: MarkerKind;
}

/** Remove markdown decoration from a line for marker / caption matching. */
function cleanLine(text: string): string {
  let t = text.trim();
  t = t.replace(/^#{1,6}\s*/, '');
  // `{#request_demo}`, `{ .section}` anchors at the end (found from the last `{`: a pattern with a
  // leading `\s*` retried at every space of a long run).
  const brace = t.endsWith('}') ? t.lastIndexOf('{') : -1;
  if (brace >= 0 && /^\{[#.][^{}]*\}$/.test(t.slice(brace))) t = t.slice(0, brace).trimEnd();
  t = t.replace(/^[-*+]\s+/, ''); // list item
  t = t.replace(/^(\*\*|__)(.*?)(\*\*|__)$/, '$2').trim();
  t = t.replace(/`/g, '').trim();
  t = t.replace(/[:：]$/, '').trim();
  return t;
}

function isPlaceholder(trimmed: string): boolean {
  // `<公共请求头>`, `<Common request headers>`, `&<公共请求参数>`: angle brackets around words, not a tag.
  const m = /^&?<([^<>=/]*)>$/.exec(trimmed);
  if (m && (/\s/.test(m[1]!.trim()) || /[^\x00-\x7f]/.test(m[1]!))) return true;
  return NAMED_PLACEHOLDER_RE.test(trimmed.replace(/^<|>$/g, ''));
}

function isJsonStart(trimmed: string): boolean {
  if (trimmed.startsWith('{')) return true;
  // `[` starts JSON (`[ {`, `["a"]`, `[]`, `[1`), a markdown link `[text](url)` does not.
  return /^\[\s*($|[{["\]\d-])/.test(trimmed);
}

function classify(text: string): Classified {
  const trimmed = text.trim();
  if (!trimmed) return { cls: 'blank', clean: '' };
  if (FENCE_OPEN_RE.test(text)) return { cls: 'fence', clean: '' };
  const clean = cleanLine(text);
  const heading = HEADING_RE.test(text);
  for (const m of MARKERS) {
    if (m.re.test(clean)) return { cls: 'marker', clean, marker: m.kind };
  }
  if (FORMAT_LABEL_RE.test(clean)) return { cls: 'format-label', clean };
  if (heading) return { cls: 'heading-prose', clean };
  const unticked = trimmed.replace(/^`(.*)`$/, '$1').trim();
  if (isRequestLine(unticked)) return { cls: 'request-line', clean: unticked };
  if (STATUS_LINE_RE.test(trimmed)) return { cls: 'status-line', clean: trimmed };
  if (URL_RE.test(trimmed)) return { cls: 'url', clean: trimmed };
  if (isPlaceholder(trimmed)) return { cls: 'placeholder', clean: trimmed };
  if (isJsonStart(trimmed)) return { cls: 'json-start', clean: trimmed };
  if (XML_START_RE.test(trimmed)) return { cls: 'xml-start', clean: trimmed };
  return { cls: 'other', clean };
}

/** Could this line be inside a JSON body (as opposed to prose that ends it)? */
function isJsonish(trimmed: string): boolean {
  if (!trimmed) return true;
  if (`"{}[],-0123456789/'.…+“”‘’`.includes(trimmed[0]!)) return true;
  if (/^(true|false|null)\b/.test(trimmed)) return true;
  if (/^[A-Za-z_$][\w$-]*\s*:/.test(trimmed)) return true; // bare key
  if (/^[\w.*$-]+,?$/.test(trimmed)) return true; // bare token in an array
  return false;
}

// ---------------------------------------------------------------------------------------------
// Fences (only used for diagnostics: samples are found without them)
// ---------------------------------------------------------------------------------------------

interface FenceBlock {
  open: number; // index in lines
  close: number | null;
}

function scanFences(lines: TextLine[]): { blocks: FenceBlock[]; inFence: boolean[] } {
  const blocks: FenceBlock[] = [];
  const inFence: boolean[] = new Array<boolean>(lines.length).fill(false);
  let cur: { block: FenceBlock; char: string; len: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE_OPEN_RE.exec(lines[i]!.text);
    if (!m) {
      if (cur) inFence[i] = true;
      continue;
    }
    const run = m[1]!;
    const rest = m[2]!.trim();
    if (!cur) {
      const block: FenceBlock = { open: i, close: null };
      blocks.push(block);
      cur = { block, char: run[0]!, len: run.length };
    } else if (run[0] === cur.char && run.length >= cur.len && rest === '') {
      cur.block.close = i;
      cur = null;
    } else {
      inFence[i] = true; // a fence-looking line inside a block (CommonMark: content)
    }
  }
  return { blocks, inFence };
}

// ---------------------------------------------------------------------------------------------
// JSON extent
// ---------------------------------------------------------------------------------------------

interface DepthState {
  depth: number;
  inBlockComment: boolean;
}

/**
 * Update the bracket depth over one line. Strings end at the end of their line (JSON strings
 * cannot hold a raw newline), which keeps an unescaped quote from swallowing the rest of the body.
 * Returns the last significant (non-comment, non-space) character of the line.
 */
function scanLine(text: string, st: DepthState): string {
  let inStr = false;
  let last = '';
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (st.inBlockComment) {
      if (c === '*' && text[i + 1] === '/') {
        st.inBlockComment = false;
        i++;
      }
      continue;
    }
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      last = '"';
      continue;
    }
    if (c === '"') {
      inStr = true;
      last = c;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') break;
    if (c === '/' && text[i + 1] === '*') {
      st.inBlockComment = true;
      i++;
      continue;
    }
    if (c === '{' || c === '[') st.depth++;
    else if (c === '}' || c === ']') st.depth--;
    if (c !== ' ' && c !== '\t' && c !== '\r') last = c;
  }
  return last;
}

function indentOf(text: string): number {
  const m = /^[ \t]*/.exec(text);
  return m ? m[0].replace(/\t/g, '    ').length : 0;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

interface Found {
  kind: 'request' | 'response';
  format: 'json' | 'xml' | 'text';
  caption: string | null;
  start: number; // index of the first line of the sample (request line or body)
  bodyStart: number; // index of the first body line (= start for text samples)
  end: number; // index of the last line
  requestLine: string | null;
}

/**
 * Find and check every sample in the lines of the examples part. Never throws.
 * `lang` is the page language. It is not needed to read the page: the marker tables cover both
 * languages at once (zh pages quote English markers and the other way round); it is kept in the
 * signature for the caller's contract.
 */
export function extractSamples(lines: TextLine[], file: string, lang: Lang): SamplesResult {
  const diagnostics: Diagnostic[] = [];
  try {
    return extract(lines, file, lang, diagnostics);
  } catch (e) {
    // Defensive only: nothing here is expected to throw.
    diagnostics.push({
      file,
      line: lines[0]?.line ?? 1,
      severity: 'error',
      code: 'sample-invalid-json',
      message: `samples could not be read: ${e instanceof Error ? e.message : String(e)}`,
    });
    return { samples: [], diagnostics };
  }
}

function extract(lines: TextLine[], file: string, _lang: Lang, diagnostics: Diagnostic[]): SamplesResult {
  const n = lines.length;
  const cls: Classified[] = lines.map((l) => classify(l.text));
  const { blocks, inFence } = scanFences(lines);

  /** A line that can never be part of a JSON body. */
  const isBoundary = (j: number): boolean => {
    const c = cls[j]!;
    switch (c.cls) {
      case 'blank':
      case 'json-start':
      case 'placeholder':
        return false;
      case 'other':
        return !isJsonish(lines[j]!.text.trim());
      case 'xml-start':
        return true;
      default:
        return true;
    }
  };

  const nextNonBlank = (j: number, limit = n): number => {
    let k = j;
    while (k < limit && cls[k]!.cls === 'blank') k++;
    return k < limit ? k : -1;
  };

  const jsonEnd = (s: number): number => {
    const st: DepthState = { depth: 0, inBlockComment: false };
    const baseIndent = indentOf(lines[s]!.text);
    const closer = lines[s]!.text.trim()[0] === '[' ? ']' : '}';
    let maxIndent = baseIndent;
    let prevNonBlank = -1;
    let j = s;
    for (; j < n; j++) {
      if (j > s && isBoundary(j)) break;
      const text = lines[j]!.text;
      const trimmed = text.trim();
      if (!trimmed) continue;
      const ind = indentOf(text);
      // A pretty-printed body whose depth went wrong: a new `{` at the opening indentation right
      // after a `}` at that indentation starts the next sample.
      if (
        j > s &&
        st.depth > 0 &&
        maxIndent > baseIndent &&
        ind === baseIndent &&
        trimmed[0] === lines[s]!.text.trim()[0] &&
        prevNonBlank >= 0 &&
        indentOf(lines[prevNonBlank]!.text) === baseIndent &&
        lines[prevNonBlank]!.text.trim().startsWith(closer)
      ) {
        return prevNonBlank;
      }
      if (ind > maxIndent) maxIndent = ind;
      const last = scanLine(text, st);
      prevNonBlank = j;
      if (st.depth <= 0 && !st.inBlockComment) {
        st.depth = 0;
        if (last === ',' || last === ':') continue;
        const k = nextNonBlank(j + 1);
        if (k >= 0 && !isBoundary(k) && /^[}\]",:]/.test(lines[k]!.text.trim())) continue;
        return j;
      }
    }
    // Never balanced before a boundary: the last closing bracket at the opening indentation.
    for (let k = j - 1; k > s; k--) {
      const t = lines[k]!.text;
      if (t.trim().startsWith(closer) && indentOf(t) === baseIndent) return k;
    }
    let k = j - 1;
    while (k > s && cls[k]!.cls === 'blank') k--;
    return k;
  };

  const xmlEnd = (s: number): number => {
    let depth = 0;
    let end = s;
    for (let j = s; j < n; j++) {
      const c = cls[j]!;
      const trimmed = lines[j]!.text.trim();
      if (j > s) {
        if (c.cls === 'fence' || c.cls === 'marker' || c.cls === 'format-label' || c.cls === 'heading-prose') break;
        if (c.cls === 'blank') {
          const k = nextNonBlank(j);
          if (depth > 0 && k >= 0 && lines[k]!.text.trim().startsWith('<') && cls[k]!.cls !== 'placeholder') {
            j = k - 1; // skip the blank run in one step (keeps the scan linear)
            continue;
          }
          break;
        }
        if (!trimmed.startsWith('<') && depth <= 0) break;
      }
      for (const m of trimmed.matchAll(/<(\/?)([^\s<>/!?][^\s<>/]*)[^<>]*?(\/?)>/g)) {
        if (m[1]) depth--;
        else if (!m[3]) depth++;
      }
      end = j;
    }
    return end;
  };

  const found: Found[] = [];
  let kind: 'request' | 'response' | null = null;
  let markerText: string | null = null;
  let caption: string | null = null;
  let disabled = false;
  let sinceMarker = 0;
  /** Set when format labels stand in for a missing response marker. */
  let labelIsMarker = false;

  const push = (f: Omit<Found, 'caption'>): void => {
    found.push({ ...f, caption: caption ?? markerText });
    sinceMarker++;
    caption = null;
  };

  let i = 0;
  while (i < n) {
    const c = cls[i]!;
    switch (c.cls) {
      case 'blank':
      case 'fence':
        i++;
        continue;
      case 'format-label':
        // `**XML示例**` right after a request sample, with no response marker in between
        // (ecs `API 参考/实例/CreateInstance.md`): the formats are those of the response.
        if (kind === 'request' && sinceMarker > 0) {
          kind = 'response';
          labelIsMarker = true;
          caption = null;
        }
        if (labelIsMarker) markerText = c.clean;
        i++;
        continue;
      case 'marker':
        if (c.marker === 'request' || c.marker === 'response') {
          // Prose just before a marker that switches request <-> response is a note on the
          // previous sample, not a caption; before the first marker it is the caption
          // ("Example: Create an ACK managed cluster" / "Sample requests").
          if (kind !== null && kind !== c.marker) caption = null;
          kind = c.marker;
          markerText = c.clean;
          sinceMarker = 0;
          labelIsMarker = false;
          disabled = false;
        } else if (c.marker === 'end') {
          disabled = true;
        }
        i++;
        continue;
      case 'heading-prose':
      case 'other':
        if (!disabled && !HEADER_ONLY_RE.test(c.clean)) caption = c.clean.length > 200 ? c.clean.slice(0, 200) + '…' : c.clean;
        i++;
        continue;
      case 'placeholder':
        i++;
        continue;
      default:
        break;
    }
    if (disabled) {
      i++;
      continue;
    }
    if (c.cls === 'request-line' || c.cls === 'status-line') {
      // Skip headers, placeholders, blank and fence lines to the body, if any.
      let j = i + 1;
      let lastPrefix = i;
      while (j < n) {
        const d = cls[j]!;
        const t = lines[j]!.text.trim();
        if (d.cls === 'placeholder' || (d.cls === 'other' && HEADER_RE.test(t))) lastPrefix = j;
        else if (d.cls !== 'blank' && d.cls !== 'fence') break;
        j++;
      }
      const d = j < n ? cls[j]!.cls : 'blank';
      const sampleKind = c.cls === 'request-line' ? 'request' : 'response';
      const requestLine = c.cls === 'request-line' ? c.clean.replace(/\s+/g, ' ') : null;
      if (d === 'json-start') {
        const end = jsonEnd(j);
        push({ kind: sampleKind, format: 'json', start: i, bodyStart: j, end, requestLine });
        i = end + 1;
      } else if (d === 'xml-start') {
        const end = xmlEnd(j);
        push({ kind: sampleKind, format: 'xml', start: i, bodyStart: j, end, requestLine });
        i = end + 1;
      } else {
        if (c.cls === 'request-line') {
          push({ kind: 'request', format: 'text', start: i, bodyStart: i, end: lastPrefix, requestLine });
        }
        i = lastPrefix + 1;
      }
      continue;
    }
    if (c.cls === 'url') {
      // `&Name=value` lines follow; a value may open a bracket and continue over lines (`&Rules=[`).
      let end = i;
      const st: DepthState = { depth: 0, inBlockComment: false };
      scanLine(lines[i]!.text, st);
      for (let j = i + 1; j < n; j++) {
        const t = lines[j]!.text.trim();
        const jc = cls[j]!.cls;
        if (jc === 'fence' || jc === 'blank' || jc === 'marker' || jc === 'format-label') break;
        if (st.depth <= 0 && !/^[&?]/.test(t)) break;
        scanLine(lines[j]!.text, st);
        end = j;
      }
      push({ kind: 'request', format: 'text', start: i, bodyStart: i, end, requestLine: null });
      i = end + 1;
      continue;
    }
    if (c.cls === 'json-start') {
      const end = jsonEnd(i);
      push({ kind: kind ?? 'request', format: 'json', start: i, bodyStart: i, end, requestLine: null });
      i = end + 1;
      continue;
    }
    if (c.cls === 'xml-start') {
      const end = xmlEnd(i);
      push({ kind: kind ?? 'response', format: 'xml', start: i, bodyStart: i, end, requestLine: null });
      i = end + 1;
      continue;
    }
    i++;
  }

  // ----- check each sample -----
  const samples: Sample[] = [];
  for (const f of found) {
    const text = lines
      .slice(f.start, f.end + 1)
      .map((l) => l.text)
      .join('\n');
    const sample: Sample = {
      kind: f.kind,
      format: f.format,
      caption: f.caption,
      source: { file, line: lines[f.start]!.line },
      endLine: lines[f.end]!.line,
      ok: true,
      lenient: false,
      value: null,
      requestLine: f.requestLine,
      text,
    };
    const body = lines.slice(f.bodyStart, f.end + 1);
    if (f.format === 'json') checkJson(sample, body, file, diagnostics);
    else if (f.format === 'xml') checkXml(sample, body, file, diagnostics);
    samples.push(sample);
  }

  // ----- fences -----
  const reported = new Set<number>();
  const fenceWarn = (idx: number, message: string): void => {
    if (reported.has(idx)) return;
    reported.add(idx);
    diagnostics.push({ file, line: lines[idx]!.line, severity: 'warning', code: 'unbalanced-fence', message });
  };
  for (const b of blocks) {
    if (b.close === null) {
      fenceWarn(b.open, `code fence opened at line ${lines[b.open]!.line} is never closed`);
    }
  }
  if (blocks.length > 0) {
    let prevEnd = -1;
    for (const f of found) {
      if (f.format !== 'text' && !inFence[f.bodyStart]) {
        // The fence block(s) between the previous sample and this body that hold only prose.
        let culprit: FenceBlock | null = null;
        let nearestFence: FenceBlock | null = null;
        for (const b of blocks) {
          if (b.open <= prevEnd || b.open >= f.bodyStart) continue;
          nearestFence = b;
          const stop = b.close ?? f.bodyStart;
          let prose: string | null = null;
          let onlyProse = true;
          for (let k = b.open + 1; k < stop; k++) {
            const kc = cls[k]!.cls;
            if (kc === 'blank') continue;
            if (kc === 'other' || kc === 'heading-prose' || kc === 'marker' || kc === 'format-label') {
              prose ??= lines[k]!.text.trim();
            } else onlyProse = false;
          }
          if (onlyProse && prose !== null) culprit = b;
        }
        const bodyLine = lines[f.bodyStart]!.line;
        const what = f.format === 'json' ? 'JSON' : 'XML';
        if (culprit) {
          const prose = lines
            .slice(culprit.open + 1, culprit.close ?? f.bodyStart)
            .map((l) => l.text.trim())
            .find((t) => t !== '')!;
          fenceWarn(
            culprit.open,
            `code fence at line ${lines[culprit.open]!.line} encloses prose ("${prose.slice(0, 60)}") while the ${what} body at line ${bodyLine} is outside any fence: fences are misaligned`,
          );
        } else if (nearestFence) {
          fenceWarn(
            nearestFence.open,
            `the ${what} body at line ${bodyLine} is outside any code fence although the section fences its samples (fence at line ${lines[nearestFence.open]!.line})`,
          );
        }
      }
      prevEnd = f.end;
    }
  }

  diagnostics.sort((a, b) => a.line - b.line);
  return { samples, diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function describeCode(e: ParseError): string {
  return printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** 1-based line number (in the file) and column of an offset into the joined body. */
function locate(body: TextLine[], offset: number): { line: number; col: number; idx: number } {
  let rest = offset;
  for (let idx = 0; idx < body.length; idx++) {
    const len = body[idx]!.text.length;
    if (rest <= len) return { line: body[idx]!.line, col: rest + 1, idx };
    rest -= len + 1;
  }
  const last = body[body.length - 1]!;
  return { line: last.line, col: last.text.length + 1, idx: body.length - 1 };
}

function tokenAt(text: string, e: ParseError): string {
  if (e.offset >= text.length) return '';
  const len = Math.max(1, Math.min(e.length, 40));
  return text.slice(e.offset, e.offset + len).split('\n')[0]!;
}

function checkJson(sample: Sample, body: TextLine[], file: string, diagnostics: Diagnostic[]): void {
  const text = body.map((l) => l.text).join('\n');
  const strictErrors: ParseError[] = [];
  const strict: unknown = parseJsonc(text, strictErrors, { disallowComments: true, allowTrailingComma: false });
  if (strictErrors.length === 0) {
    sample.value = strict;
    return;
  }
  const lenientErrors: ParseError[] = [];
  const lenient: unknown = parseJsonc(text, lenientErrors, { disallowComments: false, allowTrailingComma: true });
  if (lenientErrors.length === 0) {
    sample.value = lenient;
    sample.lenient = true;
    const first = strictErrors[0]!;
    // A trailing comma is reported by the parser at the bracket after it: point at the comma.
    let offset = first.offset;
    if (text[offset] === '}' || text[offset] === ']') {
      let k = offset - 1;
      while (k >= 0 && /\s/.test(text[k]!)) k--;
      if (text[k] === ',') offset = k;
    }
    const at = locate(body, offset);
    diagnostics.push({
      file,
      line: at.line,
      severity: 'info',
      code: 'sample-jsonc',
      message: `sample ${sample.kind} parses only with comments or trailing commas allowed (first at line ${at.line} col ${at.col}: ${offset === first.offset ? describeCode(first) : 'trailing comma'})`,
    });
    return;
  }
  sample.ok = false;
  sample.value = null;
  // What jsonc-parser's error recovery still read: evidence for reconcile, never a valid sample.
  if (lenient !== undefined) sample.recovered = lenient;
  const first = lenientErrors[0]!;
  const at = locate(body, first.offset);
  const tok = tokenAt(text, first);
  const what = tok ? `unexpected token \`${tok}\`` : 'unexpected end of sample';
  diagnostics.push({
    file,
    line: at.line,
    severity: 'error',
    code: 'sample-invalid-json',
    message: `sample ${sample.kind} is not valid JSON: ${what} at line ${at.line} col ${at.col} (${describeCode(first)})`,
  });
}

function checkXml(sample: Sample, body: TextLine[], file: string, diagnostics: Diagnostic[]): void {
  // Samples are often fragments with several roots (`<cluster_id>..</cluster_id><task_id>..`):
  // wrap them in one root. An XML declaration may only come first, so it is blanked out (same length).
  const texts = body.map((l) => l.text.replace(/<\?xml[^>]*\?>/, (m) => ' '.repeat(m.length)));
  const prefix = '<sample-root>';
  const wrapped = prefix + texts.join('\n') + '\n</sample-root>';
  let result: ReturnType<typeof XMLValidator.validate>;
  try {
    result = XMLValidator.validate(wrapped);
  } catch (e) {
    result = { err: { code: 'InvalidXml', msg: e instanceof Error ? e.message : String(e), line: 1, col: 1 } };
  }
  if (result === true) return;
  sample.ok = false;
  const err = result.err;
  const fileLine = (l: number): number => body[Math.min(Math.max(l - 1, 0), body.length - 1)]!.line;
  let errLine = err.line;
  let col = err.line === 1 ? Math.max(1, err.col - prefix.length) : err.col;
  let problem = err.msg;
  // Messages that mention the wrapper root mean "an element is never closed"; say so in page terms.
  const unclosed = /^Expected closing tag '([^']*)' \(opened in line (\d+), col (\d+)\) instead of closing tag 'sample-root'/.exec(err.msg);
  const invalid = /^Invalid '\[([\s\S]*)\]' found/.exec(err.msg);
  if (unclosed) {
    errLine = Number(unclosed[2]);
    col = errLine === 1 ? Math.max(1, Number(unclosed[3]) - prefix.length) : Number(unclosed[3]);
    problem = `element <${unclosed[1]}> is never closed`;
  } else if (invalid) {
    const names = [...invalid[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).filter((x) => x !== 'sample-root');
    problem = `element${names.length === 1 ? '' : 's'} never closed: ${names.map((x) => `<${x}>`).join(', ')}`;
  } else {
    problem = problem.replace(/\(opened in line (\d+), col (\d+)\)/, (_m, l: string) => `(opened at line ${fileLine(Number(l))})`);
  }
  const line = fileLine(errLine);
  diagnostics.push({
    file,
    line,
    severity: 'error',
    code: 'sample-invalid-xml',
    message: `sample ${sample.kind} is not well-formed XML: ${problem.replace(/\.$/, '')} at line ${line} col ${col}`,
  });
}
