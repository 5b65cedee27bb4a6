/**
 * JSON Schema 2020-12 of every request and response (one file each, beside the operation's
 * module: schema/<product>/<version>/<Operation>.request.schema.json). Nested models
 * and variants go to `$defs`. A request with variants is an if/then/else chain over the
 * discriminator, in the validator's dispatch order, so the schema and the generated validator
 * pick the same variant and give the same verdict. Schemas compile under Ajv2020 strict mode.
 *
 * The one builder of schemas from the emit model: the OpenAPI documents (./openapi/) build their
 * `components/schemas` with the same functions, in another `SchemaStyle` (where a `$ref` points,
 * how descriptions and provenance are written), so both exports state the same shapes and facts.
 */
import type { Parameter } from '../model/ir.ts';
import { HEADER_NOTE } from './comments.ts';
import { reachableDefs, sourceList, type ObjectDef, type OperationShapes, type Prop, type Shape } from './shapes.ts';
import { fitsShape, readExample } from './values.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** An object that may hold any key as data (a `__proto__` key stays a key). */
export function dict(entries: Array<[string, Json]>): JsonObject {
  const o = Object.create(null) as JsonObject;
  for (const [k, v] of entries) o[k] = v;
  return o;
}

export function refTo(name: string): string {
  return `#/$defs/${encodeURIComponent(name)}`;
}

/** How a schema is written for one export: where a `$ref` points, how text and provenance are added. */
export interface SchemaStyle {
  /** The `$ref` of an object definition (by its emit-model name). */
  ref(name: string): string;
  /** Adds what is said about a property's parameter (its description, ...) to the property's schema. */
  describeProp(schema: JsonObject, param: Parameter): void;
  /** Adds what is said about an object definition (its documentation, ...) to its schema. */
  describeObject(schema: JsonObject, def: ObjectDef): void;
}

/** The JSON Schema files: `$defs`, the English and the Chinese description joined, sources in the text. */
export const JSON_SCHEMA_STYLE: SchemaStyle = {
  ref: refTo,
  describeProp(s, param) {
    const description = [param.description.en, param.description.zh].filter((x): x is string => !!x).join('\n\n');
    if (description) s.description = description;
  },
  describeObject(s, def) {
    const description = [...def.doc, def.sources.length ? `Source: ${sourceList(def.sources)}` : ''].filter(Boolean).join('\n');
    if (description) s.description = description;
  },
};

export function shapeSchema(shape: Shape, style: SchemaStyle = JSON_SCHEMA_STYLE): JsonObject {
  switch (shape.kind) {
    case 'any':
      return {};
    case 'object':
      return { type: 'object' };
    case 'boolean':
    case 'string':
    case 'integer':
    case 'number': {
      const s: { [key: string]: Json } = { type: shape.kind };
      // An empty enum (a kind that allows no value of a key a more specific kind pins) is written
      // `not: {}`: the same verdict, and strict JSON Schema tools (Ajv) reject `enum: []`.
      if (shape.enum?.length === 0) s.not = {};
      else if (shape.enum) s.enum = shape.enum;
      if (shape.not?.length && shape.enum?.length !== 0) s.not = { enum: shape.not };
      if (shape.kind === 'string') {
        if (shape.minLength !== undefined) s.minLength = shape.minLength;
        if (shape.maxLength !== undefined) s.maxLength = shape.maxLength;
      }
      if (shape.kind === 'integer' || shape.kind === 'number') {
        const range: { [key: string]: Json } = {};
        if (shape.minimum !== undefined) range.minimum = shape.minimum;
        if (shape.maximum !== undefined) range.maximum = shape.maximum;
        // Numbers allowed besides the range: the range, or one of them.
        if (shape.also?.length) s.anyOf = [range, { enum: shape.also }];
        else Object.assign(s, range);
      }
      return s;
    }
    case 'array': {
      const s: { [key: string]: Json } = { type: 'array', items: shapeSchema(shape.items, style) };
      if (shape.minItems !== undefined) s.minItems = shape.minItems;
      if (shape.maxItems !== undefined) s.maxItems = shape.maxItems;
      return s;
    }
    case 'map':
      return { type: 'object', additionalProperties: shapeSchema(shape.values, style) };
    case 'ref':
      return { $ref: style.ref(shape.def) };
  }
}

