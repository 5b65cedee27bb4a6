/**
 * Standalone validators (validators.ts → validators.js + .d.ts): every check compiled into plain
 * code at generation time, like ajv's standalone output; nothing interprets a schema at run time.
 *
 * Semantics (the JSON Schema in schema.ts states the same, and a test runs both over the same
 * payloads): own properties only (`hasOwnProperty`), an own property whose value is `undefined`
 * counts as absent (as JSON.stringify drops it), unknown properties are errors unless
 * `allowUnknown`, deprecated parameters are warnings. A request with variants is dispatched on
 * its discriminator (most specific variant first) and validated against that variant only.
 * Every path is a JSON pointer; the missing property of a `required` error is part of its path.
 */
import type { Scalar } from '../model/ir.ts';
import { fileHeader } from './comments.ts';
import { lit, pointerSegment } from './naming.ts';
import type { ObjectDef, PackageShapes, RequestShapes, Shape } from './shapes.ts';
import { render } from './templates.ts';

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

/** Keys Object.prototype has itself (`constructor`, `__proto__`, ...): always read through hasOwnProperty. */
const NATIVE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Statements declaring `v` as the own value of `x[key]` or undefined. Fast path: a direct load,
 * and hasOwnProperty only when Object.prototype has something under the key (it never does
 * unless polluted; TurboFan folds the check). `x` always has Object.prototype or null as prototype.
 */
export function readOwn(x: string, key: string): string {
  const k = lit(key);
  if (NATIVE_KEYS.has(key)) return `const v = hasOwn.call(${x}, ${k}) ? ${x}[${k}] : undefined;`;
  return `let v = ${x}[${k}];\nif (v !== undefined && OP[${k}] !== undefined && !hasOwn.call(${x}, ${k})) v = undefined;`;
}

const show = (v: Scalar): string => JSON.stringify(v);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const oneOfEn = (values: Scalar[]): string => (values.length === 1 ? `must be ${show(values[0]!)}` : `must be one of ${showList(values, ', ')}`);
const oneOfZh = (values: Scalar[]): string => (values.length === 1 ? `取值必须是 ${show(values[0]!)}` : `取值必须是 ${showList(values, '、')} 之一`);
const showList = (vs: Scalar[], sep: string): string => vs.map(show).join(sep);

/** Property blocks at least this long become a function when more than one object has them. */
const SHARE_MIN_LENGTH = 120;
const SHARED = /\u0000C(\d+)\u0000/g;

class ValidatorGen {
  /** Property blocks by their code: id and how many objects use it (see share / finish). */
  private readonly checks = new Map<string, { id: number; uses: number }>();
  private readonly sets = new Map<string, string>();
  private readonly issues = new Map<string, string>();
  readonly consts: string[] = [];
  readonly fns: string[] = [];
  private readonly done = new Set<string>();

  constructor(private readonly defs: Map<string, ObjectDef>) {}

  fnOf(defName: string): string {
    if (!this.done.has(defName)) {
      this.done.add(defName);
      const def = this.defs.get(defName);
      if (!def) throw new Error(`emit: no definition ${defName}`);
      this.fns.push(this.objectFn(def));
    }
    return `v_${defName}`;
  }

  /** A frozen issue template (code, message, params), shared by every error it describes. */
  issue(code: string, en: string, zh: string, params?: string): string {
    const args = `${lit(code)}, ${lit(en)}, ${lit(zh)}${params ? `, ${params}` : ''}`;
    let name = this.issues.get(args);
    if (!name) {
      name = `E_${this.issues.size}`;
      this.issues.set(args, name);
      this.consts.push(`const ${name} = issue(${args});`);
    }
    return name;
  }

  private err(path: string, code: string, en: string, zh: string, params?: string): string {
    return `c.e(${path}, ${this.issue(code, en, zh, params)});`;
  }

