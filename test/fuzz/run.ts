/**
 * `npm run fuzz [-- --runs N --seed S]`: the long fuzz run (default 10,000 cases) over the seeds
 * and the corpus fixtures. Prints a summary; exits 1 on the first failing case, with its seed
 * and path so `fc.assert` can replay it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyMutations, mutationArb } from './mutate.ts';
import { fuzzOne } from './check.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const runs = opt('runs', 10_000);
const seed = opt('seed', 20261123);

export function fuzzPages(): { file: string; bytes: Uint8Array }[] {
  const pages: { file: string; bytes: Uint8Array }[] = [];
  for (const f of readdirSync(join(ROOT, 'docs')).filter((x) => /^\d{3}_.*\.txt$/.test(x)).sort()) pages.push({ file: `docs/${f}`, bytes: readFileSync(join(ROOT, 'docs', f)) });
  for (const lang of ['en', 'zh']) {
    const dir = join(ROOT, 'test', 'fixtures', 'corpus', 'csk-create-cluster', lang);
    for (const f of readdirSync(dir).sort()) pages.push({ file: `test/fixtures/corpus/csk-create-cluster/${lang}/${f}`, bytes: readFileSync(join(dir, f)) });
  }
  // One real page per layout of issue 12, and the page rewritten with HTML tables.
  for (const rel of ['layouts', 'html']) {
    const dir = join(ROOT, 'test', 'fixtures', 'corpus', rel);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) pages.push({ file: `test/fixtures/corpus/${rel}/${f}`, bytes: readFileSync(join(dir, f)) });
  }
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = fuzzPages();
  let count = 0;
  let worst = 0;
  let total = 0;
  const t0 = Date.now();
  try {
    fc.assert(
      fc.property(fc.nat(pages.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, muts) => {
        const p = pages[i]!;
        const out = fuzzOne(p.file, applyMutations(p.bytes, muts), 2000);
        count++;
        total += out.ms;
        worst = Math.max(worst, out.ms);
        if (out.problem) throw new Error(out.problem);
      }),
      { numRuns: runs, seed },
    );
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  console.log(`fuzz: ${count} cases, seed ${seed}: 0 uncaught exceptions, 0 cases over 2 s (slowest ${Math.round(worst)} ms, mean ${(total / count).toFixed(1)} ms), every diagnostic with file:line; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
