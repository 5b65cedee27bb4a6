/**
 * Emit stage: IR → the generated npm package (an OutputTree; the CLI writes it atomically).
 *
 *   shapes (one normalised model) → one module per operation (module.ts: types, validators,
 *   samples, serialisers, metadata), built through the code-construction layer (codegen/) →
 *   ts-morph type-check + compile per module, memoised by content → index modules per product
 *   and version and a root entry; plus JSON Schemas, sample JSON files, package.json, README.
 *
 * Layout (paths.ts maps every name to a safe file name):
 *   index.js                            root entry: a namespace per product (`CS`, `Ecs`)
 *   runtime.js                          the shared runtime (validation context, serialisers)
 *   <product>/index.js                  a namespace per API version (`v2015_12_15`)
 *   <product>/<version>/index.js        a namespace per operation (`CreateCluster`)
 *   <product>/<version>/<Operation>.js  the operation's module (subpath export)
 *   schema/<product>/<version>/<Operation>.{request,response}.schema.json
 *   samples/<product>/<version>/<Operation>.<kind>.{minimal,full}.json
 *
 * An operation whose module does not type-check (or whose samples cannot be built) is left out
 * with an error diagnostic naming its first page; everything else is written.
 *
 * Deterministic: no clocks, operations and variants sorted, JSON written in a fixed order.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Diagnostic, DocumentIR, IR, OperationModel, SourceRef } from '../model/ir.ts';
import { EmitCheckError } from '../errors.ts';
import { code, ident, join, str, verbatim, num, safeName, type Code } from './codegen/index.ts';
import { fileHeader, HEADER_NOTE } from './comments.ts';
import { mdCodeSpan, mdText } from './md.ts';
import { emitModule, moduleHeader, samplesName } from './module.ts';
import { folderNames, joinSafe, suffixOf } from './paths.ts';
import { operationSamples } from './samples.ts';
import { operationSchemas } from './schema.ts';
import { emitOpenApi } from './openapi/index.ts';
import { buildShapes, type OperationShapes, type PackageShapes } from './shapes.ts';
import { linkCite, plainCite } from './types.ts';
import { TEMPLATE_DIR } from './templates.ts';

export { EmitCheckError } from '../errors.ts';
export { buildShapes } from './shapes.ts';

export interface EmitOptions {
  /** npm package name (default: `@docs2types/<product>`). */
  name?: string;
  /** Package version (default 0.1.0; the IR hash is recorded in package.json `_generated`). */
  version?: string;
  /** Default of the validators' maxErrors option. */
  maxErrors?: number;
  /**
   * Base URL of the pages (`https://github.com/me/api-docs/blob/main/`): sources in the
   * documentation become links to `<base><file>#L<line>`. Default: plain `file:line`.
   */
  sourceBaseUrl?: string;
  /**
   * Memo of the type-check + compile, per module (default: none, every step computed). The
   * engine's EmitMemo (generator/engine/emit-memo.ts) implements it; emit only knows this interface.
   */
  memo?: EmitMemoLike;
  /** Progress: `type-check` over the modules to compile (done of total). */
  onProgress?: (phase: 'type-check', done: number, total: number) => void;
}

/** What emit asks of a memo: the stored output of a step for an input, and storing one. */
export interface EmitMemoLike {
  /** The output stored for `step` and `input`, or null (a damaged entry is null too, and so is one whose body `valid` rejects). */
  get(step: string, input: string, valid?: (body: string) => boolean): string | null;
  /** Store what `step` made of `input`. Only results are stored, never a failure. */
  put(step: string, input: string, output: string): void;
}

/** No memo: every step is computed. */
const NO_MEMO: EmitMemoLike = { get: () => null, put: () => {} };

/** Every generated file: path relative to the output folder → content. */
export type OutputTree = Map<string, string>;

export interface EmitResult {
  tree: OutputTree;
  /** One error per operation left out (file and line of its first page). */
  diagnostics: Diagnostic[];
}

export const DEFAULT_VERSION = '0.1.0';

