/**
 * Page identity: which operation a page documents, decided in this one place from ranked
 * evidence (gathered in ./evidence.ts from the words in ./vocab.ts). The decision, in order:
 *
 * 1. A page titled as a common-parameters page (公共参数, Common parameters, …), or one that names
 *    no operation anywhere but H1, link and Action and whose request tables all sit under a
 *    common-parameters heading or caption, is `common-parameters`: it never becomes an operation.
 * 2. The API names the page gives (explorer link, API-name H1, Action row, Action in a sample,
 *    summary sentence, file name) are grouped by name, ignoring case (`…PolicyEX` and `…PolicyEx`
 *    are one name). One group: it is the operation (rule = its strongest source). Several: each
 *    distinct source of a group is one vote, the Action row two (it is the name the request sends);
 *    the group with the most votes wins (`more-sources`: an H1 and a file name that agree beat the
 *    link alone; the link and the Action row beat an H1 and a file name); a tie goes to the group
 *    holding the stronger source (`stronger-source`, order in TIE_RANK: the Action row, the page's
 *    own words, the link, a sample, the file name). The losers stay in the evidence and an
 *    `operation-mismatch` warning names them.
 * 3. The spelling is the wire's (Action), else the link's, else the page's words.
 * 4. Nothing names an API, but the page is an API reference (a request line and a request table):
 *    its title names it (`title-only`).
 * 5. Names seen on a page that documents no operation (an `Action=X` in a guide's sample): `other`,
 *    `not-an-api-page`. No evidence at all: `other`, `none`.
 *
 * Prose mentions ("call the StartLoadBalancerListener operation", "API Explorer 提供在线调用 API")
 * are never identity: they are kept as rejected `prose` evidence. Product, version and style come
 * from the explorer link, also when its `api=` loses (a link copied from a sibling page of the same
 * product still names the product).
 */
import type { Diagnostic, IdentityEvidence, IdentitySource, PageIdentity, ParamRow, Sample } from '../../model/ir.ts';
import { normalizeLabel } from '../../read/vocab.ts';
import type { RawTable, ReadDocument } from '../../read/types.ts';
import { actionFromRows, actionFromSamples, evidence, explorerLinks, fileBaseName, fileNameCandidate, isApiName, isOneWordName, leadSentence, proseMentions, summaryName, type ExplorerLink } from './evidence.ts';
import { COMMON_PARAMETER_SECTIONS, COMMON_PARAMETER_TITLES } from './vocab.ts';

export { explorerLink, isApiName } from './evidence.ts';

/** Tie-break order between groups backed by as many sources (strongest first). */
export const TIE_RANK: readonly IdentitySource[] = ['action', 'h1', 'summary', 'explorer-link', 'sample', 'file-name'];
/** Votes of one source (each distinct source of a name counts once). */
const VOTES: Partial<Record<IdentitySource, number>> = { action: 2 };
/** Whose spelling a group takes (first present). */
const SPELLING_RANK: readonly IdentitySource[] = ['action', 'explorer-link', 'sample', 'h1', 'summary', 'file-name'];
/** How many prose mentions are kept as rejected evidence. */
const MAX_PROSE = 3;

export interface IdentityInput {
  doc: ReadDocument;
  title: string | null;
  /** Line of the title (the H1, or the "Product:Title" line of scraped text), or null. */
  titleLine: number | null;
  request: ParamRow[];
  samples: Sample[];
  /** The page's request tables (as read, with heading and caption). */
  requestTables: RawTable[];
  hasSkeleton: boolean;
  method: string | null;
  path: string | null;
}

export interface IdentityResult {
  identity: PageIdentity;
  product: string | null;
  version: string | null;
  style: 'ROA' | 'RPC' | null;
  diagnostics: Diagnostic[];
}

function isCommonTitle(title: string | null): boolean {
  if (!title) return false;
  const n = normalizeLabel(title);
  return COMMON_PARAMETER_TITLES.some((re) => re.test(n));
}

function underCommonSection(t: RawTable): boolean {
  return [t.heading?.text, t.caption].some((s) => {
    if (!s) return false;
    const n = normalizeLabel(s);
    return COMMON_PARAMETER_SECTIONS.some((re) => re.test(n));
  });
}

const rankOf = (order: readonly IdentitySource[], s: IdentitySource): number => {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
};

