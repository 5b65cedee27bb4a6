/**
 * Emit stage: IR → the generated npm package (an OutputTree; the CLI writes it atomically).
 *
 *   shapes (one normalised model) → types.ts, validators.ts, samples.ts, runtime.ts, index.ts
 *   (handlebars templates) → ts-morph type-check + compile to .js/.d.ts in memory → prettier;
 *   plus JSON Schema, sample JSON files, package.json and README.
 *
 * Deterministic: no clocks, operations and variants sorted, JSON written in a fixed order.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { IR } from '../model/ir.ts';
import { fileHeader, HEADER_NOTE } from './comments.ts';
import { formatFile, parserFor } from './format.ts';
import { camelCase, propKey } from './naming.ts';
import { buildSamples, tsLiteral } from './samples.ts';
import { emitSchemas } from './schema.ts';
import { emitOpenApi } from './openapi/index.ts';
import { buildShapes, type PackageShapes } from './shapes.ts';
import { render } from './templates.ts';
import { emitTypes, operationTitle } from './types.ts';
import { emitValidators } from './validators.ts';
import { docComment } from './comments.ts';

export { EmitCheckError } from '../errors.ts';
export { buildShapes } from './shapes.ts';

export interface EmitOptions {
  /** npm package name (default: `@docs2types/<product>`). */
  name?: string;
  /** Package version (default 0.1.0; the IR hash is recorded in package.json `_generated`). */
  version?: string;
  /** Default of the validators' maxErrors option. */
  maxErrors?: number;
  /** Type-check the validators' implementation too (seconds; the tests do it). */
  fullCheck?: boolean;
  /**
   * Memo of prettier and the type-check (default: none, every step computed). The engine's
   * EmitMemo (generator/engine/emit-memo.ts) implements it; emit only knows this interface.
   */
  memo?: EmitMemoLike;
}

/** What emit asks of a memo: the text `compute` makes of `input`, and the files of a set of files. */
export interface EmitMemoLike {
  text(step: string, input: string, compute: () => Promise<string>): Promise<string>;
  files(step: string, files: Map<string, string>, compute: () => Promise<Map<string, string>>): Promise<Map<string, string>>;
}

/** No memo: every step is computed. */
const NO_MEMO: EmitMemoLike = { text: (_s, _i, compute) => compute(), files: (_s, _f, compute) => compute() };

/** Every generated file: path relative to the output folder → content. */
export type OutputTree = Map<string, string>;

export const DEFAULT_VERSION = '0.1.0';

export function packageName(ir: IR): string {
  const products = [...new Set(ir.operations.map((o) => o.product).filter((p): p is string => !!p))].sort();
  const slug = products
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return `@docs2types/${slug || 'api'}`;
}

function typeNames(shapes: PackageShapes): string[] {
  const names = new Set<string>();
  for (const o of shapes.operations) if (o.request) names.add(o.request.typeName).add(o.request.baseName);
  for (const d of shapes.defs.values()) names.add(d.name);
  return [...names].sort();
}

