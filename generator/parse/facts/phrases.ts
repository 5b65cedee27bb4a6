/**
 * The phrasings the fact miner reads, English and Chinese, as data: one row per phrasing, grouped
 * by what the phrase introduces. Each group has one template that turns its rows into one matcher
 * (the words, then what follows them: a number, a value, a colon). A new phrasing is one row.
 *
 * Text is matched after `normalize` (full-width punctuation as ASCII: `：` is `:`), case-insensitive.
 * Rows are regular-expression fragments; every fragment starts with literal text (or `\b` and
 * literal text) and has only bounded repetition, so that every matcher runs in time linear in the
 * line it reads (test/facts-growth.test.ts measures each group).
 */

export interface PhraseRow {
  /** The words, as a regular-expression fragment. */
  words: string;
  lang: 'en' | 'zh';
  /** An enum/range lead-in that introduces a numeric range or length, never an inline list of values (`取值范围`, `between`). */
  range?: true;
  /** The lead-in must end with a colon and begin a sentence (`Value: HMAC-SHA1.`). */
  strict?: true;
  /** "A and B" after it is a range (`between 1 and 5`); after any other lead-in, two values. */
  andRange?: true;
}

const en = (words: string, extra: Partial<PhraseRow> = {}): PhraseRow => ({ words, lang: 'en', ...extra });
const zh = (words: string, extra: Partial<PhraseRow> = {}): PhraseRow => ({ words, lang: 'zh', ...extra });

/** Lead-ins of allowed values and ranges: "Valid values:", "取值：", "取值范围：". */
export const LEAD_INS: readonly PhraseRow[] = [
  en(String.raw`\bvalid values?(?: of (?:this|the) parameter)?`),
  en(String.raw`\bpossible values?`),
  en(String.raw`\ballowed values?`),
  en(String.raw`\bsupported values?`),
  en(String.raw`\boptional values?`),
  en(String.raw`\bthe following values are (?:valid|supported|available|allowed)`),
  en(String.raw`\bvalues?(?= ?:)`, { strict: true }),
  en(String.raw`\bvalue range(?: is)?`, { range: true }),
  en(String.raw`\branges? from`, { range: true }),
  en(String.raw`\bbetween`, { range: true, andRange: true }),
  zh(String.raw`取值范围(?:为|是)?`, { range: true }),
  zh(String.raw`取值(?:为|是|可以是|可为)?`),
  zh(String.raw`可选值(?:为|是|有|包括)?`),
  zh(String.raw`可选范围(?:为|是)?`, { range: true }),
  zh(String.raw`范围(?:为|是|:)`, { range: true }),
  zh(String.raw`有效值(?:为|是)?`),
  zh(String.raw`枚举值(?:为|是|包括)?`),
];

/** "Default value: X", "默认值：X", "默认为X". */
export const DEFAULTS: readonly PhraseRow[] = [
  en(String.raw`\bdefault values?(?: is|:| =)`),
  en(String.raw`\bthe default is`),
  en(String.raw`\bdefaults? to\b`),
  en(String.raw`\bdefault:`),
  zh(String.raw`默认(?:取)?值(?:为|是)?[ ]{0,16}[:=]`),
  zh(String.raw`默认(?:取)?值(?:为|是)`),
  zh(String.raw`默认为[ ]{0,16}:?`),
  zh(String.raw`默认:`),
];

/** A marker after a value that makes it the default: "wrr (default)", "http_2xx（默认值）". */
export const DEFAULT_MARKS: readonly PhraseRow[] = [en(String.raw`default(?: value)?`), zh(String.raw`默认值?`), zh(String.raw`默认选项`)];

/** "Set the value to X" at the start of a sentence: a one-value enum. */
export const SET_VALUE: readonly PhraseRow[] = [en(String.raw`(?:set|specify) (?:the value|the value of this parameter|this parameter|the parameter|it|this value) (?:to|as)`)];

export const MAXIMUM: readonly PhraseRow[] = [en(String.raw`\bmaximum value(?: is|:)`), zh(String.raw`最大值(?:为|是|:)`)];
export const MINIMUM: readonly PhraseRow[] = [en(String.raw`\bminimum value(?: is|:)`), zh(String.raw`最小值(?:为|是|:)`), zh(String.raw`起始值(?:为|是|:)`)];

