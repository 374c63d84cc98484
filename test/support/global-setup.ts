/**
 * Vitest globalSetup: builds the web console's bundle if it is missing or stale, starts the local
 * AWS stand-ins once for the whole run (in memory, on free ports) and stops them afterwards. Test
 * files read the endpoints with `inject('emulators')`, most conveniently through
 * `emulatorClients()` in ./aws-clients.ts.
 */
import type { TestProject } from 'vitest/node';
import { ensureConsoleBundle } from '../../console/bundle';
import { startEmulators } from '../../tools/local/emulators';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: { dynamodbEndpoint: string; sqsEndpoint: string; sesEndpoint: string; region: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Built once, before any test file runs: the browser test serves it, the CDK tests upload it,
  // and test files running side by side must not build it over one another.
  ensureConsoleBundle();
  const verbose = process.env.OFFSIDE_EMULATOR_LOG === '1';
  const emulators = await startEmulators({
    log: (line) => {
      if (verbose) console.error(`[emulators] ${line}`);
    },
  });
  project.provide('emulators', {
    dynamodbEndpoint: emulators.dynamodb.endpoint,
    sqsEndpoint: emulators.sqs.endpoint,
    sesEndpoint: emulators.ses.endpoint,
    region: emulators.region,
  });
  return () => emulators.stop();
}
