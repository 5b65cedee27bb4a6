/**
 * Differential test against the official SDKs (issue 13.5): for every operation the corpus
 * documents for Container Service (csk/) and ECS (ecs/), the reconciled IR (OperationModel:
 * request, response, models; never the emitted code) is compared with
 * `@alicloud/cs20151215@7.2.0` and `@alicloud/ecs20140526@7.11.6` by wire path (test/helpers/sdk.ts):
 * kind, nesting, array levels and wrapper levels, and required where the SDK marks it.
 *
 * - Request: an IR field both sides know is compared at its exact wire path (`SystemDisk/Size`:
 *   a flat key `SystemDisk.Size` is known to the SDK as `SystemDisk/Size`, and is a difference);
 *   a name the SDK has elsewhere in the operation counts as known and misplaced. A parameter the
 *   page says travels as JSON text is a string on the wire (RPC); an ROA query value we encode as
 *   JSON must be one the SDK's client encodes so too.
 * - Response: an IR field whose name the SDK's response has anywhere counts as known; it agrees
 *   when the SDK has it at the same path with the same kind.
 * - Kinds: integer and number are both `number` (the SDK has one number type); the SDK's `any`
 *   agrees with everything.
 *
 * Every difference is listed in test/golden/sdk-diff.txt under the reason it has (reviewed: the
 * 2021 pages and the newer SDK genuinely differ, or a page says it so); a difference not in it
 * fails, and so does a listed one that is gone. Skipped without ../shared.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IR, OperationModel, Parameter, TypeRef } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadSdk, type SdkOperation, type WireField } from './helpers/sdk.ts';
import { ROOT } from './helpers/golden.ts';

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const CORPUS = join(SHARED, 'alibabacloud-docs');
const present = existsSync(CORPUS);
const GOLDEN = join(ROOT, 'test', 'golden', 'sdk-diff.txt');

interface IrField {
  path: string;
  kind: string;
  required: boolean;
  json: boolean;
  source: string;
}

function kindOf(t: TypeRef): string {
  switch (t.kind) {
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
    case 'boolean':
    case 'object':
    case 'map':
    case 'unknown':
      return t.kind;
    case 'ref':
      return 'object';
    case 'array':
      return `array<${kindOf(t.items)}>`;
  }
}

function modelOf(t: TypeRef): string | null {
  return t.kind === 'ref' ? t.name : t.kind === 'array' ? modelOf(t.items) : null;
}

/** The IR's fields by wire path (`Tag/Key`), models followed, array levels in the kind. */
function flatten(op: OperationModel, params: Parameter[], required: (p: Parameter, top: boolean) => boolean, prefix = '', seen = new Set<string>(), into = new Map<string, IrField>()): Map<string, IrField> {
  for (const p of params) {
    const path = prefix ? `${prefix}/${p.name}` : p.name;
    const src = p.sources[0];
    into.set(path, { path, kind: kindOf(p.type), required: required(p, !prefix), json: !prefix && p.encoding === 'json', source: src ? `${src.file}:${src.line}` : '' });
    const m = modelOf(p.type);
    const model = m && !seen.has(m) ? op.models.find((x) => x.name === m) : undefined;
    if (model) flatten(op, model.fields, required, path, new Set(seen).add(m!), into);
  }
  return into;
}

const agree = (ir: string, sdk: string): boolean => ir === sdk || sdk === 'any' || (sdk.includes('any') && ir.startsWith(sdk.replace(/any.*$/, '')));

interface Counts {
  agree: number;
  total: number;
}
interface Result {
  operations: number;
  withoutSdk: string[];
  requestTop: Counts;
  requestNested: Counts;
  required: Counts;
  response: Counts;
  differences: string[];
}

const leafOf = (path: string): string => path.split('/').pop()!;
const wire = (path: string): string => path.replace(/\.(N|n|\d+)(?=\.|$)/g, '').replace(/\./g, '/');

