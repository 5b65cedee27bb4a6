/**
 * Validator bench: the generated validator vs ajv (Ajv2020, strict, allErrors, compiled from the
 * generated JSON Schema) vs zod 4 (a schema built from the emit model at bench time), on valid
 * and on invalid full payloads: CreateCluster of the seed pages (the first operation with
 * variants), and, when ../shared holds the corpus, one ROA and two large RPC operations of it
 * (CreateClusterNodePool, RunInstances, CreateLoadBalancerHTTPSListener). Reports ops/s (median
 * of interleaved rounds) and ratios.
 *
 * Standalone: `npx tsx bench/validators.ts [--rounds N] [--ms M] [--seeds-only]` prints a table per operation.
 * From bench/run.ts: `runValidatorBench()` (or the `validatorsSection` BenchSection).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { emitPackage, layout } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { buildShapes, type ObjectDef, type Shape } from '../generator/emit/shapes.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/manifest.ts';
import type { BenchSection, TableRow } from './lib.ts';

const REPO = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export interface ValidatorBenchOptions {
  /** Interleaved rounds per (validator, payload set); the median is reported (default 5). */
  rounds?: number;
  /** Milliseconds per round (default 250). */
  ms?: number;
  docs?: string;
  /** Operation name to bench (default: the first with variants, else the first with a request). */
  operation?: string;
  /** Operations of the IR to emit (default all): the corpus has 391, the bench needs a few. */
  only?: string[];
}

/** The corpus operations the bench adds to the seeds' CreateCluster (one ROA, two large RPC). */
export const CORPUS_OPERATIONS = ['CreateClusterNodePool', 'RunInstances', 'CreateLoadBalancerHTTPSListener'];
export const CORPUS_DOCS = join(REPO, '..', 'shared', 'corpus', 'alibabacloud-docs');

export interface ValidatorBenchResult {
  operation: string;
  payloads: { valid: number; invalid: number };
  /** ops/s, median of rounds. */
  opsPerSec: Record<'generated' | 'ajv' | 'zod', { valid: number; invalid: number }>;
  ratios: { vsAjv: { valid: number; invalid: number }; vsZod: { valid: number; invalid: number } };
  /** Payloads on which a validator's verdict differs from the generated one (should be 0). */
  disagreements: { ajv: number; zod: number };
  rounds: number;
  msPerRound: number;
}

// ---------------------------------------------------------------------------------------------
// zod from the emit model
// ---------------------------------------------------------------------------------------------

