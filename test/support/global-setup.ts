/**
 * Vitest globalSetup: starts the local AWS stand-ins once for the whole run (in memory, on free
 * ports) and stops them afterwards. Test files read the endpoints with `inject('emulators')`, most
 * conveniently through `emulatorClients()` in ./aws-clients.ts.
 */
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../tools/local/emulators';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: { dynamodbEndpoint: string; sqsEndpoint: string; sesEndpoint: string; region: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
