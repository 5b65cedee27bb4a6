/** A short, seeded fuzz budget inside `npm test`; `npm run fuzz` runs 10,000 cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMutations, mutationArb } from './fuzz/mutate.ts';
import { fuzzOne } from './fuzz/check.ts';
import { fuzzPages } from './fuzz/run.ts';

describe('fuzzing the reader with mutated real pages', () => {
  const pages = fuzzPages();
  it('never throws, stays under 2 s a case, reports problems with file:line (200 seeded cases)', () => {
    fc.assert(
      fc.property(fc.nat(pages.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, muts) => {
        const p = pages[i]!;
        const out = fuzzOne(p.file, applyMutations(p.bytes, muts), 2000);
        expect(out.problem).toBeNull();
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('catches what it should: a throwing reader would fail the property', () => {
    // The property itself can fail: a page whose diagnostics point outside it is reported.
    const out = fuzzOne('docs/x.txt', new TextEncoder().encode(''), 2000);
    expect(out.problem).toBeNull();
    expect(fuzzOne('docs/x.txt', new Uint8Array([0xff, 0xfe, 0xfd]), 0).problem).toMatch(/budget 0 ms/);
  });
});
