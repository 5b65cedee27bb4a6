/**
 * TypeScript interfaces (types.ts → types.d.ts): the request union of the variants, the base
 * type, one interface per variant, the response, nested models; literal unions for enums; JSDoc
 * with both languages, @default, @example, @deprecated and the sources.
 */
import type { Scalar } from '../model/ir.ts';
import { docComment, fileHeader } from './comments.ts';
import { lit, propKey } from './naming.ts';
import { sourceList, type ObjectDef, type OperationShapes, type PackageShapes, type Prop, type Shape } from './shapes.ts';
import { render } from './templates.ts';
import { readExample, fitsShape } from './values.ts';

function union(values: Scalar[]): string {
  return values.length ? values.map((v) => lit(v)).join(' | ') : 'never';
}

export function tsType(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return shape.enum ? union(shape.enum.filter((v) => !shape.not?.includes(v))) : 'string';
    case 'integer':
    case 'number':
      return shape.enum ? union(shape.enum.filter((v) => !shape.not?.includes(v))) : 'number';
    case 'boolean':
      return shape.enum ? union(shape.enum.filter((v) => !shape.not?.includes(v))) : 'boolean';
    case 'any':
      return 'unknown';
    case 'object':
      return '{ [key: string]: unknown }';
    case 'array': {
      const t = tsType(shape.items);
      return t.includes('|') ? `(${t})[]` : `${t}[]`;
    }
    case 'map':
      return `{ [key: string]: ${tsType(shape.values)} }`;
    case 'ref':
      return shape.def;
  }
}

/** Facts worth stating in prose that the type cannot carry (ranges, lengths, item counts, exclusions). */
function constraintText(shape: Shape): string[] {
  const out: string[] = [];
  const range = (what: string, min?: number, max?: number): void => {
    if (min !== undefined && max !== undefined) out.push(`${what}: ${min} to ${max}.`);
    else if (min !== undefined) out.push(`${what}: at least ${min}.`);
    else if (max !== undefined) out.push(`${what}: at most ${max}.`);
  };
  if (shape.kind === 'string') range('Length', shape.minLength, shape.maxLength);
  if (shape.kind === 'integer' || shape.kind === 'number') range('Range', shape.minimum, shape.maximum);
  if (shape.kind === 'array') {
    range('Items', shape.minItems, shape.maxItems);
    out.push(...constraintText(shape.items).map((t) => `Each item: ${t}`));
  }
  if ((shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'number') && shape.not?.length && !shape.enum) {
    out.push(`Not ${shape.not.map((v) => JSON.stringify(v)).join(' or ')} (that is another kind of request).`);
  }
  return out;
}

export function propDoc(p: Prop, defs: PackageShapes['defs']): string {
  const param = p.param;
  const tags: string[] = [];
  if (param?.default !== undefined) {
    const d = readExample(p.shape, param.default);
    tags.push(`@default ${d !== undefined && fitsShape(p.shape, d, defs) ? JSON.stringify(d) : String(param.default)}`);
  }
  for (const ex of (param?.examples ?? []).slice(0, 3)) tags.push(`@example ${ex}`);
  if (p.deprecated) tags.push('@deprecated Deprecated by the reference pages (the validator warns).');
  const sources = param ? sourceList(param.sources) : '';
  return docComment([
    param?.description.en ?? null,
    '',
    param?.description.zh ?? null,
    '',
    ...constraintText(p.shape),
    p.discriminator ? 'Discriminator of this kind of request.' : null,
    sources ? `Source: ${sources}` : null,
    ...tags,
  ]);
}

interface PropView {
  name: string;
  key: string;
  required: boolean;
  type: string;
  doc: string;
}

interface ObjectView {
  name: string;
  doc: string;
  /** `extends` clause (variants: what they share with the base type), or ''. */
  heritage: string;
  props: PropView[];
  /** An interface (it has properties or a base); else an empty object type. */
  interface: boolean;
}

