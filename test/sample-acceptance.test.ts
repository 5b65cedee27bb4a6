/**
 * The pages' own sample requests against the generated validators (issue 13.4). For every JSON
 * sample request on the corpus pages (../shared/corpus/alibabacloud-docs, outside history/), the
 * package `emitPackage` makes of the operations that have one validates the request the sample
 * shows: its body, the path parameters its request line fills in (else the parameter's own
 * example), and for a body that is a list, the `body` parameter (Parameter.isBody). The package
 * is used only through its exported `validate<Operation>Request` functions.
 *
 * Every sample the validator rejects, and every sample that is not JSON, must be in its
 * operation's doc lint at a line of the sample, saying which side is wrong and why; the
 * rejections are listed in a reviewed golden. Skipped without ../shared.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentIR, IR, LintItem, OperationModel, Sample } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { emitPackage } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { ROOT, expectGolden } from './helpers/golden.ts';

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const CORPUS = join(SHARED, 'alibabacloud-docs');
const present = existsSync(CORPUS);

interface Issue {
  path: string;
  code: string;
  message: { en: string };
}
type Validate = (v: unknown) => { ok: boolean; errors?: Issue[] };

/** Every exported function, namespaces (plain objects) looked into. */
function exportedFunctions(mod: Record<string, unknown>, into = new Map<string, Validate>(), depth = 0): Map<string, Validate> {
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v === 'function') into.set(k, v as Validate);
    else if (v && typeof v === 'object' && depth < 4) exportedFunctions(v as Record<string, unknown>, into, depth + 1);
  }
  return into;
}

/** The operation's request validator: `validate<Name>Request`, or with the product before the name. */
function validatorOf(fns: Map<string, Validate>, op: OperationModel): Validate | null {
  const want = `${op.name}request`.toLowerCase();
  const hits = [...fns.keys()].filter((k) => k.toLowerCase().startsWith('validate') && k.toLowerCase().endsWith(want));
  const best = hits.find((k) => k.toLowerCase() === `validate${want}`) ?? hits.find((k) => op.product && k.toLowerCase().includes(op.product.toLowerCase())) ?? hits[0];
  return best ? fns.get(best)! : null;
}

const key = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');

/** The request a sample shows: its body, and the path parameters its request line fills in. */
function requestOf(op: OperationModel, s: Sample): Record<string, unknown> {
  const req: Record<string, unknown> = {};
  const body = op.request.find((p) => p.isBody);
  if (body) req[body.name] = s.value;
  else Object.assign(req, s.value as object);
  const line = /^\s*[A-Za-z]+\s+(\S+)/.exec(s.requestLine ?? '')?.[1] ?? '';
  const got = line.split('?')[0]!.split('/').filter(Boolean);
  const template = (op.path ?? '').split('?')[0]!.split('/').filter(Boolean);
  for (const p of op.request.filter((x) => x.in === 'path')) {
    const i = template.findIndex((seg) => key(seg.replace(/^[{[:]|[}\]]$/g, '')) === key(p.name));
    req[p.name] = i >= 0 && got.length === template.length ? decodeURIComponent(got[i]!) : (p.examples[0] ?? p.name);
  }
  return req;
}

/** The lint items of an operation inside a sample (file and a line of it). */
const lintAt = (op: OperationModel, file: string, s: Sample): LintItem[] => op.lint.filter((l) => l.source.file === file && l.source.line >= s.source.line && l.source.line <= s.endLine);

describe.skipIf(!present)(present ? 'the pages\' own JSON sample requests against the generated validators' : 'sample acceptance: skipped, ../shared/corpus not found', () => {
  let dir = '';
  const rows: { op: OperationModel; doc: DocumentIR; sample: Sample; errors: Issue[] | null }[] = [];

  beforeAll(async () => {
    const docs = readDocuments(findDocuments(CORPUS, SHARED, [/^alibabacloud-docs\/history\//]), { cache: false });
    const ir = buildIR(docs);
    const byFile = new Map(ir.documents.map((d) => [d.file, d]));
    const ops = ir.operations.filter((o) => o.documents.some((f) => byFile.get(f)!.samples.some((s) => s.kind === 'request' && s.format === 'json')));
    const files = new Set(ops.flatMap((o) => o.documents));
    const sub: IR = { ...ir, operations: ops, documents: ir.documents.filter((d) => files.has(d.file)) };
    dir = mkdtempSync(join(tmpdir(), 'docs2types-samples-'));
    writeTreeAtomic(dir, await emitPackage(sub));
    const fns = exportedFunctions((await import(pathToFileURL(join(dir, 'index.js')).href)) as Record<string, unknown>);
    for (const op of ops) {
      const validate = validatorOf(fns, op);
      if (!validate) throw new Error(`no validator exported for ${op.id}`);
      for (const f of op.documents) {
        const doc = byFile.get(f)!;
        for (const s of doc.samples.filter((x) => x.kind === 'request' && x.format === 'json')) {
          const r = s.ok ? validate(requestOf(op, s)) : null;
          rows.push({ op, doc, sample: s, errors: r ? (r.ok ? [] : r.errors!) : null });
        }
      }
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts at least 96% of the JSON sample requests that are JSON (98% is the target: the rest are wrong samples)', () => {
    const parsed = rows.filter((r) => r.errors !== null);
    const accepted = parsed.filter((r) => r.errors!.length === 0);
    expect(parsed.length).toBeGreaterThan(80);
    expect(accepted.length / parsed.length).toBeGreaterThanOrEqual(0.96);
  });

  it('has every rejection, and every sample that is not JSON, in the doc lint at a line of the sample', () => {
    const missing = rows.filter((r) => (r.errors === null || r.errors.length > 0) && lintAt(r.op, r.doc.file, r.sample).length === 0).map((r) => `${r.doc.file}:${r.sample.source.line}`);
    expect(missing).toEqual([]);
    for (const r of rows.filter((x) => x.errors === null)) expect(lintAt(r.op, r.doc.file, r.sample).map((l) => l.code)).toContain('sample-invalid-json');
  });

  it('matches the reviewed list of rejections and the lint that explains each', () => {
    const lines = rows
      .filter((r) => r.errors && r.errors.length > 0)
      .map((r) =>
        [
          `${r.op.name} ${r.doc.file}:${r.sample.source.line}`,
          ...r.errors!.map((e) => `  validator: ${e.path || '/'} ${e.code}: ${e.message.en}`),
          ...lintAt(r.op, r.doc.file, r.sample).map((l) => `  lint ${l.code} @${l.source.line}: ${l.message}`),
        ].join('\n'),
      )
      .sort();
    const parsed = rows.filter((r) => r.errors !== null).length;
    const head = `${rows.length} JSON sample requests: ${parsed} parse, ${parsed - lines.length} accepted, ${lines.length} rejected, ${rows.length - parsed} not JSON (sample-invalid-json)`;
    expectGolden('sample-acceptance.txt', [head, '', ...lines, ''].join('\n'));
  });
});
