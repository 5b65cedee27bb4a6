/**
 * `npm run generate -- --check` on the emitted package (issue 4, point 7): generate into a temp
 * folder, touch one of the emitted files, and --check exits 1 naming it (and nothing else).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'generator/cli.ts', 'generate', '--docs', 'docs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DOCS2TYPES_NO_CACHE: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('generate --check on the emitted package', () => {
  let out: string;
  beforeAll(() => {
    out = join(mkdtempSync(join(tmpdir(), 'docs2types-check-')), 'generated');
    const r = cli('--out', out, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('is up to date right after generate', () => {
    const r = cli('--out', out, '--check');
    expect(r.status).toBe(0);
  });

  it('exits 1 and names exactly the emitted files that changed, went missing or are extra', () => {
    appendFileSync(join(out, 'cs', '2015-12-15', 'CreateCluster.js'), '\n// edited by hand\n');
    unlinkSync(join(out, 'samples', 'cs', '2015-12-15', 'CreateCluster.edge.full.json'));
    writeFileSync(join(out, 'schema', 'Stray.schema.json'), '{}\n');
    const r = cli('--out', out, '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stale/);
    const named = r.stderr.slice(r.stderr.indexOf('Files:') + 6).split(',').map((s) => s.trim()).filter(Boolean).sort();
    expect(named).toEqual(['cs/2015-12-15/CreateCluster.js', 'samples/cs/2015-12-15/CreateCluster.edge.full.json', 'schema/Stray.schema.json']);
  });
});