/** Words before "N characters" that bound a length from above / below. */
export const LENGTH_MAX: readonly PhraseRow[] = [
  ...['up to', 'at most', 'no more than', 'a maximum of', 'maximum of', 'cannot exceed', "can't exceed", 'must not exceed', 'does not exceed', 'not exceed', 'not be longer than', 'maximum length is', 'maximum length of'].map((w) => en(`\\b${w}`)),
];
export const LENGTH_MIN: readonly PhraseRow[] = [...['at least', 'a minimum of', 'no less than', 'minimum length is'].map((w) => en(`\\b${w}`))];
export const LENGTH_MAX_ZH: readonly PhraseRow[] = [...['最长', '最多', '不超过', '不能超过', '不得超过', '不可超过', '不大于', '最大长度', '长度上限'].map((w) => zh(w))];
export const LENGTH_MIN_ZH: readonly PhraseRow[] = [...['至少', '最少', '最短', '不少于', '长度下限'].map((w) => zh(w))];
/** A length bound whose unit the words imply (Huawei: "最大长度不超过255"). */
export const LENGTH_MAX_UNITLESS: readonly PhraseRow[] = [zh(String.raw`最大长度(?:不超过|为|是)`), en(String.raw`\bmaximum length(?: is|:)`)];
/** Sentences about a part of the value (domain labels), not its length. */
export const LENGTH_EACH: readonly PhraseRow[] = [en(String.raw`\beach (?:part|label|segment|component|element|item)\b`), zh(String.raw`每(?:个|一)?(?:部分|段|项|个元素|个标签)`)];

/** Words before "N <things>" that bound an array's item count. */
export const ITEMS_MAX: readonly PhraseRow[] = [...['up to', 'at most', 'a maximum of', 'no more than', 'maximum of'].map((w) => en(`\\b${w}`))];
export const ITEMS_MIN: readonly PhraseRow[] = [en(String.raw`\bat least`)];
export const ITEMS_MAX_ZH_WORDS: readonly PhraseRow[] = [zh(String.raw`最多(?:可以|可|能|只能)?(?:支持|设置|指定|添加|传入|输入|选择|包含|填写|操作|查询|配置|绑定|关联)?`)];
export const ITEMS_MIN_ZH_WORDS: readonly PhraseRow[] = [zh(String.raw`(?:至少|最少)(?:要|需要|需)?(?:指定|设置|传入|选择|包含|填写|添加|加入|配置)?`)];

/** A line that starts by saying the parameter is deprecated. */
export const DEPRECATED_START: readonly PhraseRow[] = [...['deprecated', 'obsolete'].map((w) => en(w)), ...['已废弃', '废弃', '已弃用', '已过期'].map((w) => zh(w))];
/** Deprecation said anywhere on a line. */
export const DEPRECATED: readonly PhraseRow[] = [
  en(String.raw`\b(?:this|the) (?:parameter|field|property|value|request parameter)(?: is| has been| was| is now)? (?:deprecated|obsolete|discontinued)\b`),
  en(String.raw`\bthis parameter will be (?:removed|deprecated|discontinued)\b`),
  en(String.raw`\((?:deprecated|obsolete)\)`),
  zh('过期参数'),
  zh('参数已过期'),
  zh(String.raw`(?:该|此|本)?参数(?:已经?|即将被?|将被?)(?:废弃|弃用|下线|停用)`),
  zh('已废弃'),
  zh('已弃用'),
];

/** The line above a list that announces a structure, not values. */
export const STRUCTURE_INTRO: readonly PhraseRow[] = [
  ...['包含', '包括', '组成', '构成', '结构', '格式', '如下信息', '以下信息'].map((w) => zh(w)),
  ...['following (?:information|parts|fields|parameters|format|elements|keys)', 'consists? of', 'contains?', 'includes?', 'in the following format', 'format'].map((w) => en(w)),
];

/** A list item's meaning that says it is a field (required/optional), not a value. */
export const FIELD_MEANINGS: readonly PhraseRow[] = [
  ...['必填', '必选', '可选', '选填', '非必填', '非必选'].map((w) => zh(w)),
  ...[String.raw`required\b`, String.raw`optional\b`, 'this parameter is (?:required|optional)'].map((w) => en(w)),
];

/** Words that say a sub-field is required / optional ("- name: required.", "- name：必填，…"). */
export const FIELD_REQUIRED: readonly PhraseRow[] = [en(String.raw`required\b`), en(String.raw`this (?:parameter|field) is required\b`), ...['必填', '必选', '必须'].map((w) => zh(w))];
export const FIELD_OPTIONAL: readonly PhraseRow[] = [en(String.raw`optional\b`), en(String.raw`this (?:parameter|field) is optional\b`), ...['可选', '选填', '非必填', '非必选'].map((w) => zh(w))];

