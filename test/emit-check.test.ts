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

  it('exits 1 and names exactly the emitted files that changed or went missing; a file it did not write is named apart, as not its own', () => {
    appendFileSync(join(out, 'cs', '2015-12-15', 'CreateCluster.js'), '\n// edited by hand\n');
    unlinkSync(join(out, 'samples', 'cs', '2015-12-15', 'CreateCluster.edge.full.json'));
    writeFileSync(join(out, 'schema', 'Stray.schema.json'), '{}\n');
    const r = cli('--out', out, '--check');
    expect(r.status).toBe(1);
    const group = (label: string): string[] => {
      const line = r.stderr.split('\n').find((l) => l.startsWith(`  ${label}`));
      return line ? line.slice(line.indexOf(': ') + 2).split(', ').sort() : [];
    };
    expect(group('stale')).toEqual(['cs/2015-12-15/CreateCluster.js']);
    expect(group('missing')).toEqual(['samples/cs/2015-12-15/CreateCluster.edge.full.json']);
    expect(group('extra')).toEqual([]);
    // Generate keeps files it did not write (issue 11.1), so check names them without failing on them.
    expect(group('not written by docs2types')).toEqual(['schema/Stray.schema.json']);
  });
});
