/**
 * One `docs2types generate` run in this process, for bench/generate.ts: the CLI's own `main()`
 * with the given arguments, then one JSON line with the process's peak RSS (worker threads are
 * inside the process, so their memory is counted) and CPU time. Wall time is measured by the
 * parent around the whole process (Node start and module loading included).
 */
import { main } from '../generator/cli.ts';
import type { PhaseOutput } from './lib.ts';

const c0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(['generate', '--quiet', ...process.argv.slice(2)]);
if (code !== 0) process.exit(code);
const cpu = process.cpuUsage(c0);
const out: PhaseOutput = { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024 };
console.log(JSON.stringify(out));
