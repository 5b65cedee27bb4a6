/**
 * No ordering depends on the locale (issue 11.5): the same pages give byte-identical output under
 * LANG/LC_ALL=C, sv_SE.UTF-8 (where Ä sorts after Z) and tr_TR.UTF-8 (where I is the capital of
 * dotless ı). The fixture is a one-line HTML table whose rows all sit on line 5, so that their
 * unknown-type diagnostics (same line, same code) are ordered by their messages alone.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { ROOT } from './helpers/golden.ts';
import { runCli, snapshot } from './helpers/tree.ts';

const tmp = mkdtempSync(join(tmpdir(), 'd2t-locale-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('locale', () => {
  it('generate gives byte-identical trees under C, sv_SE and tr_TR, diagnostics in code-unit order', () => {
    const docs = join(tmp, 'docs');
    mkdirSync(docs);
    cpSync(join(ROOT, 'test', 'fixtures', 'locale', 'DescribeThing.md'), join(docs, 'DescribeThing.md'));
    cpSync(join(ROOT, 'docs', '004_65ea0e32433b0565.txt'), join(docs, '004_65ea0e32433b0565.txt'));
    const trees: Record<string, Record<string, string>> = {};
    for (const locale of ['C', 'sv_SE.UTF-8', 'tr_TR.UTF-8']) {
      const out = join(tmp, `out-${locale}`);
      const r = runCli(['generate', '--docs', docs, '--out', out, '--quiet'], { env: { LANG: locale, LC_ALL: locale, LC_COLLATE: locale } });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      trees[locale] = snapshot(out);
    }
    const ir = JSON.parse(readFileSync(join(tmp, 'out-C', 'reports', 'ir.json'), 'utf8')) as IR;
    const types = ir.documents.find((d) => d.file.endsWith('DescribeThing.md'))!.diagnostics.filter((d) => d.code === 'unknown-type').map((d) => /type "([^"]+)"/.exec(d.message)![1]);
    expect(types).toEqual(['Ibü', 'Zürich', 'iaü', 'Ärende']); // I < Z < i < Ä: UTF-16 code units
    expect(trees['sv_SE.UTF-8']).toEqual(trees.C);
    expect(trees['tr_TR.UTF-8']).toEqual(trees.C);
  }, 600_000);
});

describe('no locale-dependent calls in the generator', () => {
  it('generator/ uses no localeCompare, Intl collator or toLocale* (sort by code units)', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : /\.ts$/.test(n) ? [join(d, n)] : []));
    const bad = files(join(ROOT, 'generator')).filter((f) => /\.localeCompare\(|Intl\.Collator|\.toLocale(Lower|Upper)?(Case|String)\(/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')));
    expect(bad).toEqual([]);
  });
});