function objectView(def: ObjectDef, defs: PackageShapes['defs']): ObjectView {
  return {
    name: def.name,
    doc: docComment([...def.doc, def.sources.length ? `Source: ${sourceList(def.sources)}` : null]),
    heritage: '',
    props: def.props.map((p) => ({ name: p.name, key: propKey(p.name), required: p.required, type: tsType(p.shape), doc: propDoc(p, defs).replace(/^/gm, '  ') })),
    interface: def.props.length > 0,
  };
}

/**
 * A variant as the base type's properties it shares (same type, same documentation) picked from
 * the base, and the rest (its discriminators, narrowed types) stated in its body. `Pick` keeps
 * each property's JSDoc for editors, and the declarations are written once instead of once per
 * kind of request.
 */
function variantView(def: ObjectDef, base: ObjectView, defs: PackageShapes['defs']): ObjectView {
  const view = objectView(def, defs);
  const inBase = new Map(base.props.map((p) => [p.name, p]));
  const same: string[] = [];
  const required: string[] = [];
  const optional: string[] = [];
  const own: PropView[] = [];
  for (const p of view.props) {
    const b = inBase.get(p.name);
    if (!b || b.type !== p.type || b.doc !== p.doc) own.push(p);
    else (p.required === b.required ? same : p.required ? required : optional).push(lit(p.name));
  }
  const pick = (names: string[]): string => `Pick<${base.name}, ${names.join(' | ')}>`;
  const heritage = [same.length ? pick(same) : null, required.length ? `Required<${pick(required)}>` : null, optional.length ? `Partial<${pick(optional)}>` : null].filter(Boolean).join(', ');
  return { ...view, heritage: heritage ? ` extends ${heritage}` : '', props: own, interface: own.length > 0 || heritage !== '' };
}

export function operationTitle(o: OperationShapes): string {
  return [o.op.product, o.op.version, o.op.name].filter(Boolean).join(' ') + (o.op.method || o.op.path ? ` (${[o.op.method, o.op.path].filter(Boolean).join(' ')})` : '');
}

export function emitTypes(shapes: PackageShapes): string {
  const emittedModels = new Set<string>();
  const operations = shapes.operations.map((o) => {
    const unions: Array<{ name: string; doc: string; members: string }> = [];
    const objects: ObjectView[] = [];
    const r = o.request;
    if (r) {
      if (r.variants.length) {
        unions.push({
          name: r.typeName,
          doc: docComment([
            `Request of ${o.op.name}: one of its kinds, told apart by ${r.discriminatorKeys.join(', ')}.`,
            ...r.variants.map((v) => `- {@link ${v.def.name}}: ${v.discriminator.map(([k, val]) => `${k} = ${JSON.stringify(val)}`).join(', ')}`),
            o.op.notes.length ? '' : null,
            ...o.op.notes.map((n) => `Note: ${n}`),
          ]),
          members: r.variants.map((v) => v.def.name).join(' | '),
        });
        const base = objectView(r.base, shapes.defs);
        objects.push(base);
        for (const v of r.variants) objects.push(variantView(v.def, base, shapes.defs));
      } else {
        objects.push(objectView(r.plain!, shapes.defs));
        unions.push({ name: r.baseName, doc: docComment([`Same as {@link ${r.typeName}} (${o.op.name} has one kind of request).`]), members: r.typeName });
      }
    }
    if (o.response) objects.push(objectView(o.response, shapes.defs));
    return { title: operationTitle(o), unions, objects };
  });
  const models = [...shapes.defs.values()]
    .filter((d) => d.kind === 'model' && !emittedModels.has(d.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((d) => objectView(d, shapes.defs));
  return render('types.ts.hbs', {
    header: fileHeader(`Types of the requests and responses of ${shapes.operations.map((o) => o.op.id).join(', ')}.`),
    operations,
    models,
  });
}
