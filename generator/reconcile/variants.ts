/**
 * Variants: the kinds of request one operation accepts (for CreateCluster: dedicated,
 * managed, serverless, edge clusters), found from the pages themselves:
 *
 * 1. The discriminator is a string parameter that some page marks required, that every
 *    sample request sends, and that takes more than one value across samples and pages.
 * 2. A page *pins* the discriminator when it allows only one value (a one-value enum such as
 *    "Set the value to ManagedKubernetes") or when all its samples send the same value; such a
 *    page speaks for one kind. A page that pins it may also pin secondary discriminators: a
 *    parameter it marks required, whose example is its default, and whose value is one of an
 *    enum some page lists (an edge page: `profile`, required, default `Edge`).
 * 3. A page that does not pin it (it covers several kinds) contributes its samples: each
 *    sample is a witness of the kind its discriminator values name.
 * Required sets come from the best-ranked pinned page that states required flags; a kind
 * backed only by a multi-kind page keeps the parameters that page marks required and that
 * every sample of the kind sends. Whatever the pages cannot settle goes into `undetermined`.
 */
import type { Parameter, Scalar, SourceRef, Variant } from '../model/ir.ts';
import { compareSources, type ReconcileOptions } from './rules.ts';
import type { Manifest } from './manifest.ts';
import type { Page } from './pages.ts';
import { sectionKind } from '../read/vocab.ts';

export interface SampleBody {
  page: Page;
  line: number;
  caption: string | null;
  body: Record<string, unknown>;
  recovered: boolean;
}

function strValue(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Every value any page's enum lists for `name`. */
export function enumUnion(pages: Page[], name: string): Scalar[] {
  const out: Scalar[] = [];
  for (const pg of pages) for (const r of pg.doc.request) if (r.name === name) for (const v of r.facts.enum?.value ?? []) if (!out.includes(v)) out.push(v);
  return out;
}

function findDiscriminator(params: Parameter[], pages: Page[], samples: SampleBody[]): string | null {
  if (samples.length === 0) return null;
  const candidates = params.filter((p) => p.type.kind === 'string' && pages.some((pg) => pg.doc.request.some((r) => r.name === p.name && r.required === true)));
  let best: { name: string; values: number } | null = null;
  for (const p of candidates) {
    const values = samples.map((s) => strValue(s.body[p.name]));
    if (values.some((v) => v === null)) continue;
    // A kind is one of a listed set of values: the pages must enumerate what the samples send.
    const listed = enumUnion(pages, p.name);
    if (listed.length < 2 || values.some((v) => !listed.includes(v!))) continue;
    const distinct = new Set(values).size;
    const pinnedValues = new Set(pages.map((pg) => pinnedValue(pg, p.name, samples)).filter(Boolean));
    const total = new Set([...values, ...pinnedValues]).size;
    if (total < 2 && distinct < 2) continue;
    if (!best || total > best.values || (total === best.values && p.name < best.name)) best = { name: p.name, values: total };
  }
  return best?.name ?? null;
}

/** The single value a page allows for `name`, or null when it allows several or says nothing. */
function pinnedValue(page: Page, name: string, samples: SampleBody[]): string | null {
  const row = page.doc.request.find((r) => r.name === name);
  const en = row?.facts.enum?.value;
  if (en && en.length === 1 && typeof en[0] === 'string') return en[0];
  const own = samples.filter((s) => s.page === page).map((s) => strValue(s.body[name]));
  if (own.length > 0 && own.every((v) => v !== null && v === own[0])) return own[0]!;
  return null;
}

/**
 * Parameters a page fixes to one value besides the discriminator: required, its default is
 * its example, and the page lists no other value (an edge page: `profile`, required, default
 * `Edge`). A parameter with a list of choices (`master_system_disk_category`: default one of
 * several) is a setting, not a kind.
 */
function secondaryPins(page: Page, primary: string): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const r of page.doc.request) {
    if (r.name === primary || r.required !== true || r.type.kind !== 'string') continue;
    const def = r.facts.default?.value;
    if (typeof def !== 'string' || r.example !== def) continue;
    const listed = r.facts.enum?.value;
    if (listed && !(listed.length === 1 && listed[0] === def)) continue;
    pins[r.name] = def;
  }
  return pins;
}

function keyOf(d: Record<string, Scalar>): string {
  return Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(',');
}

function slug(d: Record<string, Scalar>): string {
  return Object.keys(d)
    .sort()
    .map((k) => String(d[k]).toLowerCase().replace(/[^a-z0-9]+/g, '-'))
    .join('-');
}

