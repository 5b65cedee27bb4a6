/**
 * OpenAPI 3.1 export (issue 14 point 4): every document written for the seeds, for synthetic
 * operations and (when ../shared is there) for the whole corpus is valid against the official
 * OpenAPI 3.1 schema (@seriousme/openapi-schema-validator) and holds what the schema cannot check
 * (every `$ref` resolves, path placeholders and path parameters agree, operationIds and
 * parameters are unique, every component compiles under Ajv2020 strict); the components are the
 * JSON Schema files' definitions; and openapi-typescript, run over the seeds' document, gives
 * types our own samples type-check against (tsc --strict), while wrong samples do not.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/manifest.ts';
import { emitPackage, type OutputTree } from '../generator/emit/index.ts';
import { buildShapes, type PackageShapes } from '../generator/emit/shapes.ts';
import { buildOpenApi, emitOpenApi, type OpenApiExport } from '../generator/emit/openapi/index.ts';
import { placeholders } from '../generator/emit/openapi/operation.ts';
import { componentKey, X } from '../generator/emit/openapi/style.ts';
import { openApiIR } from './fixtures/openapi/synthetic-ir.ts';
import { ROOT } from './helpers/golden.ts';

type Obj = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

async function validate(doc: unknown): Promise<{ valid: boolean; version: string; errors: unknown }> {
  const v = new Validator();
  // A copy: the validator may annotate what it is given.
  const r = await v.validate(JSON.parse(JSON.stringify(doc)));
  return { valid: r.valid, version: v.version, errors: r.errors };
}

/** What the OpenAPI schema cannot check; returns the problems found. */
function lintDocument(doc: Obj): string[] {
  const problems: string[] = [];
  const schemas = ((doc.components as Obj | undefined)?.schemas ?? {}) as Obj;
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref') {
        const m = /^#\/components\/schemas\/([^/]+)$/.exec(String(x));
        if (!m || !Object.prototype.hasOwnProperty.call(schemas, m[1]!)) problems.push(`${at}: $ref ${String(x)} does not resolve`);
      } else walk(x, `${at}/${k}`);
    }
  };
  walk(doc, '#');
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Obj>)) {
    const shared = (item.parameters ?? []) as Obj[];
    for (const m of METHODS) {
      const op = item[m] as Obj | undefined;
      if (!op) continue;
      const id = String(op.operationId);
      if (ids.has(id)) problems.push(`${m} ${path}: operationId ${id} twice`);
      ids.add(id);
      const params = [...shared, ...((op.parameters ?? []) as Obj[])];
      const keys = params.map((p) => `${String(p.in)} ${String(p.name)}`);
      if (new Set(keys).size !== keys.length) problems.push(`${m} ${path}: a parameter twice`);
      const inPath = params.filter((p) => p.in === 'path').map((p) => String(p.name)).sort();
      if (!isDeepStrictEqual(inPath, placeholders(path).sort())) problems.push(`${m} ${path}: path parameters ${inPath.join(',')} ≠ placeholders`);
      if (!op.responses) problems.push(`${m} ${path}: no responses`);
    }
  }
  return problems;
}

/** Ajv2020, strict, with our annotations declared: every component compiles (a typo in a keyword fails). */
function componentCompiler(doc: Obj): (key: string) => (v: unknown) => boolean {
  const ajv = new Ajv2020({ strict: true });
  for (const k of [X.descriptionZh, X.source, 'components']) ajv.addKeyword({ keyword: k });
  ajv.addSchema({ $id: 'https://docs2types.invalid/doc', components: doc.components ?? {} });
  return (key) => ajv.compile({ $ref: `https://docs2types.invalid/doc#/components/schemas/${key}` }) as (v: unknown) => boolean;
}

function seedIR(): IR {
  const found = findDocuments(join(ROOT, 'docs'));
  return buildIR(readDocuments(found, { cache: false, threads: 1 }), loadManifest(join(ROOT, 'docs', 'manifest.json5')));
}

