/**
 * Standalone validators of one operation (part of its module): every check compiled into plain
 * code at generation time, like ajv's standalone output; nothing interprets a schema at run time.
 * Built through the code-construction layer (./codegen): every name, key and message is quoted.
 *
 * Semantics (the JSON Schema in schema.ts states the same, and a test runs both over the same
 * payloads): own properties only (`hasOwnProperty`), an own property whose value is `undefined`
 * counts as absent (as JSON.stringify drops it), unknown properties are errors unless
 * `allowUnknown`, deprecated parameters are warnings. A request with variants is dispatched on
 * its discriminator (most specific variant first) and validated against that variant only.
 * Every path is a JSON pointer; the missing property of a `required` error is part of its path.
 *
 * The valid path does as little as it can: one pass over the known keys with direct loads, no
 * allocation, no closure; the unknown-key scan counts keys and walks them only when the count
 * differs. Error paths are strings built only when an error is reported.
 */
import type { Scalar } from '../model/ir.ts';
import { Code, block, code, ident, join, jsonLiteral, num } from './codegen/index.ts';
import { docComment } from './comments.ts';
import { pointerSegment } from './naming.ts';
import type { ObjectDef, OperationShapes, RequestShapes, Shape } from './shapes.ts';

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

const show = (v: Scalar): string => JSON.stringify(v);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const oneOfEn = (values: Scalar[]): string => (values.length === 1 ? `must be ${show(values[0]!)}` : `must be one of ${showList(values, ', ')}`);
const oneOfZh = (values: Scalar[]): string => (values.length === 1 ? `取值必须是 ${show(values[0]!)}` : `取值必须是 ${showList(values, '、')} 之一`);
const showList = (vs: Scalar[], sep: string): string => vs.map(show).join(sep);

/** Property blocks at least this long become a function when more than one object has them. */
const SHARE_MIN_LENGTH = 120;

/** Variable names of the generated code (never foreign text). */
const V = (d: number): Code => ident(`v${d}`);
const I = (d: number): Code => ident(`i${d}`);
const fnName = (prefix: string, name: string): Code => ident(`${prefix}_${name}`);

/**
 * A path below the current object, kept as segments: a property (`/name`, already a JSON-pointer
 * segment), an array index variable, a map key variable. The path string is built only when an
 * issue is reported (`c.at(tail)` joins the context's stack of the enclosing objects' segments
 * and the tail); a nested object is entered by pushing its segments on that stack, so the valid
 * path concatenates no strings.
 */
type Seg = { s: string } | { i: Code } | { k: Code };
const prop = (name: string): Seg[] => [{ s: `/${pointerSegment(name)}` }];
function tail(segs: Seg[]): Code {
  if (!segs.length) return code`""`;
  return join(segs.map((g) => ('s' in g ? code`${g.s}` : 'i' in g ? code`"/" + ${g.i}` : code`"/" + esc(${g.k})`)), ' + ');
}
const at = (segs: Seg[]): Code => code`c.at(${tail(segs)})`;

/**
 * Statements declaring `v` as the own value of `x[key]` or undefined. Fast path: a direct load,
 * and hasOwnProperty only when Object.prototype has something under the key (it never does
 * unless polluted; TurboFan folds the check). `x` always has Object.prototype or null as prototype.
 */
export function readOwn(key: string): Code {
  if (NATIVE_KEYS.has(key)) return code`const v = hasOwn.call(x, ${key}) ? x[${key}] : undefined;`;
  return code`let v = x[${key}];\nif (v !== undefined && OP[${key}] !== undefined && !hasOwn.call(x, ${key})) v = undefined;`;
}

interface Shared {
  id: number;
  uses: number;
  body: Code;
}

export class ValidatorGen {
  /** Property blocks by their code: see share / finish. */
  private readonly checks = new Map<string, Shared>();
  private readonly sets = new Map<string, Code>();
  private readonly issues = new Map<string, Code>();
  readonly consts: Code[] = [];
  /** Object functions as (head, property blocks, tail) triples, resolved by finish(). */
  private readonly fns: Array<Code | Shared[]> = [];
  private readonly done = new Set<string>();

  constructor(private readonly defs: Map<string, ObjectDef>) {}

  fnOf(defName: string): Code {
    if (!this.done.has(defName)) {
      this.done.add(defName);
      const def = this.defs.get(defName);
      if (!def) throw new Error(`emit: no definition ${defName}`);
      this.objectFn(def);
    }
    return fnName('v', defName);
  }

