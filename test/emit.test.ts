/**
 * Emit stage: the generated package (issue 4, points 1, 2, 4, 5 and the type-check gate).
 * Runs on the seed pages' IR and on synthetic operations that stress names and text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Node, Project } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { syntheticIR } from './fixtures/consumer/synthetic-ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/manifest.ts';
import { emit, emitPackage, EmitCheckError, packageName } from '../generator/emit/index.ts';
import { COMPILER_OPTIONS, compileSources } from '../generator/emit/check.ts';
import { docComment, escapeCommentText } from '../generator/emit/comments.ts';
import { writeTreeAtomic, type OutputTree } from '../generator/io/output.ts';

const ROOT = join(import.meta.dirname, '..');
const MOD = 'cs/2015-12-15/CreateCluster';

/** Property → type text (with `| undefined` when optional) of an interface, as the checker resolves it. */
function resolvedProps(dts: string, name: string): Map<string, string> {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const file = project.createSourceFile('/types.d.ts', dts);
  const decl = file.getInterfaceOrThrow(name);
  const out = new Map<string, string>();
  for (const p of decl.getType().getProperties()) {
    const t = p.getTypeAtLocation(decl);
    out.set(p.getName(), t.getText(decl));
  }
  return out;
}

function seedIR(reverse = false): IR {
  const found = findDocuments(join(ROOT, 'docs'));
  const docs = readDocuments(found, { cache: false, threads: 1 });
  return buildIR(reverse ? docs.slice().reverse() : docs, loadManifest(join(ROOT, 'docs', 'manifest.json5')));
}