export async function emitPackage(ir: IR, options: EmitOptions = {}): Promise<OutputTree> {
  let t = performance.now();
  const lap = (what: string): void => {
    if (process.env.DOCS2TYPES_TIMING !== '1') return;
    const now = performance.now();
    console.error(`emit: ${what} ${Math.round(now - t)} ms`);
    t = now;
  };
  const shapes = buildShapes(ir);
  const maxErrors = options.maxErrors ?? 100;
  const name = options.name ?? packageName(ir);
  const ids = shapes.operations.map((o) => o.op.id);
  const what = ids.length ? ids.join(', ') : 'no operations';

  const types = typeNames(shapes);
  const typesTs = emitTypes(shapes);
  const validators = emitValidators(shapes);
  const sampleSets = buildSamples(ir, shapes);
  const sampleOps = shapes.operations
    .filter((o) => sampleSets.has(o))
    .map((o) => {
      const sets = sampleSets.get(o)!;
      return {
        name: `${camelCase(o.base)}Samples`,
        doc: docComment([`Sample requests of ${o.op.name}: per kind, a minimal one (required parameters) and a full one (every parameter that is not deprecated).`, 'Values come from the pages\' own samples and examples where those are valid.']),
        sets: sets.map((s) => {
          // TypeScript compares an object literal's inherited `constructor`/`toString` with a
          // property of that name: such a definition cannot take a literal, so cast.
          const cast = s.def.props.some((p) => p.name !== '__proto__' && Object.prototype.hasOwnProperty.call(Object.prototype, p.name)) ? ` as unknown as ${s.def.name}` : '';
          return { key: propKey(s.kind), type: s.def.name, minimal: tsLiteral(s.minimal, '    ') + cast, full: tsLiteral(s.full, '    ') + cast };
        }),
      };
    });
  const sampleTypes = [...new Set(sampleOps.flatMap((o) => o.sets.map((s) => s.type)))].sort();

  const sources = new Map<string, string>([
    ['runtime.ts', render('runtime.ts.hbs', { header: fileHeader('Shared runtime of the validators (no dependencies).'), maxErrors })],
    ['types.d.ts', typesTs],
    ['validators.ts', validators.source],
    ['validators.d.ts', validators.dts],
    ['samples.ts', render('samples.ts.hbs', { header: fileHeader(`Sample requests of ${what}.`), types: sampleTypes, operations: sampleOps })],
    [
      'index.ts',
      render('index.ts.hbs', {
        header: fileHeader(`${name}: types, validators and samples of ${what}.`),
        validators: validators.exports.names,
        samples: sampleOps.map((o) => o.name),
        types,
      }),
    ],
  ]);
  lap('generate sources');
  // Test hook: emit a declaration that does not type-check (proves a failing check writes nothing).
  if (process.env.DOCS2TYPES_FAULT === 'emit-type-error') sources.set('types.d.ts', `${sources.get('types.d.ts')}\nexport declare const docs2typesFault: NoSuchType;\n`);
  const transpileOnly = options.fullCheck ? [] : ['validators.ts'];
  const memo = options.memo ?? NO_MEMO;
  // ts-morph (like prettier) loads only when the memo cannot answer: not loading both took a
  // seeds re-run from 1.5 s to 0.8 s.
  const compiled = await memo.files(`compile:${transpileOnly.join(',')}`, sources, async () => (await import('./check.ts')).compileSources(sources, { transpileOnly }));
  lap('type-check + compile');

  const files = new Map<string, string>();
  for (const [path, text] of compiled) {
    const base = path.replace(/\.(d\.ts|js)$/, '');
    const header = fileHeader(
      base === 'types' ? `Types of the requests and responses of ${what}.` : base === 'index' ? `${name}: types, validators and samples of ${what}.` : base === 'runtime' ? 'Shared runtime of the validators (no dependencies).' : base === 'validators' ? `Validators of ${what}.` : `Sample requests of ${what}.`,
    );
    files.set(path, text.startsWith('/*\n') && text.slice(0, 400).includes('DO NOT EDIT') ? text : header + text);
  }
  const json = new Map<string, string>();
  for (const [path, schema] of emitSchemas(shapes)) json.set(path, `${JSON.stringify(schema, null, 2)}\n`);
  for (const [path, text] of emitOpenApi(ir, shapes)) json.set(path, text);
  for (const o of shapes.operations) {
    for (const s of sampleSets.get(o) ?? []) {
      json.set(`samples/${o.base}.${s.kind}.minimal.json`, `${JSON.stringify(s.minimal, null, 2)}\n`);
      json.set(`samples/${o.base}.${s.kind}.full.json`, `${JSON.stringify(s.full, null, 2)}\n`);
    }
  }
  const irHash = createHash('sha256').update(JSON.stringify(ir.operations)).digest('hex').slice(0, 16);
  files.set(
    'package.json',
    render('package.json.hbs', {
      generated: `${HEADER_NOTE} From ${what}; IR ${irHash}.`,
      name,
      version: options.version ?? DEFAULT_VERSION,
      description: `Types, validators, JSON Schema and samples for ${what} (generated by docs2types).`,
    }),
  );
  const first = shapes.operations.find((o) => o.request);
  files.set(
    'README.md',
    render('README.md.hbs', {
      note: HEADER_NOTE,
      name,
      maxErrors,
      operations: shapes.operations.map((o) => ({
        id: o.op.id,
        title: operationTitle(o),
        exports: [
          ...(o.request ? [`${o.request.typeName}`, `${o.request.baseName}`, ...o.request.variants.map((v) => v.def.name), `validate${o.request.typeName}`, `is${o.request.typeName}`, `${camelCase(o.base)}Samples`] : []),
          ...(o.response ? [o.response.name, `validate${o.response.name}`, `is${o.response.name}`] : []),
        ],
      })),
      example: first
        ? { validate: `validate${first.request!.typeName}`, samples: `${camelCase(first.base)}Samples`, type: first.request!.typeName }
        : { validate: 'validateRequest', samples: 'samples', type: 'Request' },
    }),
  );

  const tree: OutputTree = new Map();
  const paths = [...files.keys()].sort();
  const formatted = await Promise.all(paths.map((p) => memo.text(`format:${parserFor(p)}`, files.get(p)!, () => formatFile(p, files.get(p)!))));
  paths.forEach((p, i) => tree.set(p, formatted[i]!));
  // JSON data is written by JSON.stringify (2-space indent): as stable as prettier's, and cheap.
  for (const [p, text] of json) tree.set(p, text);
  lap('prettier');
  return tree;
}
