/**
 * `offside rules show` and `offside rules validate FILE`: detection's configuration as a document
 * (shared/domain/detection/config.ts). A file is checked by the one schema the rules store and the
 * console API parse with, so a file that validates here is one they accept. The command line is
 * ./commands/rules.ts.
 */
import { readFile } from 'node:fs/promises';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { parseDetectionConfigJson } from '../../shared/domain/detection/config';
import type { CliIo } from './command';

export interface RulesShowOptions {
  readonly version?: number;
  readonly json?: boolean;
}

function print(config: DetectionConfig, options: RulesShowOptions, io: Pick<CliIo, 'stdout'>): void {
  io.stdout.write(options.json === true ? `${JSON.stringify(config)}\n` : `${JSON.stringify(config, null, 2)}\n`);
}

export async function runRulesShow(options: RulesShowOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  const config = options.version === undefined || options.version === DETECTION_CONFIG.version ? DETECTION_CONFIG : undefined;
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
