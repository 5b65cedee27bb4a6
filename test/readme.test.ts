/**
 * The READMEs' examples compile (issue 14.6): every ```ts block of README.md and of the generated
 * package's README is type-checked under `tsc --strict` against the package it imports: the
 * committed generated/ (`@docs2types/cs`), and for an ECS example a package generated here from
 * the corpus's RunInstances pages (that block is skipped without ../shared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { EMPTY_MANIFEST } from '../generator/reconcile/manifest.ts';
import { emitPackage } from '../generator/emit/index.ts';
import { writeTreeAtomic } from '../generator/io/output.ts';
import { ROOT } from './helpers/golden.ts';

const ECS = join(ROOT, '..', 'shared', 'corpus', 'alibabacloud-docs', 'ecs');

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})ts\n([\s\S]*?)^\1$/gm)].map((m) => m[2]!);
}

const tmp = mkdtempSync(join(tmpdir(), 'd2t-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ecsPackage(dir: string): Promise<void> {
  const found = findDocuments(ECS, join(ECS, '..', '..'), [/\/history\//]).filter((f) => /\/RunInstances\.md$/.test(f.file));
  const ir = buildIR(readDocuments(found, { cache: false, threads: 1 }), EMPTY_MANIFEST);
  writeTreeAtomic(dir, await emitPackage(ir, { name: '@docs2types/ecs' }));
}

describe('README examples', () => {
  const sources = [
    ['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')],
    ['generated/README.md', readFileSync(join(ROOT, 'generated', 'README.md'), 'utf8')],
  ] as const;

  it('has examples to check in both READMEs', () => {
    for (const [name, text] of sources) expect(blocks(text).length, name).toBeGreaterThan(0);
  });

  it('type-check under tsc --strict against the generated package', async () => {
    const project = join(tmp, 'project');
    const nm = join(project, 'node_modules', '@docs2types');
    mkdirSync(nm, { recursive: true });
    symlinkSync(join(ROOT, 'generated'), join(nm, 'cs'), 'dir');
    const files: string[] = [];
    let needsEcs = false;
    let skipped = 0;
    for (const [name, text] of sources) {
      blocks(text).forEach((b, i) => {
        if (b.includes("'@docs2types/ecs") || b.includes('"@docs2types/ecs')) {
          if (!existsSync(ECS)) {
            skipped++;
            return;
          }
          needsEcs = true;
        }
        const file = `${name.replace(/[^A-Za-z0-9]+/g, '_')}_${i}.ts`;
        // Each block is a module of its own (examples may reuse names).
        writeFileSync(join(project, file), /^\s*(import|export)\s/m.test(b) ? b : `${b}\nexport {};\n`);
        files.push(file);
      });
    }
    if (needsEcs) await ecsPackage(join(nm, 'ecs'));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], strict: true, noEmit: true, skipLibCheck: false }, files }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files.length + skipped).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
