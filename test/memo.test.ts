/**
 * The emit memo (generator/engine/emit-memo.ts): a re-run with the same IR takes each module's
 * type-check + compile from the cache, byte-identical to computing it; what failed is never
 * kept; touching one operation re-checks that operation's module only.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IR } from '../generator/model/ir.ts';
import { buildIR, findDocuments, readDocuments } from '../generator/generate.ts';
import { loadManifest } from '../generator/reconcile/manifest.ts';
import { emitPackage, EmitCheckError } from '../generator/emit/index.ts';
import { EmitMemo } from '../generator/engine/emit-memo.ts';
import type { OutputTree } from '../generator/io/output.ts';
import { TextStore } from '../generator/engine/store.ts';
import { ROOT } from './helpers/golden.ts';

const tmp = mkdtempSync(join(tmpdir(), 'docs2types-memo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('emit memo', () => {
  let ir: IR;
  let plain: OutputTree;
  beforeAll(async () => {
    const docs = readDocuments(findDocuments(join(ROOT, 'docs'), ROOT), { cache: false, threads: 1 });
    ir = buildIR(docs, loadManifest(join(ROOT, 'docs', 'manifest.json5')));
    plain = await emitPackage(ir);
  });

  it('computes every step once, then answers all of them, with output identical to no memo', async () => {
    const dir = join(tmp, 'a');
    const first = new EmitMemo(dir);
    expect([...(await emitPackage(ir, { memo: first }))]).toEqual([...plain]);
    expect(first.stats.hits).toBe(0);
    expect(first.stats.misses).toBeGreaterThanOrEqual(5); // runtime, the module, three index modules

    const second = new EmitMemo(dir);
    expect([...(await emitPackage(ir, { memo: second }))]).toEqual([...plain]);
    expect(second.stats).toEqual({ hits: first.stats.misses, misses: 0 });
  });

  it('recomputes a damaged entry', async () => {
    const dir = join(tmp, 'b');
    await emitPackage(ir, { memo: new EmitMemo(dir) });
    const folder = readdirSync(dir).find((n) => n.startsWith('emit-'))!;
    const entries = readdirSync(join(dir, folder));
    for (const e of entries) writeFileSync(join(dir, folder, e), '[not what was stored');
    const memo = new EmitMemo(dir);
    const tree = await emitPackage(ir, { memo });
    expect(memo.stats).toEqual({ hits: 0, misses: entries.length });
    expect([...tree]).toEqual([...plain]);
  });

  it('never keeps a failed type-check: the next run fails again', async () => {
    const dir = join(tmp, 'c');
    process.env.DOCS2TYPES_FAULT = 'emit-type-error';
    try {
      for (let i = 0; i < 2; i++) {
        const memo = new EmitMemo(dir);
        await expect(emitPackage(ir, { memo })).rejects.toBeInstanceOf(EmitCheckError);
        // Only the shared runtime (and, the second time, the index modules) can come from the memo.
        expect(memo.stats.hits).toBeLessThanOrEqual(i === 0 ? 0 : 4);
        expect(memo.stats.misses).toBeGreaterThanOrEqual(1);
      }
    } finally {
      delete process.env.DOCS2TYPES_FAULT;
    }
  });

  it('never fails a run when the cache folder cannot be written', async () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'x');
    const memo = new EmitMemo(join(blocker, 'cache'));
    expect([...(await emitPackage(ir, { memo }))]).toEqual([...plain]);
    expect(memo.stats.hits).toBe(0);
  });
});

describe('emit memo, per module', () => {
  it('re-checks only the module of the operation that changed', async () => {
    const { syntheticIR } = await import('./fixtures/consumer/synthetic-ir.ts');
    const dir = join(tmp, 'per-module');
    const base = syntheticIR();
    await emitPackage(base, { memo: new EmitMemo(dir) });
    const changed = syntheticIR();
    const op = changed.operations.find((o) => o.name === 'GetStatus')!;
    op.response[0]!.description = { en: 'Touched.', zh: null };
    const memo = new EmitMemo(dir);
    const tree = await emitPackage(changed, { memo });
    // One module and the index modules that hold it (their declarations changed) are computed.
    const modules = [...tree.keys()].filter((k) => k.endsWith('.js') && k.split('/').length === 3 && !k.endsWith('/index.js')).length;
    expect(modules).toBeGreaterThan(3);
    expect(memo.stats.misses).toBeLessThanOrEqual(1 + 3);
    expect(memo.stats.hits).toBeGreaterThanOrEqual(modules);
    expect(tree.get('demo/2020-01-01/GetStatus.d.ts')).toMatch(/Touched\./);
  });
});

describe('text store', () => {
  it('removes the folders of other versions of its kind only, when it creates its own (and nothing it did not name)', () => {
    const dir = join(tmp, 'store');
    const [v1, v2] = ['0123456789abcdef', 'fedcba9876543210'];
    expect(new TextStore(dir, 'emit', v1).write('k', 'one')).toBe(true);
    expect(new TextStore(dir, 'docs', v1).write('k', 'doc')).toBe(true);
    mkdirSync(join(dir, 'emit-notes')); // a name docs2types never gives a version folder
    const later = new TextStore(dir, 'emit', v2);
    expect(later.read('k')).toBeNull();
    expect(later.write('k', 'two')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['CACHEDIR.TAG', `docs-${v1}`, `emit-${v2}`, 'emit-notes']);
    expect(later.read('k')).toBe('two');
  });
});
