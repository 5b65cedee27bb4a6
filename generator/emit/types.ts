/**
 * TypeScript types of one operation (part of its module): the request union of the variants,
 * the base type, one interface per variant, the response, nested models; literal unions for
 * enums; JSDoc with both languages, @default, @example, @deprecated and the sources. Built
 * through the code-construction layer (./codegen).
 */
import type { SourceRef } from '../model/ir.ts';
import { block, code, ident, join, literalUnion, propName, str, type Code } from './codegen/index.ts';
import { docComment } from './comments.ts';
import { MAX_CITED, sourceList, type ObjectDef, type OperationShapes, type Prop, type Shape } from './shapes.ts';
import { readExample, fitsShape } from './values.ts';

/** How sources are cited in documentation: `file:line`, or links when a base URL is given. */
export type CiteFn = (sources: SourceRef[]) => string;

export const plainCite: CiteFn = (sources) => sourceList(sources);

/**
 * Sources as markdown links under `base` (`[docs/a.md:12](https://…/docs/a.md#L12)`): the path
 * percent-encoded segment by segment, so a page path cannot break the link or the comment.
 */
export function linkCite(base: string): CiteFn {
  const root = base.endsWith('/') ? base : `${base}/`;
  return (sources) => {
    const sorted = sources.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    const seen = new Set<string>();
    const links: string[] = [];
    for (const s of sorted) {
      const key = `${s.file}:${s.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const href = `${root}${s.file.split('/').map(encodeURIComponent).join('/')}#L${s.line}`;
      links.push(`[${key.replace(/[[\]\\]/g, '\\$&')}](${href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`);
    }
    return links.length > MAX_CITED ? `${links.slice(0, MAX_CITED).join(', ')} (+${links.length - MAX_CITED} more)` : links.join(', ');
  };
}

export function tsType(shape: Shape): Code {
  switch (shape.kind) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean': {
      if (shape.enum) return literalUnion((shape.enum as Array<string | number | boolean>).filter((v) => !(shape.not as unknown[] | undefined)?.includes(v)));
      return shape.kind === 'string' ? code`string` : shape.kind === 'boolean' ? code`boolean` : code`number`;
    }
    case 'any':
      return code`unknown`;
    case 'object':
      return code`{ [key: string]: unknown }`;
    case 'array': {
      const t = tsType(shape.items);
      return t.text.includes('|') ? code`(${t})[]` : code`${t}[]`;
    }
    case 'map':
      return code`{ [key: string]: ${tsType(shape.values)} }`;
    case 'ref':
      return ident(shape.def);
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
  if (shape.kind === 'integer' || shape.kind === 'number') {
    range('Range', shape.minimum, shape.maximum);
    if (shape.also?.length && out.length) out[out.length - 1] = `${out[out.length - 1]!.replace(/\.$/, '')}, or ${shape.also.join(' or ')}.`;
  }
  if (shape.kind === 'array') {
    range('Items', shape.minItems, shape.maxItems);
    out.push(...constraintText(shape.items).map((t) => `Each item: ${t}`));
  }
  if ((shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'number') && shape.not?.length && !shape.enum) {
    out.push(`Not ${shape.not.map((v) => JSON.stringify(v)).join(' or ')} (that is another kind of request).`);
  }
  return out;
}

export function propDoc(p: Prop, defs: OperationShapes['defs'], cite: CiteFn): Code {
  const param = p.param;
  const tags: string[] = [];
  if (param?.default !== undefined) {
    const d = readExample(p.shape, param.default);
    tags.push(`@default ${d !== undefined && fitsShape(p.shape, d, defs) ? JSON.stringify(d) : String(param.default)}`);
  }
  for (const ex of (param?.examples ?? []).slice(0, 3)) tags.push(`@example ${ex}`);
  if (p.deprecated) tags.push('@deprecated Deprecated by the reference pages (the validator warns).');
  const sources = param ? cite(param.sources) : '';
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
  required: boolean;
  type: Code;
  doc: Code;
}

interface ObjectView {
  name: string;
  doc: Code;
  /** `extends` clause (variants: what they share with the base type), or empty. */
  heritage: Code | null;
  props: PropView[];
  /** An interface (it has properties or a base); else an empty object type. */
  interface: boolean;
}

function objectView(def: ObjectDef, defs: OperationShapes['defs'], cite: CiteFn): ObjectView {
  return {
    name: def.name,
    doc: docComment([...def.doc, def.sources.length ? `Source: ${cite(def.sources)}` : null]),
    heritage: null,
    props: def.props.map((p) => ({ name: p.name, required: p.required, type: tsType(p.shape), doc: propDoc(p, defs, cite) })),
    interface: def.props.length > 0,
  };
}

