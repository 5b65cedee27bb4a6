/**
 * One operation's module (`<product>/<version>/<Operation>.ts` → `.js` + `.d.ts`): its types,
 * validators, samples, serialisers (`toQuery`/`fromQuery` for RPC, `toRequest` for ROA) and its
 * metadata, importing nothing but the shared runtime. Every export name depends only on the
 * operation itself. Module-level values are literals or `/*#__PURE__*\/` calls, so a bundler
 * keeps only what a consumer uses.
 */
import type { ParamIn, Parameter, TypeRef } from '../model/ir.ts';
import { block, code, ident, join, jsonLiteral, objectKey, str, type Code } from './codegen/index.ts';
import { docComment, fileHeader } from './comments.ts';
import { camelCase } from './naming.ts';
import type { SampleSet } from './samples.ts';
import type { OperationShapes } from './shapes.ts';
import { emitTypes, operationTitle, type CiteFn } from './types.ts';
import { emitValidators } from './validators.ts';

/** A type in the serialisers' grammar (runtime `WireShape`): `s`, `n`, `b`, `u`, `o`, `[X]`, `<X>`, `{Model}`. */
function wireShape(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return 's';
    case 'integer':
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      return 'o';
    case 'unknown':
      return 'u';
    case 'array':
      return `[${wireShape(t.items)}]`;
    case 'map':
      return `<${wireShape(t.values)}>`;
    case 'ref':
      return `{${t.name}}`;
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Where a request parameter travels: what the IR says (`in`); where it says nothing, a path
 * placeholder of that name puts it in the path, else RPC sends it in the query, ROA in the body
 * of a POST/PUT/PATCH and in the query otherwise.
 */
export function locationOf(o: OperationShapes, p: Parameter): ParamIn {
  if (p.in) return p.in;
  if (o.op.path?.includes(`{${p.name}}`)) return 'path';
  if (o.op.style === 'ROA' && BODY_METHODS.has((o.op.method ?? '').toUpperCase())) return 'body';
  return 'query';
}

/** The runtime metadata of an operation (plain data: product, style, method, path, parameters). */
export function operationMetadata(o: OperationShapes): unknown {
  const op = o.op;
  const models: Record<string, Record<string, string>> = {};
  for (const m of op.models.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const fields: Record<string, string> = {};
    for (const f of m.fields) Object.defineProperty(fields, f.name, { value: wireShape(f.type), enumerable: true, writable: true, configurable: true });
    Object.defineProperty(models, m.name, { value: fields, enumerable: true, writable: true, configurable: true });
  }
  return {
    product: op.product,
    version: op.version,
    name: op.name,
    style: op.style,
    method: op.method,
    path: op.path,
    parameters: op.request.map((p) => ({ name: p.name, in: locationOf(o, p), ...(p.encoding ? { encoding: p.encoding } : {}), required: p.required, shape: wireShape(p.type), ...(p.isBody ? { isBody: true } : {}) })),
    models,
  };
}

export interface ModuleOptions {
  cite: CiteFn;
  /** Import path of the shared runtime from this module (`../../runtime.js`). */
  runtime: string;
  samples: SampleSet[];
}

export interface ModuleSource {
  source: Code;
  /** Exported value names, in order. */
  values: string[];
  /** Exported type names, in order. */
  types: string[];
}

/** TypeScript compares an object literal's inherited `constructor`/`toString` with a property of that name: cast such a sample. */
const needsCast = (s: SampleSet): boolean => s.def.props.some((p) => p.name !== '__proto__' && Object.prototype.hasOwnProperty.call(Object.prototype, p.name));

export function samplesName(o: OperationShapes): string {
  return `${camelCase(o.base)}Samples`;
}

export function moduleHeader(o: OperationShapes): string {
  return `${operationTitle(o)}: types, validators, samples, serialisers and metadata.`;
}

export function emitModule(o: OperationShapes, options: ModuleOptions): ModuleSource {
  const op = o.op;
  const v = emitValidators(o);
  const values: string[] = [...v.names];
  const types: string[] = [];
  const r = o.request;
  if (r) types.push(r.typeName, r.baseName, ...r.variants.map((x) => x.def.name));
  if (o.response) types.push(o.response.name);
  for (const d of [...o.defs.values()].filter((d) => d.kind === 'model').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) types.push(d.name);

  const parts: Code[] = [];
  parts.push(code`// Types\n\n${emitTypes(o, options.cite)}`);

  values.push('operation');
  parts.push(
    code`// Metadata\n\n${docComment([`What the pages say about ${operationTitle(o)}: product, API version, style, method, path template, and where each request parameter travels.`])}
export const operation: OperationMetadata = ${jsonLiteral(operationMetadata(o), '', 2)};`,
  );

  if (r) {
    const req = ident(r.typeName);
    if (op.style === 'ROA') {
      values.push('toRequest');
      parts.push(code`// Serialisers

${docComment([`The HTTP request of a ${op.name} request: method, path (placeholders filled, percent-encoded), query, headers and body, as {@link operation} places each parameter.`, 'Throws a TypeError when a path parameter is missing.'])}
export function toRequest(request: ${req}): HttpRequest {
  return toRequestOf(operation, request);
}`);
    } else {
      values.push('toQuery', 'fromQuery');
      parts.push(code`// Serialisers

${docComment([`The query of a ${op.name} request, under its wire names: arrays 1-based (\`Name.1\`), objects by field (\`Name.Field\`), JSON-string parameters JSON-encoded; every value a string.`])}
export function toQuery(request: ${req}): Query {
  return toQueryOf(operation, request);
}

${docComment(['The request a query spells out (the inverse of {@link toQuery}): numbers and booleans read back as the types say, names it does not know kept as strings.', `Not checked: pass it to {@link ${`validate${r.typeName}`}} to have it typed.`])}
export function fromQuery(query: Query): { [key: string]: unknown } {
  return fromQueryOf(operation, query);
}`);
    }
  }

  if (options.samples.length) {
    const name = samplesName(o);
    values.push(name);
    const typeOf = options.samples.map((s) => code`readonly ${objectKey(s.kind)}: { readonly minimal: ${ident(s.def.name)}; readonly full: ${ident(s.def.name)} };`);
    const valuesOf = options.samples.map((s) => {
      const cast = needsCast(s) ? code` as unknown as ${ident(s.def.name)}` : code``;
      return code`${objectKey(s.kind)}: {\n${block([code`minimal: ${jsonLiteral(s.minimal, '  ')}${cast},`, code`full: ${jsonLiteral(s.full, '  ')}${cast},`])}\n},`;
    });
    parts.push(code`// Samples

${docComment([`Sample requests of ${op.name}: per kind, a minimal one (required parameters) and a full one (every parameter that is not deprecated).`, "Values come from the pages' own samples and examples where those are valid."])}
export const ${ident(name)}: {
${block(typeOf)}
} = {
${block(valuesOf)}
};`);
  }

  parts.push(code`// Validators

// Module constants (not imports), so the optimising compiler folds them at every use.
const OP: { readonly [key: string]: unknown } = Object.prototype as { readonly [key: string]: unknown };
const hasOwn = Object.prototype.hasOwnProperty;

${join([...v.exported, ...v.internals], '\n\n')}`);

  const imports = [code`Ctx`, code`esc`, code`isObj`, code`issue`, code`ownCopy`, code`ucs2len`, ...(r ? (op.style === 'ROA' ? [code`toRequestOf`, code`type HttpRequest`] : [code`fromQueryOf`, code`toQueryOf`, code`type Query`]) : []), code`type OperationMetadata`, code`type ValidateOptions`, code`type ValidationResult`];
  const source = code`${fileHeader(moduleHeader(o))}
import { ${join(imports, ', ')} } from ${str(options.runtime)};

export type { HttpRequest, OperationMetadata, Query, ValidateOptions, ValidationIssue, ValidationResult } from ${str(options.runtime)};

${join(parts, '\n\n')}
`;
  return { source, values, types };
}