/** A clause that makes a statement conditional ("If X, valid values are", "当X时，取值范围"). */
export const CONDITIONS: readonly PhraseRow[] = [en(String.raw`\b(?:if|when|unless|for instances)\b`), zh('当'), zh('如果'), zh('若'), zh(String.raw`(?<![同小超])时(?![间长区刻])`)];
/** …unless the clause only says when the parameter applies ("当X取值为PrePaid时才生效，可选值为："). */
export const APPLIES: readonly PhraseRow[] = [...['生效', '有效', '必选', '必填', '必须指定', '才能', '只有'].map((w) => zh(w)), ...['effect', 'required', 'only if'].map((w) => en(w))];

/**
 * Labels of a description's parts (Huawei: 功能说明 / 取值范围 / 约束 / 默认值). A list item with
 * one is read as an ordinary line; group 1 is a label that carries no fact and is removed.
 */
const LABEL_ROWS: readonly { words: string; strip: boolean }[] = [
  { words: '功能说明', strip: true },
  { words: '约束', strip: true },
  { words: '取值范围', strip: false },
  { words: '取值', strip: false },
  { words: '默认值', strip: false },
];

// ---------------------------------------------------------------------------------------------
// Compiling rows into matchers
// ---------------------------------------------------------------------------------------------

/** The rows as one alternation, in table order: an earlier row wins where two match at one place (so `取值范围` is listed before `取值`). */
export function alternation(rows: readonly PhraseRow[]): string {
  return rows.map((r) => r.words).join('|');
}

const alt = alternation;
/** A number. */
const NUM = String.raw`(-?\d{1,15}(?:\.\d{1,15})?)`;
/** A count, in digits or words. */
export const NUMW = String.raw`(\d{1,9}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)`;
const ZHNUM = String.raw`(\d{1,9}|[一二两三四五六七八九十]{1,3})`;

/**
 * Enum and range lead-ins. Groups: 1 "of N" (Valid values of N), 2 a "when …" clause, 3 the colon.
 * A lead-in's row is found again by `leadRow`.
 */
export const LEAD_RE = new RegExp(`(?:${alt(LEAD_INS)})(?: of (N)\\b)?( (?:when|if) [^:.]{1,120})?(?: (?:are|is|include|includes))?[ ]{0,16}(:?)`, 'gi');
const LEAD_ROWS = LEAD_INS.map((r) => ({ row: r, re: new RegExp(`^(?:${r.words})`, 'i') }));
/** The row a lead-in match came from (the longest that matches at its start). */
export function leadRow(match: string): PhraseRow | undefined {
  let best: { row: PhraseRow; len: number } | undefined;
  for (const { row, re } of LEAD_ROWS) {
    const m = re.exec(match);
    if (m && (!best || m[0].length > best.len)) best = { row, len: m[0].length };
  }
  return best?.row;
}

export const DEFAULT_RE = new RegExp(`(?:${alt(DEFAULTS)})[ ]{0,16}`, 'gi');
/** The whole of a parenthesised default marker. */
export const DEFAULT_MARK = new RegExp(`^[ ]{0,16}(?:${alt(DEFAULT_MARKS)})[ ]{0,16}$`, 'i');
/** The same marker inside a list item, right after the value. */
export const DEFAULT_MARK_GROUP = `(?:${alt(DEFAULT_MARKS)})`;
export const SET_VALUE_RE = new RegExp(`^[ ]{0,16}(?:${alt(SET_VALUE)})[ ]{1,16}["']?(-?[A-Za-z0-9_$][\\w.\\-/+@#*]{0,200})["']?`, 'i');
export const MAX_RE = new RegExp(`(?:${alt(MAXIMUM)})[ ]{0,16}${NUM}`, 'i');
export const MIN_RE = new RegExp(`(?:${alt(MINIMUM)})[ ]{0,16}${NUM}`, 'i');