/** A property's schema: its shape, what the style says of its parameter, default, examples, deprecated. */
export function propSchema(p: Prop, defs: OperationShapes['defs'], style: SchemaStyle = JSON_SCHEMA_STYLE): JsonObject {
  const s = shapeSchema(p.shape, style);
  const param = p.param;
  if (!param) return s;
  style.describeProp(s, param);
  if (param.default !== undefined) {
    const d = readExample(p.shape, param.default);
    if (d !== undefined && fitsShape(p.shape, d, defs)) s.default = d as Json;
  }
  const examples = param.examples
    .map((e) => readExample(p.shape, e))
    .filter((e) => e !== undefined && fitsShape(p.shape, e, defs))
    .slice(0, 3) as Json[];
  if (examples.length) s.examples = examples;
  if (p.deprecated) s.deprecated = true;
  return s;
}

export function objectSchema(def: ObjectDef, defs: OperationShapes['defs'], style: SchemaStyle = JSON_SCHEMA_STYLE): JsonObject {
  const s: { [key: string]: Json } = { type: 'object' };
  s.title = def.name;
  style.describeObject(s, def);
  s.properties = dict(def.props.map((p) => [p.name, propSchema(p, defs, style)]));
  const required = def.props.filter((p) => p.required).map((p) => p.name);
  if (required.length) s.required = required;
  const groups = (def.oneOf ?? []).map((g): Json => ({ anyOf: g.map((n): Json => ({ properties: { [n]: true }, required: [n] })) }));
  if (groups.length === 1) s.anyOf = (groups[0] as { anyOf: Json }).anyOf;
  else if (groups.length > 1) s.allOf = groups;
  s.additionalProperties = false;
  return s;
}

/**
 * The schema of a request with variants (kinds). `if-chain`: if (kind A) then A else if (kind B)
 * then B ... else false, in the validator's dispatch order (the JSON Schema files: ajv picks the
 * variant the generated validator picks). `one-of`: `oneOf` the variants, which OpenAPI tools
 * read as a union; the same verdicts, since the variants never overlap (each pins its
 * discriminator values and excludes those of more specific kinds, see shapes.ts).
 */
export function variantRequestSchema(o: OperationShapes, form: 'if-chain' | 'one-of', style: SchemaStyle = JSON_SCHEMA_STYLE): JsonObject {
  const r = o.request!;
  const head: JsonObject = {
    title: r.typeName,
    description: `Request of ${o.op.name}: one of ${r.variants.map((v) => `${v.id} (${v.discriminator.map(([k, val]) => `${k}=${JSON.stringify(val)}`).join(', ')})`).join(', ')}.`,
  };
  if (form === 'one-of') return { ...head, oneOf: r.variants.map((v): Json => ({ $ref: style.ref(v.def.name) })) };
  let chain: Json = false;
  for (const v of r.dispatch.slice().reverse()) {
    const cond: JsonObject = {
      type: 'object',
      properties: dict(v.discriminator.map(([k, val]) => [k, { const: val }])),
    };
    if (v.discriminator.length) cond.required = v.discriminator.map(([k]) => k);
    chain = { if: cond, then: { $ref: style.ref(v.def.name) }, else: chain };
  }
  return { ...head, ...(chain as JsonObject) };
}

/** The request and response schemas of one operation (root type name → schema). */
export function operationSchemas(o: OperationShapes): Array<{ kind: 'request' | 'response'; name: string; schema: Json }> {
  const out: Array<{ kind: 'request' | 'response'; name: string; schema: Json }> = [];
  const file = (kind: 'request' | 'response', rootName: string, root: { [key: string]: Json }, defRoots: string[]): void => {
    const $defs = reachableDefs(o.defs, defRoots).filter((d) => d.name !== rootName);
    const schema: { [key: string]: Json } = {
      $schema: SCHEMA_DIALECT,
      $comment: `${HEADER_NOTE} JSON Schema of ${rootName} (${o.op.id}).`,
      ...root,
    };
    if ($defs.length) schema.$defs = dict($defs.map((d) => [d.name, objectSchema(d, o.defs)]));
    out.push({ kind, name: rootName, schema });
  };
  const r = o.request;
  if (r && r.variants.length) file('request', r.typeName, variantRequestSchema(o, 'if-chain'), r.variants.map((v) => v.def.name));
  else if (r) file('request', r.typeName, objectSchema(r.plain!, o.defs), [r.plain!.name]);
  if (o.response) file('response', o.response.name, objectSchema(o.response, o.defs), [o.response.name]);
  return out;
}
