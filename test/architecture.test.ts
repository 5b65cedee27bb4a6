/**
 * The pipeline's shape, checked on the sources: data flows one way through the stages
 * (model ← read ← parse ← reconcile ← emit), no stage imports a later one, and no stage imports
 * what sits above the stages (the engine: worker pool and caches; io; the CLI; generate.ts; diff).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/golden.ts';

const GENERATOR = join(ROOT, 'generator');
const STAGES = ['model', 'read', 'parse', 'reconcile', 'emit'] as const;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(n) ? [p] : [];
  });
}

/** `read`, `emit`, ... for a file under a stage folder; else the first path part (`engine`, `cli.ts`). */
function area(abs: string): string {
  return relative(GENERATOR, abs).split('/')[0]!;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    out.push(resolve(dirname(file), (m[1] ?? m[2])!));
  }
  return out;
}

describe('architecture', () => {
  const edges = files(GENERATOR).flatMap((f) => imports(f).map((to) => ({ from: f, to })));

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => area(e.from) === 'parse' && area(e.to) === 'read')).toBe(true);
  });

  it('no stage imports a later stage, or anything above the stages', () => {
    const bad: string[] = [];
    for (const { from, to } of edges) {
      const a = area(from);
      const b = area(to);
      const i = STAGES.indexOf(a as (typeof STAGES)[number]);
      if (i < 0 || b === 'errors.ts') continue;
      const j = STAGES.indexOf(b as (typeof STAGES)[number]);
      if (j < 0 || j > i) bad.push(`${relative(ROOT, from)} → ${relative(ROOT, to)}`);
    }
    expect(bad).toEqual([]);
  });

  it('the engine imports no CLI, and generate.ts is the only place that chains the stages', () => {
    const chainers = new Set(edges.filter((e) => area(e.to) === 'emit' && !['emit', 'diff'].includes(area(e.from))).map((e) => relative(GENERATOR, e.from)));
    expect([...chainers].sort()).toEqual(['cli.ts', 'generate.ts']);
    expect(edges.filter((e) => area(e.from) === 'engine' && ['cli.ts', 'generate.ts', 'io'].includes(area(e.to)))).toEqual([]);
  });
});
