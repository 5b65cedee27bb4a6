/**
 * One page, one diagnostic (issue 11.3, the page half): a page whose reading or parsing throws,
 * or whose operation's reconciling throws, is left out with a `page-failed` error diagnostic and
 * the run goes on; what the other pages give is byte-identical to a run without that page. The
 * CLI says so and exits 3 ("written, with pages left out").
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentIR, IR } from '../generator/model/ir.ts';
import { generate, type GenerateResult } from '../generator/generate.ts';
import { emptyReadStats } from '../generator/engine/pool.ts';
import { findDocuments, readDocuments } from '../generator/generate.ts';
import { ROOT } from './helpers/golden.ts';
import { runCli } from './helpers/tree.ts';

// Several CLI runs per test: slow on a loaded 2-core machine (each run is a few seconds alone).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let tmp: string;
const SEED = '003_1688ff0bbc61cdc8.txt';
/** A page that crashed the reader in the issue: a header of one cell per line, then a lone `|` before the delimiter. */
const CRASHER = '# DescribeX\n\n## 请求参数\n\n|名称\n|类型\n|是否必选\n|描述\n|\n|---|---|---|---|\n|Id|String|是|x|\n';

function folder(name: string, pages: string[], extra: Record<string, string> = {}): string {
  const d = join(tmp, name, 'docs');
  mkdirSync(d, { recursive: true });
  for (const f of pages) cpSync(f, join(d, f.split('/').pop()!));
  for (const [k, v] of Object.entries(extra)) writeFileSync(join(d, k), v);
  return d;
}

const seeds = (): string[] => readdirSync(join(ROOT, 'docs')).filter((f) => /\.(txt|md|json5)$/.test(f) && f !== 'README.md').map((f) => join(ROOT, 'docs', f));
const ecs = join(ROOT, 'test', 'fixtures', 'corpus', 'ecs', 'CreateKeyPair.md');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'd2t-iso-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(docs: string, fault?: string, threads = 1): Promise<GenerateResult> {
  const before = process.env.DOCS2TYPES_FAULT;
  if (fault) process.env.DOCS2TYPES_FAULT = fault;
  try {
    return await generate({ docs }, { cache: false, threads });
  } finally {
    if (before === undefined) delete process.env.DOCS2TYPES_FAULT;
    else process.env.DOCS2TYPES_FAULT = before;
  }
}

/** The package (everything outside reports/, which describe the run and so name the failure). */
function pkg(r: GenerateResult): [string, string][] {
  return [...r.tree].filter(([k]) => !k.startsWith('reports/'));
}

/** The IR without the given pages' documents, and with the documents' paths of the other folder. */
function others(ir: IR, without: string[]): { documents: DocumentIR[]; operations: IR['operations'] } {
  return { documents: ir.documents.filter((d) => !without.some((w) => d.file.endsWith(w))), operations: ir.operations };
}

describe('a page that throws while it is read or parsed', () => {
  it('is left out with a page-failed error; the package and every other page are byte-identical to a run without it', async () => {
    const all = folder('p1', [...seeds(), ecs]);
    const without = folder('p1-without', [...seeds().filter((f) => !f.endsWith(SEED)), ecs]);
    const failed = await run(all, `page-throw:${SEED}`);
    const ref = await run(without);
    const doc = failed.ir.documents.find((d) => d.file.endsWith(SEED))!;
    expect(doc.diagnostics).toEqual([{ file: doc.file, line: 1, severity: 'error', code: 'page-failed', message: `reading or parsing the page failed, so it is left out: DOCS2TYPES_FAULT: ${doc.file} throws while it is parsed` }]);
    expect(doc.operation).toBeNull();
    expect(doc.request).toEqual([]);
    expect(failed.ir.operations.map((o) => o.id)).toEqual(ref.ir.operations.map((o) => o.id));
    expect(JSON.stringify(others(failed.ir, [SEED]))).toBe(JSON.stringify(others(ref.ir, [])));
    expect(pkg(failed)).toEqual(pkg(ref));
  });

  it('is the same on a worker thread (the worker\'s error, then the in-process retry, give the same page-failed)', () => {
    const all = folder('p2', seeds());
    const found = findDocuments(all, tmp);
    process.env.DOCS2TYPES_FAULT = `page-throw:${SEED}`;
    try {
      const stats = emptyReadStats();
      const docs = readDocuments(found, { threads: 2, minPagesForWorkers: 1, cache: false, stats });
      expect(stats.workers).toBe(1);
      const inProcess = readDocuments(found, { threads: 1, cache: false });
      expect(docs).toEqual(inProcess);
      expect(docs.find((d) => d.file.endsWith(SEED))!.diagnostics.map((d) => d.code)).toEqual(['page-failed']);
    } finally {
      delete process.env.DOCS2TYPES_FAULT;
    }
  });

  it('a page that really crashed the reader (issue 11) does not sink the run: the other operation is what it is without it', async () => {
    const all = folder('p3', seeds(), { 'crasher.md': CRASHER });
    const ref = await run(folder('p3-without', seeds()));
    const r = await run(all);
    const crashed = r.ir.documents.find((d) => d.file.endsWith('crasher.md'))!;
    // Either the reader copes with it now (the layouts work), or it is left out with a diagnostic.
    if (crashed.diagnostics.some((d) => d.code === 'page-failed')) expect(crashed.request).toEqual([]);
    const cs = (ir: IR): unknown => ir.operations.filter((o) => o.name === 'CreateCluster');
    expect(JSON.stringify(cs(r.ir))).toBe(JSON.stringify(cs(ref.ir)));
  });
});

describe('an operation whose reconciling throws', () => {
  it('is left out with page-failed on each of its pages; the other operations are byte-identical to a run without its pages', async () => {
    const all = folder('r1', [...seeds(), ecs]);
    const ref = await run(folder('r1-without', [ecs]));
    const r = await run(all, `reconcile-throw:${SEED}`);
    expect(r.ir.operations.map((o) => o.name)).toEqual(['CreateKeyPair']);
    const seedDocs = r.ir.documents.filter((d) => d.operation === 'CreateCluster');
    expect(seedDocs.length).toBe(5);
    for (const d of seedDocs) expect(d.diagnostics.filter((x) => x.code === 'page-failed').map((x) => x.message)).toEqual([`reconciling CreateCluster failed, so the operation is left out: DOCS2TYPES_FAULT: reconciling CreateCluster (${r.ir.documents.find((x) => x.file.endsWith(SEED))!.file}) throws`]);
    expect(JSON.stringify(r.ir.operations)).toBe(JSON.stringify(ref.ir.operations));
    expect(pkg(r).filter(([k]) => k !== 'package.json' && k !== 'README.md')).toEqual(pkg(ref).filter(([k]) => k !== 'package.json' && k !== 'README.md'));
  });
});

describe('the command line', () => {
  it('writes the rest, lists the page left out, and exits 3', () => {
    const all = folder('c1', seeds());
    const out = join(tmp, 'c1', 'out');
    const r = runCli(['generate', '--docs', all, '--out', out], { env: { DOCS2TYPES_FAULT: `page-throw:${SEED}` } });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(new RegExp(`^docs/${SEED.replace('.', '\\.')}: page-failed: reading or parsing the page failed`, 'm'));
    expect(r.out).toMatch(/left out: 1 page/);
    const ir = JSON.parse(readFileSync(join(out, 'reports', 'ir.json'), 'utf8')) as IR;
    expect(ir.operations.map((o) => o.name)).toEqual(['CreateCluster']);
    expect(readFileSync(join(out, 'reports', 'coverage.md'), 'utf8')).toMatch(/page-failed/);
  });
});
