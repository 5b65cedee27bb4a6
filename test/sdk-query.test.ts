/**
 * `toQuery()` against the vendor's own SDK (issue 13.5, last sentence): for 20 RPC operations of
 * the ECS corpus with nested parameters, the query our generated module builds from a request
 * equals, byte for byte, the query `@alicloud/ecs20140526`'s client sends for the same values
 * (its transport stubbed: `callApi` captures the request; RPC clients flatten through
 * `OpenApiUtil.query`).
 *
 * The values come from the SDK's own request models (`names()`: property → wire name,
 * `types()`), spelled in wire structure (`{ SystemDisk: { Size: 7 }, Tag: [{ Key: … }] }`), and
 * only for the top-level parameters the pages document too. Our request is that value in our
 * request type's shape: a structured parameter as it is, a flat dotted one (`SystemDisk.Size`,
 * as pages write some) read from the structure. A page parameter that still carries a repeat
 * placeholder (`Tag.N.Key`: the IR has not made it an array of objects yet, the "wire" work)
 * cannot take such a value: those operations are counted, not compared, until the IR models them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ecs from '@alicloud/ecs20140526';
import * as OpenApi from '@alicloud/openapi-core';
import type { IR, OperationModel } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { EMPTY_MANIFEST } from '../generator/reconcile/manifest.ts';
import { emitPackage, layout } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';

const ECS = join(ROOT, '..', 'shared', 'corpus', 'alibabacloud-docs', 'ecs');

type ModelClass = { new (map?: Record<string, unknown>): object; names(): Record<string, string>; types(): Record<string, unknown> };
const models = ecs as unknown as Record<string, ModelClass | undefined>;
const isModel = (t: unknown): t is ModelClass => typeof t === 'function' && typeof (t as ModelClass).names === 'function';

/** A value in wire structure for every property of an SDK model (depth-limited), and the SDK model of it. */
function valueFor(cls: ModelClass, path: string, depth: number, only?: (wire: string) => boolean): { wire: Record<string, unknown>; sdk: object } {
  const names = cls.names();
  const types = cls.types();
  const wire: Record<string, unknown> = {};
  const sdk: Record<string, unknown> = {};
  for (const [prop, w] of Object.entries(names)) {
    if (only && !only(w)) continue;
    const v = leaf(types[prop], `${path}.${w}`, depth);
    if (v === undefined) continue;
    wire[w] = v.wire;
    sdk[prop] = v.sdk;
  }
  return { wire, sdk: new cls(sdk) };
}

function leaf(t: unknown, path: string, depth: number): { wire: unknown; sdk: unknown } | undefined {
  if (t === 'string') return { wire: `v${path.length}`, sdk: `v${path.length}` };
  if (t === 'number') return { wire: path.length, sdk: path.length };
  if (t === 'boolean') return { wire: true, sdk: true };
  if (isModel(t)) return depth > 2 ? undefined : valueFor(t, path, depth + 1);
  if (typeof t === 'object' && t !== null && (t as { type?: string }).type === 'array') {
    const items = [leaf((t as { itemType: unknown }).itemType, `${path}.1`, depth), leaf((t as { itemType: unknown }).itemType, `${path}.2`, depth)];
    if (items.some((x) => x === undefined)) return undefined;
    return { wire: items.map((x) => x!.wire), sdk: items.map((x) => x!.sdk) };
  }
  return undefined;
}

/** Our request from a wire-structured value: each of our parameters, read by its (possibly dotted) name. */
function ourRequest(op: OperationModel, wire: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of op.request) {
    let v: unknown = wire;
    for (const seg of p.name.split('.')) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[seg] : undefined;
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

const hasPlaceholder = (op: OperationModel): boolean => op.request.some((p) => /\.(N|n|\d+)(\.|$)/.test(p.name));

async function sdkQuery(name: string, request: object): Promise<Record<string, string>> {
  const Client = (ecs as unknown as { default: new (c: unknown) => Record<string, unknown> }).default;
  const client = new Client(new OpenApi.$OpenApiUtil.Config({ accessKeyId: 'a', accessKeySecret: 'b', regionId: 'cn-hangzhou', endpoint: 'ecs.aliyuncs.com' }));
  let captured: Record<string, string> | undefined;
  client.callApi = async (_params: unknown, req: { query: Record<string, string> }) => {
    captured = req.query;
    return { statusCode: 200, headers: {}, body: {} };
  };
  const method = client[`${name.charAt(0).toLowerCase()}${name.slice(1)}WithOptions`] as (r: object, rt: object) => Promise<unknown>;
  await method.call(client, request, {});
  return captured!;
}

describe.skipIf(!existsSync(ECS))('toQuery() equals what the ECS SDK sends', () => {
  let ir: IR;
  let dir: string;
  let chosen: OperationModel[];
  beforeAll(async () => {
    const all = buildIR(readDocuments(findDocuments(ECS, join(ECS, '..', '..'), [/\/history\//]), { cache: false }), EMPTY_MANIFEST);
    // RPC operations of the pages with an SDK request model that has a nested parameter (an object or an array).
    const nested = (name: string): boolean => {
      const cls = models[`${name}Request`];
      return isModel(cls) && Object.values(cls.types()).some((t) => isModel(t) || (typeof t === 'object' && t !== null && (t as { type?: string }).type === 'array'));
    };
    const candidates = all.operations.filter((o) => o.style === 'RPC' && o.product === 'Ecs' && o.request.length > 0 && nested(o.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const seen = new Set<string>();
    chosen = candidates.filter((o) => !seen.has(o.name) && seen.add(o.name)).slice(0, 20);
    ir = { ...all, operations: chosen };
    dir = mkdtempSync(join(tmpdir(), 'd2t-sdk-'));
    writeTreeAtomic(dir, await emitPackage(ir));
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for 20 RPC operations with nested parameters (those whose pages still write `.N` names are counted, not compared)', async () => {
    expect(chosen.length).toBe(20);
    const places = layout(chosen);
    const compared: string[] = [];
    const pending: string[] = [];
    for (const op of chosen) {
      const mod = (await import(pathToFileURL(join(dir, `${places.get(op)!.product}/${places.get(op)!.version}/${places.get(op)!.file}.js`)).href)) as { toQuery: (r: unknown) => Record<string, string> };
      const top = new Set(op.request.map((p) => p.name.split('.')[0]!));
      const cls = models[`${op.name}Request`]!;
      const { wire, sdk } = valueFor(cls, op.name, 0, (w) => top.has(w));
      // A parameter the pages say is a JSON string (`encoding: 'json'`) is typed as its structure
      // and JSON-encoded by toQuery; the SDK takes the JSON text itself. Same bytes on the wire.
      const propOf = new Map(Object.entries(cls.names()).map(([prop, w]) => [w, prop]));
      for (const p of op.request) {
        if (p.encoding !== 'json' || typeof wire[p.name] !== 'string' || !propOf.has(p.name)) continue;
        const structured = p.type.kind === 'array' ? [wire[p.name]] : { value: wire[p.name] };
        wire[p.name] = structured;
        (sdk as Record<string, unknown>)[propOf.get(p.name)!] = JSON.stringify(structured);
      }
      if (hasPlaceholder(op)) {
        pending.push(op.name);
        continue;
      }
      expect(mod.toQuery(ourRequest(op, wire)), op.name).toEqual(await sdkQuery(op.name, sdk));
      compared.push(op.name);
    }
    console.log(`toQuery = SDK for ${compared.length} operations (${compared.join(', ')}); ${pending.length} pending structured repeat lists in the IR (${pending.join(', ')})`);
    expect(compared.length + pending.length).toBe(20);
  });
});
