/**
 * What a Powertools logger wrote, for tests that read logs: a logger at DEBUG whose lines (it
 * writes through `console` to stdout and stderr) are captured while `during` runs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { vi } from 'vitest';

export async function capturingLogs<T>(during: (logger: Logger) => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const result = await during(new Logger({ serviceName: 'offside-test', logLevel: 'DEBUG' }));
    return { result, lines };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