  /** A frozen issue template (code, message, params), shared by every error it describes. */
  issue(kind: string, en: string, zh: string, params?: Code): Code {
    const args = params ? code`${kind}, ${en}, ${zh}, ${params}` : code`${kind}, ${en}, ${zh}`;
    let name = this.issues.get(args.text);
    if (!name) {
      name = ident(`E_${this.issues.size}`);
      this.issues.set(args.text, name);
      this.consts.push(code`const ${name} = /*#__PURE__*/ issue(${args});`);
    }
    return name;
  }

  private err(path: Seg[], kind: string, en: string, zh: string, params?: Code): Code {
    return code`c.e(${at(path)}, ${this.issue(kind, en, zh, params)});`;
  }

  private oneOf(v: Code, values: Scalar[]): Code {
    if (values.length === 0) return code`false`;
    if (values.length <= 8) return code`(${join(values.map((x) => code`${v} === ${x}`), ' || ')})`;
    const key = JSON.stringify(values);
    let name = this.sets.get(key);
    if (!name) {
      name = ident(`S_${this.sets.size}`);
      this.sets.set(key, name);
      this.consts.push(code`const ${name}: ReadonlySet<unknown> = /*#__PURE__*/ new Set<unknown>(${jsonLiteral(values)});`);
    }
    return code`${name}.has(${v})`;
  }