describe('OpenAPI: the seeds', () => {
  let ir: IR;
  let shapes: PackageShapes;
  let tree: OutputTree;
  let doc: Obj;
  beforeAll(async () => {
    ir = seedIR();
    shapes = buildShapes(ir);
    tree = await emitPackage(ir);
    doc = JSON.parse(tree.get('openapi/cs-2015-12-15.json')!);
  });

  it('writes one document per product and version into the package, exported by package.json', () => {
    expect([...tree.keys()].filter((p) => p.startsWith('openapi/'))).toEqual(['openapi/cs-2015-12-15.json']);
    expect([...emitOpenApi(ir, shapes)]).toEqual([['openapi/cs-2015-12-15.json', tree.get('openapi/cs-2015-12-15.json')]]);
    expect(JSON.parse(tree.get('package.json')!).exports['./openapi/*']).toBe('./openapi/*');
    expect(doc[X.generated]).toMatch(/DO NOT EDIT/);
  });

  it('is valid OpenAPI 3.1, and the validator does reject broken documents', async () => {
    const r = await validate(doc);
    expect(r.errors).toBeUndefined();
    expect(r).toMatchObject({ valid: true, version: '3.1' });
    expect(lintDocument(doc)).toEqual([]);
    // Negative controls: the validator is not blind.
    const broken = (edit: (d: Obj) => void): Obj => {
      const d = JSON.parse(JSON.stringify(doc)) as Obj;
      edit(d);
      return d;
    };
    expect((await validate(broken((d) => ((d.paths as Obj)['clusters'] = {})))).valid).toBe(false);
    expect((await validate(broken((d) => (((d.components as Obj).schemas as Obj)['Create Cluster'] = {})))).valid).toBe(false);
    expect((await validate(broken((d) => ((d.paths as Obj)['/clusters/{id}'] = { get: { parameters: [{ name: 'id', in: 'path', schema: {} }], responses: {} } })))).valid).toBe(false);
    expect(lintDocument(broken((d) => (((d.paths as Obj)['/clusters'] as Obj).post as Obj).responses = { 200: { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } }))).toHaveLength(1);
  });

  it('POST /clusters with the request as its JSON body, the response, both languages and the pages', () => {
    const post = ((doc.paths as Obj)['/clusters'] as Obj).post as Obj;
    expect(post.operationId).toBe('CreateCluster');
    // The English pages have two titles (one per kind they describe): none is the operation's.
    expect(post).toMatchObject({ summary: '创建集群', [X.summaryZh]: '创建集群' });
    expect(post.parameters).toBeUndefined();
    expect(post.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateClusterRequest' } } } });
    expect(((post.responses as Obj)['200'] as Obj).content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/CreateClusterResponse' } } });
    // The line naming the operation on each page (docs/000: the OpenAPI Explorer link, line 7).
    expect(post[X.source]).toEqual(['docs/000_43e04a5f97c052c2.txt:7', 'docs/001_f0118c1a963c3406.txt:1', 'docs/002_1dd93588f18cb584.txt:9', 'docs/003_1688ff0bbc61cdc8.txt:1', 'docs/004_65ea0e32433b0565.txt:9']);
    const schemas = (doc.components as Obj).schemas as Record<string, Obj>;
    expect((schemas.CreateClusterRequest!.oneOf as Obj[]).map((r) => r.$ref)).toEqual(['Dedicated', 'Edge', 'Managed', 'Serverless'].map((k) => `#/components/schemas/CreateClusterRequest${k}`));
    const name = (schemas.CreateClusterRequestManaged!.properties as Record<string, Obj>).name!;
    expect(name.description).toMatch(/^The name of the cluster\./);
    expect(name[X.descriptionZh]).toMatch(/^集群名称。/);
    expect(name[X.source]).toContain('docs/000_43e04a5f97c052c2.txt:24');
    expect(name).toMatchObject({ type: 'string', minLength: 1, maxLength: 63 });
  });

  it('components are the JSON Schema files’ definitions, in the OpenAPI style of text and provenance', () => {
    const schemaFile = JSON.parse(tree.get('schema/cs/2015-12-15/CreateCluster.request.schema.json')!) as Obj;
    const responseFile = JSON.parse(tree.get('schema/cs/2015-12-15/CreateCluster.response.schema.json')!) as Obj;
    // A component is named after its operation: a definition whose name does not start with it takes it first.
    const q = (n: string): string => (n.startsWith('CreateCluster') ? n : `CreateCluster${n}`);
    const fileDefs: Record<string, unknown> = Object.fromEntries(Object.entries(schemaFile.$defs as Obj).map(([k, v]) => [q(k), v]));
    const { $schema: _s, $comment: _c, ...responseRoot } = responseFile;
    fileDefs.CreateClusterResponse = responseRoot;
    const components = (doc.components as Obj).schemas as Obj;
    // Text and provenance aside (both languages joined and a Source line in the files), refs re-pointed: equal.
    const strip = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(strip);
      if (!v || typeof v !== 'object') return v;
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'description' || k === X.descriptionZh || k === X.source) continue;
        out[k] = k === '$ref' ? String(x).replace('#/components/schemas/', '#/$defs/').replace(/^#\/\$defs\/(?!CreateCluster)/, '#/$defs/CreateCluster') : strip(x);
      }
      return out;
    };
    const names = Object.keys(components).filter((k) => k !== 'CreateClusterRequest');
    expect(names.sort()).toEqual(Object.keys(fileDefs).sort());
    for (const n of names) expect(strip(components[n]), n).toEqual(strip(fileDefs[n]));
  });

  it('the union of kinds gives the verdicts of the schema file’s if/then/else chain (ajv, on mutated samples)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const fileValidate = ajv.compile(JSON.parse(tree.get('schema/cs/2015-12-15/CreateCluster.request.schema.json')!));
    const oaValidate = componentCompiler(doc)('CreateClusterRequest');
    const samples = [...tree.keys()].filter((p) => p.startsWith('samples/')).map((p) => JSON.parse(tree.get(p)!) as Obj);
    const discriminators: Array<[string, unknown]> = [['cluster_type', 'Kubernetes'], ['cluster_type', 'ManagedKubernetes'], ['cluster_type', 'Ask'], ['cluster_type', 'Nope'], ['profile', 'Edge'], ['profile', 'Default']];
    const payloads: unknown[] = [null, {}, [], 'x'];
    for (const s of samples) {
      payloads.push(s, { ...s, zz_unknown: 1 });
      for (const [k, v] of discriminators) payloads.push({ ...s, [k]: v });
      for (const k of Object.keys(s)) {
        const { [k]: _drop, ...rest } = s;
        payloads.push(rest);
        for (const bad of [12345, 'x', null, {}, [], true]) payloads.push({ ...s, [k]: bad });
      }
    }
    const disagree = payloads.filter((p) => fileValidate(p) !== oaValidate(p)).map((p) => JSON.stringify(p).slice(0, 200));
    expect(disagree.slice(0, 3)).toEqual([]);
    const valid = payloads.filter((p) => fileValidate(p)).length;
    expect(payloads.length).toBeGreaterThan(1000);
    expect(valid).toBeGreaterThan(50);
    expect(payloads.length - valid).toBeGreaterThan(500);
  });

  describe('openapi-typescript round trip', () => {
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'docs2types-openapi-ts-'));
      // defaultNonNullable: false — a request property with a default is still optional to send.
      const ast = await openapiTS(JSON.parse(JSON.stringify(doc)), { silent: true, defaultNonNullable: false });
      writeFileSync(join(dir, 'api.ts'), astToString(ast));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Type-checks `source` (importing ./api.ts) with tsc --strict --noEmit; the errors, as `line: message`. */
    function check(source: string): string[] {
      const file = join(dir, `check-${Math.random().toString(36).slice(2)}.ts`);
      writeFileSync(file, source);
      const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, skipLibCheck: true, types: [] });
      return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.getLineAndCharacterOfPosition(d.start!).line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
    const HEAD = "import type { operations } from './api.ts';\ntype Body = NonNullable<operations['CreateCluster']['requestBody']>['content']['application/json'];\n";

    it('every sample request of the package type-checks against the request body type', () => {
      const samples = [...tree.keys()].filter((p) => /^samples\/.*\.json$/.test(p)).sort();
      expect(samples).toHaveLength(8);
      const source = HEAD + samples.map((p, i) => `// ${p}\nexport const s${i}: Body = ${tree.get(p)!.trim()};\n`).join('');
      expect(check(source)).toEqual([]);
    });

    it('and samples that break the types do not (the round trip can fail)', () => {
      const managed = JSON.parse(tree.get('samples/cs/2015-12-15/CreateCluster.managed.minimal.json')!) as Obj;
      const cases = [
        { ...managed, name: 42 }, // wrong type
        { ...managed, cluster_type: 'Nope' }, // no such kind
        { ...managed, zz_unknown: 1 }, // unknown property
        (({ name: _n, ...rest }) => rest)(managed), // required property missing
      ];
      const source = HEAD + cases.map((c, i) => `export const bad${i}: Body = ${JSON.stringify(c)};\n`).join('');
      const errors = check(source);
      // One error per case, each on its own line (lines 3 to 6).
      expect([...new Set(errors.map((e) => e.split(':')[0]))]).toEqual(['3', '4', '5', '6']);
    });
  });
});

