/**
 * JSON Schema 2020-12 of every request and response (one file each, beside the operation's
 * module: schema/<product>/<version>/<Operation>.request.schema.json). Nested models
 * and variants go to `$defs`. A request with variants is an if/then/else chain over the
 * discriminator, in the validator's dispatch order, so the schema and the generated validator
 * pick the same variant and give the same verdict. Schemas compile under Ajv2020 strict mode.
 */
import { HEADER_NOTE } from './comments.ts';
import { reachableDefs, sourceList, type ObjectDef, type OperationShapes, type Prop, type Shape } from './shapes.ts';
import { fitsShape, readExample } from './values.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** An object that may hold any key as data (a `__proto__` key stays a key). */
function dict(entries: Array<[string, Json]>): { [key: string]: Json } {
  const o = Object.create(null) as { [key: string]: Json };
  for (const [k, v] of entries) o[k] = v;
  return o;
}

export function refTo(name: string): string {
  return `#/$defs/${encodeURIComponent(name)}`;
}

export function shapeSchema(shape: Shape): { [key: string]: Json } {
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
      if (shape.enum) s.enum = shape.enum;
      if (shape.not?.length) s.not = { enum: shape.not };
      if (shape.kind === 'string') {
        if (shape.minLength !== undefined) s.minLength = shape.minLength;
        if (shape.maxLength !== undefined) s.maxLength = shape.maxLength;
      }
      if (shape.kind === 'integer' || shape.kind === 'number') {
        if (shape.minimum !== undefined) s.minimum = shape.minimum;
        if (shape.maximum !== undefined) s.maximum = shape.maximum;
      }
      return s;
    }
    case 'array': {
      const s: { [key: string]: Json } = { type: 'array', items: shapeSchema(shape.items) };
      if (shape.minItems !== undefined) s.minItems = shape.minItems;
      if (shape.maxItems !== undefined) s.maxItems = shape.maxItems;
      return s;
    }
    case 'map':
      return { type: 'object', additionalProperties: shapeSchema(shape.values) };
    case 'ref':
      return { $ref: refTo(shape.def) };
  }
}

function propSchema(p: Prop, defs: OperationShapes['defs']): { [key: string]: Json } {
  const s = shapeSchema(p.shape);
  const param = p.param;
  if (!param) return s;
  const description = [param.description.en, param.description.zh].filter((x): x is string => !!x).join('\n\n');
  if (description) s.description = description;
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

export function objectSchema(def: ObjectDef, defs: OperationShapes['defs']): { [key: string]: Json } {
  const s: { [key: string]: Json } = { type: 'object' };
  s.title = def.name;
  const description = [...def.doc, def.sources.length ? `Source: ${sourceList(def.sources)}` : ''].filter(Boolean).join('\n');
  if (description) s.description = description;
  s.properties = dict(def.props.map((p) => [p.name, propSchema(p, defs)]));
  const required = def.props.filter((p) => p.required).map((p) => p.name);
  if (required.length) s.required = required;
  const groups = (def.oneOf ?? []).map((g): Json => ({ anyOf: g.map((n): Json => ({ properties: { [n]: true }, required: [n] })) }));
  if (groups.length === 1) s.anyOf = (groups[0] as { anyOf: Json }).anyOf;
  else if (groups.length > 1) s.allOf = groups;
  s.additionalProperties = false;
  return s;
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
  if (r && r.variants.length) {
    // if (kind A) then A else if (kind B) then B ... else false
    let chain: Json = false;
    for (const v of r.dispatch.slice().reverse()) {
      const cond: { [key: string]: Json } = {
        type: 'object',
        properties: dict(v.discriminator.map(([k, val]) => [k, { const: val }])),
      };
      if (v.discriminator.length) cond.required = v.discriminator.map(([k]) => k);
      chain = { if: cond, then: { $ref: refTo(v.def.name) }, else: chain };
    }
    const root = chain as { [key: string]: Json };
    file(
      'request',
      r.typeName,
      {
        title: r.typeName,
        description: `Request of ${o.op.name}: one of ${r.variants.map((v) => `${v.id} (${v.discriminator.map(([k, val]) => `${k}=${JSON.stringify(val)}`).join(', ')})`).join(', ')}.`,
        ...root,
      },
      r.variants.map((v) => v.def.name),
    );
  } else if (r) {
    file('request', r.typeName, objectSchema(r.plain!, o.defs), [r.plain!.name]);
  }
  if (o.response) file('response', o.response.name, objectSchema(o.response, o.defs), [o.response.name]);
  return out;
}
