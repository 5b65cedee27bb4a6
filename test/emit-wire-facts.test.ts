/**
 * Facts the IR carries that emit must honour (issue 13 follow-ups), on synthetic operations:
 * a range's `also` ("1 to 5120, or -1": NumericRange.also) in the validator, the JSON Schema and
 * the documentation; an operation's `requiredOneOf` ("set key_pair or login_password") in the
 * validator, the JSON Schema and the request type; a parameter that is the whole body
 * (Parameter.isBody) sent as the body by `toRequest`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR, TypeRef } from '../generator/model/ir.ts';
import { emitPackage } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { op, param } from './fixtures/consumer/synthetic-ir.ts';

const S: TypeRef = { kind: 'string' };
const I: TypeRef = { kind: 'integer' };

function ir(): IR {
  return {
    irVersion: 2,
    documents: [],
    commonParameters: [],
    operations: [
      op('SetBandwidth', {
        style: 'RPC',
        method: null,
        path: null,
        request: [param('Bandwidth', I, { in: 'query', range: { min: 1, max: 5120, also: [-1] } }), param('Weight', I, { in: 'query', range: { min: 0, max: 100 } })],
      }),
      op('ResetLogin', {
        request: [param('cluster_id', S, { in: 'body', required: true }), param('key_pair', S, { in: 'body' }), param('login_password', S, { in: 'body' })],
        requiredOneOf: [['key_pair', 'login_password']],
      }),
      op('InstallThings', {
        method: 'POST',
        path: '/things/{thing_id}/install',
        request: [
          param('thing_id', S, { in: 'path', required: true }),
          param('body', { kind: 'array', items: { kind: 'ref', name: 'body' } }, { in: 'body', isBody: true, required: true, position: 'Body' }),
        ],
        models: [{ name: 'body', fields: [param('name', S, { required: true }), param('version', S)], sources: [] }],
      }),
    ],
  };
}

type Result = { ok: boolean; errors?: { path: string; code: string; message: { en: string } }[] };
type Mod = Record<string, unknown>;

let dir = '';
const mods = new Map<string, Mod>();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'd2t-wire-facts-'));
  writeTreeAtomic(dir, await emitPackage(ir()));
  for (const name of ['SetBandwidth', 'ResetLogin', 'InstallThings']) mods.set(name, (await import(pathToFileURL(join(dir, 'demo', '2020-01-01', `${name}.js`)).href)) as Mod);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const validate = (name: string, v: unknown): Result => (mods.get(name)![`validate${name}Request`] as (v: unknown) => Result)(v);
const schema = (name: string): object => JSON.parse(readFileSync(join(dir, 'schema', 'demo', '2020-01-01', `${name}.request.schema.json`), 'utf8')) as object;
const ajvValid = (name: string, v: unknown): boolean => new Ajv2020({ strict: true, allErrors: true }).compile(schema(name))(v) as boolean;

describe('a range with numbers allowed besides it (NumericRange.also)', () => {
  it('the validator takes the range and the extra numbers, nothing else', () => {
    for (const b of [-1, 1, 5120]) expect(validate('SetBandwidth', { Bandwidth: b }).ok).toBe(true);
    for (const b of [0, -2, 5121]) {
      const r = validate('SetBandwidth', { Bandwidth: b });
      expect(r.ok).toBe(false);
      expect(r.errors![0]!.message.en).toMatch(/^must be [<>]= \d+ or -1$/);
    }
    // A range without `also` is as before.
    expect(validate('SetBandwidth', { Weight: -1 }).ok).toBe(false);
  });

  it('the JSON Schema gives the same verdicts, and the documentation states the extra numbers', () => {
    for (const b of [-1, 1, 5120, 0, -2, 5121]) expect(ajvValid('SetBandwidth', { Bandwidth: b })).toBe(validate('SetBandwidth', { Bandwidth: b }).ok);
    expect(readFileSync(join(dir, 'demo', '2020-01-01', 'SetBandwidth.d.ts'), 'utf8')).toContain('Range: 1 to 5120, or -1.');
  });
});

describe('an operation-level "set X or Y" (OperationModel.requiredOneOf)', () => {
  it('the validator requires one member of the group, and the JSON Schema agrees', () => {
    for (const v of [{ cluster_id: 'c' }, { cluster_id: 'c', key_pair: 'k' }, { cluster_id: 'c', login_password: 'p' }, { cluster_id: 'c', key_pair: 'k', login_password: 'p' }]) {
      const r = validate('ResetLogin', v);
      expect(r.ok).toBe('key_pair' in v || 'login_password' in v);
      expect(ajvValid('ResetLogin', v)).toBe(r.ok);
    }
    expect(validate('ResetLogin', { cluster_id: 'c' }).errors).toEqual([expect.objectContaining({ code: 'required', message: expect.objectContaining({ en: 'one of "key_pair", "login_password" is required' }) })]);
  });

  it('the request type says so: a request with neither does not type-check, one with either does', () => {
    const snippet = join(dir, 'use.ts');
    const text = [
      `import type { ResetLoginRequest, ResetLoginRequestBase } from './demo/2020-01-01/ResetLogin.js';`,
      `export const a: ResetLoginRequest = { cluster_id: 'c', key_pair: 'k' };`,
      `export const b: ResetLoginRequest = { cluster_id: 'c', login_password: 'p' };`,
      `export const base: ResetLoginRequestBase = { cluster_id: 'c' };`,
      `// @ts-expect-error neither key_pair nor login_password`,
      `export const c: ResetLoginRequest = { cluster_id: 'c' };`,
    ].join('\n');
    const host = ts.createCompilerHost({});
    const read = host.readFile.bind(host);
    host.readFile = (f) => (f === snippet ? text : read(f));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (f) => f === snippet || fileExists(f);
    const program = ts.createProgram([snippet], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] }, host);
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });
});

describe('a parameter that is the whole body (Parameter.isBody)', () => {
  it('toRequest sends its value as the body, not under its name, and the metadata says so', () => {
    const m = mods.get('InstallThings')!;
    const http = (m.toRequest as (r: unknown) => { method: string; path: string; body: unknown })({ thing_id: 't 1', body: [{ name: 'a' }, { name: 'b', version: '1' }] });
    expect(http).toMatchObject({ method: 'POST', path: '/things/t%201/install', body: [{ name: 'a' }, { name: 'b', version: '1' }] });
    expect((m.operation as { parameters: unknown[] }).parameters).toEqual([
      expect.objectContaining({ name: 'thing_id', in: 'path' }),
      expect.objectContaining({ name: 'body', in: 'body', isBody: true }),
    ]);
    expect(validate('InstallThings', { thing_id: 't', body: [{ name: 'a' }] }).ok).toBe(true);
  });
});
