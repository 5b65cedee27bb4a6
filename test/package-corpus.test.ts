/**
 * The package generated from the whole corpus (issue 14, acceptance): what `npm pack` would ship
 * (no IR, no reports, at most 20 MB unpacked), a subpath export for every operation, stable names
 * (generating without one product's pages renames no export of the others), and a consumer that
 * imports one operation by subpath: it type-checks (`tsc --noEmit`, no error), and an esbuild
 * bundle of that operation's validator is at most 30 KB minified. Skipped without ../shared.
 * (Its `tsc` within 1.2× of an empty project's is a timing: `npm run bench -- consumer`.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { EMPTY_MANIFEST } from '../generator/reconcile/manifest.ts';
import { emit, type OutputTree } from '../generator/emit/index.ts';
import { EmitMemo } from '../generator/engine/emit-memo.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'alibabacloud-docs');
const present = existsSync(CORPUS);
const NAME = '@docs2types/corpus';

/** Exported names of every operation module: path → sorted names (from the .d.ts, as TypeScript parses it). */
function exportsOf(tree: OutputTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [path, text] of tree) {
    if (!/^[^/]+\/[^/]+\/[^/]+\.d\.ts$/.test(path) || path.endsWith('/index.d.ts')) continue;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false);
    const names: string[] = [];
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isFunctionDeclaration(st)) names.push(st.name!.text);
      else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) names.push((d.name as ts.Identifier).text);
    }
    out.set(path, names.sort());
  }
  return out;
}

describe.skipIf(!present)('the corpus package', () => {
  let ir: IR;
  let tree: OutputTree;
  let left: number;
  let tmp: string;
  let pkgDir: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'd2t-corpus-pkg-'));
    ir = buildIR(readDocuments(findDocuments(CORPUS, join(CORPUS, '..'), [/\/history\//]), { cache: false }), EMPTY_MANIFEST);
    const r = await emit(ir, { name: NAME, memo: new EmitMemo(join(tmp, 'memo')) });
    tree = r.tree;
    left = r.diagnostics.length;
    pkgDir = join(tmp, 'node_modules', ...NAME.split('/'));
    writeTreeAtomic(pkgDir, tree);
  }, 1_200_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('packs to at most 20 MB unpacked, without the IR or the reports', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } });
    const [info] = JSON.parse(out) as Array<{ size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> }>;
    console.log(`corpus package: ${info!.entryCount} files, tarball ${(info!.size / 1e6).toFixed(2)} MB, unpacked ${(info!.unpackedSize / 1e6).toFixed(2)} MB`);
    expect(info!.unpackedSize).toBeLessThanOrEqual(20e6);
    expect(info!.files.filter((f) => f.path.startsWith('reports/') || f.path.endsWith('ir.json'))).toEqual([]);
    const pkg = JSON.parse(tree.get('package.json')!);
    expect(pkg.description.length).toBeLessThan(300);
  });

  it('has a subpath export for every operation it holds, and leaves none out', () => {
    expect(left).toBe(0);
    const pkg = JSON.parse(tree.get('package.json')!) as { exports: Record<string, { types: string; default: string } | string> };
    const modules = [...exportsOf(tree).keys()].map((p) => p.replace(/\.d\.ts$/, ''));
    expect(modules.length).toBe(ir.operations.length);
    for (const m of modules) expect(pkg.exports[`./${m}`], m).toEqual({ types: `./${m}.d.ts`, default: `./${m}.js` });
  });

  it('renames no export of the others when one product is left out', async () => {
    const without = { ...ir, operations: ir.operations.filter((o) => o.product !== 'Slb') };
    expect(without.operations.length).toBeLessThan(ir.operations.length);
    const other = await emit(without, { name: NAME, memo: new EmitMemo(join(tmp, 'memo')) });
    const all = exportsOf(tree);
    const some = exportsOf(other.tree);
    expect(some.size).toBe(without.operations.length);
    for (const [path, names] of some) expect(all.get(path), path).toEqual(names);
  }, 600_000);

  it('lets a consumer import one operation by subpath: it type-checks, a validator bundle under 30 KB', async () => {
    const project = (files: Record<string, string>): string => {
      const dir = mkdtempSync(join(tmp, 'consumer-'));
      symlinkSync(join(tmp, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, noEmit: true, skipLibCheck: false }, include: ['*.ts'] }));
      for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
      return dir;
    };
    const sub = `${NAME}/ecs/2014-05-26/RunInstances`;
    const uses = project({ 'main.ts': `import { validateRunInstancesRequest, toQuery, type RunInstancesRequest } from '${sub}';\nexport function send(body: unknown): Record<string, string> | null {\n  const r = validateRunInstancesRequest(body);\n  return r.ok ? toQuery(r.value satisfies RunInstancesRequest) : null;\n}\n` });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: uses, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);

    mkdirSync(join(uses, 'bundle'));
    writeFileSync(join(uses, 'bundle', 'entry.js'), `import { validateRunInstancesRequest } from '${sub}';\nglobalThis.v = validateRunInstancesRequest;\n`);
    const out = await build({ entryPoints: [join(uses, 'bundle', 'entry.js')], bundle: true, minify: true, format: 'esm', write: false, platform: 'neutral', absWorkingDir: uses, logLevel: 'silent' });
    const size = out.outputFiles[0]!.contents.byteLength;
    console.log(`esbuild --bundle --minify of validateRunInstancesRequest: ${(size / 1024).toFixed(1)} KB`);
    expect(size).toBeLessThanOrEqual(30 * 1024);
    // It carries that operation only: no other operation's validator.
    expect(out.outputFiles[0]!.text).not.toMatch(/DescribeInstances|CreateCluster/);
  }, 300_000);
});