export const LEN_EACH = new RegExp(alt(LENGTH_EACH), 'i');
export const LEN_RANGE_EN = /\b(\d{1,9}) to (\d{1,9}) (?:characters|chars)\b/i;
export const LEN_BETWEEN_EN = /\bbetween (\d{1,9}) and (\d{1,9}) characters\b/i;
export const LEN_MAX_EN = new RegExp(`(?:${alt(LENGTH_MAX)})[ ]{1,16}(\\d{1,9})[ ]{1,16}(?:characters|chars)\\b`, 'i');
export const LEN_MIN_EN = new RegExp(`(?:${alt(LENGTH_MIN)})[ ]{1,16}(\\d{1,9})[ ]{1,16}(?:characters|chars)\\b`, 'i');
/** "长度为1~63个字符", "[1, 64]个字符", "1-64个字符": starts at the number or at one of the words. */
export const LEN_RANGE_ZH = /(?:长度|范围|为|是|在|\[|(?<![\d.]))[ ]{0,16}\[?[ ]{0,16}(\d{1,9})[ ]{0,16}(?:~|-|到|至|,)[ ]{0,16}(\d{1,9})[ ]{0,16}\]?[ ]{0,16}个?[\u4e00-\u9fff]{0,8}?字符/;
export const LEN_MAX_ZH = new RegExp(`(?:${alt(LENGTH_MAX_ZH)})(?:为|是|支持|可以|可为|可)?[ ]{0,16}(\\d{1,9})[ ]{0,16}个?[\\u4e00-\\u9fff]{0,6}?字符`);
export const LEN_MIN_ZH = new RegExp(`(?:${alt(LENGTH_MIN_ZH)})(?:为|是|包含)?[ ]{0,16}(\\d{1,9})[ ]{0,16}个?[\\u4e00-\\u9fff]{0,6}?字符`);
export const LEN_MAX_UNITLESS = new RegExp(`(?:${alt(LENGTH_MAX_UNITLESS)})[ ]{0,16}(\\d{1,9})(?![\\d.])`, 'i');

const NOT_COUNTED = String.raw`characters|chars|bytes|bits|digits|%|MB|GB|GiB|Mbit/s|Mbps|days?|hours?|minutes?|seconds?|years?|months?|weeks?|times`;
export const ITEMS_TO_EN = new RegExp(`\\b${NUMW}[ ]{1,16}to[ ]{1,16}${NUMW}\\b(?![ ]{0,16}(?:characters|chars|bytes|digits|[A-Za-z]{0,20}[ ]{0,16}characters))`, 'i');
export const ITEMS_MAX_EN = new RegExp(`(?:${alt(ITEMS_MAX)})[ ]{1,16}${NUMW}\\b(?![ ]{0,16}(?:${NOT_COUNTED}))`, 'i');
export const ITEMS_MIN_EN = new RegExp(`(?:${alt(ITEMS_MIN)})[ ]{1,16}${NUMW}\\b(?![ ]{0,16}(?:of\\b|characters|chars|bytes|digits|%|MB|GB|GiB|days?|hours?|minutes?|seconds?|years?|months?))`, 'i');
export const ITEMS_MAX_ZH = new RegExp(`(?:${alt(ITEMS_MAX_ZH_WORDS)})[ ]{0,16}${ZHNUM}[ ]{0,16}个(?![\\u4e00-\\u9fff]{0,6}字符)`);
export const ITEMS_MIN_ZH = new RegExp(`(?:${alt(ITEMS_MIN_ZH_WORDS)})[ ]{0,16}${ZHNUM}[ ]{0,16}个(?![\\u4e00-\\u9fff]{0,6}字符)`);
export const ITEMS_RANGE_ZH = new RegExp(`(?<![\\d一二两三四五六七八九十])${ZHNUM}[ ]{0,16}(?:~|-|到|至)[ ]{0,16}${ZHNUM}[ ]{0,16}个(?![\\u4e00-\\u9fff]{0,6}字符)`);

export const DEP_START = new RegExp(`^\\(?(?:${alt(DEPRECATED_START)})\\)?(?:[.:;,!]|\\s|$)`, 'i');
export const DEP_ANY = new RegExp(alt(DEPRECATED), 'i');
export const STRUCT_INTRO = new RegExp(alt(STRUCTURE_INTRO), 'i');
export const FIELD_MEANING = new RegExp(`^(?:${alt(FIELD_MEANINGS)})`, 'i');
export const FIELD_REQ = new RegExp(`^(?:${alt(FIELD_REQUIRED)})`, 'i');
export const FIELD_OPT = new RegExp(`^(?:${alt(FIELD_OPTIONAL)})`, 'i');
/** "This parameter is required/optional." later in a field's item. */
export const FIELD_SAYS = /\bthis (?:parameter|field) is (required|optional)\b/i;
export const COND = new RegExp(alt(CONDITIONS), 'i');
export const APPLIES_RE = new RegExp(alt(APPLIES), 'i');
export const LABELS = new RegExp(`^(?:(${LABEL_ROWS.filter((l) => l.strip).map((l) => l.words).join('|')})|${LABEL_ROWS.filter((l) => !l.strip).map((l) => l.words).join('|')})[ ]{0,16}:`);
