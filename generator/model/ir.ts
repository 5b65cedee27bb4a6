/**
 * The intermediate representation (IR): the one contract between the reading half of the
 * pipeline (read → parse) and the writing half (reconcile → emit → diff).
 *
 * Everything here is plain JSON-serialisable data. `generated/ir.json` is exactly an `IR`
 * value written with sorted, stable ordering (see `generator/model/serialize.ts`).
 * The README documents the same shape for users; keep both in step.
 */

/** Bump when the shape changes in a way a consumer of ir.json would notice. */
export const IR_VERSION = 2;

/** Where a fact came from: a path relative to the repository root (POSIX separators) and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type Lang = 'zh' | 'en';

/** How a page is written down. */
export type DocFormat = 'markdown' | 'text';

/**
 * How one parameter table is laid out.
 * - `pipe-table`: markdown `|a|b|` rows; a cell may continue over following lines until the row's closing `|`.
 * - `text-row-per-line`: text scraped from HTML, one row per line (`name Type Yes example description`),
 *   descriptions may continue on following lines.
 * - `text-cell-per-line`: text scraped from HTML, one cell per paragraph (blank-line separated), with an
 *   optional leading category column whose values appear as group rows.
 * - `html-table`: a `<table>` block in a markdown page; cells are read as text, a line per `<br>` or block.
 * - `definition-list`: a bold term per parameter, then bullets `类型：String`, `必须：是`, `描述：…` (RAM's
 *   older pages); one row per term, a column per item key (see read/definition-list.ts).
 */
export type TableLayout = 'pipe-table' | 'text-row-per-line' | 'text-cell-per-line' | 'html-table' | 'definition-list';

/** What a table is for, decided from its header and the heading above it. */
export type TableKind = 'request' | 'response' | 'error' | 'other';

/** The meaning of one column, decided from the header cell (in any of the header-row variants). */
export type ColumnRole = 'category' | 'name' | 'type' | 'position' | 'required' | 'example' | 'description' | 'other';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem in a page. Never thrown: collected and reported with file and line; reading goes on.
 * `code` is stable (tests and CI filter on it); `message` is for people.
 */
