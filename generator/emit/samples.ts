/**
 * Sample requests: per variant (or the one request kind), a minimal one (required parameters
 * only) and a full one (every non-deprecated parameter, and the required ones). Values come
 * from the pages' own request samples (of the same kind first) where they are valid, then the
 * parameter's examples, then its default, and are synthesised from the shape only when none of
 * those is valid. Each sample is checked against its definition before it is emitted.
 */
import type { DocumentIR, OperationModel, Scalar } from '../model/ir.ts';
import type { ObjectDef, OperationShapes, Prop, Shape, VariantShape } from './shapes.ts';
import { cloneJson, fitsObject, fitsShape, readExample } from './values.ts';

export interface SampleSet {
  /** Variant id, or `default` for an operation without variants. */
  kind: string;
  def: ObjectDef;
  minimal: Record<string, unknown>;
  full: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function synthScalar(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string': {
      const ok = (s: string): boolean => fitsShape(shape, s, new Map());
      if (shape.enum) return shape.enum.find((v) => !shape.not?.includes(v));
      for (const base of ['example', 'example-1', 'x']) if (ok(base)) return base;
      const n = Math.max(shape.minLength ?? 1, 1);
      for (const ch of ['x', 'y', 'z']) if (ok(ch.repeat(n))) return ch.repeat(n);
      return undefined;
    }
    case 'integer':
    case 'number': {
      if (shape.enum) return shape.enum.find((v) => !shape.not?.includes(v));
      const candidates = [1, shape.minimum, shape.maximum, 0, shape.minimum !== undefined ? Math.ceil(shape.minimum) : undefined, shape.maximum !== undefined ? Math.floor(shape.maximum) : undefined];
      return candidates.find((c) => c !== undefined && fitsShape(shape, c, new Map()));
    }
    case 'boolean':
      if (shape.enum) return shape.enum.find((v) => !shape.not?.includes(v));
      return shape.not?.includes(false) ? true : false;
    default:
      return undefined;
  }
}

class SampleBuilder {
  constructor(
    private readonly defs: Map<string, ObjectDef>,
    /** Values the pages send for a key, best first. */
    private readonly pageValues: (key: string) => unknown[],
  ) {}

  valueFor(p: Prop, mode: 'minimal' | 'full', stack: string[], top: boolean): unknown {
    const fits = (v: unknown): boolean => v !== undefined && fitsShape(p.shape, v, this.defs);
    if (top) for (const v of this.pageValues(p.name)) if (fits(v)) return cloneJson(v);
    for (const e of p.param?.examples ?? []) {
      const v = readExample(p.shape, e);
      if (fits(v)) return v;
    }
    if (p.param?.default !== undefined) {
      const v = readExample(p.shape, p.param.default as Scalar);
      if (fits(v)) return v;
    }
    return this.synth(p.shape, mode, stack);
  }

  synth(shape: Shape, mode: 'minimal' | 'full', stack: string[]): unknown {
    switch (shape.kind) {
      case 'any':
        return 'example';
      case 'object':
      case 'map':
        return {};
      case 'array': {
        const n = Math.min(Math.max(shape.minItems ?? 1, 1), shape.maxItems ?? Infinity);
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) {
          const item = this.synth(shape.items, mode, stack);
          if (item === undefined) return undefined;
          out.push(item);
        }
        return out;
      }
      case 'ref': {
        const def = this.defs.get(shape.def);
        if (!def) return {};
        if (stack.includes(def.name) || stack.length > 6) return def.props.some((p) => p.required) ? undefined : {};
        return this.object(def, mode, [...stack, def.name], false);
      }
      default:
        return synthScalar(shape);
    }
  }

  object(def: ObjectDef, mode: 'minimal' | 'full', stack: string[], top: boolean): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {};
    const wanted = (p: Prop): boolean => p.required || (mode === 'full' && !p.deprecated);
    // Of each "one or the other" group none of whose members is wanted, send the first one that is not deprecated.
    const alsoSend = new Set<string>();
    for (const g of def.oneOf ?? []) {
      const members = def.props.filter((p) => g.includes(p.name));
      if (members.some(wanted)) continue;
      const pick = members.find((p) => !p.deprecated) ?? members[0];
      if (pick) alsoSend.add(pick.name);
    }
    for (const p of def.props) {
      if (!wanted(p) && !alsoSend.has(p.name)) continue;
      const v = this.valueFor(p, mode, stack, top);
      if (v === undefined) {
        if (p.required) return undefined;
        continue;
      }
      setKey(out, p.name, v);
    }
    return out;
  }
}

/** The variant a page sample belongs to, by the validator's dispatch rule. */
function variantOf(request: NonNullable<OperationShapes['request']>, v: Record<string, unknown>): VariantShape | null {
  return request.dispatch.find((x) => x.discriminator.every(([k, val]) => own(v, k) && v[k] === val)) ?? null;
}

/** Request samples of the operation's pages: newest page first (as reconcile dates them), then by file and line. */
function pageSamples(documents: ReadonlyMap<string, DocumentIR>, op: OperationModel): Record<string, unknown>[] {
  const date = new Map(op.pages.map((p) => [p.file, p.date ?? '']));
  const out: Record<string, unknown>[] = [];
  const docs = op.documents
    .map((f) => documents.get(f))
    .filter((d): d is DocumentIR => d !== undefined)
    .sort((a, b) => {
      const da = date.get(a.file) ?? '';
      const db = date.get(b.file) ?? '';
      return da !== db ? (da < db ? 1 : -1) : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
    });
  for (const d of docs) {
    for (const s of d.samples.slice().sort((a, b) => a.source.line - b.source.line)) {
      if (s.kind === 'request' && s.ok && isObj(s.value)) out.push(s.value);
    }
  }
  return out;
}

/** The sample sets of one operation (none without a request). */
export function operationSamples(documents: ReadonlyMap<string, DocumentIR>, o: OperationShapes): SampleSet[] {
  const r = o.request;
  if (!r) return [];
  const samples = pageSamples(documents, o.op);
  const kinds: Array<{ kind: string; def: ObjectDef; variant: VariantShape | null }> = r.variants.length
    ? r.variants.map((v) => ({ kind: v.id, def: v.def, variant: v }))
    : [{ kind: 'default', def: r.plain!, variant: null }];
  const sets: SampleSet[] = [];
  for (const { kind, def, variant } of kinds) {
    const same = samples.filter((s) => (variant ? variantOf(r, s) === variant : true));
    const others = samples.filter((s) => !same.includes(s));
    const pageValues = (key: string): unknown[] => [...same, ...others].filter((s) => own(s, key)).map((s) => s[key]);
    const builder = new SampleBuilder(o.defs, pageValues);
    const minimal = builder.object(def, 'minimal', [def.name], true);
    const full = builder.object(def, 'full', [def.name], true);
    for (const [name, value] of [['minimal', minimal], ['full', full]] as const) {
      if (!value || !fitsObject(def, value, o.defs)) throw new Error(`emit: could not build a valid ${name} sample of ${def.name} (${o.op.id}, ${kind})`);
    }
    sets.push({ kind, def, minimal: minimal!, full: full! });
  }
  return sets;
}
