#!/usr/bin/env node
// The docs2types command (see `docs2types --help`). The generator is TypeScript run through
// tsx's loader, so there is no build step between a checkout and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv.slice(2));