export function pageIdentity(input: IdentityInput): IdentityResult {
  const { doc } = input;
  const diagnostics: Diagnostic[] = [];
  const ev: IdentityEvidence[] = [];
  const links = explorerLinks(doc);
  const link: ExplorerLink | undefined = links.find((l) => l.api) ?? links[0];
  const product = link?.product ?? null;
  const version = link?.version ?? null;
  const style = link?.style ?? null;
  const result = (identity: PageIdentity): IdentityResult => ({ identity, product, version, style, diagnostics });

  const h1 = doc.headings.find((h) => h.level === 1);
  // One-word names (`Encrypt`): accepted where the wire (link, Action row or sample) and one more
  // source spell it alike; a lone one (`Setdynamicconfig` in an Action row) is a miscased name.
  const oneWord = (s: string | null | undefined): s is string => !isApiName(s) && isOneWordName(s);
  const wire = [link?.api, actionFromRows(input.request, oneWord)?.value, actionFromSamples(input.samples, oneWord)?.value].filter(oneWord);
  const spelled1 = [...wire, h1 ? input.title : null, fileBaseName(doc.file)];
  const words = new Set(wire.filter((w) => spelled1.filter((s) => s === w).length >= 2));
  const accept = (s: string | null | undefined): s is string => isApiName(s) || (typeof s === 'string' && words.has(s));
  if (link?.api && accept(link.api)) ev.push(evidence('explorer-link', link.api, link.line));
  if (h1 && accept(input.title)) ev.push(evidence('h1', input.title, h1.line));
  const row = actionFromRows(input.request, accept);
  if (row) ev.push(evidence('action', row.value, row.line));
  const sample = actionFromSamples(input.samples, accept);
  if (sample) ev.push(evidence('sample', sample.value, sample.line));
  const lead = leadSentence(doc, input.titleLine ?? 0);
  const said = lead ? summaryName(lead.text) : null;
  if (lead && said) ev.push(evidence('summary', said, lead.line));
  const file = fileNameCandidate(doc.file, accept);
  if (file) ev.push(evidence('file-name', file, 1));
  // Prose above the first table or section of parameters: recorded, never chosen.
  const firstTable = Math.min(doc.tables[0]?.line ?? Infinity, doc.headings.find((h) => h.kind === 'request-params' || h.kind === 'request-syntax')?.line ?? Infinity, 80);
  const skip = new Set<number>(lead && said ? [lead.line] : []);
  const prose = proseMentions(doc, 1, firstTable, skip, MAX_PROSE);

  const finish = (kind: PageIdentity['kind'], operation: string | null, rule: string): IdentityResult => {
    // Prose naming the chosen operation says nothing new; prose naming another one is shown as passed over.
    for (const p of prose) if (p.value.toLowerCase() !== operation?.toLowerCase()) ev.push(p);
    return result({ kind, operation, rule, evidence: ev });
  };

  // 1. Common-parameter pages.
  if (isCommonTitle(input.title)) return finish('common-parameters', null, 'common-parameters-title');
  const named = ev.some((e) => e.source === 'explorer-link' || e.source === 'h1') || row !== null;
  if (!named && input.requestTables.length > 0 && input.requestTables.every(underCommonSection)) return finish('common-parameters', null, 'common-parameters-section');

  const apiPage = Boolean(link) || ev.some((e) => e.source === 'h1') || input.request.length > 0 || input.hasSkeleton || doc.headings.some((h) => h.kind === 'request-params');
  if (ev.length > 0 && !apiPage) return finish('other', null, 'not-an-api-page');

  // 2. Group the names (case-insensitively) and pick one.
  const groups = new Map<string, IdentityEvidence[]>();
  for (const e of ev) {
    const k = e.value.toLowerCase();
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  if (groups.size === 0) {
    // 4. An API reference page that gives no API name: its title names it.
    if (input.title && input.method && input.path && input.request.length > 0) {
      const t = evidence('title', input.title, input.titleLine ?? 1);
      t.chosen = true;
      ev.push(t);
      return finish('operation', input.title, 'title-only');
    }
    return finish('other', null, 'none');
  }
  const scored = [...groups.values()].map((list) => {
    const sources = new Set(list.map((e) => e.source));
    const best = Math.min(...[...sources].map((s) => rankOf(TIE_RANK, s)));
    return { list, count: [...sources].reduce((n, s) => n + (VOTES[s] ?? 1), 0), best };
  });
  scored.sort((a, b) => b.count - a.count || a.best - b.best || (a.list[0]!.value < b.list[0]!.value ? -1 : 1));
  const win = scored[0]!;
  const spelled = win.list.slice().sort((a, b) => rankOf(SPELLING_RANK, a.source) - rankOf(SPELLING_RANK, b.source))[0]!.value;
  for (const e of win.list) e.chosen = true;
  let rule: string;
  if (scored.length === 1) rule = TIE_RANK[win.best]!;
  else {
    rule = win.count > scored[1]!.count ? 'more-sources' : 'stronger-source';
    // Reported where the page says what it is (the strongest chosen evidence); the losers' lines in the message.
    const where = win.list.slice().sort((a, b) => rankOf(TIE_RANK, a.source) - rankOf(TIE_RANK, b.source))[0]!.line;
    const by = (list: IdentityEvidence[]): string => list.map((e) => `${e.source} line ${e.line}`).join(', ');
    const others = scored.slice(1).map((s) => `${s.list[0]!.value} (${by(s.list)})`);
    diagnostics.push({ file: doc.file, line: where, severity: 'warning', code: 'operation-mismatch', message: `the page names ${spelled} (${by(win.list)}) but also ${others.join('; ')}; read as ${spelled} (${rule})` });
  }
  return finish('operation', spelled, rule);
}
