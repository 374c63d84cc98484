#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// The `offside` command line. TypeScript sources run through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../tools/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