describe('emit: the seed package', () => {
  let ir: IR;
  let tree: OutputTree;
  beforeAll(async () => {
    ir = seedIR();
    tree = await emitPackage(ir);
  });

  it('is an npm package: name, version, ESM, exports, types, no runtime dependencies', () => {
    const pkg = JSON.parse(tree.get('package.json')!);
    expect(pkg.name).toBe('@docs2types/cs');
    expect(pkg.name).toBe(packageName(ir));
    expect(pkg.version).toBe('0.1.0');
    expect(pkg.type).toBe('module');
    expect(pkg.types).toBe('./index.d.ts');
    expect(pkg.exports['.']).toEqual({ types: './index.d.ts', default: './index.js' });
    expect(pkg.exports['./cs/2015-12-15/CreateCluster']).toEqual({ types: './cs/2015-12-15/CreateCluster.d.ts', default: './cs/2015-12-15/CreateCluster.js' });
    expect(pkg.exports['./cs']).toEqual({ types: './cs/index.d.ts', default: './cs/index.js' });
    expect(pkg.exports['./cs/2015-12-15']).toEqual({ types: './cs/2015-12-15/index.d.ts', default: './cs/2015-12-15/index.js' });
    // What ships: code, declarations, schemas, samples (and OpenAPI); never the IR or the reports.
    expect(pkg.files).toEqual(['index.js', 'index.d.ts', 'runtime.js', 'runtime.d.ts', 'cs/', 'schema/', 'samples/', 'openapi/', 'README.md']);
    expect(pkg.description.length).toBeLessThan(300);
    // Module support as stated: ESM only (no `require` condition anywhere), Node.js >= 18: the
    // code is ES2022 and the type-check allows no API beyond ES2015's (lib es5 + es2015.core/collection).
    expect(pkg.engines).toEqual({ node: '>=18' });
    expect(JSON.stringify(pkg.exports)).not.toMatch(/"require"|"import"/);
    expect(COMPILER_OPTIONS.lib).toEqual(['lib.es5.d.ts', 'lib.es2015.core.d.ts', 'lib.es2015.collection.d.ts']);
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg._generated).toMatch(/DO NOT EDIT/);
    for (const f of ['index.js', 'index.d.ts', `${MOD}.js`, `${MOD}.d.ts`, 'cs/index.js', 'cs/2015-12-15/index.js', 'runtime.js', 'runtime.d.ts', 'README.md']) {
      expect(tree.has(f), f).toBe(true);
    }
    // The JS imports nothing but its own files.
    for (const [path, text] of tree) {
      if (!path.endsWith('.js')) continue;
      for (const m of text.matchAll(/from ["']([^"']+)["']/g)) expect(m[1], `${path} imports ${m[1]}`).toMatch(/^\.\.?\//);
    }
  });

  it('starts every code file with the do-not-edit header; JSON schemas carry it in $comment', () => {
    for (const [path, text] of tree) {
      if (/\.(js|ts)$/.test(path)) expect(text.startsWith('/*\n'), path).toBe(true);
      if (/\.(js|ts)$/.test(path)) expect(text.slice(0, 400), path).toMatch(/DO NOT EDIT/);
      if (path.startsWith('schema/')) expect(JSON.parse(text).$comment, path).toMatch(/DO NOT EDIT/);
      if (path === 'README.md') expect(text.startsWith('<!-- ')).toBe(true);
    }
  });

  it('is deterministic: byte-identical across runs and whatever the document order', async () => {
    const again = await emitPackage(seedIR(true));
    expect([...again.keys()].sort()).toEqual([...tree.keys()].sort());
    for (const [k, v] of tree) expect(again.get(k), k).toBe(v);
  });

  it('declares the request as a discriminated union with literal discriminators, a base type and the models', () => {
    const d = tree.get(`${MOD}.d.ts`)!;
    expect(d).toMatch(/export type CreateClusterRequest =\s*\|?\s*CreateClusterRequestDedicated\s*\|\s*CreateClusterRequestEdge\s*\|\s*CreateClusterRequestManaged\s*\|\s*CreateClusterRequestServerless;/);
    // Variants pick what they share from the base type: ask the checker what they resolve to.
    const edge = resolvedProps(d, 'CreateClusterRequestEdge');
    const managed = resolvedProps(d, 'CreateClusterRequestManaged');
    expect(edge.get('cluster_type')).toBe('"ManagedKubernetes"');
    expect(edge.get('profile')).toBe('"Edge"');
    expect(edge.get('num_of_nodes')).toBe('number'); // required by the edge kind
    expect(edge.get('key_pair')).toBe('string | undefined'); // one of key_pair / login_password: neither required alone
    expect(edge.has('master_count')).toBe(false); // a dedicated-only parameter
    expect(managed.get('cluster_type')).toBe('"ManagedKubernetes"');
    expect(managed.get('profile')).toBe('"Default" | undefined'); // never 'Edge': that is the edge kind
    expect(managed.get('key_pair')).toBe('string | undefined');
    // ...and keep the base type's documentation of each property they pick (what editors show).
    expect(d).toMatch(/export interface CreateClusterRequestEdge\s+extends\s+Pick<\s*CreateClusterRequestBase,/);
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
    const edgeDecl = project.createSourceFile('/types.d.ts', d).getInterfaceOrThrow('CreateClusterRequestEdge');
    const nameDecl = edgeDecl.getType().getPropertyOrThrow('name').getDeclarations()[0]!;
    expect(Node.isPropertySignature(nameDecl) && nameDecl.getJsDocs()[0]!.getDescription()).toMatch(/The name of the cluster\./);
    expect(d).toMatch(/export interface CreateClusterRequestBase \{/);
    const base = d.slice(d.indexOf('export interface CreateClusterRequestBase'), d.indexOf('export interface CreateClusterRequestDedicated'));
    expect(base).toMatch(/\n {2}name: string;/);
    expect(base).toMatch(/\n {2}cluster_type: "Kubernetes" \| "ManagedKubernetes" \| "Ask" \| "ExternalKubernetes";/);
    expect(base).toMatch(/\n {2}vpcid\?: string;/); // not required by serverless
    for (const m of ['Runtime', 'Tag', 'Addon', 'Taint', 'DataDisk', 'Nodepool', 'NodepoolScalingGroup', 'NodepoolKubernetesConfig']) {
      expect(d, m).toMatch(new RegExp(`export interface ${m} \\{`));
    }
    expect(base).toMatch(/\n {2}runtime\?: Runtime;/); // an object, as the samples send it
    expect(base).toMatch(/\n {2}rds_instances\?: string\[\];/);
    expect(base).toMatch(/\n {2}worker_system_disk_size\?: number;/);
    expect(base).toMatch(/\n {2}tags\?: Tag\[\];/);
    expect(base).toMatch(/\n {2}nodepools\?: Nodepool\[\];/);
    expect(d).toMatch(/export interface CreateClusterResponse \{[^}]*cluster_id\?: string;/s);
  });

  it('documents properties in English and Chinese with @default, @example, @deprecated and file:line', () => {
    const d = tree.get(`${MOD}.d.ts`)!;
    const base = d.slice(d.indexOf('export interface CreateClusterRequestBase'), d.indexOf('export interface CreateClusterRequestDedicated'));
    const doc = (prop: string): string => {
      const end = base.indexOf(`\n  ${prop}`);
      return base.slice(base.lastIndexOf('/**', end), end);
    };
    expect(doc('timeout_mins?:')).toMatch(/@default 60/);
    expect(doc('timeout_mins?:')).toMatch(/@deprecated/);
    expect(doc('name:')).toMatch(/The name of the cluster/);
    expect(doc('name:')).toMatch(/集群名称/);
    expect(doc('name:')).toMatch(/@example demo-edge-cluster/);
    expect(doc('name:')).toMatch(/Source: docs\/000_43e04a5f97c052c2\.txt:\d+/);
    expect(doc('period?:')).toMatch(/period\?: 1 \| 2 \| 3 \| 6 \| 12 \| 24 \| 36 \| 48 \| 60;|@default 1/);
  });

  it('writes a JSON Schema 2020-12 per request and response that compiles under Ajv strict mode', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const name of ['request', 'response']) {
      const schema = JSON.parse(tree.get(`schema/${MOD}.${name}.schema.json`)!);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
    const req = JSON.parse(tree.get(`schema/${MOD}.request.schema.json`)!);
    expect(Object.keys(req.$defs)).toEqual(expect.arrayContaining(['CreateClusterRequestEdge', 'Runtime', 'NodepoolScalingGroup']));
    expect(req.$defs.CreateClusterRequestEdge.required).toEqual(expect.arrayContaining(['profile', 'num_of_nodes']));
    expect(req.$defs.CreateClusterRequestEdge.anyOf).toEqual([{ properties: { key_pair: true }, required: ['key_pair'] }, { properties: { login_password: true }, required: ['login_password'] }]);
    expect(req.$defs.CreateClusterRequestEdge.additionalProperties).toBe(false);
  });

  it('writes a minimal and a full sample per variant, from the pages where they are valid', () => {
    for (const kind of ['dedicated', 'managed', 'edge', 'serverless']) {
      for (const size of ['minimal', 'full']) expect(tree.has(`samples/${MOD}.${kind}.${size}.json`), `${kind} ${size}`).toBe(true);
    }
    const edgeFull = JSON.parse(tree.get(`samples/${MOD}.edge.full.json`)!);
    expect(edgeFull.cluster_type).toBe('ManagedKubernetes');
    expect(edgeFull.profile).toBe('Edge');
    // Values the edge pages' own samples send (newest page first).
    const edgeNames = ir.documents.flatMap((d) => d.samples).filter((s) => s.kind === 'request' && s.ok && (s.value as { profile?: string })?.profile === 'Edge').map((s) => (s.value as { name: string }).name);
    expect(edgeNames).toContain(edgeFull.name);
    expect(edgeFull.name).toBe('ACK Edge cluster'); // docs/004 (2026) is the newest edge page
    const managedMin = JSON.parse(tree.get(`samples/${MOD}.managed.minimal.json`)!);
    expect(Object.keys(managedMin).sort()).toEqual(['cluster_type', 'name', 'region_id', 'service_cidr', 'vpcid', 'vswitch_ids']);
    const managedFull = JSON.parse(tree.get(`samples/${MOD}.managed.full.json`)!);
    // Every non-deprecated parameter of the kind is there, deprecated ones only when required.
    expect(managedFull.enable_rrsa).toBeDefined();
    expect(managedFull.disable_rollback).toBeUndefined();
    expect(tree.get(`${MOD}.js`)!).toMatch(/export const createClusterSamples = \{/);
  });
});

describe('emit: any operation', () => {
  let tree: OutputTree;
  let dir: string;
  beforeAll(async () => {
    tree = await emitPackage(syntheticIR());
    dir = mkdtempSync(join(tmpdir(), 'docs2types-emit-'));
    writeTreeAtomic(dir, tree);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const D = 'demo/2020-01-01';
  const dts = (op: string): string => tree.get(`${D}/${op}.d.ts`)!;

  it('handles no variants, no models, response-only operations and names that are not identifiers', () => {
    const d = dts('DescribeThings');
    expect(d).toMatch(/export interface DescribeThingsRequest \{/);
    expect(d).toMatch(/export type DescribeThingsRequestBase = DescribeThingsRequest;/);
    expect(d).toMatch(/\n {2}"Tag\.N\.Key"\?: string;/);
    expect(d).toMatch(/\n {2}"display-name": string;/);
    expect(d).toMatch(/\n {2}__proto__\?: string;/);
    expect(d).toMatch(/\n {2}地区\?: "华北" \| "华东";/);
    expect(dts('GetStatus')).toMatch(/export interface GetStatusResponse \{/);
    expect(dts('GetStatus')).not.toMatch(/GetStatusRequest/);
    expect(dts('创建实例')).toMatch(/export interface 创建实例Request \{/);
    expect(tree.has(`schema/${D}/GetStatus.response.schema.json`)).toBe(true);
    expect(tree.has(`samples/${D}/DescribeThings.default.full.json`)).toBe(true);
  });

  it('names models within their operation: the same model name in two operations is two modules, neither prefixed', () => {
    expect(dts('DescribeThings')).toMatch(/export interface Tag \{/);
    expect(dts('ListOthers')).toMatch(/export interface Tag \{/);
    expect(dts('DescribeThings')).toMatch(/export interface Thing \{[^}]*tag\?: Tag;/s);
  });

  it('escapes */ in one place: no text ends a comment early', () => {
    const d = dts('DescribeThings');
    expect(d).toMatch(/Ends a comment: \*\\\/ \/\* and again \*\\\//);
    expect(d).toMatch(/分页大小。\*\\\/ 不能结束注释/);
    expect(escapeCommentText('a */ b')).toBe('a *\\/ b');
    expect(docComment(['x */ y']).text).toBe('/**\n * x *\\/ y\n */');
    // Every comment opened in the .d.ts closes where it should: stripping comments leaves valid code
    // (the full type-check above already proved it compiles).
    expect(d.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/\*\//);
  });

  it('imports and validates at run time, by subpath and through the namespaces', async () => {
    const mod = await import(pathToFileURL(join(dir, D, 'DescribeThings.js')).href);
    const root = await import(pathToFileURL(join(dir, 'index.js')).href);
    expect(root.Demo.v2020_01_01.DescribeThings.validateDescribeThingsRequest).toBe(mod.validateDescribeThingsRequest);
    const ok = mod.validateDescribeThingsRequest({ 'display-name': '名字', PageSize: 5, tags: [{ key: 'a' }], meta: { a: 1 } });
    expect(ok.ok).toBe(true);
    const bad = mod.validateDescribeThingsRequest(JSON.parse('{"display-name":"x","__proto__":1,"constructor":"no","PageSize":0,"tags":[{},{"key":"a"},{"key":"b"}],"meta":{"a/b":"x"}}'));
    expect(bad.ok).toBe(false);
    const codes = bad.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort();
    expect(codes).toEqual(
      [
        '/__proto__ type',
        '/constructor type',
        '/display-name minLength',
        '/PageSize minimum',
        '/tags maxItems',
        '/tags/0/key required',
        '/meta/a~1b type',
      ].sort(),
    );
    expect(({} as Record<string, unknown>).constructor).toBe(Object); // nothing polluted
    const status = await import(pathToFileURL(join(dir, D, 'GetStatus.js')).href);
    expect(status.validateGetStatusResponse({ status: 'ok' }).ok).toBe(true);
    const cn = await import(pathToFileURL(join(dir, D, '创建实例.js')).href);
    expect(cn.validate创建实例Request({ 名称: 'x' }).ok).toBe(true);
    expect(mod.validateDescribeThingsRequest({ 'display-name': 'ab', old: 'x' }).warnings.map((w: { code: string }) => w.code)).toEqual(['deprecated']);
  });
});

describe('emit: an operation that cannot be emitted', () => {
  it('is left out with an error naming its first page; everything else is written', async () => {
    process.env.DOCS2TYPES_FAULT = 'emit-type-error';
    let r: Awaited<ReturnType<typeof emit>>;
    try {
      r = await emit(syntheticIR());
    } finally {
      delete process.env.DOCS2TYPES_FAULT;
    }
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ file: 'docs/x.md', severity: 'error', code: 'emit-failed' });
    expect(d.line).toBeGreaterThan(0);
    expect(d.message).toMatch(/^operation Demo\/2020-01-01\/\S+ is left out of the package: its module does not type-check: .*Cannot find name 'NoSuchType'/);
    const left = d.message.split(' ')[1]!.split('/')[2]!;
    const modules = [...r.tree.keys()].filter((k) => /^demo\/2020-01-01\/[^/]+\.js$/.test(k) && !k.endsWith('index.js'));
    expect(modules.length).toBe(syntheticIR().operations.length - 1);
    expect(modules.some((m) => m.endsWith(`/${left}.js`))).toBe(false);
    expect(r.tree.get('demo/2020-01-01/index.js')).not.toMatch(new RegExp(`\\./${left}\\.js`));
    expect(JSON.parse(r.tree.get('package.json')!).exports[`./demo/2020-01-01/${left}`]).toBeUndefined();
  });

  it('fails the run when it leaves nothing (the previous output stays)', async () => {
    process.env.DOCS2TYPES_FAULT = 'emit-type-error';
    try {
      const one = syntheticIR();
      one.operations = one.operations.slice(0, 1);
      await expect(emit(one)).rejects.toBeInstanceOf(EmitCheckError);
    } finally {
      delete process.env.DOCS2TYPES_FAULT;
    }
  });
});

describe('emit: the type-check gate', () => {
  it('throws an error naming file:line when generated code does not type-check', () => {
    const sources = new Map([
      ['types.d.ts', 'export interface A { a: string }\n'],
      ['index.ts', "import type { A } from './types.js';\n\nexport const a: A = { a: 1 };\n"],
    ]);
    let error: unknown;
    try {
      compileSources(sources);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmitCheckError);
    expect((error as Error).message).toMatch(/index\.ts:3: /);
    expect((error as Error).message).toMatch(/export const a: A = \{ a: 1 \};/);
  });
});
