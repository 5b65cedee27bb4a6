/**
 * The emit model: the IR's operations normalised once into object definitions with value
 * shapes. Every emitter (interfaces, validators, JSON Schema, samples, the zod schema of the
 * bench) reads this, never the IR facts directly, so they cannot disagree with one another.
 *
 * Decisions made here (and only here):
 * - Facts are coerced to the parameter's type (enum `["1","2"]` on an integer → `[1, 2]`);
 *   facts that cannot apply are dropped (a length on a number), unsatisfiable ones too
 *   (min > max; an enum outside the range: the enum wins).
 * - `items` facts constrain the outer array; enum/range/length constrain the innermost scalar.
 *   A range's `also` ("1 to 5120, or -1") are numbers allowed outside `minimum`..`maximum`.
 * - A variant accepts its own `parameters`, the request parameters no variant claims, its
 *   discriminator keys, and the discriminator keys of more specific variants with their values
 *   excluded (managed: `profile` not `Edge`), so the variants never overlap.
 * - Names: each operation is its own module, so every name depends only on the operation
 *   (its name, its models, its kinds of request), never on which other pages are in the run.
 *   Types: `<Op>Request`, `<Op>RequestBase`, `<Op>Request<Kind>`, `<Op>Response`; models are
 *   PascalCase of the model name, prefixed by the operation when that is taken (then numbered).
 */
import type { IR, OperationModel, Parameter, Scalar, SourceRef, TypeRef, Variant } from '../model/ir.ts';
import { NameAllocator, pascalCase } from './naming.ts';

export type Shape =
  | { kind: 'string'; enum?: string[]; not?: string[]; minLength?: number; maxLength?: number }
  | { kind: 'integer' | 'number'; enum?: number[]; not?: number[]; minimum?: number; maximum?: number; also?: number[] }
  | { kind: 'boolean'; enum?: boolean[]; not?: boolean[] }
  | { kind: 'any' }
  | { kind: 'object' }
  | { kind: 'array'; items: Shape; minItems?: number; maxItems?: number }
  | { kind: 'map'; values: Shape }
  | { kind: 'ref'; def: string };

export type ScalarShape = Extract<Shape, { kind: 'string' | 'integer' | 'number' | 'boolean' }>;

export interface Prop {
  name: string;
  shape: Shape;
  required: boolean;
  deprecated: boolean;
  /** The IR parameter behind the property (null for a key only a variant or discriminator names). */
  param: Parameter | null;
  /** Set on the discriminator keys of a variant. */
  discriminator?: boolean;
}

export type DefKind = 'model' | 'variant' | 'request' | 'base' | 'response';

export interface ObjectDef {
  /** TypeScript type name, also the `$defs` key and the validator's identity. */
  name: string;
  kind: DefKind;
  props: Prop[];
  /** Lines of documentation (already plain text; comment escaping happens when emitted). */
  doc: string[];
  sources: SourceRef[];
  /** For variants: id and label, used in messages. */
  variant?: { id: string; label: string };
  /** Groups of properties of which at least one must be present ("set this parameter or key_pair"). */
  oneOf?: string[][];
}

export interface VariantShape {
  id: string;
  label: string;
  /** Discriminator entries in key order. */
  discriminator: Array<[string, Scalar]>;
  def: ObjectDef;
}

export interface RequestShapes {
  /** `CreateClusterRequest`: the union of the variants (or the plain object without variants). */
  typeName: string;
  /** `CreateClusterRequestBase`. */
  baseName: string;
  /** Variants sorted by id; empty when the operation has none. */
  variants: VariantShape[];
  /** Variants in the order the validator tries them: most specific first, then by id. */
  dispatch: VariantShape[];
  /** Discriminator keys, most used first. */
  discriminatorKeys: string[];
  /** The request object when there are no variants. */
  plain: ObjectDef | null;
  /** All parameters; required only what every variant requires. */
  base: ObjectDef;
}

export interface OperationShapes {
  op: OperationModel;
  /** `CreateCluster`: prefix of every type name of the operation (PascalCase of its name alone). */
  base: string;
  request: RequestShapes | null;
  response: ObjectDef | null;
  /** IR model name → emitted type name. */
  modelNames: Map<string, string>;
  /**
   * Every object definition of the operation by type name (models, variants, request, base,
   * response): a `ref` shape names one of these. Names are unique within the operation only.
   */
  defs: Map<string, ObjectDef>;
}

export interface PackageShapes {
  /** Sorted by id. */
  operations: OperationShapes[];
}

// ---------------------------------------------------------------------------------------------
// Facts → shapes
// ---------------------------------------------------------------------------------------------

const isNonNegInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isFiniteNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function dedupe<T>(xs: T[]): T[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

function coerceEnum(kind: ScalarShape['kind'], values: Scalar[]): Scalar[] {
  const out: Scalar[] = [];
  for (const v of values) {
    if (kind === 'string') out.push(String(v));
    else if (kind === 'boolean') {
      if (typeof v === 'boolean') out.push(v);
      else if (v === 'true' || v === 'false') out.push(v === 'true');
    } else {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
      if (Number.isFinite(n) && (kind === 'number' || Number.isInteger(n))) out.push(n);
    }
  }
  return dedupe(out);
}

function typeShape(t: TypeRef, resolve: (name: string) => string | null): Shape {
  switch (t.kind) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'object':
      return { kind: t.kind };
    case 'unknown':
      return { kind: 'any' };
    case 'array':
      return { kind: 'array', items: typeShape(t.items, resolve) };
    case 'map':
      return { kind: 'map', values: typeShape(t.values, resolve) };
    case 'ref': {
      const def = resolve(t.name);
      return def ? { kind: 'ref', def } : { kind: 'object' };
    }
  }
}

/** Does a scalar value satisfy a scalar shape's own facts (not its type)? */
function scalarFits(shape: ScalarShape, v: Scalar): boolean {
  if (shape.kind === 'string' && typeof v === 'string') {
    const n = [...v].length;
    return (shape.minLength === undefined || n >= shape.minLength) && (shape.maxLength === undefined || n <= shape.maxLength);
  }
  if ((shape.kind === 'integer' || shape.kind === 'number') && typeof v === 'number') {
    return ((shape.minimum === undefined || v >= shape.minimum) && (shape.maximum === undefined || v <= shape.maximum)) || Boolean(shape.also?.includes(v));
  }
  return true;
}

function scalarWithFacts(kind: ScalarShape['kind'], p: Parameter): ScalarShape {
  if (kind === 'boolean') {
    const e = p.enum ? (coerceEnum('boolean', p.enum) as boolean[]) : [];
    return e.length === 1 ? { kind, enum: e } : { kind };
  }
  if (kind === 'string') {
    const s: ScalarShape & { kind: 'string' } = { kind };
    const len = p.length;
    if (len) {
      const min = isNonNegInt(len.min) ? len.min : undefined;
      const max = isNonNegInt(len.max) ? len.max : undefined;
      if (!(min !== undefined && max !== undefined && min > max)) {
        if (min !== undefined && min > 0) s.minLength = min;
        if (max !== undefined) s.maxLength = max;
      }
    }
    const e = p.enum ? (coerceEnum('string', p.enum) as string[]) : [];
    if (e.length) {
      const fitting = e.filter((v) => scalarFits(s, v));
      if (fitting.length === e.length) s.enum = e;
      else return { kind, enum: e }; // the enum wins over a length it contradicts
    }
    return s;
  }
  const s: ScalarShape & { kind: 'integer' | 'number' } = { kind };
  const r = p.range;
  if (r) {
    const min = isFiniteNum(r.min) ? r.min : undefined;
    const max = isFiniteNum(r.max) ? r.max : undefined;
    if (!(min !== undefined && max !== undefined && min > max)) {
      if (min !== undefined) s.minimum = min;
      if (max !== undefined) s.maximum = max;
      // Numbers allowed besides the range ("-1 | 1-5120"): only those the range leaves out.
      const also = r.also && (s.minimum !== undefined || s.maximum !== undefined) ? (coerceEnum(kind, r.also) as number[]).filter((v) => !scalarFits(s, v)).sort((a, b) => a - b) : [];
      if (also.length) s.also = also;
    }
  }
  let e = p.enum ? (coerceEnum(kind, p.enum) as number[]) : [];
  const values = r?.values ? (coerceEnum(kind, r.values) as number[]) : [];
  if (values.length) e = e.length ? e.filter((v) => values.includes(v)) : values;
  if (!e.length && p.enum?.length && values.length) e = values;
  if (e.length) {
    if (e.every((v) => scalarFits(s, v))) s.enum = e;
    else return { kind, enum: e };
  }
  return s;
}

function withFacts(shape: Shape, p: Parameter, outer = true): Shape {
  if (shape.kind === 'array') {
    const out: Shape & { kind: 'array' } = { kind: 'array', items: withFacts(shape.items, p, false) };
    if (outer && p.items) {
      const min = isNonNegInt(p.items.min) ? p.items.min : undefined;
      const max = isNonNegInt(p.items.max) ? p.items.max : undefined;
      if (!(min !== undefined && max !== undefined && min > max)) {
        if (min !== undefined && min > 0) out.minItems = min;
        if (max !== undefined) out.maxItems = max;
      }
    }
    return out;
  }
  if (shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'number' || shape.kind === 'boolean') {
    return scalarWithFacts(shape.kind, p);
  }
  return shape;
}

function paramShape(p: Parameter, resolve: (name: string) => string | null): Shape {
  return withFacts(typeShape(p.type, resolve), p);
}

