/**
 * What ships does not depend on where things are (issue 14.3): the same docs give a
 * byte-identical tree from another working directory and another absolute location; sources
 * are named relative to the folder holding the docs folder, and become links when a base URL
 * is given (`sourceBaseUrl`, the config key of the same name).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generator/generate.ts';
import { InputError } from '../generator/errors.ts';
import { ROOT } from './helpers/golden.ts';

const tmp = mkdtempSync(join(tmpdir(), 'd2t-location-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the package wherever the docs and the working directory are', () => {
  it('is byte-identical from another working directory and another absolute location', async () => {
    const here = await generate({ docs: join(ROOT, 'docs') }, { cache: false });
    const elsewhere = join(tmp, 'some', 'deeper', 'place');
    cpSync(join(ROOT, 'docs'), join(elsewhere, 'docs'), { recursive: true });
    const cwd = process.cwd();
    process.chdir(tmp);
    let there: Awaited<ReturnType<typeof generate>>;
    try {
      there = await generate({ docs: join('some', 'deeper', 'place', 'docs') }, { cache: false });
    } finally {
      process.chdir(cwd);
    }
    expect([...there.tree.keys()]).toEqual([...here.tree.keys()]);
    for (const [k, v] of here.tree) expect(there.tree.get(k), k).toBe(v);
    const dts = here.tree.get('cs/2015-12-15/CreateCluster.d.ts')!;
    expect(dts).toMatch(/Source: docs\/000_43e04a5f97c052c2\.txt:\d+/);
    expect(dts).not.toMatch(/Source: [^\n]*(\.\.\/|\/work\/|\/tmp\/)/);
    expect(dts).not.toMatch(/\/work\/|\/tmp\//);
  }, 120_000);

  it('cites sources as links under sourceBaseUrl', async () => {
    const { tree } = await generate({ docs: join(ROOT, 'docs') }, { cache: false, sourceBaseUrl: 'https://example.com/api-docs/blob/main' });
    const dts = tree.get('cs/2015-12-15/CreateCluster.d.ts')!;
    expect(dts).toMatch(/Source: \[docs\/000_43e04a5f97c052c2\.txt:(\d+)\]\(https:\/\/example\.com\/api-docs\/blob\/main\/docs\/000_43e04a5f97c052c2\.txt#L\1\)/);
    await expect(generate({ docs: join(ROOT, 'docs') }, { cache: false, sourceBaseUrl: 'javascript:alert(1)' })).rejects.toBeInstanceOf(InputError);
  }, 120_000);
});