function compare(ir: IR): Result {
  const sdks = { CS: loadSdk('cs20151215'), Ecs: loadSdk('ecs20140526') };
  // The product of an operation: its pages' explorer link, else the corpus folder they sit in.
  const productOf = (op: OperationModel): 'CS' | 'Ecs' | null =>
    op.product === 'CS' || op.product === 'Ecs' ? op.product : op.documents.every((f) => f.includes('/csk/')) ? 'CS' : op.documents.every((f) => f.includes('/ecs/')) ? 'Ecs' : null;
  const r: Result = { operations: 0, withoutSdk: [], requestTop: { agree: 0, total: 0 }, requestNested: { agree: 0, total: 0 }, required: { agree: 0, total: 0 }, response: { agree: 0, total: 0 }, differences: [] };
  const count = (c: Counts, ok: boolean): void => {
    c.total++;
    if (ok) c.agree++;
  };
  for (const op of ir.operations) {
    const product = productOf(op);
    if (!product) continue;
    const sdk: SdkOperation | undefined = sdks[product].get(op.name);
    if (!sdk) {
      r.withoutSdk.push(op.id);
      continue;
    }
    r.operations++;
    // Required as the validators take it: the parameter's flag, or every kind's, or a field's own.
    const required = (p: Parameter, top: boolean): boolean => p.required || (top && op.variants.length > 0 && op.variants.every((v) => v.required.includes(p.name) || p.name in v.discriminator));
    const req = flatten(op, op.request, required);
    const sdkByWire = new Map([...sdk.request].map(([k, v]) => [wire(k), v]));
    const sdkLeaves = new Map<string, string[]>();
    for (const k of sdk.request.keys()) sdkLeaves.set(leafOf(k), [...(sdkLeaves.get(leafOf(k)) ?? []), k]);
    // The same parameter elsewhere: a top-level name the SDK nests, or a field the SDK has at the top
    // or under a parent of the same name (`Tag/Key` is not `TemplateTag/Key`).
    const parentOf = (path: string): string | null => path.split('/').slice(-2, -1)[0] ?? null;
    const sameElsewhere = (path: string): string[] => (sdkLeaves.get(leafOf(path)) ?? []).filter((k) => !path.includes('/') || !k.includes('/') || parentOf(k) === parentOf(path));
    for (const [path, f] of req) {
      const exact = sdk.request.get(path);
      const moved = exact ? [] : sameElsewhere(path);
      const elsewhere = exact ? null : (sdkByWire.get(wire(path))?.path ?? (moved.length ? moved.join(',') : null));
      if (!exact && !elsewhere) continue;
      const nested = path.includes('/');
      // JSON text on the wire: a string, unless the SDK's client encodes a structure itself.
      const kind = f.json && !(exact && sdk.json.has(path)) && op.style === 'RPC' ? 'string' : f.kind;
      const ok = !!exact && agree(kind, exact.kind);
      count(nested ? r.requestNested : r.requestTop, ok);
      if (!ok) r.differences.push(`request ${op.name} ${path}: ir ${f.json ? `json ${f.kind}` : f.kind}, sdk ${exact ? exact.kind : `at ${elsewhere}`} (${f.source})`);
      if (exact?.required) {
        count(r.required, f.required);
        if (!f.required) r.differences.push(`required ${op.name} ${path}: the sdk marks it required (${f.source})`);
      }
    }
    const res = flatten(op, op.response, (p) => p.required);
    const byLeaf = new Map<string, WireField[]>();
    for (const s of sdk.response.values()) byLeaf.set(leafOf(s.path), [...(byLeaf.get(leafOf(s.path)) ?? []), s]);
    for (const [path, f] of res) {
      const candidates = byLeaf.get(leafOf(path));
      if (!candidates) continue;
      const exact = sdk.response.get(path);
      const ok = !!exact && agree(f.kind, exact.kind);
      count(r.response, ok);
      if (!ok) r.differences.push(`response ${op.name} ${path}: ir ${f.kind}, sdk ${exact ? exact.kind : `at ${candidates.map((c) => `${c.path} ${c.kind}`).join(', ')}`} (${f.source})`);
    }
  }
  r.differences.sort();
  return r;
}

/** The reviewed differences: every line of the golden that is no heading (`#`) or blank. */
/** The reviewed differences: the golden's lines, up to a `# NOT REVIEWED` section (which UPDATE_GOLDEN writes for a person to sort). */
function reviewed(): Set<string> {
  if (!existsSync(GOLDEN)) return new Set();
  const text = readFileSync(GOLDEN, 'utf8');
  const end = text.indexOf('# NOT REVIEWED');
  return new Set(
    (end < 0 ? text : text.slice(0, end))
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#')),
  );
}

const pct = (c: Counts): number => (100 * c.agree) / c.total;

describe.skipIf(!present)(present ? 'differential test against the official SDKs (CS, ECS)' : 'sdk diff: skipped, ../shared/corpus not found', () => {
  let result: Result;

  beforeAll(() => {
    const found = [...findDocuments(join(CORPUS, 'csk'), SHARED), ...findDocuments(join(CORPUS, 'ecs'), SHARED)];
    result = compare(buildIR(readDocuments(found, { cache: false })));
  });

  it('compares the operations both sides have (an operation the SDK lacks is listed)', () => {
    expect(result.operations).toBeGreaterThan(250);
    expect(result.withoutSdk.length).toBeLessThan(40);
  });

  it('request kinds agree for ≥ 99.5% of the top-level parameters both know and ≥ 99% of the nested fields', () => {
    expect(pct(result.requestTop)).toBeGreaterThanOrEqual(99.5);
    expect(pct(result.requestNested)).toBeGreaterThanOrEqual(99);
  });

  it('≥ 95% of the response fields both know sit at the same wire path with the same kind', () => {
    expect(pct(result.response)).toBeGreaterThanOrEqual(95);
  });

  it('every difference is a reviewed one (test/golden/sdk-diff.txt), with the page it comes from', () => {
    const known = reviewed();
    const got = new Set(result.differences);
    const fresh = result.differences.filter((d) => !known.has(d));
    const gone = [...known].filter((d) => !got.has(d));
    const counts = `# agreeing: request top ${result.requestTop.agree}/${result.requestTop.total}, nested ${result.requestNested.agree}/${result.requestNested.total}, required ${result.required.agree}/${result.required.total}, response ${result.response.agree}/${result.response.total}; operations compared ${result.operations}, without an SDK operation ${result.withoutSdk.length}`;
    if (process.env.UPDATE_GOLDEN === '1') {
      // Keep the reviewed sections; drop what is gone; put what is new under a heading to review.
      const kept = (existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '# SDK differences, reviewed\n')
        .split('\n')
        .filter((l) => !l.startsWith('# agreeing:'))
        .filter((l) => l.trim() === '' || l.startsWith('#') || got.has(l));
      const out = [kept[0]!, counts, ...kept.slice(1), ...(fresh.length ? ['', '# NOT REVIEWED (a difference to review, or a bug to fix)', ...fresh] : [])];
      writeFileSync(GOLDEN, out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n');
    }
    expect({ fresh, gone }).toEqual({ fresh: [], gone: [] });
    expect(readFileSync(GOLDEN, 'utf8')).toContain(counts);
  });
});