/**
 * A variant as the base type's properties it shares (same type, same documentation) picked from
 * the base, and the rest (its discriminators, narrowed types) stated in its body. `Pick` keeps
 * each property's JSDoc for editors, and the declarations are written once instead of once per
 * kind of request.
 */
function variantView(def: ObjectDef, base: ObjectView, defs: OperationShapes['defs'], cite: CiteFn): ObjectView {
  const view = objectView(def, defs, cite);
  const inBase = new Map(base.props.map((p) => [p.name, p]));
  const same: Code[] = [];
  const required: Code[] = [];
  const optional: Code[] = [];
  const own: PropView[] = [];
  for (const p of view.props) {
    const b = inBase.get(p.name);
    if (!b || b.type.text !== p.type.text || b.doc.text !== p.doc.text) own.push(p);
    else (p.required === b.required ? same : p.required ? required : optional).push(str(p.name));
  }
  const baseName = ident(base.name);
  const pick = (names: Code[]): Code => code`Pick<${baseName}, ${join(names, ' | ')}>`;
  const parts = [same.length ? pick(same) : null, required.length ? code`Required<${pick(required)}>` : null, optional.length ? code`Partial<${pick(optional)}>` : null].filter((x): x is Code => x !== null);
  const heritage = parts.length ? code` extends ${join(parts, ', ')}` : null;
  return { ...view, heritage, props: own, interface: own.length > 0 || heritage !== null };
}

export function operationTitle(o: OperationShapes): string {
  return [o.op.product, o.op.version, o.op.name].filter(Boolean).join(' ') + (o.op.method || o.op.path ? ` (${[o.op.method, o.op.path].filter(Boolean).join(' ')})` : '');
}

function objectDecl(v: ObjectView): Code {
  const name = ident(v.name);
  const head = v.doc.text ? code`${v.doc}\n` : code``;
  if (!v.interface) return code`${head}export type ${name} = { [key: string]: never };`;
  const members = v.props.map((p) => code`${p.doc.text ? code`${p.doc}\n` : code``}${propName(p.name)}${p.required ? code`` : code`?`}: ${p.type};`);
  return code`${head}export interface ${name}${v.heritage ?? code``} {\n${block(members)}\n}`;
}

/** The type declarations of one operation: request union, base, kinds, response, models. */
export function emitTypes(o: OperationShapes, cite: CiteFn = plainCite): Code {
  const decls: Code[] = [];
  const r = o.request;
  if (r) {
    if (r.variants.length) {
      const doc = docComment([
        `Request of ${o.op.name}: one of its kinds, told apart by ${r.discriminatorKeys.join(', ')}.`,
        ...r.variants.map((v) => `- {@link ${v.def.name}}: ${v.discriminator.map(([k, val]) => `${k} = ${JSON.stringify(val)}`).join(', ')}`),
        o.op.notes.length ? '' : null,
        ...o.op.notes.map((n) => `Note: ${n}`),
      ]);
      decls.push(code`${doc}\nexport type ${ident(r.typeName)} = ${join(r.variants.map((v) => ident(v.def.name)), ' | ')};`);
      const base = objectView(r.base, o.defs, cite);
      decls.push(objectDecl(base));
      for (const v of r.variants) decls.push(objectDecl(variantView(v.def, base, o.defs, cite)));
    } else if (r.plain!.oneOf?.length) {
      // "Set X or Y": the base has every parameter; the request is the base with at least one member of each group present.
      const groups = r.plain!.oneOf;
      const baseName = ident(r.baseName);
      const say = (g: string[]): string => g.map((n) => JSON.stringify(n)).join(' or ');
      decls.push(objectDecl(objectView({ ...r.plain!, name: r.baseName, doc: [`Every parameter of ${o.op.name}; prefer {@link ${r.typeName}}, which also says that ${groups.map(say).join(', and ')} must be set.`, ...r.plain!.doc.slice(1)] }, o.defs, cite)));
      const alternatives = groups.map((g) => code`(${join(g.map((n) => code`Required<Pick<${baseName}, ${str(n)}>>`), ' | ')})`);
      decls.push(code`${docComment([`Request of ${o.op.name}: at least one of ${groups.map(say).join(', and one of ')} must be set.`])}\nexport type ${ident(r.typeName)} = ${baseName} & ${join(alternatives, ' & ')};`);
    } else {
      decls.push(objectDecl(objectView(r.plain!, o.defs, cite)));
      decls.push(code`${docComment([`Same as {@link ${r.typeName}} (${o.op.name} has one kind of request).`])}\nexport type ${ident(r.baseName)} = ${ident(r.typeName)};`);
    }
  }
  if (o.response) decls.push(objectDecl(objectView(o.response, o.defs, cite)));
  const models = [...o.defs.values()].filter((d) => d.kind === 'model').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of models) decls.push(objectDecl(objectView(d, o.defs, cite)));
  return join(decls, '\n\n');
}