function literalShape(v: Scalar): ScalarShape {
  if (typeof v === 'string') return { kind: 'string', enum: [v] };
  if (typeof v === 'boolean') return { kind: 'boolean', enum: [v] };
  return { kind: Number.isInteger(v) ? 'integer' : 'number', enum: [v] };
}

/** `shape` minus some values (a less specific variant must not take a more specific one's value). */
function excluding(shape: Shape, values: Scalar[]): Shape {
  if (shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'number' || shape.kind === 'boolean') {
    const own = values.filter((v) => (shape.kind === 'string' ? typeof v === 'string' : shape.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'number'));
    if (!own.length) return shape;
    if (shape.kind === 'boolean') {
      const allowed = (shape.enum ?? [true, false]).filter((v) => !own.includes(v));
      return { kind: 'boolean', enum: allowed };
    }
    if (shape.enum) {
      const allowed = (shape.enum as Scalar[]).filter((v) => !own.includes(v));
      return { ...shape, enum: allowed } as Shape;
    }
    return { ...shape, not: dedupe([...(shape.not ?? []), ...own]) } as Shape;
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Documentation lines
// ---------------------------------------------------------------------------------------------

/**
 * How many page lines a comment or schema description cites before "(+N more)": most facts of
 * the corpus stand on five or six copies of one page (cn/intl, zh/en), and listing them all was
 * a fifth of the package's declarations; `reports/ir.json` keeps every source.
 */
export const MAX_CITED = 2;

export function sourceList(sources: SourceRef[], max = MAX_CITED): string {
  const sorted = sources.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const uniq = dedupe(sorted.map((s) => `${s.file}:${s.line}`));
  return uniq.length > max ? `${uniq.slice(0, max).join(', ')} (+${uniq.length - max} more)` : uniq.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

function variantLabel(v: Variant): string {
  return v.label && v.label !== v.id ? `${v.id} (${v.label})` : v.id;
}

export function buildShapes(ir: IR): PackageShapes {
  const ops = ir.operations.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { operations: ops.map(operationShapes) };
}

/** One operation's shapes: a function of the operation alone. */
export function operationShapes(op: OperationModel): OperationShapes {
  {
    const names = new NameAllocator();
    const base = pascalCase(op.name);
    for (const s of ['Request', 'RequestBase', 'Response']) names.take(base + s);
    const variantNames = new Map<Variant, string>();
    for (const v of op.variants.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) variantNames.set(v, names.take(`${base}Request${pascalCase(v.id)}`));
    const mnames = new Map<string, string>();
    for (const model of op.models.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (mnames.has(model.name)) continue;
      const key = pascalCase(model.name);
      mnames.set(model.name, names.take(names.has(key) ? `${base}${key}` : key));
    }
    const defs = new Map<string, ObjectDef>();
    const resolve = (name: string): string | null => mnames.get(name) ?? null;
    const prop = (p: Parameter, required: boolean): Prop => ({
      name: p.name,
      shape: paramShape(p, resolve),
      required,
      deprecated: p.deprecated,
      param: p,
    });

    for (const model of op.models) {
      const name = mnames.get(model.name)!;
      if (defs.has(name)) continue;
      defs.set(name, {
        name,
        kind: 'model',
        props: model.fields.map((f) => prop(f, f.required)),
        doc: [`Model \`${model.name}\` of ${op.name}.`],
        sources: model.sources,
      });
    }

    let request: RequestShapes | null = null;
    if (op.request.length > 0 || op.variants.length > 0) {
      const typeName = `${base}Request`;
      const baseName = `${base}RequestBase`;
      const byName = new Map(op.request.map((p) => [p.name, p]));
      const variants = op.variants.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const requiredEverywhere = (name: string): boolean =>
        variants.length ? variants.every((v) => v.required.includes(name) || Object.prototype.hasOwnProperty.call(v.discriminator, name)) : byName.get(name)!.required;
      const baseDef: ObjectDef = {
        name: baseName,
        kind: 'base',
        props: op.request.map((p) => prop(p, requiredEverywhere(p.name))),
        doc: variants.length
          ? [`Every parameter of ${op.name}, for callers that do not pick a kind of request; required: only what every kind requires.`, `Prefer {@link ${typeName}}, which checks the parameters of each kind.`, `Pages: ${op.documents.join(', ')}`]
          : [`Every parameter of ${op.name}.`, `Pages: ${op.documents.join(', ')}`],
        sources: [],
      };
      defs.set(baseName, baseDef);

      const claimed = new Set(variants.flatMap((v) => v.parameters));
      const orphans = op.request.filter((p) => !claimed.has(p.name)).map((p) => p.name);
      const keyUse = new Map<string, number>();
      for (const v of variants) for (const k of Object.keys(v.discriminator)) keyUse.set(k, (keyUse.get(k) ?? 0) + 1);
      const discriminatorKeys = [...keyUse.keys()].sort((a, b) => keyUse.get(b)! - keyUse.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
      const ordered = (d: Record<string, Scalar>): Array<[string, Scalar]> =>
        discriminatorKeys.filter((k) => Object.prototype.hasOwnProperty.call(d, k)).map((k) => [k, d[k]!]);

      const shapes: VariantShape[] = variants.map((v) => {
        const disc = ordered(v.discriminator);
        // Keys where a more specific variant pins a value this one must not take.
        const exclusions = new Map<string, Scalar[]>();
        for (const other of variants) {
          if (other === v) continue;
          const od = ordered(other.discriminator);
          if (od.length <= disc.length) continue;
          if (!disc.every(([k, val]) => Object.prototype.hasOwnProperty.call(other.discriminator, k) && other.discriminator[k] === val)) continue;
          for (const [k, val] of od) if (!Object.prototype.hasOwnProperty.call(v.discriminator, k)) exclusions.set(k, [...(exclusions.get(k) ?? []), val]);
        }
        const allowed = new Set<string>([...v.parameters, ...orphans, ...disc.map(([k]) => k), ...exclusions.keys(), ...v.required]);
        const required = new Set<string>([...v.required, ...disc.map(([k]) => k)]);
        const names = [...op.request.map((p) => p.name).filter((n) => allowed.has(n)), ...[...allowed].filter((n) => !byName.has(n)).sort()];
        const props: Prop[] = names.map((n) => {
          const p = byName.get(n) ?? null;
          const pinned = Object.prototype.hasOwnProperty.call(v.discriminator, n);
          let shape: Shape = p ? paramShape(p, resolve) : { kind: 'any' };
          if (pinned) shape = literalShape(v.discriminator[n]!);
          else if (exclusions.has(n)) shape = excluding(shape, exclusions.get(n)!);
          return { name: n, shape, required: required.has(n), deprecated: p?.deprecated ?? false, param: p, ...(pinned ? { discriminator: true } : {}) };
        });
        const name = variantNames.get(v)!;
        const def: ObjectDef = {
          name,
          kind: 'variant',
          props,
          doc: [
            `${op.name}, kind \`${v.id}\`${v.label && v.label !== v.id ? `: ${v.label}` : ''}.`,
            `Discriminator: ${disc.map(([k, val]) => `${k} = ${JSON.stringify(val)}`).join(', ')}${[...exclusions].map(([k, vals]) => `, ${k} not ${vals.map((x) => JSON.stringify(x)).join('/')}`).join('')}.`,
            ...v.undetermined.map((u) => `Note: ${u}`),
          ],
          sources: v.sources,
          variant: { id: v.id, label: variantLabel(v) },
          ...(v.requiredOneOf?.length ? { oneOf: v.requiredOneOf.map((g) => g.filter((n) => allowed.has(n))).filter((g) => g.length > 0) } : {}),
        };
        defs.set(name, def);
        return { id: v.id, label: v.label, discriminator: disc, def };
      });
      const dispatch = shapes.slice().sort((a, b) => b.discriminator.length - a.discriminator.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

      let plain: ObjectDef | null = null;
      if (!shapes.length) {
        // "Set X or Y" (operation-level requiredOneOf): at least one member of each group.
        const oneOf = (op.requiredOneOf ?? []).map((g) => g.filter((n) => byName.has(n))).filter((g) => g.length > 0);
        plain = { ...baseDef, name: typeName, kind: 'request', doc: [`Request of ${op.name}.`], ...(oneOf.length ? { oneOf } : {}) };
        defs.set(typeName, plain);
      }
      request = { typeName, baseName, variants: shapes, dispatch, discriminatorKeys, plain, base: baseDef };
    }

    let response: ObjectDef | null = null;
    if (op.response.length > 0) {
      response = {
        name: `${base}Response`,
        kind: 'response',
        props: op.response.map((p) => prop(p, p.required)),
        doc: [`Response of ${op.name}.`, `Pages: ${op.documents.join(', ')}`],
        sources: [],
      };
      defs.set(response.name, response);
    }
    return { op, base, request, response, modelNames: mnames, defs };
  }
}

/** Definitions reachable from some roots (for a schema file's `$defs`), in name order. */
export function reachableDefs(defs: Map<string, ObjectDef>, roots: string[]): ObjectDef[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const def = defs.get(name);
    if (!def) return;
    seen.add(name);
    for (const p of def.props) visitShape(p.shape);
  };
  const visitShape = (s: Shape): void => {
    if (s.kind === 'ref') visit(s.def);
    else if (s.kind === 'array') visitShape(s.items);
    else if (s.kind === 'map') visitShape(s.values);
  };
  for (const r of roots) visit(r);
  return [...seen].sort().map((n) => defs.get(n)!);
}