  private oneOf(v: string, values: Scalar[]): string {
    if (values.length === 0) return 'false';
    if (values.length <= 8) return `(${values.map((x) => `${v} === ${lit(x)}`).join(' || ')})`;
    const key = JSON.stringify(values);
    let name = this.sets.get(key);
    if (!name) {
      name = `S_${this.sets.size}`;
      this.sets.set(key, name);
      this.consts.push(`const ${name} = new Set<unknown>(${JSON.stringify(values)});`);
    }
    return `${name}.has(${v})`;
  }

  /** Statements checking `v` (type unknown, never undefined) against `shape`; `path` is a JS expression. */
  check(shape: Shape, v: string, path: string, d: number): string {
    const typeErr = (t: string): string => this.err(path, 'type', `must be ${t === 'integer' ? 'an integer' : t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`}`, `必须是${TYPE_ZH[t]}`, `{ type: ${lit(t)} }`);
    const enumChecks = (values: Scalar[] | undefined, not: Scalar[] | undefined): string[] => {
      const out: string[] = [];
      if (values) out.push(`if (!${this.oneOf(v, values)}) ${this.err(path, 'enum', oneOfEn(values), oneOfZh(values), `{ allowedValues: ${JSON.stringify(values)} }`)}`);
      if (not?.length) out.push(`if (${this.oneOf(v, not)}) ${this.err(path, 'not', `must not be ${showList(not, ' or ')} (that is another kind of request)`, `不能是 ${showList(not, '、')}（那是另一种请求）`, `{ disallowedValues: ${JSON.stringify(not)} }`)}`);
      return out;
    };
    switch (shape.kind) {
      case 'any':
        return '';
      case 'object':
        return `if (!isObj(${v})) ${typeErr('object')}`;
      case 'boolean':
        return [`if (typeof ${v} !== "boolean") ${typeErr('boolean')}`, ...enumChecks(shape.enum, shape.not).map((s) => `else ${s}`)].join('\n');
      case 'string': {
        const inner = enumChecks(shape.enum, shape.not);
        if (shape.minLength !== undefined || shape.maxLength !== undefined) {
          // Code points lie between length / 2 and length: count them only when that can matter.
          const maybe = [
            ...(shape.maxLength !== undefined ? [`${v}.length > ${shape.maxLength}`] : []),
            ...(shape.minLength !== undefined ? [`${v}.length < ${2 * shape.minLength}`] : []),
          ].join(' || ');
          const checks = [`const n${d} = ucs2len(${v});`];
          if (shape.minLength !== undefined) checks.push(`if (n${d} < ${shape.minLength}) ${this.err(path, 'minLength', `must be at least ${plural(shape.minLength, 'character', 'characters')} long`, `长度不能少于 ${shape.minLength} 个字符`, `{ limit: ${shape.minLength} }`)}`);
          if (shape.maxLength !== undefined) checks.push(`if (n${d} > ${shape.maxLength}) ${this.err(path, 'maxLength', `must be at most ${plural(shape.maxLength, 'character', 'characters')} long`, `长度不能超过 ${shape.maxLength} 个字符`, `{ limit: ${shape.maxLength} }`)}`);
          inner.push(`if (${maybe}) {\n${checks.join('\n')}\n}`);
        }
        return `if (typeof ${v} !== "string") ${typeErr('string')}${inner.length ? ` else {\n${inner.join('\n')}\n}` : ''}`;
      }
      case 'integer':
      case 'number': {
        const inner = enumChecks(shape.enum, shape.not);
        if (shape.minimum !== undefined) inner.push(`if (${v} < ${shape.minimum}) ${this.err(path, 'minimum', `must be >= ${shape.minimum}`, `不能小于 ${shape.minimum}`, `{ limit: ${shape.minimum} }`)}`);
        if (shape.maximum !== undefined) inner.push(`if (${v} > ${shape.maximum}) ${this.err(path, 'maximum', `must be <= ${shape.maximum}`, `不能大于 ${shape.maximum}`, `{ limit: ${shape.maximum} }`)}`);
        const test = shape.kind === 'integer' ? `!Number.isInteger(${v})` : `!Number.isFinite(${v})`;
        return `if (typeof ${v} !== "number" || ${test}) ${typeErr(shape.kind)}${inner.length ? ` else {\n${inner.join('\n')}\n}` : ''}`;
      }
      case 'array': {
        const inner: string[] = [];
        if (shape.minItems !== undefined) inner.push(`if (${v}.length < ${shape.minItems}) ${this.err(path, 'minItems', `must have at least ${plural(shape.minItems, 'item', 'items')}`, `至少需要 ${shape.minItems} 项`, `{ limit: ${shape.minItems} }`)}`);
        if (shape.maxItems !== undefined) inner.push(`if (${v}.length > ${shape.maxItems}) ${this.err(path, 'maxItems', `must have at most ${plural(shape.maxItems, 'item', 'items')}`, `最多 ${shape.maxItems} 项`, `{ limit: ${shape.maxItems} }`)}`);
        const item = this.check(shape.items, `v${d + 1}`, `${path} + "/" + i${d}`, d + 1);
        if (item) inner.push(`for (let i${d} = 0; i${d} < ${v}.length; i${d}++) {\nconst v${d + 1}: unknown = ${v}[i${d}];\n${item}\n}`);
        return `if (!Array.isArray(${v})) ${typeErr('array')}${inner.length ? ` else {\n${inner.join('\n')}\n}` : ''}`;
      }
      case 'map': {
        const value = this.check(shape.values, `v${d + 1}`, `${path} + "/" + esc(k${d})`, d + 1);
        const loop = value
          ? ` else {\nconst ks${d} = Object.keys(${v});\nfor (let i${d} = 0; i${d} < ks${d}.length; i${d}++) {\nconst k${d} = ks${d}[i${d}];\nconst v${d + 1}: unknown = ${v}[k${d}];\nif (v${d + 1} === undefined) continue;\n${value}\n}\n}`
          : '';
        return `if (!isObj(${v})) ${typeErr('object')}${loop}`;
      }
      case 'ref':
        return `${this.fnOf(shape.def)}(${v}, ${path}, c);`;
    }
  }

  /** The start of a function that reads an object: not an object is an error; `x` is its own properties. */
  private objectPrelude(): string {
    return `if (!isObj(value)) {
${this.err('p', 'type', 'must be an object', '必须是对象', '{ type: "object" }')}
return;
}
// Read own properties only: an object that is not plain is read through a copy of them.
const proto: unknown = Object.getPrototypeOf(value);
const x = proto === OP || proto === null ? value : ownCopy(value);`;
  }

  private objectFn(def: ObjectDef): string {
    const where = def.variant ? ` (kind ${JSON.stringify(def.variant.id)})` : '';
    const whereZh = def.variant ? `（${def.variant.id} 类型）` : '';
    const body: string[] = [];
    for (const p of def.props) {
      const path = `p + ${lit(`/${pointerSegment(p.name)}`)}`;
      const key = lit(p.name);
      const checks: string[] = [];
      if (p.deprecated) checks.push(`c.w(${path}, ${this.issue('deprecated', `${JSON.stringify(p.name)} is deprecated`, `参数 ${JSON.stringify(p.name)} 已废弃`)});`);
      const check = this.check(p.shape, 'v', path, 0);
      if (check) checks.push(check);
      const present = ['n++;', ...checks];
      const missing = p.required
        ? `if (v === undefined) ${this.err(path, 'required', `required property ${JSON.stringify(p.name)} is missing${where}`, `缺少必填参数 ${JSON.stringify(p.name)}${whereZh}`, `{ missingProperty: ${key} }`)}\nelse {\n${present.join('\n')}\n}`
        : `if (v !== undefined) {\n${present.join('\n')}\n}`;
      body.push(this.share(`{\n${readOwn('x', p.name)}\n${missing}\n}`));
    }
    // "Set this parameter or X": at least one member of each group must be present.
    for (const g of def.oneOf ?? []) {
      const absent = g.map((n) => `(!Object.prototype.hasOwnProperty.call(x, ${lit(n)}) || x[${lit(n)}] === undefined)`).join(' && ');
      const names = g.map((n) => JSON.stringify(n)).join(', ');
      body.push(`if (${absent}) ${this.err('p', 'required', `one of ${names} is required${where}`, `${names} 至少需要一个${whereZh}`, `{ missingProperty: ${lit(g[0]!)} }`)}`);
    }
    const cases = def.props.map((p) => `case ${lit(p.name)}:`).join('\n');
    const unknown = `if (!c.u) {
let m = 0;
for (const _ in x) m++;
if (m !== n) {
const ks = Object.keys(x);
for (let i = 0; i < ks.length; i++) {
const k = ks[i];
switch (k) {
${cases}${cases ? '\nbreak;' : ''}
default:
if (x[k] !== undefined) c.x(p, k, ${this.issue('additionalProperties', where, whereZh)});
}
}
}
}`;
    return `/** ${def.name} */
function v_${def.name}(value: unknown, p: string, c: Ctx): void {
${this.objectPrelude()}
let n = 0;
${body.join('\n')}
${unknown}
}`;
  }

  /**
   * A property's block (reads `x`, counts a present property in `n`, reports under `p`): a long
   * one gets a placeholder, so that finish() can turn the blocks several objects share (the
   * variants of a request restate most of its parameters) into one function each, and inline
   * the others.
   */
  private share(code: string): string {
    if (code.length < SHARE_MIN_LENGTH) return code;
    let entry = this.checks.get(code);
    if (!entry) {
      entry = { id: this.checks.size, uses: 0 };
      this.checks.set(code, entry);
    }
    entry.uses++;
    return `\u0000C${entry.id}\u0000`;
  }

  /** The object functions with their placeholders resolved, and the shared property functions. */
  finish(): string[] {
    const byId = [...this.checks].map(([code, e]) => ({ code, ...e }));
    const fns = this.fns.map((f) => f.replace(SHARED, (_, id: string) => (byId[Number(id)]!.uses > 1 ? `n += b_${id}(x, p, c);` : byId[Number(id)]!.code)));
    const shared = byId
      .filter((e) => e.uses > 1)
      .map((e) => `/** One property, as ${e.uses} objects check it: 1 when present. */\nfunction b_${e.id}(x: { [key: string]: unknown }, p: string, c: Ctx): number {\nlet n = 0;\n${e.code}\nreturn n;\n}`);
    return [...shared, ...fns];
  }

  /** The function a request with variants starts in: pick the variant, or say why none fits. */
  dispatchFn(r: RequestShapes): string {
    const keys = r.discriminatorKeys;
    const kv = new Map(keys.map((k, i) => [k, `k${i}`]));
    const reads = keys.map((k, i) => `let k${i}: unknown;\n{\n${readOwn('x', k)}\nk${i} = v;\n}`);
    const picks = r.dispatch.map(
      (v) => `if (${v.discriminator.map(([k, val]) => `${kv.get(k)} === ${lit(val)}`).join(' && ') || 'true'}) {\n${this.fnOf(v.def.name)}(x, p, c);\nreturn;\n}`,
    );
    const chain: string[] = [];
    keys.forEach((k, i) => {
      const users = r.variants.filter((v) => v.discriminator.some(([kk]) => kk === k));
      const values = users.map((v) => v.discriminator.find(([kk]) => kk === k)![1]).filter((x, j, a) => a.indexOf(x) === j);
      const path = `p + ${lit(`/${pointerSegment(k)}`)}`;
      if (users.length === r.variants.length) chain.push(`if (k${i} === undefined) ${this.err(path, 'required', `required property ${JSON.stringify(k)} is missing (it tells the kind of request apart)`, `缺少必填参数 ${JSON.stringify(k)}（用于区分请求类型）`, `{ missingProperty: ${lit(k)} }`)}`);
      chain.push(`if (k${i} !== undefined && !${this.oneOf(`k${i}`, values)}) ${this.err(path, 'enum', oneOfEn(values), oneOfZh(values), `{ allowedValues: ${JSON.stringify(values)} }`)}`);
    });
    chain.push(`{\n${this.err('p', 'enum', `matches no kind of request (${r.variants.map((v) => v.id).join(', ')})`, `不匹配任何请求类型（${r.variants.map((v) => v.id).join('、')}）`)}\n}`);
    return `/** ${r.typeName}: picks the kind of request by ${keys.join(', ')}. */
function d_${r.typeName}(value: unknown, p: string, c: Ctx): void {
${this.objectPrelude()}
${reads.join('\n')}
${picks.join('\n')}
${chain.join('\nelse ')}
}`;
  }
}

export interface ValidatorExport {
  /** Exported function names, for index.ts. */
  names: string[];
  /** Type names the file imports from types.ts. */
  types: string[];
}

export function emitValidators(shapes: PackageShapes): { source: string; dts: string; exports: ValidatorExport } {
  const gen = new ValidatorGen(shapes.defs);
  const exported: string[] = [];
  const declared: string[] = [];
  const names: string[] = [];
  const types: string[] = [];
  const entry = (typeName: string, start: string, what: string, whatZh: string): void => {
    names.push(`validate${typeName}`, `is${typeName}`);
    types.push(typeName);
    const doc = `/**
 * Validates ${what} before it leaves your service: types, required parameters, allowed values,
 * ranges, lengths, item counts and unknown properties. Deprecated parameters are warnings.
 * Never throws.
 *
 * 校验${whatZh}：类型、必填参数、取值范围、长度、数组项数和未知参数；已废弃参数只给出警告。不会抛出异常。
 */`;
    declared.push(`${doc}
export declare function validate${typeName}(value: unknown, options?: ValidateOptions): ValidationResult<${typeName}>;

/** \`validate${typeName}(value, options).ok\`, as a type guard. */
export declare function is${typeName}(value: unknown, options?: ValidateOptions): value is ${typeName};`);
    exported.push(`${doc}
export function validate${typeName}(value: unknown, options?: ValidateOptions): ValidationResult<${typeName}> {
const c = new Ctx();
try {
if (options !== undefined) c.init(options);
${start}(value, "", c);
} catch (x) {
c.fail(x);
}
return c.result<${typeName}>(value);
}

/** \`validate${typeName}(value, options).ok\`, as a type guard. */
export function is${typeName}(value: unknown, options?: ValidateOptions): value is ${typeName} {
return validate${typeName}(value, options).ok;
}`);
  };
  for (const o of shapes.operations) {
    const r = o.request;
    if (r) {
      const start = r.variants.length ? `d_${r.typeName}` : gen.fnOf(r.plain!.name);
      if (r.variants.length) gen.fns.push(gen.dispatchFn(r));
      entry(r.typeName, start, `a ${o.op.name} request`, ` ${o.op.name} 请求`);
    }
    if (o.response) entry(o.response.name, gen.fnOf(o.response.name), `a ${o.op.name} response`, ` ${o.op.name} 响应`);
  }
  const source = render('validators.ts.hbs', {
    header: fileHeader(`Validators of ${shapes.operations.map((o) => o.op.id).join(', ')}: plain compiled checks, no schema at run time.`),
    types,
    consts: gen.consts,
    exported,
    fns: gen.finish(),
  });
  const dts = render('validators.d.ts.hbs', {
    header: fileHeader(`Validators of ${shapes.operations.map((o) => o.op.id).join(', ')}.`),
    types,
    declared,
  });
  return { source, dts, exports: { names, types } };
}
