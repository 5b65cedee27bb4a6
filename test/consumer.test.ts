/**
 * A consumer project (test/fixtures/consumer) uses the generated package as users do (issue 4,
 * point 6): it compiles under `tsc --strict` with its own node_modules/.bin/tsc, the lines that
 * must not compile do not, and node imports the JavaScript with no build step. No network: the
 * fixture is copied to a temp folder whose node_modules links the freshly emitted package (what
 * the fixture's `file:` dependency installs) and this repository's TypeScript.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/manifest.ts';
import { emitPackage } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';

const ROOT = join(import.meta.dirname, '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'consumer');

describe('consumer project', () => {
  let tmp: string;
  let project: string;
  beforeAll(async () => {
    const docs = readDocuments(findDocuments(join(ROOT, 'docs')), { cache: false, threads: 1 });
    const tree = await emitPackage(buildIR(docs, loadManifest(join(ROOT, 'docs', 'manifest.json5'))));
    tmp = mkdtempSync(join(tmpdir(), 'docs2types-consumer-'));
    const pkgDir = join(tmp, 'generated');
    writeTreeAtomic(pkgDir, tree);
    const name = JSON.parse(tree.get('package.json')!).name as string;
    const fixturePkg = JSON.parse(readFileSync(join(FIXTURE, 'package.json'), 'utf8'));
    expect(fixturePkg.dependencies[name]).toBe('file:../../../generated');

    project = join(tmp, 'consumer');
    cpSync(FIXTURE, project, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const nm = join(project, 'node_modules');
    mkdirSync(join(nm, ...name.split('/').slice(0, -1)), { recursive: true });
    symlinkSync(pkgDir, join(nm, ...name.split('/')), 'dir');
    symlinkSync(join(ROOT, 'node_modules', 'typescript'), join(nm, 'typescript'), 'dir');
    mkdirSync(join(nm, '.bin'));
    symlinkSync(join('..', 'typescript', 'bin', 'tsc'), join(nm, '.bin', 'tsc'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const tsc = (): { status: number | null; out: string } => {
    const r = spawnSync(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('compiles under tsc --strict, every @ts-expect-error line failing as it should', () => {
    const r = tsc();
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails to compile without the @ts-expect-error directives, on exactly those lines', () => {
    const file = join(project, 'src', 'index.ts');
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const directive = (l: string): boolean => l.trimStart().startsWith('// @ts-expect-error');
    const expected = lines.flatMap((l, i) => (directive(l) ? [i + 2] : []));
    expect(expected.length).toBe(5);
    writeFileSync(file, lines.map((l) => (directive(l) ? '//' : l)).join('\n'));
    try {
      const r = tsc();
      expect(r.status).not.toBe(0);
      const failing = [...new Set([...r.out.matchAll(/src\/index\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
      expect(failing.sort((a, b) => a - b)).toEqual(expected);
      expect(r.out).toMatch(/ack\.huge/);
      expect(r.out).toMatch(/key_pair|login_password|num_of_nodes/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('imports the built JavaScript at run time with node', () => {
    const out = execFileSync(process.execPath, ['src/runtime.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ dedicated: true, edge: true, managed: true, serverless: true, bad: ['/cluster_spec enum'], http: ['POST', '/clusters', true], namespace: true });
  });
});