/**
 * "set this parameter or the X parameter", "Set this parameter or X", "和X二选一", "与X二选一",
 * "You must set X or Y" (one of X and Y is the row itself, or a name the page gets wrong for it:
 * the other one pairs with the row).
 */
const EITHER_OR = [
  /\b(?:set|specify) (?:either )?this parameter or (?:the )?`?([A-Za-z_][\w.]*)`?/i,
  /[和与]\s*`?([A-Za-z_][\w.]*)`?\s*二选一/,
  /\b(?:must|should|need to) (?:set|specify) (?:either )?`?([A-Za-z_][\w.]*)`? or `?([A-Za-z_][\w.]*)`?/i,
];

/** Pairs of parameters the pages say to set one or the other of. */
export function eitherOrGroups(pages: Page[], known: Set<string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const pg of pages)
    for (const r of pg.doc.request)
      for (const re of EITHER_OR) {
        const m = re.exec(r.description.replace(/\\_/g, '_'));
        const other = m?.slice(1).find((n) => n !== undefined && n !== r.name && known.has(n));
        if (other && known.has(r.name)) {
          const g = [r.name, other].sort();
          groups.set(g.join('|'), g);
        }
      }
  return [...groups.values()].sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

export function detectVariants(
  params: Parameter[],
  pages: Page[],
  samples: SampleBody[],
  manifest: Manifest,
  opts: ReconcileOptions,
): { variants: Variant[]; notes: string[]; discriminators: string[] } {
  const notes: string[] = [];
  const primary = findDiscriminator(params, pages, samples);
  if (!primary) return { variants: [], notes, discriminators: [] };
  const known = new Set(params.map((p) => p.name));
  const eitherOr = eitherOrGroups(pages, known);
  const order = new Map(params.map((p, i) => [p.name, i]));
  const byOrder = (a: string, b: string): number => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : 1);

  interface Acc {
    discriminator: Record<string, Scalar>;
    pinnedPages: Page[];
    samples: SampleBody[];
  }
  const acc = new Map<string, Acc>();
  const get = (d: Record<string, Scalar>): Acc => {
    const k = keyOf(d);
    if (!acc.has(k)) acc.set(k, { discriminator: d, pinnedPages: [], samples: [] });
    return acc.get(k)!;
  };
  const secondaryNames = new Set<string>();
  const pinnedOf = new Map<Page, Record<string, Scalar>>();
  for (const page of pages) {
    const v = pinnedValue(page, primary, samples);
    if (v === null) continue;
    pinnedOf.set(page, { [primary]: v, ...secondaryPins(page, primary) });
  }
  // A secondary pin tells kinds apart only if another page with the same discriminator value
  // does not pin it (managed vs edge: both ManagedKubernetes, only edge pins profile=Edge).
  for (const [page, d] of pinnedOf) {
    for (const k of Object.keys(d)) {
      if (k === primary) continue;
      const separates = [...pinnedOf].some(([other, od]) => other !== page && od[primary] === d[primary] && od[k] !== d[k]);
      if (separates) secondaryNames.add(k);
    }
  }
  for (const d of pinnedOf.values()) for (const k of Object.keys(d)) if (k !== primary && !secondaryNames.has(k)) delete d[k];
  for (const [page, d] of pinnedOf) get(d).pinnedPages.push(page);
  for (const s of samples) {
    const pinned = pinnedOf.get(s.page);
    let d: Record<string, Scalar>;
    if (pinned) d = pinned;
    else {
      const v = strValue(s.body[primary]);
      if (v === null) continue;
      d = { [primary]: v };
      for (const n of secondaryNames) {
        const sv = strValue(s.body[n]);
        if (sv !== null && [...pinnedOf.values()].some((p) => p[n] === sv)) d[n] = sv;
      }
    }
    get(d).samples.push(s);
  }

  const variants: Variant[] = [];
  for (const a of [...acc.values()].sort((x, y) => (keyOf(x.discriminator) < keyOf(y.discriminator) ? -1 : 1))) {
    const undetermined: string[] = [];
    const ranked = a.pinnedPages.slice().sort((x, y) => compareSources(x, y, opts));
    const parameters = new Set<string>(Object.keys(a.discriminator));
    for (const p of ranked) for (const r of p.doc.request) parameters.add(r.name);
    for (const s of a.samples) for (const k of Object.keys(s.body)) if (known.has(k)) parameters.add(k);
    let required: string[] = [];
    const unique = (xs: string[]): string[] => [...new Set(xs)];
    const explicit = ranked.find((p) => p.doc.request.some((r) => r.required !== null));
    if (explicit) {
      required = unique(explicit.doc.request.filter((r) => r.required === true && r.depth === 0).map((r) => r.name));
      for (const older of ranked) {
        if (older === explicit) continue;
        const dropped = older.doc.request.filter((r) => r.required === true && !required.includes(r.name)).map((r) => r.name);
        if (dropped.length)
          undetermined.push(`${older.file} (${older.date ?? 'undated'}) also marks required: ${dropped.sort(byOrder).join(', ')}; the newer ${explicit.file} does not, so they are left optional`);
      }
      const silent = ranked.filter((p) => !p.doc.request.some((r) => r.required !== null));
      for (const p of silent) undetermined.push(`${p.file} states no required flags (empty column)`);
    } else if (a.samples.length) {
      // Backed only by pages covering several kinds: what they mark required and every sample of this kind sends.
      const multi = [...new Set(a.samples.map((s) => s.page))];
      // Such a page does not say which of its parameters belong to which kind: all of them may
      // (rejecting a parameter the kind accepts would be worse than accepting one it ignores).
      for (const p of multi) for (const r of p.doc.request) if (r.depth === 0) parameters.add(r.name);
      undetermined.push(`${multi.map((p) => p.file).join(', ')} does not say which of its parameters apply to this kind: all of them are accepted`);
      const marked = new Set(multi.flatMap((p) => p.doc.request.filter((r) => r.required === true && r.depth === 0).map((r) => r.name)));
      required = [...marked].filter((n) => a.samples.every((s) => n in s.body));
      const notSent = [...marked].filter((n) => !required.includes(n));
      undetermined.push(
        `no page is specific to this kind: the required set is what ${multi.map((p) => p.file).join(', ')} marks required and all ${a.samples.length} sample(s) of this kind send` +
          (notSent.length ? `; marked required there but not sent by every sample: ${notSent.sort(byOrder).join(', ')}` : ''),
      );
      if (a.samples.some((s) => s.recovered)) undetermined.push('some samples of this kind are not valid JSON; their keys were recovered by a fault-tolerant parse');
    }
    // samples-show-optional: a parameter a sample of this kind leaves out is not required for it.
    const parsed = a.samples.filter((x) => !x.recovered);
    const omitted = required.filter((n) => !(n in a.discriminator) && parsed.some((x) => !(n in x.body)));
    if (omitted.length) {
      required = required.filter((n) => !omitted.includes(n));
      undetermined.push(`marked required but left out by a sample of this kind, so optional: ${omitted.sort(byOrder).map((n) => `${n} (${parsed.filter((x) => !(n in x.body)).map((x) => `${x.page.file}:${x.line}`).join(', ')})`).join('; ')}`);
    }
    for (const k of Object.keys(a.discriminator)) if (!required.includes(k)) required.push(k);
    // "Set this parameter or X": a required member of such a pair makes the pair required, not each member.
    const requiredOneOf: string[][] = [];
    for (const g of eitherOr) {
      const inGroup = g.filter((n) => required.includes(n));
      if (inGroup.length === 0) continue;
      required = required.filter((n) => !g.includes(n));
      requiredOneOf.push(g);
      undetermined.push(`${g.join(' or ')}: the pages say to set one or the other, so neither is required on its own (marked required: ${inGroup.join(', ')})`);
    }
    const sources: SourceRef[] = [
      ...ranked.map((p) => ({ file: p.file, line: p.doc.request[0]?.source.line ?? 1 })),
      ...a.samples.map((s) => ({ file: s.page.file, line: s.line })),
    ].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
    const key = keyOf(a.discriminator);
    // A sample's caption names its kind unless it is only a section marker ("请求示例").
    const caption = a.samples.map((s) => s.caption?.replace(/[。.:：]$/, '')).find((c) => c && sectionKind(c) === 'other');
    const title = ranked[0]?.doc.title ?? caption ?? key;
    variants.push({
      id: manifest.variantNames[key] ?? slug(a.discriminator),
      label: title,
      discriminator: a.discriminator,
      parameters: [...parameters].filter((n) => known.has(n)).sort(byOrder),
      required: required.filter((n) => known.has(n)).sort(byOrder),
      requiredOneOf,
      sources,
      undetermined,
    });
  }
  const enumOf = enumUnion(pages, primary);
  const covered = new Set(variants.map((v) => v.discriminator[primary]));
  const uncovered = enumOf.filter((v) => !covered.has(v));
  if (uncovered.length) notes.push(`${primary} also allows ${uncovered.map(String).join(', ')}, which no page or sample describes: no variant is made for ${uncovered.length > 1 ? 'them' : 'it'}`);
  return { variants, notes, discriminators: [primary, ...[...secondaryNames].sort()] };
}
