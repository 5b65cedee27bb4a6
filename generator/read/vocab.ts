/**
 * Words the reader recognises, in both languages: table header cells and section headings.
 * One place, so a new header variant is one line here. Everything is compared after
 * `normalizeLabel` (trim, drop markdown escapes and emphasis, lower-case, collapse spaces).
 */
import type { ColumnRole, TableKind } from '../model/ir.ts';

/** Labels repeat (header cells, headings, captions): results by text, for short ones. */
const labels = new Map<string, string>();

export function normalizeLabel(s: string): string {
  if (s.length > 200) return label(s);
  let hit = labels.get(s);
  if (hit === undefined) {
    if (labels.size > 20_000) labels.clear();
    hit = label(s);
    labels.set(s, hit);
  }
  return hit;
}

function label(s: string): string {
  let t = s
    .replace(/\\(.)/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/\{#[^{}]*\}|\{ *\.[^{}]*\}/g, '') // heading attributes {#id .section}
    .replace(/\s+/g, ' ')
    .trim();
  // Trailing `?`, `:`, `.` (`Required?`, `Yes.`): by hand, `[?:.]+$` backtracks over a long run.
  let e = t.length;
  while (e > 0 && '?？:：.。'.includes(t[e - 1]!)) e--;
  if (e < t.length) t = t.slice(0, e);
  return t.toLowerCase();
}

const COLUMN_WORDS: Record<Exclude<ColumnRole, 'other'>, string[]> = {
  category: ['category', '分类', '类别', '参数分类'],
  name: ['名称', '参数名称', '参数名', '参数', '属性', '属性名称', '属性名', 'header名称', '字段', '字段名', '字段名称', 'name', 'parameter', 'parameters', 'prameter', 'parameter name', 'field', 'key', 'header', 'header name'],
  type: ['类型', '参数类型', '数据类型', '值类型', 'type', 'data type', 'value type'],
  position: ['位置', '参数位置', 'position', 'location'],
  required: ['是否必选', '是否必需', '是否必须', '是否必填', '必须', '必需', '必选', '必填', '必要', 'required', 'mandatory', 'must i choose'],
  example: ['示例值', '示例', '取值示例', '样例', 'example', 'examples', 'example value', 'example values', 'example value(s)', 'sample value', 'sample', 'instance value', 'instance values'],
  description: ['描述', '说明', '参数说明', '描述信息', '备注', 'description', 'remarks'],
};

const ROLE_BY_WORD = new Map<string, ColumnRole>();
for (const [role, words] of Object.entries(COLUMN_WORDS)) {
  for (const w of words) ROLE_BY_WORD.set(w, role as ColumnRole);
}

export function columnRole(cell: string): ColumnRole {
  return ROLE_BY_WORD.get(normalizeLabel(cell)) ?? 'other';
}

/**
 * The roles of a whole header row. A name word again right after the name column, in a header
 * without a type column but with the other columns of a parameter table (required, example or
 * description), is the type column mistranslated (`|Parameters|Parameters|Required|...`); a
 * header of two name words alone (`|名称|参数|`: cdn's table of functions and their arguments) is
 * no parameter table.
 */
export function headerRoles(cells: string[]): ColumnRole[] {
  const roles = cells.map(columnRole);
  const first = roles.indexOf('name');
  if (first >= 0 && roles[first + 1] === 'name' && !roles.includes('type') && roles.some((r) => r === 'required' || r === 'example' || r === 'description')) roles[first + 1] = 'type';
  return roles;
}

/** Header cells that mark an error-code table, never a parameter table. */
const ERROR_HEADER = /^(httpcode|http ?status ?code|httpstatuscode|http ?状态码|http ?返回码|错误码|错误代码|error ?code|错误信息|error ?message)$|(^| )(错误码|错误信息)$/;

export function isErrorHeader(cells: string[]): boolean {
  return cells.some((c) => ERROR_HEADER.test(normalizeLabel(c)));
}

/**
 * A header row is a parameter table when it has a name column and at least a type or a
 * description column, and no error-table column.
 */
export function isParameterHeader(roles: ColumnRole[]): boolean {
  return roles.includes('name') && (roles.includes('type') || roles.includes('description') || roles.includes('required'));
}

export type SectionKind =
  | 'debug'
  | 'uri'
  | 'request-syntax'
  | 'request-headers'
  | 'request-params'
  | 'response-syntax'
  | 'response-params'
  | 'examples'
  | 'request-example'
  | 'response-example'
  | 'errors'
  | 'description'
  | 'data-type'
  | 'other';

/** Section headings (markdown `##` text, or a line on its own in text scraped from HTML). */
const SECTION_WORDS: [SectionKind, RegExp][] = [
  ['debug', /^(调试|debugging|debug)$/],
  ['request-syntax', /^(请求语法|request syntax|request structure|请求结构)$/],
  ['uri', /^uri$/],
  ['request-headers', /^(请求头|请求消息头|公共请求头|request headers?)$/],
  ['request-params', /^(请求参数|请求消息|request parameters|请求body参数|request body parameters|路径参数|path parameters|query parameters)$/],
  ['response-syntax', /^(响应体语法|响应语法|返回语法|response syntax|response structure|响应结构)$/],
  ['response-params', /^(返回数据|返回参数|回参数|公共返回参数|响应参数|响应数据|响应消息|响应消息头|response parameters|returns? parameters|returned parameters|common response parameters|response elements|response data|response headers?)$/],
  ['examples', /^(示例|examples?|调用示例)$|^(示例|examples?)\s*\d*\s*[:：]|^.{1,40}示例$/],
  ['request-example', /^(请求示例|示例请求|sample requests?|request examples?|example requests?)$/],
  ['response-example', /^(正常返回示例|返回示例|响应示例|错误返回示例|异常返回示例|sample (success |error )?responses?|response examples?|example responses?)$/],
  ['errors', /^(错误码|错误代码|error ?codes?)$/],
  ['description', /^(接口说明|描述|description|api description|简介|overview)$/],
  // The fields of a data type on its own page (RAM: `## 节点名称`, `## 子节点`, `## Subnode [MFAPreference]`).
  ['data-type', /^(节点名称|子节点|node name|subnodes?)(?![a-z])/],
];

export function sectionKind(heading: string): SectionKind {
  const n = normalizeLabel(heading);
  for (const [kind, re] of SECTION_WORDS) if (re.test(n)) return kind;
  return 'other';
}

/** Table captions in scraped text: `Table 1. Request body parameters`, `表 2. 响应Body参数`. */
export const TABLE_CAPTION = /^(table|表)\s*\d+\s*[.．]/i;

/** A numbered caption in a markdown page, cleaned: `Table 1. Request body parameters`, `表 1  路径参数` (from `**表 1**  路径参数`). */
const NUMBERED_CAPTION = /^(?:table|表)\s*\d{1,4}(?:\s*[.．:：]\s*|\s+)\S/i;

/**
 * Sentences right above a table that say which parameter it details; group 1 is the name.
 * "The following table describes the fields of the Sources parameter.", "Sources参数的各字段含义如下表所示。",
 * "ConfigList说明。". One row per phrasing.
 */
export const FIELDS_OF_CAPTIONS: RegExp[] = [
  /^the following table (?:describes|lists|shows) the (?:fields|members|parameters|sub-parameters) (?:of|in) (?:the )?([A-Za-z_][\w.]*) (?:parameter|field|object|array)/i,
  /^([A-Za-z_][\w.]*) ?(?:参数)?的?各?(?:字段|子参数|参数)(?:的)?(?:含义|说明|描述)如下/,
  /^([A-Za-z_][\w.]*) ?(?:参数)?说明[。.]?$/,
];

/** Markdown decoration of a caption line removed: escapes, emphasis, spaces collapsed. */
function cleanCaption(s: string): string {
  return s.replace(/\\(.)/g, '$1').replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The caption a line above a table gives it (cleaned), or null: a numbered caption, a line that
 * is all bold (`**AvailableZoneType**`) or one identifier (`UsageData`), or a sentence naming the
 * parameter the table details.
 */
export function captionOf(line: string): string | null {
  const t = line.trim();
  if (t.length === 0 || t.length > 200) return null;
  const clean = cleanCaption(t);
  if (NUMBERED_CAPTION.test(clean)) return clean;
  if (/^\*\*[^*]+\*\*[:：]?$/.test(t) && clean.length <= 80) return clean;
  // A line that is one identifier names the structure the table details (`UsageData` over its table).
  if (/^[A-Za-z_$][\w$.]*$/.test(clean) && clean.length <= 80) return clean;
  if (FIELDS_OF_CAPTIONS.some((re) => re.test(clean))) return clean;
  return null;
}

/** The caption's title, without its number: `表 3 vpc对象` → `vpc对象`. */
export function captionTitle(caption: string): string {
  const m = /^(?:table|表)\s*\d{1,4}(?:\s*[.．:：]\s*|\s+)(.*)$/i.exec(caption);
  return (m ? m[1]! : caption).trim();
}

/** The number of a numbered caption (`表 3 vpc对象` → 3), or null. */
export function captionNumber(caption: string): number | null {
  const m = /^(?:table|表)\s*(\d{1,4})/i.exec(caption);
  return m ? Number(m[1]) : null;
}

/**
 * Suffixes that make a caption title the name of a structure: `vpc对象`, `port字段说明`,
 * `tag字段数据结构说明`, `vpc_info对象字段说明`, `X object` (longest first).
 */
export const STRUCTURE_TITLE_SUFFIXES = ['对象字段说明', '字段数据结构说明', '数据结构说明', '字段说明', '对象说明', '结构体', '对象', ' objects', ' object', ' structure', ' fields'];

/** Words of a description that send the reader to another table of the page: `详情请参见表3`, `see Table 4`. */
export const TABLE_REFERENCES: RegExp[] = [/参见\s*表\s*(\d{1,4})/, /see table\s*(\d{1,4})/i];

/** A link's text that names a table by number: `表3`, `Table 4`, `表3 allocation_pool对象`. */
export const TABLE_NUMBER_TEXT = /^(?:table|表)\s*(\d{1,4})(?:\s|$)/i;

/**
 * Where the parameters of a table go, from its caption (first) or the heading it sits under:
 * `表 1 路径参数`, `Query参数`, `表 2 请求Header参数`, `请求Body参数`, Huawei's `## 请求消息` (the
 * body) and `## URI` (path or query: the path template tells). One row per phrasing.
 */
const LOCATION_WORDS: [RegExp, 'Path' | 'Query' | 'Header' | 'Body' | 'uri'][] = [
  [/^uri( 参数| parameters?)?$/, 'uri'],
  [/路径参数|path ?参数|path parameters?/, 'Path'],
  [/查询参数|query ?参数|query parameters?/, 'Query'],
  [/header ?参数|请求头|消息头|request headers?|header parameters?/, 'Header'],
  [/body ?参数|^请求消息$|请求体|request body|body parameters?/, 'Body'],
];

export function locationOf(text: string | null): 'Path' | 'Query' | 'Header' | 'Body' | 'uri' | null {
  if (!text) return null;
  const n = normalizeLabel(text);
  for (const [re, where] of LOCATION_WORDS) if (re.test(n)) return where;
  return null;
}

/** A line saying which status a response table is for: `**状态码为 400 时:**`, `Status code: 200`. */
const STATUS_CAPTION = /^(?:状态码为?|(?:http )?status(?: code)?(?: is)?[:：]?)\s*(\d{3})\b/i;

/** The HTTP status a caption line names, or null. */
export function statusOf(line: string): number | null {
  const m = STATUS_CAPTION.exec(cleanCaption(line));
  return m ? Number(m[1]) : null;
}

/**
 * Decide a table's kind from its header roles, the section it sits in, its caption, and the
 * status a line above it names (the body of a 4xx or 5xx response is an error, not the response).
 */
export function tableKind(header: string[], roles: ColumnRole[], section: SectionKind, caption: string | null, status: number | null = null): TableKind {
  if (isErrorHeader(header)) return 'error';
  if (status !== null && status >= 400) return 'error';
  if (!isParameterHeader(roles)) return 'other';
  // A data type's fields, on its own page: a definition other pages link to, whatever its columns.
  if (section === 'data-type') return 'other';
  const cap = caption ? normalizeLabel(caption) : '';
  if (/响应|返回|response/.test(cap)) return 'response';
  if (/请求|request/.test(cap)) return 'request';
  if (section === 'response-params' || section === 'response-syntax') return 'response';
  if (section === 'request-params' || section === 'request-syntax' || section === 'request-headers' || section === 'uri') return 'request';
  if (section === 'errors') return 'error';
  // No telling heading: a required column only appears on request tables in this doc family.
  if (roles.includes('required')) return 'request';
  return 'other';
}

/** Values of a required column. Misspellings seen in real pages (`Yse`) are accepted. */
const REQUIRED_YES = new Set(['是', 'yes', 'yse', 'required', '必选', '必须', '必需', '必填']);
const REQUIRED_NO = new Set(['否', 'no', 'optional', '可选', '非必须', '非必选']);
/**
 * In a table cell only (`Required: false`, RAM's data types): in scraped text a `true` token is
 * an example value as often (`snat_entry Boolean true`), and it must not shift the row's shape.
 */
const REQUIRED_YES_CELL = new Set(['true']);
const REQUIRED_NO_CELL = new Set(['false']);

/**
 * `lenient`: a cell of a table (not a token of scraped text, where it tells a row's shape) may
 * carry the condition after the flag.
 */
export function requiredValue(cell: string, lenient = false): boolean | null | undefined {
  const n = normalizeLabel(cell);
  if (n === '') return null;
  if (REQUIRED_YES.has(n)) return true;
  if (REQUIRED_NO.has(n)) return false;
  if (lenient && REQUIRED_YES_CELL.has(n)) return true;
  if (lenient && REQUIRED_NO_CELL.has(n)) return false;
  // A flag, then the condition (`否 使用AK/SK认证时该字段必选。`): the flag as stated.
  const first = lenient ? /^(\S+?)[\s,，。;；:：]/.exec(n)?.[1] : undefined;
  if (first && REQUIRED_YES.has(first)) return true;
  if (first && REQUIRED_NO.has(first)) return false;
  return undefined; // not a required value at all
}

const POSITIONS: Record<string, 'Body' | 'Query' | 'Path' | 'Header' | 'Form'> = {
  body: 'Body',
  query: 'Query',
  path: 'Path',
  header: 'Header',
  formdata: 'Form',
  form: 'Form',
};

export function positionValue(cell: string): 'Body' | 'Query' | 'Path' | 'Header' | 'Form' | null {
  return POSITIONS[normalizeLabel(cell)] ?? null;
}