function zodFor(defs: Map<string, ObjectDef>): (def: ObjectDef) => z.ZodType {
  const built = new Map<string, z.ZodType>();
  const building = new Set<string>();
  const literalUnion = (values: Array<string | number | boolean>): z.ZodType =>
    values.length === 1 ? z.literal(values[0]!) : z.union(values.map((v) => z.literal(v)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  const shape = (s: Shape): z.ZodType => {
    switch (s.kind) {
      case 'any':
        return z.unknown();
      case 'object':
        return z.record(z.string(), z.unknown());
      case 'boolean':
        return s.enum ? literalUnion(s.enum) : z.boolean();
      case 'string': {
        if (s.enum) return s.enum.length ? z.enum(s.enum as [string, ...string[]]) : z.never();
        let t = z.string();
        if (s.minLength !== undefined) t = t.min(s.minLength);
        if (s.maxLength !== undefined) t = t.max(s.maxLength);
        const not = s.not;
        return not?.length ? t.refine((v) => !not.includes(v)) : t;
      }
      case 'integer':
      case 'number': {
        if (s.enum) return s.enum.length ? literalUnion(s.enum) : z.never();
        let t = s.kind === 'integer' ? z.number().int() : z.number();
        if (s.minimum !== undefined) t = t.gte(s.minimum);
        if (s.maximum !== undefined) t = t.lte(s.maximum);
        return t;
      }
      case 'array': {
        let t = z.array(shape(s.items));
        if (s.minItems !== undefined) t = t.min(s.minItems);
        if (s.maxItems !== undefined) t = t.max(s.maxItems);
        return t;
      }
      case 'map':
        return z.record(z.string(), shape(s.values));
      case 'ref': {
        const def = defs.get(s.def);
        if (!def) return z.record(z.string(), z.unknown());
        return building.has(def.name) ? z.lazy(() => object(def)) : object(def);
      }
    }
  };
  const object = (def: ObjectDef): z.ZodType => {
    const done = built.get(def.name);
    if (done) return done;
    building.add(def.name);
    const fields: Record<string, z.ZodType> = {};
    for (const p of def.props) fields[p.name] = p.required ? shape(p.shape) : shape(p.shape).optional();
    const t = z.strictObject(fields);
    building.delete(def.name);
    built.set(def.name, t);
    return t;
  };
  return object;
}

// ---------------------------------------------------------------------------------------------

function measure(fn: (v: unknown) => unknown, data: unknown[], ms: number): number {
  let n = 0;
  const len = data.length;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 500; i++) fn(data[(n + i) % len]);
    n += 500;
    t = performance.now();
  }
  return n / ((t - t0) / 1000);
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function invalidVariants(sample: Record<string, unknown>, def: ObjectDef): unknown[] {
  const out: unknown[] = [];
  const set = (k: string, v: unknown): Record<string, unknown> => ({ ...structuredClone(sample), [k]: v });
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(sample, k);
  const str = def.props.find((p) => p.shape.kind === 'string' && !p.discriminator && has(p.name));
  const enumProp = def.props.find((p) => p.shape.kind === 'string' && p.shape.enum && !p.discriminator && has(p.name));
  const num = def.props.find((p) => (p.shape.kind === 'integer' || p.shape.kind === 'number') && has(p.name));
  const req = def.props.find((p) => p.required && !p.discriminator);
  if (str) out.push(set(str.name, 12345));
  if (enumProp) out.push(set(enumProp.name, 'zz-not-a-value'));
  if (num) out.push(set(num.name, 'not a number'));
  out.push(set('zz_unknown_property', true));
  if (req) {
    const o = structuredClone(sample);
    delete o[req.name];
    out.push(o);
  }
  return out;
}

export async function runValidatorBench(options: ValidatorBenchOptions = {}): Promise<ValidatorBenchResult> {
  const rounds = options.rounds ?? 5;
  const ms = options.ms ?? 250;
  const docsDir = options.docs ?? join(REPO, 'docs');
  const full = irOf(docsDir);
  const ir = options.only ? { ...full, operations: full.operations.filter((o) => options.only!.includes(o.name)) } : full;
  const shapes = buildShapes(ir);
  const o = options.operation
    ? shapes.operations.filter((x) => x.op.name === options.operation && x.request).sort((a, b) => b.op.request.length - a.op.request.length)[0]
    : (shapes.operations.find((x) => x.request?.variants.length) ?? shapes.operations.find((x) => x.request));
  if (!o?.request) throw new Error(`bench: no operation ${options.operation ?? ''} with a request`);
  const r = o.request;
  const tree = await emitPackage(ir);
  const place = layout(shapes.operations.map((x) => x.op)).get(o.op)!;
  const path = `${place.product}/${place.version}/${place.file}`;
  const dir = mkdtempSync(join(tmpdir(), 'docs2types-bench-'));
  try {
    writeTreeAtomic(dir, tree);
    const mod = (await import(pathToFileURL(join(dir, `${path}.js`)).href)) as Record<string, (v: unknown) => { ok: boolean }>;
    const generated = mod[`validate${r.typeName}`]!;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const ajvValidate = ajv.compile(JSON.parse(tree.get(`schema/${path}.request.schema.json`)!));
    const zodObject = zodFor(o.defs);
    const kinds = r.variants.length ? r.dispatch.map((v) => v.def) : [r.plain!];
    const zodSchema = kinds.length === 1 ? zodObject(kinds[0]!) : z.union(kinds.map((d) => zodObject(d)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);

    const ids = r.variants.length ? r.variants.map((v) => v.id) : ['default'];
    const valid = ids.map((id) => JSON.parse(tree.get(`samples/${path}.${id}.full.json`)!) as Record<string, unknown>);
    const invalid = valid.flatMap((s, i) => invalidVariants(s, r.variants.length ? r.variants[i]!.def : r.plain!));

    const validators = {
      generated: (v: unknown): boolean => generated(v).ok,
      ajv: (v: unknown): boolean => ajvValidate(v) as boolean,
      zod: (v: unknown): boolean => zodSchema.safeParse(v).success,
    };
    const disagreements = { ajv: 0, zod: 0 };
    for (const p of [...valid, ...invalid]) {
      const g = validators.generated(p);
      if (validators.ajv(p) !== g) disagreements.ajv++;
      if (validators.zod(p) !== g) disagreements.zod++;
    }
    for (const p of valid) if (!validators.generated(p)) throw new Error('bench: a full sample does not validate');
    for (const p of invalid) if (validators.generated(p)) throw new Error('bench: an invalid payload validates');

    const names = ['generated', 'ajv', 'zod'] as const;
    const samples: Record<string, number[]> = {};
    // Warm up every validator on both sets, then interleave the rounds (fair under machine noise).
    for (const n of names) for (const set of [valid, invalid]) measure(validators[n], set, Math.min(ms, 200));
    for (let round = 0; round < rounds; round++) {
      for (const n of names) {
        (samples[`${n}:valid`] ??= []).push(measure(validators[n], valid, ms));
        (samples[`${n}:invalid`] ??= []).push(measure(validators[n], invalid, ms));
      }
    }
    const ops = Object.fromEntries(names.map((n) => [n, { valid: median(samples[`${n}:valid`]!), invalid: median(samples[`${n}:invalid`]!) }])) as ValidatorBenchResult['opsPerSec'];
    const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
    return {
      operation: o.op.id,
      payloads: { valid: valid.length, invalid: invalid.length },
      opsPerSec: ops,
      ratios: {
        vsAjv: { valid: ratio(ops.generated.valid, ops.ajv.valid), invalid: ratio(ops.generated.invalid, ops.ajv.invalid) },
        vsZod: { valid: ratio(ops.generated.valid, ops.zod.valid), invalid: ratio(ops.generated.invalid, ops.zod.invalid) },
      },
      disagreements,
      rounds,
      msPerRound: ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function validatorRows(r: ValidatorBenchResult): TableRow[] {
  const rows: TableRow[] = [];
  for (const set of ['valid', 'invalid'] as const) {
    rows.push({ phase: `${set}: generated ${fmt(r.opsPerSec.generated[set])} ops/s`, ms: null, ratio: null, rssMB: null, target: '', ok: null });
    const want = set === 'valid' ? 2 : 1.5;
    rows.push({ phase: `${set}: ajv ${fmt(r.opsPerSec.ajv[set])} ops/s`, ms: null, ratio: r.ratios.vsAjv[set], rssMB: null, target: `generated ≥ ${want}× ajv`, ok: r.ratios.vsAjv[set] >= want });
    rows.push({ phase: `${set}: zod ${fmt(r.opsPerSec.zod[set])} ops/s`, ms: null, ratio: r.ratios.vsZod[set], rssMB: null, target: 'generated ≥ 5× zod', ok: r.ratios.vsZod[set] >= 5 });
  }
  return rows;
}

/** For bench/run.ts: ratio = generated ops/s ÷ that validator's ops/s. */
const irs = new Map<string, ReturnType<typeof buildIR>>();
/** The IR of a docs folder, read once per process (the corpus takes a while). */
function irOf(docsDir: string): ReturnType<typeof buildIR> {
  let ir = irs.get(docsDir);
  if (!ir) {
    ir = buildIR(readDocuments(findDocuments(docsDir, undefined, [/\/history\//]), { cache: false }), loadManifest(join(docsDir, 'manifest.json5')));
    irs.set(docsDir, ir);
  }
  return ir;
}

/** The seeds' operation, then the corpus operations when the corpus is there. */
export async function runValidatorBenches(options: ValidatorBenchOptions & { seedsOnly?: boolean } = {}): Promise<ValidatorBenchResult[]> {
  const out = [await runValidatorBench(options)];
  if (!options.seedsOnly && existsSync(CORPUS_DOCS)) {
    for (const name of CORPUS_OPERATIONS) out.push(await runValidatorBench({ ...options, docs: CORPUS_DOCS, operation: name, only: CORPUS_OPERATIONS }));
  }
  return out;
}

export const validatorsSection: BenchSection = {
  name: 'validators',
  async run(ctx) {
    const rs = await runValidatorBenches({ rounds: Math.max(ctx.runs, 3) });
    return {
      summary: rs.map((r) => `${r.operation}: ${r.payloads.valid} valid / ${r.payloads.invalid} invalid full payloads; verdict disagreements ajv ${r.disagreements.ajv}, zod ${r.disagreements.zod}`).join('; '),
      rows: rs.flatMap((r) => validatorRows(r).map((row) => ({ ...row, phase: `${r.operation} ${row.phase}` }))),
      json: { results: rs } as unknown as Record<string, unknown>,
    };
  },
};

function table(r: ValidatorBenchResult): string {
  const head = ['payloads', 'generated ops/s', 'ajv ops/s', 'zod ops/s', '× ajv', '× zod'];
  const rows = (['valid', 'invalid'] as const).map((set) => [
    `${set} (${r.payloads[set]})`,
    fmt(r.opsPerSec.generated[set]),
    fmt(r.opsPerSec.ajv[set]),
    fmt(r.opsPerSec.zod[set]),
    `${r.ratios.vsAjv[set].toFixed(2)}×`,
    `${r.ratios.vsZod[set].toFixed(2)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `${r.operation}: generated validator vs ajv (Ajv2020 strict, allErrors) vs zod ${'4'} — median of ${r.rounds} rounds × ${r.msPerRound} ms`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `targets: ≥ 2× ajv valid, ≥ 1.5× ajv invalid, ≥ 5× zod; verdict disagreements: ajv ${r.disagreements.ajv}, zod ${r.disagreements.zod}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string): number | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  for (const result of await runValidatorBenches({ rounds: opt('--rounds'), ms: opt('--ms'), seedsOnly: args.includes('--seeds-only') })) console.log(`${table(result)}\n`);
}
