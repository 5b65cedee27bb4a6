/**
 * A hostile page through the whole pipeline (test/fixtures/injection): names and descriptions
 * holding `*\/`, `/*`, backticks, `${...}`, `</script>`, `<img onerror>`, quotes, a newline in
 * a name, names that are not identifiers, reserved words, `__proto__`, `constructor`,
 * `prototype`. The package compiles, its comments stay comments, validators treat
 * `__proto__` as data, and the HTML diff report shows the text literally.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../generator/generate.ts';
import { diffSides, loadSide, renderHtml } from '../generator/diff/index.ts';
import { ROOT } from './helpers/golden.ts';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'injection');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'd2t-inject-'));
  const { tree } = await generate({ docs: join(FIXTURE, 'v1') }, { cache: false });
  for (const [rel, content] of tree) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), content);
  }
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const NAMES = ['comment_end', 'a-b', '1st', '名称', 'class', '__proto__', 'constructor', 'prototype', 'toString', 'new line'];

describe('a hostile page', () => {
  it('reads every hostile name as a parameter', async () => {
    const ir = JSON.parse((await import('node:fs')).readFileSync(join(out, 'reports', 'ir.json'), 'utf8'));
    expect(ir.operations[0].request.map((p: { name: string }) => p.name)).toEqual(NAMES);
  });

  it('emits a package that compiles under tsc --strict', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(
      join(out, 'use.ts'),
      [
        "import { validateInjectThingsRequest, type InjectThingsRequest } from './inject/2020-01-01/InjectThings.js';",
        // An object literal cannot be checked against a type with a `constructor` or `toString`
        // property (TypeScript compares it with Object's own members), so the test picks the rest.
        "type Plain = Omit<InjectThingsRequest, 'constructor' | 'toString'>;",
        "const ok: Plain = { comment_end: 'x', 'a-b': 'y', 'new line': 'n', 名称: '中', '1st': 2, __proto__: 'p', prototype: true };",
        'validateInjectThingsRequest(ok);',
        '// @ts-expect-error comment_end is required',
        "const missing: Plain = { 'a-b': 'y' };",
        '// @ts-expect-error 1st is a number',
        "const wrong: Plain = { comment_end: 'x', '1st': 'one' };",
        'void missing; void wrong;',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', join(out, 'use.ts')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps every comment a comment: the declarations are exactly the parameters, doc text intact', async () => {
    const text = (await import('node:fs')).readFileSync(join(out, 'inject', '2020-01-01', 'InjectThings.d.ts'), 'utf8');
    const sf = ts.createSourceFile('types.d.ts', text, ts.ScriptTarget.ES2022, true);
    const iface = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'InjectThingsRequest')!;
    expect(iface).toBeDefined();
    const names = iface.members.map((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : '?'));
    expect(names).toEqual(NAMES);
    const doc = (name: string): string => {
      const m = iface.members[NAMES.indexOf(name)]!;
      return ts.getJSDocCommentsAndTags(m).map((d) => d.getText()).join('\n');
    };
    // The doc text survives, with `*/` neutralised so it cannot close the comment.
    expect(doc('comment_end')).toContain('Ends a comment *\\/ and opens one /* here');
    expect(doc('comment_end')).toContain('${process.exit(1)}');
    expect(doc('名称')).toContain('中文描述 *\\/ 结束');
    expect(doc('__proto__')).toContain('</script><script>window.__pwned=1</script>');
    // Nothing between the members is code the docs injected: only property signatures.
    expect(iface.members.every((m) => ts.isPropertySignature(m))).toBe(true);
  });

  it('validators treat __proto__ as data: no prototype pollution, the key is checked like any other', async () => {
    const pkg = await import(pathToFileURL(join(out, 'inject', '2020-01-01', 'InjectThings.js')).href);
    const hostile = JSON.parse('{"comment_end":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    const r = pkg.validateInjectThingsRequest(hostile);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['/__proto__ type', '/constructor type']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const fine = pkg.validateInjectThingsRequest(JSON.parse('{"comment_end":"x","__proto__":"p","toString":"t","new line":"n"}'));
    expect(fine).toMatchObject({ ok: true });
  });
});

const CHROMIUM = '/usr/bin/chromium';
describe.skipIf(!existsSync(CHROMIUM))('the HTML diff report of the hostile page, in Chromium', () => {
  it('shows doc text literally and runs none of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'd2t-inject-html-'));
    const report = diffSides(loadSide(join(FIXTURE, 'v1')), loadSide(join(FIXTURE, 'v2')));
    writeFileSync(join(dir, 'report.html'), renderHtml(report));
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(dir, 'report.html')).href);
      await page.screenshot({ path: join(tmpdir(), 'docs2types-injection-report.png') });
      const body = (await page.locator('body').innerText()) ?? '';
      expect(body).toContain('</script><script>window.__pwned=3</script>');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1); // the report's own filter script only
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('tr.change').count()).toBe(report.counts.total);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
