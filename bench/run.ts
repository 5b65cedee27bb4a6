/**
 * `npm run bench [-- [--runs N] [SECTION...]]`: runs the bench sections (all by default), prints a
 * table per section and writes bench/results.json (merged by section; no timestamps).
 *
 * Adding a section: write bench/NAME.ts exporting a BenchSection (see bench/lib.ts) and list it
 * in SECTIONS below.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { consumerSection } from './consumer.ts';
import { corpusSection } from './corpus.ts';
import { diffSection } from './diff.ts';
import { generateSection } from './generate.ts';
import { validatorsSection } from './validators.ts';
import { BENCH_DIR, formatTable, type BenchSection } from './lib.ts';

const SECTIONS: BenchSection[] = [validatorsSection, corpusSection, generateSection, diffSection, consumerSection];

const RESULTS = join(BENCH_DIR, 'results.json');

async function main(argv: string[]): Promise<number> {
  let runs = Number(process.env.BENCH_RUNS ?? 3);
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log(`npm run bench -- [--runs N] [${SECTIONS.map((s) => s.name).join('|')}...]   (BENCH_RUNS=N also sets the rounds; default 3)`);
      return 0;
    } else names.push(a);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs needs a whole number ≥ 1');
    return 2;
  }
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`unknown bench section ${unknown.join(', ')} (have: ${SECTIONS.map((s) => s.name).join(', ')})`);
    return 2;
  }
  const chosen = names.length ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS;

  let previous: { sections?: Record<string, unknown> } = {};
  try {
    if (existsSync(RESULTS)) previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as typeof previous;
  } catch {
    previous = {};
  }
  const sections: Record<string, unknown> = { ...(previous.sections ?? {}) };
  let ran = 0;
  for (const s of chosen) {
    const r = await s.run({ runs, log: (l) => process.stderr.write(`${l}\n`) });
    if (r.skipped) {
      console.log(r.skipped);
      continue;
    }
    ran++;
    console.log(`\n== ${s.name}${r.summary ? `: ${r.summary}` : ''}`);
    console.log(formatTable(r.rows));
    sections[s.name] = r.json;
  }
  if (ran === 0) return 0;
  const out = {
    machine: { cores: availableParallelism(), node: process.version, platform: `${process.platform} ${process.arch}` },
    sections: Object.fromEntries(Object.entries(sections).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS.slice(process.cwd().length + 1) || RESULTS}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