describe('OpenAPI: synthetic operations', () => {
  let ex: OpenApiExport;
  let doc: Obj;
  let paths: Record<string, Obj>;
  beforeAll(() => {
    const ir = openApiIR();
    ex = buildOpenApi(ir, buildShapes(ir));
    doc = ex.documents.find((d) => d.product === 'Demo')!.document;
    paths = doc.paths as Record<string, Obj>;
  });

  it('one valid document per product and version; products differing only in case get their own file', async () => {
    expect(ex.documents.map((d) => [d.file, d.product, d.version, d.placed.map((o) => o.op.name)])).toEqual([
      ['openapi/demo-2020-01-01.json', 'DEMO', '2020-01-01', ['Shout']],
      ['openapi/demo-2020-01-01-2.json', 'Demo', '2020-01-01', ['GetThing', 'Mixed', 'RunThings', 'UpdateThing']],
    ]);
    for (const d of ex.documents) {
      const r = await validate(d.document);
      expect(r.errors, d.file).toBeUndefined();
      expect(lintDocument(d.document), d.file).toEqual([]);
      const compile = componentCompiler(d.document);
      for (const key of Object.keys(((d.document.components as Obj | undefined)?.schemas ?? {}) as Obj)) expect(() => compile(key), key).not.toThrow();
    }
  });

  it('lists what it could not write: omitted operations with the reason, operations without a version apart', () => {
    expect(ex.unassigned.map((o) => o.op.id)).toEqual(['Demo/_/NoVersion']);
    expect(doc[X.omitted]).toEqual([
      { operation: 'Broken', id: 'Demo/2020-01-01/Broken', reason: 'ROA operation without a path', [X.source]: ['docs/demo.md:1'] },
      { operation: 'WipeThing', id: 'Demo/2020-01-01/WipeThing', reason: "PUT /things/{other} is already UpdateThing's", [X.source]: ['docs/demo.md:1'] },
    ]);
  });

  it('RPC: /?Action=<Name>, GET and POST sharing the query parameters, Action fixed, structured values serialised as stated', () => {
    const item = paths['/?Action=RunThings']!;
    expect(Object.keys(item)).toEqual(['parameters', 'get', 'post']);
    expect([(item.get as Obj).operationId, (item.post as Obj).operationId]).toEqual(['RunThings_get', 'RunThings']);
    expect(item.post).toMatchObject({ summary: 'Run things', [X.summaryZh]: '运行' });
    expect((item.post as Obj).requestBody).toBeUndefined();
    const params = item.parameters as Obj[];
    const byName = new Map(params.map((p) => [p.name, p]));
    expect(params.every((p) => p.in === 'query')).toBe(true);
    // Only Chinese: the description is the Chinese, and x-description-zh says so too.
    expect(byName.get('Action')).toMatchObject({ required: true, schema: { type: 'string', enum: ['RunThings'] }, description: '系统规定参数。', [X.descriptionZh]: '系统规定参数。' });
    expect(byName.get('RegionId')).toMatchObject({ required: true, description: 'The region.', [X.descriptionZh]: '地域。', schema: { type: 'string' } });
    // No encoding in the IR: RPC's own, flat.
    expect(byName.get('Tag')).toMatchObject({ schema: { type: 'array', items: { $ref: '#/components/schemas/RunThingsTag' }, maxItems: 20 }, [X.serialization]: { style: 'flat', names: ['Tag.{n}.Key', 'Tag.{n}.Value'] } });
    expect(byName.get('SystemDisk')![X.serialization]).toEqual({ style: 'flat', names: ['SystemDisk.Size', 'SystemDisk.Category'] });
    expect(byName.get('InstanceId')![X.serialization]).toEqual({ style: 'flat', names: ['InstanceId.{n}'] });
    // A JSON string on the wire: OpenAPI's content parameter.
    const options = byName.get('Options')!;
    expect(options.schema).toBeUndefined();
    expect(options.content).toEqual({ 'application/json': { schema: { type: 'array', items: { type: 'string' } } } });
    expect(options[X.serialization]).toEqual({ style: 'json', names: ['Options'] });
    expect(byName.get('RegionId')![X.source]).toEqual(['docs/demo.md:2']);
    const systemDisk = ((doc.components as Obj).schemas as Record<string, Obj>).RunThingsSystemDisk!;
    expect(systemDisk[X.source]).toEqual(['docs/demo.md:99']);
  });

  it('ROA: the path without its query string, path/query/header parameters, the rest as the JSON body', () => {
    // GetThing (first by id) took /things/{id}: UpdateThing's /things/{thing_id} joins it.
    const put = paths['/things/{id}']!.put as Obj;
    expect((put.parameters as Obj[]).map((p) => [p.in, p.name, p.required ?? false, p[X.name] ?? null])).toEqual([
      ['path', 'id', true, 'thing_id'],
      ['query', 'force', false, null],
      ['header', 'x-acs-token', false, null],
    ]);
    const body = ((put.requestBody as Obj).content as Obj)['application/json'] as Obj;
    expect(Object.keys((body.schema as Obj).properties as Obj)).toEqual(['name', 'labels']);
    expect((body.schema as Obj).required).toEqual(['name']);
    expect((put.requestBody as Obj).required).toBe(true);
    expect((put[X.unplaced] as Obj[]).map((u) => [u.name, u.in, u.reason])).toEqual([['stray', 'path', 'the path template "/things/{thing_id}" has no {stray}']]);
  });

  it('a path that differs only in a placeholder name joins the first one; a renamed parameter keeps the pages’ name in x-docs2types-name', () => {
    expect(Object.keys(paths).filter((p) => p.startsWith('/things'))).toEqual(['/things/{id}']);
    expect(Object.keys(paths['/things/{id}']!)).toEqual(['get', 'put']);
    // GetThing's `id` has no stated place: a name of the path template is a path parameter.
    const get = paths['/things/{id}']!.get as Obj;
    expect(get.parameters).toEqual([{ name: 'id', in: 'path', description: 'The thing.', required: true, schema: { type: 'string' }, [X.source]: [expect.stringMatching(/^docs\/demo\.md:\d+$/)] }]);
  });

  it('variants with a query parameter beside the body: the body is the union of the kinds without it', () => {
    const post = paths['/mixed']!.post as Obj;
    expect((post.parameters as Obj[]).map((p) => p.name)).toEqual(['page']);
    const schema = (((post.requestBody as Obj).content as Obj)['application/json'] as Obj).schema as Obj;
    const kinds = schema.oneOf as Obj[];
    expect(kinds.map((k) => Object.keys(k.properties as Obj))).toEqual([
      ['kind', 'a_only'],
      ['kind', 'b_only'],
    ]);
    expect(kinds.map((k) => (k.properties as Record<string, Obj>).kind!.enum)).toEqual([['A'], ['B']]);
  });

  it('component keys hold only what OpenAPI allows, two names never share one, and refs follow', () => {
    expect(componentKey('CreateClusterRequest')).toBe('CreateClusterRequest');
    expect(componentKey('配置')).toBe('-914d.-7f6e.');
    expect(componentKey('A$')).not.toBe(componentKey('A_'));
    expect(componentKey('a-b')).not.toBe(componentKey('a.b'));
    const schemas = (doc.components as Obj).schemas as Obj;
    expect(Object.keys(schemas).every((k) => /^[A-Za-z0-9._-]+$/.test(k))).toBe(true);
    const config = ((schemas.GetThingResponse as Obj).properties as Record<string, Obj>).config!;
    // A definition not named after its operation takes the operation's name first (names are unique per operation).
    expect(config.$ref).toBe('#/components/schemas/GetThing-914d.-7f6e.');
  });

  it('is deterministic: the same documents whatever the order of the operations', () => {
    const ir = openApiIR();
    const reversed = { ...ir, operations: ir.operations.slice().reverse() };
    expect([...emitOpenApi(reversed, buildShapes(reversed))]).toEqual([...emitOpenApi(ir, buildShapes(ir))]);
  });
});

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const CORPUS = join(SHARED, 'alibabacloud-docs');
const present = existsSync(CORPUS);