  /** Statements checking `v` (type unknown, never undefined) against `shape`; `path` is where `v` is, below the current object. */
  check(shape: Shape, v: Code, path: Seg[], d: number): Code | null {
    const typeErr = (t: string): Code => this.err(path, 'type', `must be ${t === 'integer' ? 'an integer' : t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`}`, `必须是${TYPE_ZH[t]}`, code`{ type: ${t} }`);
    const enumChecks = (values: Scalar[] | undefined, not: Scalar[] | undefined): Code[] => {
      const out: Code[] = [];
      if (values) out.push(code`if (!${this.oneOf(v, values)}) ${this.err(path, 'enum', oneOfEn(values), oneOfZh(values), code`{ allowedValues: ${jsonLiteral(values)} }`)}`);
      if (not?.length) out.push(code`if (${this.oneOf(v, not)}) ${this.err(path, 'not', `must not be ${showList(not, ' or ')} (that is another kind of request)`, `不能是 ${showList(not, '、')}（那是另一种请求）`, code`{ disallowedValues: ${jsonLiteral(not)} }`)}`);
      return out;
    };
    const orElse = (head: Code, inner: Code[]): Code => (inner.length ? code`${head} else {\n${block(inner)}\n}` : head);
    switch (shape.kind) {
      case 'any':
        return null;
      case 'object':
        return code`if (!isObj(${v})) ${typeErr('object')}`;
      case 'boolean':
        return join([code`if (typeof ${v} !== "boolean") ${typeErr('boolean')}`, ...enumChecks(shape.enum, shape.not).map((s) => code`else ${s}`)], '\n');
      case 'string': {
        const inner = enumChecks(shape.enum, shape.not);
        if (shape.minLength !== undefined || shape.maxLength !== undefined) {
          // Code points lie between length / 2 and length: count them only when that can matter.
          const maybe = join(
            [...(shape.maxLength !== undefined ? [code`${v}.length > ${num(shape.maxLength)}`] : []), ...(shape.minLength !== undefined ? [code`${v}.length < ${num(2 * shape.minLength)}`] : [])],
            ' || ',
          );
          const n = ident(`n${d}`);
          const checks = [code`const ${n} = ucs2len(${v});`];
          if (shape.minLength !== undefined) checks.push(code`if (${n} < ${num(shape.minLength)}) ${this.err(path, 'minLength', `must be at least ${plural(shape.minLength, 'character', 'characters')} long`, `长度不能少于 ${shape.minLength} 个字符`, code`{ limit: ${num(shape.minLength)} }`)}`);
          if (shape.maxLength !== undefined) checks.push(code`if (${n} > ${num(shape.maxLength)}) ${this.err(path, 'maxLength', `must be at most ${plural(shape.maxLength, 'character', 'characters')} long`, `长度不能超过 ${shape.maxLength} 个字符`, code`{ limit: ${num(shape.maxLength)} }`)}`);
          inner.push(code`if (${maybe}) {\n${block(checks)}\n}`);
        }
        return orElse(code`if (typeof ${v} !== "string") ${typeErr('string')}`, inner);
      }
      case 'integer':
      case 'number': {
        const inner = enumChecks(shape.enum, shape.not);
        const range: Code[] = [];
        const also = shape.also?.length ? ` or ${showList(shape.also, ' or ')}` : '';
        const alsoZh = shape.also?.length ? `（${showList(shape.also, '、')} 除外）` : '';
        const extra = shape.also?.length ? code`, allowedValues: ${jsonLiteral(shape.also)}` : code``;
        if (shape.minimum !== undefined) range.push(code`if (${v} < ${num(shape.minimum)}) ${this.err(path, 'minimum', `must be >= ${shape.minimum}${also}`, `不能小于 ${shape.minimum}${alsoZh}`, code`{ limit: ${num(shape.minimum)}${extra} }`)}`);
        if (shape.maximum !== undefined) range.push(code`if (${v} > ${num(shape.maximum)}) ${this.err(path, 'maximum', `must be <= ${shape.maximum}${also}`, `不能大于 ${shape.maximum}${alsoZh}`, code`{ limit: ${num(shape.maximum)}${extra} }`)}`);
        // Numbers allowed besides the range ("-1 | 1-5120") skip the range checks.
        if (shape.also?.length && range.length) inner.push(code`if (!${this.oneOf(v, shape.also)}) {
${block(range)}
}`);
        else inner.push(...range);
        const test = shape.kind === 'integer' ? code`!Number.isInteger(${v})` : code`!Number.isFinite(${v})`;
        return orElse(code`if (typeof ${v} !== "number" || ${test}) ${typeErr(shape.kind)}`, inner);
      }
      case 'array': {
        const inner: Code[] = [];
        if (shape.minItems !== undefined) inner.push(code`if (${v}.length < ${num(shape.minItems)}) ${this.err(path, 'minItems', `must have at least ${plural(shape.minItems, 'item', 'items')}`, `至少需要 ${shape.minItems} 项`, code`{ limit: ${num(shape.minItems)} }`)}`);
        if (shape.maxItems !== undefined) inner.push(code`if (${v}.length > ${num(shape.maxItems)}) ${this.err(path, 'maxItems', `must have at most ${plural(shape.maxItems, 'item', 'items')}`, `最多 ${shape.maxItems} 项`, code`{ limit: ${num(shape.maxItems)} }`)}`);
        const item = this.check(shape.items, V(d + 1), [...path, { i: I(d) }], d + 1);
        if (item) inner.push(code`for (let ${I(d)} = 0; ${I(d)} < ${v}.length; ${I(d)}++) {\n${block([code`const ${V(d + 1)}: unknown = ${v}[${I(d)}];`, item])}\n}`);
        return orElse(code`if (!Array.isArray(${v})) ${typeErr('array')}`, inner);
      }
      case 'map': {
        const k = ident(`k${d}`);
        const ks = ident(`ks${d}`);
        const value = this.check(shape.values, V(d + 1), [...path, { k }], d + 1);
        const loop = value
          ? [
              code`const ${ks} = Object.keys(${v});`,
              code`for (let ${I(d)} = 0; ${I(d)} < ${ks}.length; ${I(d)}++) {\n${block([code`const ${k} = ${ks}[${I(d)}];`, code`const ${V(d + 1)}: unknown = ${v}[${k}];`, code`if (${V(d + 1)} === undefined) continue;`, value])}\n}`,
            ]
          : [];
        return orElse(code`if (!isObj(${v})) ${typeErr('object')}`, loop);
      }
      case 'ref': {
        const push = path.map((g) => ('s' in g ? code`${g.s}` : 'i' in g ? g.i : code`"/" + esc(${g.k})`));
        const call = code`${this.fnOf(shape.def)}(${v}, c);`;
        if (!push.length) return call;
        return join([code`c.s.push(${join(push, ', ')});`, call, ...push.map(() => code`c.s.pop();`)], '\n');
      }
    }
  }

  /** The start of a function that reads an object: not an object is an error; `x` is its own properties. */
  private objectPrelude(): Code {
    return code`if (!isObj(value)) {
  ${this.err([], 'type', 'must be an object', '必须是对象', code`{ type: "object" }`)}
  return;
}
// Read own properties only: an object that is not plain is read through a copy of them.
const proto: unknown = Object.getPrototypeOf(value);
const x = proto === OP || proto === null ? value : ownCopy(value);`;
  }

  private objectFn(def: ObjectDef): void {
    const where = def.variant ? ` (kind ${JSON.stringify(def.variant.id)})` : '';
    const whereZh = def.variant ? `（${def.variant.id} 类型）` : '';
    const parts: Array<Code | Shared> = [];
    for (const p of def.props) {
      const path = prop(p.name);
      const checks: Code[] = [code`n++;`];
      if (p.deprecated) checks.push(code`c.w(${at(path)}, ${this.issue('deprecated', `${JSON.stringify(p.name)} is deprecated`, `参数 ${JSON.stringify(p.name)} 已废弃`)});`);
      const check = this.check(p.shape, code`v`, path, 0);
      if (check) checks.push(check);
      const missing = p.required
        ? code`if (v === undefined) ${this.err(path, 'required', `required property ${JSON.stringify(p.name)} is missing${where}`, `缺少必填参数 ${JSON.stringify(p.name)}${whereZh}`, code`{ missingProperty: ${p.name} }`)}\nelse {\n${block(checks)}\n}`
        : code`if (v !== undefined) {\n${block(checks)}\n}`;
      parts.push(this.share(code`{\n${block([readOwn(p.name), missing])}\n}`));
    }
    // "Set this parameter or X": at least one member of each group must be present.
    for (const g of def.oneOf ?? []) {
      const absent = join(g.map((n) => code`(!hasOwn.call(x, ${n}) || x[${n}] === undefined)`), ' && ');
      const names = g.map((n) => JSON.stringify(n)).join(', ');
      parts.push(code`if (${absent}) ${this.err([], 'required', `one of ${names} is required${where}`, `${names} 至少需要一个${whereZh}`, code`{ missingProperty: ${g[0]!} }`)}`);
    }
    const cases = def.props.map((p) => code`case ${p.name}:`);
    const unknown = code`if (!c.u) {
  let m = 0;
  for (const _ in x) m++;
  if (m !== n) {
    const ks = Object.keys(x);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      switch (k) {
${block([...cases, ...(cases.length ? [code`  break;`] : []), code`default:`, code`  if (x[k] !== undefined) c.x(k, ${this.issue('additionalProperties', where, whereZh)});`], 8)}
      }
    }
  }
}`;
    this.fns.push(code`${docComment([def.name])}
function ${fnName('v', def.name)}(value: unknown, c: Ctx): void {
${block([this.objectPrelude(), code`let n = 0;`])}
`);
    this.fns.push(parts.map((x) => (x instanceof Code ? { id: -1, uses: 0, body: x } : x)));
    this.fns.push(code`${block([unknown])}
}`);
  }

  /**
   * A property's block (reads `x`, counts a present property in `n`, reports under `p`): a long
   * one is recorded so that finish() can turn the blocks several objects share (the variants of
   * a request restate most of its parameters) into one function each, and inline the others.
   */
  private share(body: Code): Code | Shared {
    if (body.text.length < SHARE_MIN_LENGTH) return body;
    let entry = this.checks.get(body.text);
    if (!entry) {
      entry = { id: this.checks.size, uses: 0, body };
      this.checks.set(body.text, entry);
    }
    entry.uses++;
    return entry;
  }

  /** The functions: shared property functions, then the object functions with their blocks resolved. */
  finish(): Code[] {
    const shared = [...this.checks.values()]
      .filter((e) => e.uses > 1)
      .map((e) => code`/** One property, as ${num(e.uses)} objects check it: 1 when present. */
function ${ident(`b_${e.id}`)}(x: { [key: string]: unknown }, c: Ctx): number {
${block([code`let n = 0;`, e.body, code`return n;`])}
}`);
    const fns: Code[] = [];
    for (let i = 0; i < this.fns.length; i += 3) {
      const head = this.fns[i] as Code;
      const parts = this.fns[i + 1] as Shared[];
      const tail = this.fns[i + 2] as Code;
      const body = parts.map((s) => (s.id >= 0 && s.uses > 1 ? code`n += ${ident(`b_${s.id}`)}(x, c);` : s.body));
      fns.push(code`${head}${block(body)}\n${tail}`);
    }
    return [...shared, ...fns];
  }

  /** The function a request with variants starts in: pick the variant, or say why none fits. */
  dispatchFn(r: RequestShapes): Code {
    const keys = r.discriminatorKeys;
    const kv = new Map(keys.map((k, i) => [k, ident(`k${i}`)]));
    const reads = keys.map((k, i) => code`let ${ident(`k${i}`)}: unknown;\n{\n${block([readOwn(k), code`${ident(`k${i}`)} = v;`])}\n}`);
    const picks = r.dispatch.map((v) => {
      const test = v.discriminator.length ? join(v.discriminator.map(([k, val]) => code`${kv.get(k)!} === ${val}`), ' && ') : code`true`;
      return code`if (${test}) {\n${block([code`${this.fnOf(v.def.name)}(x, c);`, code`return;`])}\n}`;
    });
    const chain: Code[] = [];
    keys.forEach((k, i) => {
      const users = r.variants.filter((v) => v.discriminator.some(([kk]) => kk === k));
      const values = users.map((v) => v.discriminator.find(([kk]) => kk === k)![1]).filter((x, j, a) => a.indexOf(x) === j);
      const path = prop(k);
      const ki = ident(`k${i}`);
      if (users.length === r.variants.length) chain.push(code`if (${ki} === undefined) ${this.err(path, 'required', `required property ${JSON.stringify(k)} is missing (it tells the kind of request apart)`, `缺少必填参数 ${JSON.stringify(k)}（用于区分请求类型）`, code`{ missingProperty: ${k} }`)}`);
      chain.push(code`if (${ki} !== undefined && !${this.oneOf(ki, values)}) ${this.err(path, 'enum', oneOfEn(values), oneOfZh(values), code`{ allowedValues: ${jsonLiteral(values)} }`)}`);
    });
    chain.push(code`{\n  ${this.err([], 'enum', `matches no kind of request (${r.variants.map((v) => v.id).join(', ')})`, `不匹配任何请求类型（${r.variants.map((v) => v.id).join('、')}）`)}\n}`);
    return code`${docComment([`${r.typeName}: picks the kind of request by ${keys.join(', ')}.`])}
function ${fnName('d', r.typeName)}(value: unknown, c: Ctx): void {
${block([this.objectPrelude(), ...reads, ...picks, join(chain, '\nelse ')])}
}`;
  }
}

export interface ValidatorModule {
  /** Exported functions (validate…, is…). */
  exported: Code[];
  /** Module constants, then internal functions. */
  internals: Code[];
  /** Exported names. */
  names: string[];
}

/** The validators of one operation: exported entry points, and what they call. */
export function emitValidators(o: OperationShapes): ValidatorModule {
  const gen = new ValidatorGen(o.defs);
  const exported: Code[] = [];
  const names: string[] = [];
  const dispatchers: Code[] = [];
  const entry = (typeName: string, start: Code, what: string, whatZh: string): void => {
    names.push(`validate${typeName}`, `is${typeName}`);
    const t = ident(typeName);
    const validate = ident(`validate${typeName}`);
    const is = ident(`is${typeName}`);
    const doc = docComment([
      `Validates ${what} before it leaves your service: types, required parameters, allowed values,`,
      'ranges, lengths, item counts and unknown properties. Deprecated parameters are warnings.',
      'Never throws.',
      '',
      `校验${whatZh}：类型、必填参数、取值范围、长度、数组项数和未知参数；已废弃参数只给出警告。不会抛出异常。`,
    ]);
    exported.push(code`${doc}
export function ${validate}(value: unknown, options?: ValidateOptions): ValidationResult<${t}> {
  const c = new Ctx();
  try {
    if (options !== undefined) c.init(options);
    ${start}(value, c);
  } catch (x) {
    c.fail(x);
  }
  return c.result<${t}>(value);
}

${docComment([`\`${`validate${typeName}`}(value, options).ok\`, as a type guard.`])}
export function ${is}(value: unknown, options?: ValidateOptions): value is ${t} {
  return ${validate}(value, options).ok;
}`);
  };
  const r = o.request;
  if (r) {
    const start = r.variants.length ? fnName('d', r.typeName) : gen.fnOf(r.plain!.name);
    if (r.variants.length) dispatchers.push(gen.dispatchFn(r));
    entry(r.typeName, start, `a ${o.op.name} request`, ` ${o.op.name} 请求`);
  }
  if (o.response) entry(o.response.name, gen.fnOf(o.response.name), `a ${o.op.name} response`, ` ${o.op.name} 响应`);
  const fns = gen.finish();
  return { exported, internals: [...gen.consts, ...dispatchers, ...fns], names };
}