export interface Diagnostic {
  file: string;
  line: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

export type DiagnosticCode =
  | 'unreadable-file' // the file could not be read or is not UTF-8
  | 'invalid-utf8' // bytes that are not UTF-8 were replaced
  | 'unbalanced-fence' // a code fence is never closed
  | 'unclosed-html-table' // a <table> block is never closed
  | 'cell-count' // a table row has more or fewer cells than its header
  | 'row-unparsed' // a line inside a table that is neither a row nor a continuation
  | 'duplicate-parameter' // the same parameter name twice in one table
  | 'unknown-type' // a type cell we could not normalise
  | 'unknown-required' // a required cell that is neither yes nor no
  | 'sample-invalid-json' // a sample (request or response) is not valid JSON even allowing comments/trailing commas
  | 'sample-jsonc' // a sample uses comments or trailing commas (parsed, but not strict JSON)
  | 'sample-invalid-xml' // an XML sample is not well formed
  | 'skeleton-invalid' // the request-syntax skeleton could not be read
  | 'no-request-table' // a page that looks like an API reference but has no request-parameter table
  | 'no-operation' // a page with parameter tables but no operation name
  | 'operation-mismatch' // the page's identity evidence names different operations (the decision and the losers in the message)
  | 'table-too-deep' // an HTML table nested deeper than the reader follows (its recursion would overflow): left out
  | 'linked-table' // a row links to a table of its page that was not nested under it: a cycle, or the page's cap on nested copies
  | 'page-failed' // reading, parsing or reconciling this page threw: the page is left out, the run goes on
  | 'page-skipped' // not read: too large, not a regular file, a symlink loop, unreadable
  | 'emit-failed'; // the operation's module could not be emitted (it does not type-check, a sample cannot be built): the operation is left out of the package

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/**
 * A normalised type. `rawType` keeps what the page wrote; this is what it means.
 * `ref` names a model the page defines elsewhere (or only names: `tag`, `runtime`, ...).
 * `unknown` means the type cell was empty or unreadable (a diagnostic says which).
 */
export type TypeRef =
  | { kind: 'string' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'object' }
  | { kind: 'unknown' }
  | { kind: 'array'; items: TypeRef }
  | { kind: 'map'; values: TypeRef }
  | { kind: 'ref'; name: string };

// ---------------------------------------------------------------------------------------------
// Facts mined from descriptions
// ---------------------------------------------------------------------------------------------

/** One fact mined from prose, with the phrase it came from and where. */
export interface Fact<T> {
  value: T;
  /** The words of the page the fact was read from (trimmed), so a reviewer can check it. */
  text: string;
  source: SourceRef;
}

export type Scalar = string | number | boolean;

export interface NumericRange {
  min?: number;
  max?: number;
  /** A closed set of allowed numbers, e.g. `{1, 2, 3, 6, 12}`. */
  values?: number[];
  /** Numbers allowed besides `min`..`max` ("1 to 5120 and -1", "-1 | 1-5120": `[-1]`). */
  also?: number[];
}

export interface LengthRange {
  min?: number;
  max?: number;
}

export interface Facts {
  /** Allowed values ("Valid values:" / "取值：" lists and inline lists). */
  enum?: Fact<Scalar[]>;
  /** "Default value: X" / "默认值：X". */
  default?: Fact<Scalar>;
  /** Numeric range of the value ("Valid values: 40 to 500", "取值范围：[40,500]"). */
  range?: Fact<NumericRange>;
  /** String length ("1 to 63 characters", "长度范围1~63个字符"). */
  length?: Fact<LengthRange>;
  /**
   * Number of items of an array ("one to three vSwitches", "List长度范围为[1,3]"). On a dotted row
   * (`Tag.N.Key`, `InstanceId.N`): the count of the list its first `.N` names ("N 的取值范围：1~20"),
   * which reconcile gives the list it builds from the rows.
   */
  items?: Fact<LengthRange>;
  /** "Deprecated." / "过期参数" / "obsolete". */
  deprecated?: Fact<true>;
  /**
   * Sub-fields a description lists with their required flag ("- name: required. …",
   * "- config：可选，…", "name (required; …)"): field name → required. For the nested model's fields.
   */
  fields?: Fact<Record<string, boolean>>;
}

// ---------------------------------------------------------------------------------------------
// Rows and tables
// ---------------------------------------------------------------------------------------------

export type Position = 'Body' | 'Query' | 'Path' | 'Header' | 'Form';

/** A request parameter's place on the wire (OpenAPI's words, plus form data). */
export type ParamIn = 'path' | 'query' | 'header' | 'body' | 'formData';

/** One line of a cleaned description, kept with its source line so facts can cite it. */
export interface TextLine {
  text: string;
  line: number;
}

/** One parameter row of a request or response table, as the page says it. */
export interface ParamRow {
  /** Name with markdown escapes and tree markers (`└`) removed; dotted names kept as written (`Tag.N.Key`). */
  name: string;
  /** Type cell as written, markdown and escapes removed, link text kept (`Array of tag`). */
  rawType: string;
  type: TypeRef;
  /** true / false, or null where the page does not say (empty column, or no column). */
  required: boolean | null;
  /** The required cell as written (`是`, `Yes`, `Yse`, ``); null when the table has no such column. */
  rawRequired: string | null;
  /** Example value as written (escapes removed), or null. */
  example: string | null;
  position: Position | null;
  /** Category (group row) the row sits under, where the table has one. */
  category: string | null;
  /** Nesting depth for tree rows (`└Name` = 1, `└└Name`/indented = 2, ...); 0 for top-level rows. */
  depth: number;
  /** Name of the parent row for tree rows, else null. */
  parent: string | null;
  /** The description as clean text; list items keep a leading "- " and nesting indentation. */
  description: string;
  /** Same text, per line, with source lines. */
  descriptionLines: TextLine[];
  facts: Facts;
  source: SourceRef;
  /**
   * The link of the type cell when it points to another page of the docs (`[User](../数据类型/User.md)`,
   * `Array of [tag](/cn.zh-CN/API参考/通用数据结构.md)`): `url` as written, `text` the link's text.
   * `generator/reconcile/linked.ts` nests the rows of that page's table under this row. Absent otherwise.
   */
  typeLink?: { url: string; text: string };
}

/**
 * How a table departs from the plain form of its layout (counted by the coverage report):
 * `no-delimiter-row` (a pipe table whose header is followed directly by rows), `indented` (inside
 * a list item), `split-header` (header cells one per line), `captioned` (a caption names it).
 */
export type TableTrait = 'no-delimiter-row' | 'indented' | 'split-header' | 'captioned';

export interface TableInfo {
  kind: TableKind;
  layout: TableLayout;
  traits: TableTrait[];
  /** Whether the table has a required column, and whether any row fills it (003 leaves it empty). */
  requiredColumn: 'filled' | 'empty' | 'absent';
  /** Header cells as written (cleaned). */
  header: string[];
  columns: ColumnRole[];
  /** Line of the header row. */
  source: SourceRef;
  /** Heading the table sits under, if any. */
  heading: string | null;
  rowCount: number;
  /**
   * The anchors a link can reach the table by (absent when none): `<a name="table33750194">` above
   * it, the id of the heading it is the first table under (`section_28947_03`).
   */
  anchors?: string[];
  /**
   * The structure its caption or heading names (absent when none): `vpc` for `表 3 vpc对象`,
   * `AvailableZoneType`, `tag` (a heading), `Sources` for "the fields of the Sources parameter".
   */
  names?: string[];
  /**
   * For a table whose rows went under a row of another table of the same page (a row whose type
   * or description links to it, or names it): that row. Its rows are in `request` / `response`
   * right after that row, one level deeper, and the table takes that row's table's kind.
   */
  nestedUnder?: { name: string; line: number };
  /**
   * The rows of a data-type table other pages link to (a parameter table with a type column
   * that is neither request nor response nor nested on its own page, and has `names`: CS's
   * 通用数据结构 `tag`, `runtime`, ...). Absent otherwise.
   */
  fields?: ParamRow[];
}

// ---------------------------------------------------------------------------------------------
// Request-syntax skeleton and samples
// ---------------------------------------------------------------------------------------------

/** A node of the "Request syntax" JSON skeleton, e.g. `"size" : Long`. */
export type SkeletonNode =
  | { kind: 'scalar'; type: 'string' | 'integer' | 'number' | 'boolean' | 'unknown'; raw: string; line: number }
  | { kind: 'object'; fields: SkeletonField[]; line: number }
  | { kind: 'array'; items: SkeletonNode | null; line: number };

export interface SkeletonField {
  name: string;
  node: SkeletonNode;
  line: number;
}

export interface Skeleton {
  /** Request line, e.g. `POST /clusters HTTP/1.1`. */
  requestLine: string | null;
  body: SkeletonNode | null;
  source: SourceRef;
}

export interface Sample {
  kind: 'request' | 'response';
  format: 'json' | 'xml' | 'text';
  /** Caption or heading that introduces the sample ("请求示例", "创建边缘托管版集群", ...). */
  caption: string | null;
  /** Line where the sample's text starts. */
  source: SourceRef;
  /** Last line of the sample. */
  endLine: number;
  /** true when the body parsed (JSON possibly with comments / trailing commas; well-formed XML). */
  ok: boolean;
  /** true when it parsed only because comments or trailing commas were allowed. */
  lenient: boolean;
  /** The parsed JSON body (request: the body without the request line), or null. */
  value: unknown;
  /**
   * For a body that is not valid JSON: what a fault-tolerant parse still recovers (evidence
   * for reconcile, never offered as a valid sample). Absent when `ok`.
   */
  recovered?: unknown;
  /**
   * For a well-formed XML sample: its elements as a value (`<A><B>1</B><B>2</B></A>` → `{"A": {"B":
   * ["1", "2"]}}`), the root element that wraps a whole response (`<DescribeXResponse>`) taken
   * off; texts stay strings, and one element is not told from a list of one. Evidence for names
   * and nesting (generator/parse/nesting.ts); absent for other samples.
   */
  elements?: unknown;
  /** Request line for request samples (`POST /clusters`), if present. */
  requestLine: string | null;
  /** Raw text of the sample. */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/**
 * Where a page names an operation (generator/parse/identity/evidence.ts):
 * - `explorer-link`: `api=X` of an API Explorer link (Alibaba api.aliyun.com / next.api.aliyun.com,
 *   Huawei apiexplorer.developer.huaweicloud.com / console.huaweicloud.com);
 * - `h1`: the H1, when it is an API name (PascalCase, two words at least);
 * - `action`: the request table's `Action` row (its example, or the one value it allows): the name
 *   the request sends;
 * - `sample`: `Action=X` in a request sample;
 * - `summary`: the first sentence of the lead paragraph ("调用X创建…", "You can call the X operation to …");
 * - `file-name`: the file's base name (numeric prefix and variant suffix removed), when an API name;
 * - `title`: the page's title when nothing gives an API name (only on an API reference page);
 * - `prose`: any other mention above the first table ("call the X operation", "调用X"): never chosen.
 */
export type IdentitySource = 'explorer-link' | 'h1' | 'action' | 'sample' | 'summary' | 'file-name' | 'title' | 'prose';

export interface IdentityEvidence {
  source: IdentitySource;
  /** The operation name this evidence gives, as written. */
  value: string;
  line: number;
  /** true for the evidence the decision took (every source of the chosen name). */
  chosen: boolean;
}

/**
 * What a page documents, decided in one place (generator/parse/identity/) from ranked evidence;
 * the IR keeps the evidence (chosen and rejected) so that a reader can check the decision.
 */
export interface PageIdentity {
  /** `operation`: an API reference page; `common-parameters`: the product's common parameters; `other`: anything else. */
  kind: 'operation' | 'common-parameters' | 'other';
  /** The operation (null unless kind is `operation`); equals DocumentIR.operation. */
  operation: string | null;
  /**
   * The rule that decided: the source's name when every API name on the page agrees
   * (`action`, `h1`, `summary`, `explorer-link`, `sample`, `file-name`); `more-sources` /
   * `stronger-source` when names disagree and the chosen one has more votes / the stronger source;
   * `title-only`; `common-parameters-title` / `common-parameters-section`; `not-an-api-page`
   * (names seen, but the page documents no operation); `none`.
   */
  rule: string;
  evidence: IdentityEvidence[];
}

export interface DocumentIR {
  /** Path relative to the repository root (or the docs root's parent), POSIX separators. */
  file: string;
  /** sha256 of the file's bytes (hex, first 16 chars); the cache key. */
  hash: string;
  lang: Lang;
  format: DocFormat;
  title: string | null;
  /** Operation name (`CreateCluster`): `identity.operation`. */
  operation: string | null;
  identity: PageIdentity;
  /** Product code from the OpenAPI Explorer link (`CS`, `Ecs`, `Slb`). */
  product: string | null;
  /** API version from the OpenAPI Explorer link (`2015-12-15`). */
  version: string | null;
  /** ROA or RPC, from the OpenAPI Explorer link. */
  style: 'ROA' | 'RPC' | null;
  method: string | null;
  /** Path template, normalised: markdown escapes removed, placeholders `{name}`, no query string. */
  path: string | null;
  /** "Last Updated" as an ISO date (YYYY-MM-DD), when the page shows it. */
  lastUpdated: string | null;
  tables: TableInfo[];
  request: ParamRow[];
  response: ParamRow[];
  skeleton: Skeleton | null;
  samples: Sample[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Reconciled operations (filled by generator/reconcile)
// ---------------------------------------------------------------------------------------------

/** One value as one source states it. */
export interface SourcedValue<T = unknown> {
  value: T;
  source: SourceRef;
  lang: Lang;
  /** The page's date used for precedence (ISO), if known. */
  date: string | null;
}

export type ConflictKind =
  | 'type'
  | 'required'
  | 'default'
  | 'enum'
  | 'range'
  | 'length'
  | 'items'
  | 'existence'
  | 'deprecation'
  | 'zh-en-mismatch';

export interface Conflict {
  /** Parameter path, e.g. `worker_data_disks[].size` or `runtime`. */
  path: string;
  kind: ConflictKind;
  values: SourcedValue[];
  resolution: unknown;
  /** Id of the precedence rule that decided (see generator/reconcile/rules.ts). */
  rule: string;
  note?: string;
}

/**
 * A page that contradicts itself (samples against tables, names no table knows), or a sample
 * request its page's own validator rejects. The message names the other side's file:line where
 * there is one.
 * - `sample-shape`: a response sample nests or lists differently from the table (a wrapper level
 *   the table leaves out, a list shown as an object holding it); the sample's shape is used.
 * - `sample-rejected`: a JSON sample request that the operation's request type rejects, with the
 *   side that is wrong and why.
 */
export interface LintItem {
  code: 'sample-breaks-table' | 'sample-invalid-json' | 'suspicious-name' | 'unknown-in-sample' | 'type-mismatch' | 'sample-shape' | 'sample-rejected';
  path: string;
  message: string;
  source: SourceRef;
}

/** A reconciled parameter (or a field of a nested model). */
export interface Parameter {
  name: string;
  type: TypeRef;
  required: boolean;
  /** Whether any source states the required flag at all. */
  requiredKnown: boolean;
  enum?: Scalar[];
  default?: Scalar;
  range?: NumericRange;
  length?: LengthRange;
  items?: LengthRange;
  deprecated: boolean;
  description: { en: string | null; zh: string | null };
  examples: string[];
  /** The location a page states (Position column, section, caption), as the best-ranked page says it. */
  position: Position | null;
  /**
   * Where a request parameter travels on the wire: RPC operations put every parameter in the
   * query; ROA operations in the path (named by the path template), query, header or body.
   * null for response fields and fields of nested models.
   */
  in: ParamIn | null;
  /**
   * How a structured value is written into a query (RPC): `flat` spells it out key by key
   * (`Tag.1.Key=a`, `SystemDisk.Size=40`: arrays 1-based, objects by field); `json` sends the
   * value JSON-encoded as one string (the page says the value is a JSON string). Absent for
   * scalars and for ROA body parameters.
   */
  encoding?: 'flat' | 'json';
  /**
   * The parameter is the whole request body, not a field of it: the body is a JSON array (the
   * request syntax or the samples show `[ {...} ]`), this parameter is that array (named `body`,
   * its items the model of the fields the page lists), `in` is `body`, and no other parameter is
   * in the body. Absent otherwise.
   */
  isBody?: true;
  /** Present only in sample requests (not in any table or skeleton). */
  sampleOnly: boolean;
  /** Every row, skeleton field or sample that backs this parameter. */
  sources: SourceRef[];
  /** For each fact, the sources that back the chosen value. */
  factSources: Partial<Record<'type' | 'required' | 'enum' | 'default' | 'range' | 'length' | 'items' | 'deprecated', SourceRef[]>>;
}

export interface Model {
  name: string;
  fields: Parameter[];
  sources: SourceRef[];
}

export interface Variant {
  /** Stable id, e.g. `dedicated`, `managed`, `edge`, `serverless`. */
  id: string;
  label: string;
  /** Discriminating parameter values, e.g. `{ cluster_type: "ManagedKubernetes", profile: "Edge" }`. */
  discriminator: Record<string, Scalar>;
  /** Parameters that apply to this kind. */
  parameters: string[];
  /** Parameters required for this kind. */
  required: string[];
  /**
   * Groups of which at least one is required ("set this parameter or key_pair", "和key_pair二选一"):
   * their members are not in `required`.
   */
  requiredOneOf: string[][];
  /** Pages (and samples) that back this variant. */
  sources: SourceRef[];
  /** What the pages could not tell, recorded instead of guessed. */
  undetermined: string[];
}

export interface OperationModel {
  /** `${product}/${version}/${name}`, with `_` for unknown parts. */
  id: string;
  name: string;
  product: string | null;
  version: string | null;
  method: string | null;
  path: string | null;
  /**
   * Always decided (generator/reconcile/wire.ts): the explorer link's `type=`; else a request line
   * or the page's path; else an `Action` row or `Action=` sample; else the shape of the names.
   * Null only in IR written before version 2.
   */
  style: 'ROA' | 'RPC' | null;
  documents: string[];
  /** The pages behind the model, with the date used for precedence and the language twin. */
  pages: PageInfo[];
  request: Parameter[];
  response: Parameter[];
  models: Model[];
  variants: Variant[];
  /**
   * For an operation without variants: groups of request parameters of which at least one is
   * required ("You must set key_pair or password"); their members are not `required` on their
   * own. (With variants, each variant has its own `requiredOneOf`.) Absent when there is none.
   */
  requiredOneOf?: string[][];
  conflicts: Conflict[];
  lint: LintItem[];
  /** What the pages leave open for the operation as a whole (e.g. a discriminator value no page describes). */
  notes: string[];
}

export interface PageInfo {
  file: string;
  lang: Lang;
  date: string | null;
  dateFrom: 'page' | 'manifest' | null;
  twin: string | null;
  title: string | null;
}

/** A product's common parameters (公共参数 / Common parameters pages): never part of an operation. */
export interface CommonParameters {
  /** Product code, or null when the pages do not say. */
  product: string | null;
  documents: string[];
  request: Parameter[];
  response: Parameter[];
}

export interface IR {
  irVersion: number;
  documents: DocumentIR[];
  operations: OperationModel[];
  commonParameters: CommonParameters[];
}
