/**
 * The words page identity is decided from, as data: API Explorer links of every vendor, the
 * phrases of a page's summary sentence that name its own operation, the phrases that merely
 * mention an operation (prose: never identity), the titles and section names of common-parameter
 * pages, and the shape of an API name. A new explorer, phrasing or title is one row here; the
 * code in this folder knows none of them.
 */

/**
 * An API Explorer link. `host` is matched exactly (lower-case); the fields come from the link's
 * query and fragment parameters (`params`: which parameter gives what) and/or from a path template
 * over the URL's path or fragment path (`path` / `fragment`, `{api}`, `{product}`, `{version}`
 * placeholders: one path segment each). `style` only where the link says ROA or RPC.
 */
export interface ExplorerLinkRow {
  host: string;
  params?: Partial<Record<'api' | 'product' | 'version' | 'style', string>>;
  path?: string;
  fragment?: string;
}

export const EXPLORER_LINKS: readonly ExplorerLinkRow[] = [
  // Alibaba Cloud OpenAPI Explorer: https://api.aliyun.com/#product=Ecs&api=X&type=RPC&version=2014-05-26 (also `#/?…`, `/new#/?…`)
  { host: 'api.aliyun.com', params: { api: 'api', product: 'product', version: 'version', style: 'type' } },
  // Its newer host: https://next.api.aliyun.com/api/CS/2015-12-15/CreateCluster, or the parameter form
  { host: 'next.api.aliyun.com', path: '/api/{product}/{version}/{api}', params: { api: 'api', product: 'product', version: 'version', style: 'type' } },
  // Huawei Cloud API Explorer: that host, path `/apiexplorer/doc`, query `product=VPC&version=v2&api=CreateVpc`
  { host: 'apiexplorer.developer.huaweicloud.com', params: { api: 'api', product: 'product', version: 'version' } },
  // Huawei Cloud console explorer: that host, path `/apiexplorer/`, fragment `/openapi/VPC/doc?api=X&version=v3`
  { host: 'console.huaweicloud.com', fragment: '/openapi/{product}/doc', params: { api: 'api', version: 'version' } },
];

/**
 * An API name: PascalCase of at least two words (`DescribeInstances`, `ListVirtualMFADevices`,
 * `DescribeAutoSnapshotPolicyEX`). Placeholders and acronyms (`XXXXXX`, `API`, `VPC`, `IAM`) are
 * not API names.
 */
export const API_NAME = /^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$/;
/**
 * A one-word API name (`Encrypt`, `Decrypt`): a capitalised word of four or more letters. It
 * names the operation only where the name sent on the wire (an Action row, `Action=X` in a request
 * sample, an explorer link's api) gives it and another of those or the H1 or the file name spells
 * it alike: a one-word heading alone (`Overview`, `Appendix`) names nothing, and a lone
 * `Setdynamicconfig` in an Action row is a miscased SetDynamicConfig, not a name of its own.
 */
export const ONE_WORD_API_NAME = /^[A-Z][a-z]{3,}[a-z0-9]*$/;
/** The same shape inside text (the capture is checked against API_NAME). */
const NAME = '([A-Z][A-Za-z0-9]{2,80})';

/**
 * The page's summary sentence naming its own operation: matched against the first sentence of the
 * page's lead paragraph only (the first paragraph after the title). Group 1 is the name.
 */
export const SUMMARY_PHRASES: readonly RegExp[] = [
  new RegExp(`^(?:您可以)?(?:通过)?调用\\s*${NAME}`), // 调用CreateCluster创建Kubernetes集群。
  new RegExp(`^(?:you can )?call(?:s)? the ${NAME} (?:operation|API|interface)\\b`, 'i'), // You can call the CreateCluster operation to …
  new RegExp(`\\bby calling the ${NAME} (?:operation|API|interface)\\b`, 'i'), // Creates an ACK Edge cluster by calling the CreateCluster operation.
];

/**
 * Mentions of an operation in running text ("call the StartLoadBalancerListener operation",
 * "You can call the RefreshObjectCaches operation", "调用X", `Action=X` outside a sample). Never
 * identity: recorded as rejected evidence so that a reader sees what was passed over.
 */
export const PROSE_PHRASES: readonly RegExp[] = [
  new RegExp(`\\bcall(?:s|ing)? the ${NAME} (?:operation|API|interface)\\b`, 'gi'),
  new RegExp(`调用\\s*${NAME}`, 'g'),
];

/** A lead paragraph that is a note, not a summary. */
export const NOTE_START = /^(?:\*\*)?\s*(?:note|notice|warning|important|说明|注意|警告|重要)\s*(?:\*\*)?\s*[:：]/i;

/** The request parameter that carries the operation's name on the wire (RPC). Compared lower-case. */
export const ACTION_PARAMETERS: readonly string[] = ['action'];

/** `Action=X` in a request sample (a query string or form body). */
export const ACTION_IN_SAMPLE = new RegExp(`(?:^|[?&\\s])Action=${NAME}(?![A-Za-z0-9])`);

/**
 * Parts of a file name that are not the operation's name: numeric prefixes (`01-`, `6-`, `8`),
 * whatever follows a dot (a language, revision or date: `CreateCluster.en-US.29fd005fd.2021-06-03`,
 * `SetLoadBalancerStatus.`) and variant suffixes (`-openstack`, `（废弃）`, `-0`). Removed in this
 * order before the name is checked.
 */
export const FILE_NAME_AFFIXES: readonly RegExp[] = [/^\d{1,3}(?:[-_ ]|(?=[A-Z]))/, /\..*$/, /[（(][^）)]*[）)]$/, /-(?:openstack|\d{1,2})$/i];

/**
 * Titles of common-parameter pages (compared after normalizeLabel: lower-case, emphasis and
 * heading attributes removed, trailing punctuation dropped).
 */
export const COMMON_PARAMETER_TITLES: readonly RegExp[] = [
  /^公共(?:请求|返回|响应)?参数$/,
  /^公共请求和返回(?:结果|参数)$/,
  /^公共(?:请求|响应)(?:消息)?头$/,
  /^common (?:request |response )?parameters$/,
  /^common (?:request|response) headers$/,
  /^commonly used parameters$/,
  /^common parameters and (?:responses|return results)$/,
];

/**
 * Headings and table captions that hold common parameters inside another page ("## 公共参数" on
 * a "调用方式" page, "表 3 公共请求消息头"). A page without any API name whose request tables all
 * sit under one of these is a common-parameters page. Matched anywhere in the normalised text.
 */
export const COMMON_PARAMETER_SECTIONS: readonly RegExp[] = [/公共(?:请求|返回|响应)?参数/, /公共(?:请求|响应)(?:消息)?头/, /\bcommon (?:request |response )?(?:parameters|headers)\b/];