export function packageName(ir: IR): string {
  const products = [...new Set(ir.operations.map((o) => o.product).filter((p): p is string => !!p))].sort();
  const slug = products
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return `@docs2types/${slug.slice(0, 60).replace(/[-._]+$/, '') || 'api'}`;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

export interface ModulePlace {
  /** Folder segments (`cs`, `2015-12-15`) and file stem (`CreateCluster`), each a safe segment. */
  product: string;
  version: string;
  file: string;
  /** Namespace names in the index modules: product, version, operation. */
  productNs: string;
  versionNs: string;
  operationNs: string;
}

/** Binding names for keys, unique among themselves: a name taken twice gets a suffix from its key. */
function uniqueNames(entries: Array<[string, string]>): Map<string, string> {
  const count = new Map<string, number>();
  for (const [, n] of entries) count.set(n, (count.get(n) ?? 0) + 1);
  return new Map(entries.map(([k, n]) => [k, count.get(n)! > 1 ? `${n}_${suffixOf(k).slice(1)}` : n]));
}

/** Where each operation's module goes, and its namespace names: a function of names alone. */
export function layout(operations: OperationModel[]): Map<OperationModel, ModulePlace> {
  const productOf = (o: OperationModel): string => o.product ?? '_';
  const versionOf = (o: OperationModel): string => o.version ?? '_';
  const products = [...new Set(operations.map(productOf))].sort(byCodeUnits);
  const productDir = folderNames(products.map((p) => [p, p.toLowerCase()]), 32);
  const productNs = uniqueNames(products.map((p) => [p, safeName(p, 'P')]));
  const out = new Map<OperationModel, ModulePlace>();
  for (const p of products) {
    const inProduct = operations.filter((o) => productOf(o) === p);
    const versions = [...new Set(inProduct.map(versionOf))].sort(byCodeUnits);
    const versionDir = folderNames(versions.map((v) => [v, v]), 32);
    const versionNs = uniqueNames(versions.map((v) => [v, v === '_' ? 'unversioned' : safeName(`v${v.replace(/[^A-Za-z0-9]+/g, '_')}`, 'v')]));
    for (const v of versions) {
      const inVersion = inProduct.filter((o) => versionOf(o) === v).sort((a, b) => byCodeUnits(a.name, b.name));
      const files = folderNames(inVersion.map((o) => [o.name, o.name]));
      const opNs = uniqueNames(inVersion.map((o) => [o.name, safeName(o.name.replace(/[^\p{L}\p{N}\p{M}_$]+/gu, '_'), 'Op')]));
      for (const o of inVersion) {
        out.set(o, { product: productDir.get(p)!, version: versionDir.get(v)!, file: files.get(o.name)!, productNs: productNs.get(p)!, versionNs: versionNs.get(v)!, operationNs: opNs.get(o.name)! });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Where an operation is cited: its first page, at the first line a fact of it comes from. */
function firstPage(op: OperationModel): SourceRef {
  const file = op.documents.slice().sort(byCodeUnits)[0] ?? op.pages[0]?.file ?? op.id;
  const lines = [...op.request, ...op.response].flatMap((p) => p.sources).filter((s) => s.file === file).map((s) => s.line);
  return { file, line: lines.length ? Math.min(...lines) : 1 };
}

function leftOut(op: OperationModel, why: string): Diagnostic {
  const at = firstPage(op);
  return { file: at.file, line: at.line, severity: 'error', code: 'emit-failed', message: `operation ${op.id} is left out of the package: ${why}` };
}

function runtimeSource(maxErrors: number): string {
  const text = readFileSync(joinPath(TEMPLATE_DIR, 'runtime.ts'), 'utf8');
  return code`${fileHeader('Shared runtime of the generated modules: validation context, serialisers (no dependencies).')}${verbatim(text.replace('/* @max-errors */ 100', num(Math.max(1, Math.floor(maxErrors))).text))}`.text;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

interface SampleFiles {
  kind: string;
  minimal: string;
  full: string;
}
interface SchemaFile {
  kind: 'request' | 'response';
  text: string;
}
/** What emit makes of one operation before the type-check (memoised: see `emit`). */
interface OperationRecord {
  source: string;
  values: string[];
  types: string[];
  schemas: SchemaFile[];
  samples: SampleFiles[];
}

let emitVersionMemo: string | null = null;
/** Hash of the code that builds a module (this folder and the runtime template): part of every operation record's key. */
function emitVersion(): string {
  if (emitVersionMemo === null) {
    const h = createHash('sha256').update('operation-record:1\0');
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
        const p = joinPath(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) h.update(e.name).update('\0').update(readFileSync(p)).update('\0');
      }
    };
    walk(import.meta.dirname);
    h.update(readFileSync(joinPath(TEMPLATE_DIR, 'runtime.ts')));
    emitVersionMemo = h.digest('hex').slice(0, 16);
  }
  return emitVersionMemo;
}

/** A memo entry of the type-check: JSON of [path, text] pairs (a body of another shape is a miss). */
function isFileList(body: string): boolean {
  try {
    const v = JSON.parse(body) as unknown;
    return Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string');
  } catch {
    return false;
  }
}

/** A memo entry of an operation: an OperationRecord (a body of another shape is a miss). */
function isOperationRecord(body: string): boolean {
  try {
    const v = JSON.parse(body) as Partial<OperationRecord> | null;
    const strings = (x: unknown): boolean => Array.isArray(x) && x.every((e) => typeof e === 'string');
    const texts = (x: unknown, keys: string[]): boolean => Array.isArray(x) && x.every((e) => typeof e === 'object' && e !== null && keys.every((k) => typeof (e as Record<string, unknown>)[k] === 'string'));
    return typeof v === 'object' && v !== null && typeof v.source === 'string' && strings(v.values) && strings(v.types) && texts(v.schemas, ['kind', 'text']) && texts(v.samples, ['kind', 'minimal', 'full']);
  } catch {
    return false;
  }
}

/** Type-check + compile the sources (path → text) that the memo cannot answer; `context` is visible to them. */
async function compileAll(sources: Map<string, string>, context: Map<string, string>, memo: EmitMemoLike, step: string, onProgress?: EmitOptions['onProgress']): Promise<Map<string, { ok: true; files: Map<string, string> } | { ok: false; errors: string[] }>> {
  const contextKey = digest(JSON.stringify([...context].map(([k, v]) => [k, digest(v)])));
  const results = new Map<string, { ok: true; files: Map<string, string> } | { ok: false; errors: string[] }>();
  const misses = new Map<string, string>();
  const inputOf = (path: string, text: string): string => `${path}\0${contextKey}\0${text}`;
  for (const [path, text] of sources) {
    const hit = memo.get(step, inputOf(path, text), isFileList);
    if (hit !== null) results.set(path, { ok: true, files: new Map(JSON.parse(hit) as Array<[string, string]>) });
    else misses.set(path, text);
  }
  const total = misses.size;
  onProgress?.('type-check', 0, total);
  if (total) {
    const { compileModules } = await import('./check.ts');
    // Batches keep one program's memory bounded; each is checked in full.
    const paths = [...misses.keys()];
    const BATCH = 64;
    for (let i = 0; i < paths.length; i += BATCH) {
      const batch = new Map(paths.slice(i, i + BATCH).map((p) => [p, misses.get(p)!]));
      for (const [path, r] of compileModules(batch, context)) {
        results.set(path, r);
        if (r.ok) memo.put(step, inputOf(path, misses.get(path)!), JSON.stringify([...r.files]));
      }
      onProgress?.('type-check', Math.min(total, i + BATCH), total);
    }
  }
  return results;
}

/** The package, with a diagnostic for every operation left out. */
export async function emit(ir: IR, options: EmitOptions = {}): Promise<EmitResult> {
  let t = performance.now();
  const lap = (what: string): void => {
    if (process.env.DOCS2TYPES_TIMING !== '1') return;
    const now = performance.now();
    console.error(`emit: ${what} ${Math.round(now - t)} ms`);
    t = now;
  };
  const shapes: PackageShapes = buildShapes(ir);
  const maxErrors = options.maxErrors ?? 100;
  const name = options.name ?? packageName(ir);
  const memo = options.memo ?? NO_MEMO;
  const cite = options.sourceBaseUrl ? linkCite(options.sourceBaseUrl) : plainCite;
  const places = layout(shapes.operations.map((o) => o.op));
  const documents = new Map<string, DocumentIR>(ir.documents.map((d) => [d.file, d]));
  const diagnostics: Diagnostic[] = [];

  // 1. One module source per operation.
  const runtime = runtimeSource(maxErrors);
  const modules = new Map<string, { o: OperationShapes; place: ModulePlace; samples: SampleFiles[]; schemas: SchemaFile[]; values: string[]; types: string[] }>();
  const sources = new Map<string, string>();
  const version = emitVersion();
  for (const o of shapes.operations) {
    const place = places.get(o.op)!;
    const path = joinSafe(place.product, place.version, `${place.file}.ts`);
    try {
      // The module, its schemas and samples are a function of the operation, its pages' samples,
      // the options and the generator's emit code: memoised as one record per operation.
      const input = JSON.stringify([version, cite === plainCite ? null : options.sourceBaseUrl, o.op, o.op.documents.map((f) => [f, documents.get(f)?.samples ?? null])]);
      const stored = memo.get('operation', input, isOperationRecord);
      let record: OperationRecord;
      if (stored !== null) record = JSON.parse(stored) as OperationRecord;
      else {
        const samples = operationSamples(documents, o);
        const m = emitModule(o, { cite, runtime: '../../runtime.js', samples });
        record = {
          source: m.source.text,
          values: m.values,
          types: m.types,
          schemas: operationSchemas(o).map((x) => ({ kind: x.kind, text: `${JSON.stringify(x.schema, null, 2)}\n` })),
          samples: samples.map((x) => ({ kind: x.kind, minimal: `${JSON.stringify(x.minimal, null, 2)}\n`, full: `${JSON.stringify(x.full, null, 2)}\n` })),
        };
        memo.put('operation', input, JSON.stringify(record));
      }
      let text = record.source;
      // Test hook: a module that does not type-check (proves it is left out, and only it).
      if (process.env.DOCS2TYPES_FAULT === 'emit-type-error' && modules.size === 0) text += '\nexport declare const docs2typesFault: NoSuchType;\n';
      sources.set(path, text);
      modules.set(path, { o, place, samples: record.samples, schemas: record.schemas, values: record.values, types: record.types });
    } catch (e) {
      diagnostics.push(leftOut(o.op, e instanceof Error ? e.message : String(e)));
    }
  }

  lap(`${sources.size} module sources`);
  // 2. Type-check and compile each module (the runtime with them), memoised per module.
  const context = new Map([['runtime.ts', runtime]]);
  const compiled = await compileAll(new Map([['runtime.ts', runtime]]), new Map(), memo, 'compile');
  const rt = compiled.get('runtime.ts')!;
  if (!rt.ok) throw new EmitCheckError(`the shared runtime does not type-check:\n${rt.errors.join('\n')}`);
  const results = await compileAll(sources, context, memo, 'compile', options.onProgress);

  const tree: OutputTree = new Map();
  const rtHeader = fileHeader('Shared runtime of the generated modules: validation context, serialisers (no dependencies).').text;
  for (const [k, v] of rt.files) tree.set(k, v.startsWith('/*\n') ? v : rtHeader + v);
  const kept: Array<{ path: string; o: OperationShapes; place: ModulePlace; samples: SampleFiles[]; schemas: SchemaFile[]; values: string[]; types: string[] }> = [];
  for (const [path, m] of modules) {
    const r = results.get(path)!;
    if (!r.ok) {
      diagnostics.push(leftOut(m.o.op, `its module does not type-check: ${r.errors[0] ?? ''}`));
      continue;
    }
    // Declaration output drops a comment that documents no declaration: put the header back.
    const header = fileHeader(moduleHeader(m.o)).text;
    for (const [k, v] of r.files) tree.set(k, v.startsWith('/*\n') ? v : header + v);
    kept.push({ path, ...m });
  }

  lap('type-check + compile');
  // Nothing left to write of a package that had operations: fail the run (the previous output stays).
  if (!kept.length && modules.size + diagnostics.length > 0 && diagnostics.length) {
    throw new EmitCheckError(`generated code does not type-check: every operation is left out:\n${diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).slice(0, 10).join('\n')}`);
  }

  // 3. Index modules: a namespace per product, version and operation (only those kept).
  const indexSources = new Map<string, string>();
  const byProduct = new Map<string, typeof kept>();
  for (const k of kept) byProduct.set(k.place.product, [...(byProduct.get(k.place.product) ?? []), k]);
  const rootExports: Code[] = [];
  for (const [product, mods] of [...byProduct].sort(([a], [b]) => byCodeUnits(a, b))) {
    const byVersion = new Map<string, typeof kept>();
    for (const k of mods) byVersion.set(k.place.version, [...(byVersion.get(k.place.version) ?? []), k]);
    const productExports: Code[] = [];
    for (const [version, vm] of [...byVersion].sort(([a], [b]) => byCodeUnits(a, b))) {
      const lines = vm
        .slice()
        .sort((a, b) => byCodeUnits(a.place.file, b.place.file))
        .map((k) => code`export * as ${ident(k.place.operationNs)} from ${str(`./${k.place.file}.js`)};`);
      indexSources.set(joinSafe(product, version, 'index.ts'), code`${fileHeader(`${mods[0]!.o.op.product ?? 'Operations without a product'} ${vm[0]!.o.op.version ?? '(no API version)'}: a namespace per operation.`)}${join(lines, '\n')}\n`.text);
      productExports.push(code`export * as ${ident(vm[0]!.place.versionNs)} from ${str(`./${version}/index.js`)};`);
    }
    indexSources.set(joinSafe(product, 'index.ts'), code`${fileHeader(`${mods[0]!.o.op.product ?? 'Operations without a product'}: a namespace per API version.`)}${join(productExports, '\n')}\n`.text);
    rootExports.push(code`export * as ${ident(mods[0]!.place.productNs)} from ${str(`./${product}/index.js`)};`);
  }
  indexSources.set(
    'index.ts',
    code`${fileHeader(`${name}: a namespace per product. Import one operation by its subpath (\`${name}/<product>/<version>/<Operation>\`) to load only that operation.`)}${join(rootExports, '\n')}
export type { HttpRequest, OperationMetadata, ParameterLocation, ParameterMetadata, Query, ValidateOptions, ValidationCode, ValidationIssue, ValidationMessage, ValidationResult, WireShape } from './runtime.js';
`.text,
  );
  // An index module only re-exports modules as namespaces: checking it needs them to exist, not
  // their declarations (already checked), so each stands in as an empty module. The check then
  // depends on the index sources alone, and a touched page re-checks no index module.
  const decls = new Map<string, string>([['runtime.d.ts', rt.files.get('runtime.d.ts')!]]);
  for (const k of kept) decls.set(k.path.replace(/\.ts$/, '.d.ts'), 'export {};\n');
  const indexResults = await compileAll(indexSources, decls, memo, 'compile-index');
  for (const [path, r] of indexResults) {
    if (!r.ok) throw new EmitCheckError(`${path} does not type-check:\n${r.errors.join('\n')}`);
    const header = fileHeader(path === 'index.ts' ? `${name}: a namespace per product.` : 'A namespace per entry of this folder.').text;
    // Declaration output drops a comment that documents no declaration: put the header back.
    for (const [k, v] of r.files) tree.set(k, v.startsWith('/*\n') ? v : header + v);
  }

  lap('index modules');
  // 4. JSON Schemas and samples as JSON, package.json, README.
  for (const k of kept) {
    const dir = [k.place.product, k.place.version];
    for (const s of k.schemas) tree.set(joinSafe('schema', ...dir, `${k.place.file}.${s.kind}.schema.json`), s.text);
    const kinds = folderNames(k.samples.map((s) => [s.kind, s.kind]), 40);
    for (const s of k.samples) {
      tree.set(joinSafe('samples', ...dir, `${k.place.file}.${kinds.get(s.kind)!}.minimal.json`), s.minimal);
      tree.set(joinSafe('samples', ...dir, `${k.place.file}.${kinds.get(s.kind)!}.full.json`), s.full);
    }
  }
  const ids = kept.map((k) => k.o.op.id);
  const irHash = digest(JSON.stringify(ir.operations)).slice(0, 16);
  const exportsMap: Record<string, unknown> = { '.': { types: './index.d.ts', default: './index.js' } };
  const subpath = (p: string): { types: string; default: string } => ({ types: `./${p}.d.ts`, default: `./${p}.js` });
  exportsMap['./runtime'] = subpath('runtime');
  for (const product of [...byProduct.keys()].sort(byCodeUnits)) {
    exportsMap[`./${product}`] = subpath(`${product}/index`);
    const versions = [...new Set(byProduct.get(product)!.map((k) => k.place.version))].sort(byCodeUnits);
    for (const v of versions) exportsMap[`./${product}/${v}`] = subpath(`${product}/${v}/index`);
  }
  for (const k of kept.slice().sort((a, b) => byCodeUnits(a.path, b.path))) exportsMap[`./${k.path.replace(/\.ts$/, '')}`] = subpath(k.path.replace(/\.ts$/, ''));
  // OpenAPI 3.1: one document per product and version, of the operations kept (./openapi/).
  for (const [path, text] of emitOpenApi(ir, { operations: kept.map((k) => k.o) })) tree.set(path, text);
  exportsMap['./openapi/*'] = './openapi/*';
  exportsMap['./schema/*'] = './schema/*';
  exportsMap['./samples/*'] = './samples/*';
  exportsMap['./package.json'] = './package.json';
  const products = [...new Set(kept.map((k) => k.o.op.product).filter((p): p is string => !!p))].sort(byCodeUnits);
  const pkg = {
    _generated: `${HEADER_NOTE} IR ${irHash}; ${ids.length} operation${ids.length === 1 ? '' : 's'}.`,
    name,
    version: options.version ?? DEFAULT_VERSION,
    description: `Types, validators, serialisers, JSON Schema and samples for ${ids.length === 1 ? ids[0] : `${ids.length} operations of ${products.join(', ') || 'the API'}`} (generated by docs2types).`.slice(0, 300),
    type: 'module',
    main: './index.js',
    types: './index.d.ts',
    exports: exportsMap,
    files: ['index.js', 'index.d.ts', 'runtime.js', 'runtime.d.ts', ...[...byProduct.keys()].sort(byCodeUnits).map((p) => `${p}/`), 'schema/', 'samples/', 'openapi/', 'README.md'],
    sideEffects: false,
    engines: { node: '>=18' },
  };
  tree.set('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  tree.set('README.md', packageReadme(name, maxErrors, kept));

  lap('schemas, samples, package.json, README');
  const sorted: OutputTree = new Map([...tree].sort(([a], [b]) => byCodeUnits(a, b)));
  diagnostics.sort((a, b) => byCodeUnits(a.file, b.file) || a.line - b.line || byCodeUnits(a.message, b.message));
  return { tree: sorted, diagnostics };
}

/** All or nothing (tests, tools): the package, or EmitCheckError naming what was left out. */
export async function emitPackage(ir: IR, options: EmitOptions = {}): Promise<OutputTree> {
  const r = await emit(ir, options);
  if (r.diagnostics.length) throw new EmitCheckError(`generated code does not type-check (${r.diagnostics.length} operation(s) left out):\n${r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).slice(0, 10).join('\n')}`);
  return r.tree;
}

/** A fenced code block that no backtick run inside can close. */
function fenced(lang: string, body: string): string[] {
  const runs = body.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return [`${fence}${lang}`, body, fence];
}

/** The usage example of an operation (the README test type-checks it against the package). */
export function usageExample(name: string, path: string, o: OperationShapes, values: string[], sample: { kind: string } | null): string {
  const r = o.request!;
  const sub = `${name}/${path.replace(/\.ts$/, '')}`;
  const rpc = o.op.style !== 'ROA';
  const samples = sample && values.includes(samplesName(o)) ? samplesName(o) : null;
  const t = r.typeName;
  const lines = [
    `import { validate${t}, ${rpc ? 'toQuery' : 'toRequest'}, operation${samples ? `, ${samples}` : ''}, type ${t} } from ${JSON.stringify(sub)};`,
    '',
    'declare const input: unknown; // what your code is about to send',
    '',
    `const result = validate${t}(input); // never throws`,
    'if (result.ok) {',
    `  const request: ${t} = result.value;`,
    rpc ? '  const query = toQuery(request); // wire names: `Name.1`, `Name.Field`; every value a string' : '  const http = toRequest(request); // { method, path (placeholders filled), query, headers, body }',
    rpc ? '  console.log(operation.name, operation.version, query);' : '  console.log(operation.style, http.method, http.path, http.body);',
    '} else {',
    '  for (const e of result.errors) console.error(e.path, e.code, e.message.en, e.message.zh);',
    '}',
    'for (const w of result.warnings) console.warn(w.path, w.code, w.message.en); // deprecated parameters',
  ];
  if (samples && sample) lines.push('', `const sample: ${t} = ${samples}[${JSON.stringify(sample.kind)}].minimal; // a valid request from the pages`);
  return lines.join('\n');
}

function packageReadme(name: string, maxErrors: number, kept: Array<{ path: string; o: OperationShapes; place: ModulePlace; samples: SampleFiles[]; schemas: SchemaFile[]; values: string[]; types: string[] }>): string {
  const first = kept.find((k) => k.o.request) ?? null;
  const lines: string[] = [`<!-- ${HEADER_NOTE.replace(/--/g, '- -')} -->`, '', `# ${mdText(name)}`, ''];
  lines.push(
    `Types, validators, serialisers, metadata, JSON Schema and sample requests for ${kept.length} operation${kept.length === 1 ? '' : 's'}, generated by docs2types from the API reference pages. ESM only (Node.js 18 or later, or any bundler; no \`require()\` build), no runtime dependencies, no build step.`,
    '',
  );
  if (first) {
    lines.push('Import one operation by its subpath: a bundler then carries only that operation and the small shared runtime.', '');
    lines.push(...fenced('ts', usageExample(name, first.path, first.o, first.values, first.samples[0] ?? null)), '');
  }
  lines.push(
    '## Names',
    '',
    'Each operation is one module, `<product>/<version>/<Operation>` (folders in lower case; `_` where the pages name no product or version).',
    "Its names depend only on the operation: `<Operation>Request` (a union of the kinds of request, when the pages describe several: `<Operation>Request<Kind>`),",
    '`<Operation>RequestBase`, `<Operation>Response`, nested models by their own name (prefixed by the operation where that name is taken),',
    '`validate…`/`is…` for each request and response, `<operation>Samples`, `operation` (the metadata) and `toQuery`/`fromQuery` (RPC) or `toRequest` (ROA).',
    'The root entry and the per-product entries gather them as namespaces: `import { CS } from ' + JSON.stringify(name) + '` then `CS.v2015_12_15.CreateCluster.…`.',
    'A file name that would clash with another on a case-insensitive file system, or that had to be changed to be safe, ends in `~` and 8 hex digits of its exact name.',
    '',
    `Validator options: \`{ allowUnknown: true }\` accepts properties the pages do not list; \`{ maxErrors: n }\` (default ${maxErrors}).`,
    'A validator never throws. Error codes: `type`, `required`, `enum`, `not`, `minimum`, `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `additionalProperties`, `unreadable`; warnings: `deprecated`.',
    '',
    '## Operations',
    '',
    '| subpath | exports |',
    '| --- | --- |',
  );
  for (const k of kept) lines.push(`| ${mdCodeSpan(`${name}/${k.path.replace(/\.ts$/, '')}`)} | ${[...k.types, ...k.values].map(mdCodeSpan).join(', ')} |`);
  lines.push(
    '',
    '## Files',
    '',
    '| file | what |',
    '| --- | --- |',
    '| `<product>/<version>/<Operation>.js`, `.d.ts` | one operation: types (JSDoc in English and Chinese, with the page and line each fact comes from), validators, serialisers, metadata, samples |',
    '| `<product>/<version>/index.js`, `<product>/index.js`, `index.js` | namespaces per operation, per version, per product |',
    '| `runtime.js` | what the modules share: the validation context and the serialisers |',
    '| `schema/<product>/<version>/<Operation>.request.schema.json` | JSON Schema 2020-12 of each request and response (`$comment` carries the do-not-edit note) |',
    '| `samples/<product>/<version>/<Operation>.<kind>.{minimal,full}.json` | a minimal and a full valid request per kind |',
    '',
    'Every file here is generated; do not edit. JSON files cannot carry a comment: the schemas say so in `$comment`, `package.json` in `_generated`;',
    '`samples/*.json` are request bodies exactly as sent (a note would make them invalid), so they carry none; this README covers them. The intermediate',
    'representation and the reports the package was generated from sit beside it, under `reports/`, and are not part of it.',
    '',
  );
  return lines.join('\n');
}
