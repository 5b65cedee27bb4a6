/**
 * Serialisers and metadata of the generated modules (issue 13.3, the emission half): RPC
 * `toQuery`/`fromQuery` with the exact wire names, ROA `toRequest` with method, filled and
 * encoded path, query, headers and body; each operation's runtime metadata. Driven by the IR's
 * `in` and `encoding` (synthetic operations here; the seeds' CreateCluster too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR, Model, OperationModel, Parameter, TypeRef } from '../generator/model/ir.ts';
import { emitPackage } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';

function param(name: string, type: TypeRef, extra: Partial<Parameter> = {}): Parameter {
  return { name, type, required: false, requiredKnown: true, deprecated: false, description: { en: null, zh: null }, examples: [], position: null, in: null, sampleOnly: false, sources: [{ file: 'docs/x.md', line: 3 }], factSources: {}, ...extra };
}
function op(name: string, extra: Partial<OperationModel>): OperationModel {
  return { id: `Demo/2020-01-01/${name}`, name, product: 'Demo', version: '2020-01-01', method: null, path: null, style: 'RPC', documents: ['docs/x.md'], pages: [], request: [], response: [], models: [], variants: [], conflicts: [], lint: [], notes: [], ...extra };
}
const S: TypeRef = { kind: 'string' };
const I: TypeRef = { kind: 'integer' };
const B: TypeRef = { kind: 'boolean' };
const ref = (name: string): TypeRef => ({ kind: 'ref', name });
const arr = (items: TypeRef): TypeRef => ({ kind: 'array', items });

function ir(): IR {
  const models: Model[] = [
    { name: 'Tag', fields: [param('Key', S), param('Value', S)], sources: [] },
    { name: 'SystemDisk', fields: [param('Size', I), param('Category', S)], sources: [] },
    { name: 'DataDisk', fields: [param('Size', I), param('Category', S), param('Encrypted', B)], sources: [] },
  ];
  return {
    irVersion: 2,
    documents: [],
    commonParameters: [],
    operations: [
      op('RunThings', {
        request: [
          param('RegionId', S, { required: true, in: 'query' }),
          param('Amount', I, { in: 'query' }),
          param('DryRun', B, { in: 'query' }),
          param('InstanceId', arr(S), { in: 'query', encoding: 'flat' }),
          param('Tag', arr(ref('Tag')), { in: 'query', encoding: 'flat' }),
          param('SystemDisk', ref('SystemDisk'), { in: 'query', encoding: 'flat' }),
          param('DataDisk', arr(ref('DataDisk')), { in: 'query', encoding: 'flat' }),
          param('Policy', { kind: 'object' }, { in: 'query', encoding: 'json' }),
          param('HostNames', arr(S), { in: 'query', encoding: 'json' }),
          param('SystemDisk.AutoSnapshotPolicyId', S, { in: 'query' }), // a flat dotted name, as pages write some
        ],
        models,
      }),
      op('UpdateThing', {
        style: 'ROA',
        method: 'PUT',
        path: '/things/{thing_id}/pools/{pool id}',
        request: [
          param('thing_id', S, { required: true, in: 'path' }),
          param('pool id', S, { required: true }), // no `in`: the placeholder places it
          param('PageSize', I, { in: 'query' }),
          param('ids', arr(S), { in: 'query' }),
          param('x-acs-token', S, { in: 'header' }),
          param('name', S), // no `in`: a PUT body
          param('tags', arr(ref('Tag')), { in: 'body' }),
        ],
        models: models.slice(0, 1),
      }),
    ],
  };
}

let dir: string;
let rpc: Record<string, (...a: unknown[]) => unknown> & { operation: Record<string, unknown> };
let roa: Record<string, (...a: unknown[]) => unknown> & { operation: Record<string, unknown> };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'd2t-serialise-'));
  writeTreeAtomic(dir, await emitPackage(ir()));
  rpc = await import(pathToFileURL(join(dir, 'demo', '2020-01-01', 'RunThings.js')).href);
  roa = await import(pathToFileURL(join(dir, 'demo', '2020-01-01', 'UpdateThing.js')).href);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RPC: toQuery and fromQuery', () => {
  const request = {
    RegionId: 'cn-hangzhou',
    Amount: 2,
    DryRun: true,
    InstanceId: ['i-1', 'i-2'],
    Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team' }],
    SystemDisk: { Size: 40, Category: 'cloud_essd' },
    DataDisk: [{ Size: 100 }, { Size: 200, Category: 'cloud', Encrypted: false }],
    Policy: { a: [1, 2] },
    HostNames: ['h1', 'h2'],
    'SystemDisk.AutoSnapshotPolicyId': 'sp-1',
  };

  it('spells every value out under its exact wire name, every value a string', () => {
    expect(rpc.toQuery!(request)).toEqual({
      RegionId: 'cn-hangzhou',
      Amount: '2',
      DryRun: 'true',
      'InstanceId.1': 'i-1',
      'InstanceId.2': 'i-2',
      'Tag.1.Key': 'env',
      'Tag.1.Value': 'prod',
      'Tag.2.Key': 'team',
      'SystemDisk.Size': '40',
      'SystemDisk.Category': 'cloud_essd',
      'DataDisk.1.Size': '100',
      'DataDisk.2.Size': '200',
      'DataDisk.2.Category': 'cloud',
      'DataDisk.2.Encrypted': 'false',
      Policy: '{"a":[1,2]}',
      HostNames: '["h1","h2"]',
      'SystemDisk.AutoSnapshotPolicyId': 'sp-1',
    });
  });

  it('reads a query back into the request it came from (numbers and booleans typed again)', () => {
    expect(rpc.fromQuery!(rpc.toQuery!(request))).toEqual(request);
    expect(rpc.fromQuery!({ Unknown: 'x', Amount: 'many' })).toEqual({ Unknown: 'x', Amount: 'many' });
    const odd = rpc.fromQuery!(JSON.parse('{"__proto__": "x", "Tag.1.__proto__": "y"}')) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(odd, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('has its metadata at run time', () => {
    const m = rpc.operation;
    expect({ product: m.product, version: m.version, name: m.name, style: m.style, method: m.method, path: m.path }).toEqual({ product: 'Demo', version: '2020-01-01', name: 'RunThings', style: 'RPC', method: null, path: null });
    const ps = m.parameters as Array<{ name: string; in: string; encoding?: string }>;
    expect(ps.map((p) => `${p.name}:${p.in}:${p.encoding ?? ''}`)).toEqual([
      'RegionId:query:',
      'Amount:query:',
      'DryRun:query:',
      'InstanceId:query:flat',
      'Tag:query:flat',
      'SystemDisk:query:flat',
      'DataDisk:query:flat',
      'Policy:query:json',
      'HostNames:query:json',
      'SystemDisk.AutoSnapshotPolicyId:query:',
    ]);
    expect(roa.toQuery).toBeUndefined();
    expect(rpc.toRequest).toBeUndefined();
  });
});

describe('ROA: toRequest', () => {
  it('fills and percent-encodes the path, and puts each parameter where it travels', () => {
    const r = roa.toRequest!({ thing_id: 'a/b c', 'pool id': 'p?1', PageSize: 10, ids: ['x', 'y'], 'x-acs-token': 't', name: 'n', tags: [{ Key: 'k' }] });
    expect(r).toEqual({
      method: 'PUT',
      path: '/things/a%2Fb%20c/pools/p%3F1',
      query: { PageSize: '10', ids: '["x","y"]' },
      headers: { 'x-acs-token': 't' },
      body: { name: 'n', tags: [{ Key: 'k' }] },
    });
    expect((roa.toRequest!({ thing_id: 'a', 'pool id': 'b' }) as { body: unknown }).body).toBeUndefined();
    expect(() => roa.toRequest!({ thing_id: 'a' })).toThrow(/pool id/);
    const ps = roa.operation.parameters as Array<{ name: string; in: string }>;
    expect(ps.map((p) => `${p.name}:${p.in}`)).toEqual(['thing_id:path', 'pool id:path', 'PageSize:query', 'ids:query', 'x-acs-token:header', 'name:body', 'tags:body']);
  });

  it('the seeds: CreateCluster is POST /clusters with every parameter in the body', async () => {
    const m = await import(pathToFileURL(join(ROOT, 'generated', 'cs', '2015-12-15', 'CreateCluster.js')).href);
    const sample = m.createClusterSamples.managed.minimal;
    const r = m.toRequest(sample);
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/clusters');
    expect(r.body).toEqual(sample);
    expect(m.operation).toMatchObject({ product: 'CS', version: '2015-12-15', name: 'CreateCluster', style: 'ROA', method: 'POST', path: '/clusters' });
  });
});