describe.skipIf(!present)(present ? 'OpenAPI: the corpus' : 'OpenAPI: the corpus, skipped (../shared/corpus/alibabacloud-docs not found)', () => {
  let ir: IR;
  let ex: OpenApiExport;
  beforeAll(() => {
    // Parsed once, through the page cache `npm run generate` uses.
    const found = findDocuments(CORPUS, SHARED, [/^alibabacloud-docs\/history\//]);
    ir = buildIR(readDocuments(found, { cache: join(ROOT, '.cache', 'docs2types') }));
    ex = buildOpenApi(ir, buildShapes(ir));
  });

  it('every document is valid OpenAPI 3.1 and passes the checks the schema cannot make', async () => {
    const counts: string[] = [];
    for (const d of ex.documents) {
      const r = await validate(d.document);
      expect(r.errors, d.file).toBeUndefined();
      expect(r.valid, d.file).toBe(true);
      expect(lintDocument(d.document), d.file).toEqual([]);
      counts.push(`${d.file}: ${d.placed.length} operations, ${d.omitted.length} omitted, ${Object.keys(((d.document.components as Obj | undefined)?.schemas ?? {}) as Obj).length} components, ${Buffer.byteLength(JSON.stringify(d.document))} bytes`);
    }
    const placed = ex.documents.reduce((n, d) => n + d.placed.length, 0);
    console.log([`corpus OpenAPI: ${ex.documents.length} documents, ${placed} operations; ${ex.unassigned.length} operations name no product or version`, ...counts.map((c) => `  ${c}`)].join('\n'));
    expect(ex.documents.map((d) => d.file)).toEqual(['openapi/cs-2015-12-15.json', 'openapi/ecs-2014-05-26.json', 'openapi/slb-2014-05-15.json']);
    expect(placed).toBeGreaterThanOrEqual(360);
  });

  it('accounts for every operation once: written, omitted with a reason, or without product or version', () => {
    const ids = [...ex.documents.flatMap((d) => [...d.placed, ...d.omitted.map((x) => x.o)]), ...ex.unassigned].map((o) => o.op.id).sort();
    expect(ids).toEqual(ir.operations.map((o) => o.id).sort());
    for (const o of ex.unassigned) expect(!o.op.product || !o.op.version, o.op.id).toBe(true);
  });

  it('every schema the paths use compiles under Ajv2020 strict (and with it every component it reaches)', () => {
    for (const d of ex.documents) {
      const compile = componentCompiler(d.document);
      const roots = new Set([...JSON.stringify(d.document.paths).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
      expect(roots.size).toBeGreaterThan(0);
      for (const key of roots) expect(() => compile(key), `${d.file} ${key}`).not.toThrow();
    }
  });

  it('ECS DescribeInstances: GET|POST /?Action=DescribeInstances, every parameter in the query, Tag.{n}.Key stated', () => {
    const ecs = ex.documents.find((d) => d.file === 'openapi/ecs-2014-05-26.json')!.document;
    const item = (ecs.paths as Record<string, Obj>)['/?Action=DescribeInstances']!;
    expect(Object.keys(item)).toEqual(['parameters', 'get', 'post']);
    const params = item.parameters as Obj[];
    expect(params.every((p) => p.in === 'query')).toBe(true);
    const tag = params.find((p) => p.name === 'Tag')!;
    expect((tag[X.serialization] as Obj).style).toBe('flat');
    expect((tag[X.serialization] as Obj).names).toContain('Tag.{n}.Key');
    expect(params.find((p) => p.name === 'RegionId')).toMatchObject({ required: true, [X.source]: expect.arrayContaining([expect.stringMatching(/DescribeInstances\.md:\d+$/)]) });
  });
});
