/**
 * Words the reader recognises, in both languages: table header cells and section headings.
 * One place, so a new header variant is one line here. Everything is compared after
 * `normalizeLabel` (trim, drop markdown escapes and emphasis, lower-case, collapse spaces).
 */
import type { ColumnRole, TableKind } from '../model/ir.ts';

export function normalizeLabel(s: string): string {
  return s
    .replace(/\\(.)/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/\{#[^}]*\}|\{ *\.[^}]*\}/g, '') // heading attributes {#id .section}
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[?？:：.。]+$/, '') // `Required?`, `Yes.`
    .toLowerCase();
}

const COLUMN_WORDS: Record<Exclude<ColumnRole, 'other'>, string[]> = {
  category: ['category', '分类', '类别', '参数分类'],
  name: ['名称', '参数名称', '参数名', '参数', 'name', 'parameter', 'parameter name', 'field', '字段', '字段名', 'key'],
  type: ['类型', '参数类型', '数据类型', 'type', 'data type'],
  position: ['位置', '参数位置', 'position', 'location'],
  required: ['是否必选', '是否必需', '是否必须', '是否必填', '必须', '必需', '必选', '必填', 'required', 'mandatory'],
  example: ['示例值', '示例', '取值示例', 'example', 'example value', 'sample value', 'sample'],
  description: ['描述', '说明', '参数说明', 'description', 'remarks'],
};

const ROLE_BY_WORD = new Map<string, ColumnRole>();
for (const [role, words] of Object.entries(COLUMN_WORDS)) {
  for (const w of words) ROLE_BY_WORD.set(w, role as ColumnRole);
}

export function columnRole(cell: string): ColumnRole {
  return ROLE_BY_WORD.get(normalizeLabel(cell)) ?? 'other';
}

/** Header cells that mark an error-code table, never a parameter table. */
const ERROR_HEADER = /^(httpcode|http ?status ?code|http ?状态码|错误码|错误代码|error ?code|错误信息|error ?message)$/;

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
  | 'other';

/** Section headings (markdown `##` text, or a line on its own in text scraped from HTML). */
const SECTION_WORDS: [SectionKind, RegExp][] = [
  ['debug', /^(调试|debugging|debug)$/],
  ['request-syntax', /^(请求语法|request syntax|request structure|请求结构)$/],
  ['request-headers', /^(请求头|request headers?)$/],
  ['request-params', /^(请求参数|request parameters|请求body参数|request body parameters|路径参数|path parameters|query parameters)$/],
  ['response-syntax', /^(响应体语法|响应语法|返回语法|response syntax|response structure|响应结构)$/],
  ['response-params', /^(返回数据|返回参数|响应参数|响应数据|response parameters|response elements|response data)$/],
  ['examples', /^(示例|examples?|调用示例)$|^(示例|examples?)\s*\d*\s*[:：]|^.{1,40}示例$/],
  ['request-example', /^(请求示例|示例请求|sample requests?|request examples?|example requests?)$/],
  ['response-example', /^(正常返回示例|返回示例|响应示例|错误返回示例|异常返回示例|sample (success |error )?responses?|response examples?|example responses?)$/],
  ['errors', /^(错误码|错误代码|error ?codes?)$/],
  ['description', /^(接口说明|描述|description|api description|简介|overview)$/],
];

export function sectionKind(heading: string): SectionKind {
  const n = normalizeLabel(heading);
  for (const [kind, re] of SECTION_WORDS) if (re.test(n)) return kind;
  return 'other';
}

/** Table captions in scraped text: `Table 1. Request body parameters`, `表 2. 响应Body参数`. */
export const TABLE_CAPTION = /^(table|表)\s*\d+\s*[.．]/i;

/** Decide a table's kind from its header roles and the section it sits in. */
export function tableKind(header: string[], roles: ColumnRole[], section: SectionKind, caption: string | null): TableKind {
  if (isErrorHeader(header)) return 'error';
  if (!isParameterHeader(roles)) return 'other';
  const cap = caption ? normalizeLabel(caption) : '';
  if (/响应|返回|response/.test(cap)) return 'response';
  if (/请求|request/.test(cap)) return 'request';
  if (section === 'response-params' || section === 'response-syntax') return 'response';
  if (section === 'request-params' || section === 'request-syntax') return 'request';
  if (section === 'errors') return 'error';
  // No telling heading: a required column only appears on request tables in this doc family.
  if (roles.includes('required')) return 'request';
  return 'other';
}

/** Values of a required column. Misspellings seen in real pages (`Yse`) are accepted. */
const REQUIRED_YES = new Set(['是', 'yes', 'yse', 'required', '必选', '必须', '必需', '必填']);
const REQUIRED_NO = new Set(['否', 'no', 'optional', '可选', '非必须', '非必选']);

export function requiredValue(cell: string): boolean | null | undefined {
  const n = normalizeLabel(cell);
  if (n === '') return null;
  if (REQUIRED_YES.has(n)) return true;
  if (REQUIRED_NO.has(n)) return false;
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
