/**
 * The local runner's memory of ended executions, in a JSON Lines file (one execution a line,
 * appended as each ends, synchronously, so that a crash right after loses nothing). `npm start`
 * keeps it beside the emulators' state, so a restart does not start again what already ran: a
 * denied legal hold is not asked for a second time. A line torn by a crash is skipped.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { jsonValueSchema } from './asl';
import type { ExecutionDescription, ExecutionJournal } from './runner';

const EndedExecution = z.object({
  name: z.string(),
  executionArn: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']),
  input: jsonValueSchema,
  output: jsonValueSchema.optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  startDate: z.number(),
  stopDate: z.number().optional(),
});

export function fileExecutionJournal(path: string): ExecutionJournal {
  return {
    ended() {
      if (!existsSync(path)) return [];
      return readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line) => {
          if (line.trim() === '') return [];
          try {
            const parsed = EndedExecution.safeParse(JSON.parse(line));
            return parsed.success ? [parsed.data] : [];
          } catch {
            return [];
          }
        });
    },
    record(execution: ExecutionDescription) {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${JSON.stringify(execution)}\n`);
    },
  };
}
