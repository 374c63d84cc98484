/**
 * `offside rules show` and `offside rules validate FILE`: detection's configuration as a document
 * (shared/domain/detection/config.ts). A file is checked by the one schema the rules store and the
 * console API parse with, so a file that validates here is one they accept. The command line is
 * ./commands/rules.ts.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRulesStore } from '../../shared/adapters/dynamodb/rules-store';
import { RULES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { parseDetectionConfigJson } from '../../shared/domain/detection/config';
import { readPlatformAddress } from '../local/platform-address';
import type { CliIo } from './command';

export interface RulesShowOptions {
  readonly version?: number;
  readonly json?: boolean;
}

function print(config: DetectionConfig, options: RulesShowOptions, io: Pick<CliIo, 'stdout'>): void {
  io.stdout.write(options.json === true ? `${JSON.stringify(config)}\n` : `${JSON.stringify(config, null, 2)}\n`);
}

/** A version of the rules (undefined: the live one) where `rules show` reads it: the running `npm start`'s rules store, or (nothing running) the shipped version 1. Also the live baseline of other commands. */
export async function readRulesVersion(version: number | undefined): Promise<DetectionConfig | undefined> {
  const address = readPlatformAddress();
  if (!address) return version === undefined || version === DETECTION_CONFIG.version ? DETECTION_CONFIG : undefined;
  const client = new DynamoDBClient({ endpoint: address.dynamodb, region: address.region, credentials: address.credentials });
  try {
    const store = new DynamoRulesStore(client, RULES_TABLE.name, DETECTION_CONFIG);
    return version === undefined ? await store.live() : (await store.version(version))?.config;
  } finally {
    client.destroy();
  }
}

export async function runRulesShow(options: RulesShowOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  const config = await readRulesVersion(options.version);
  if (!config) {
    io.stderr.write(`offside rules show: no version ${options.version}\n`);
    return 1;
  }
  print(config, options, io);
  return 0;
}

/** Throws when the file cannot be read (the command then exits 2). */
export async function runRulesValidate(file: string, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  const result = parseDetectionConfigJson(await readFile(file, 'utf8'));
  if (result.ok) {
    io.stdout.write(`valid: version ${result.config.version}\n`);
    return 0;
  }
  for (const issue of result.issues) io.stderr.write(`${issue.path}: ${issue.reason}\n`);
  return 1;
}
