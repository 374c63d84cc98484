/**
 * `offside labels export` and `offside report signals` (the command lines are ./commands/labels.ts
 * and ./commands/report.ts): what analysts decided, read through the console API, the same use
 * cases the console's pages call, so the command line answers what the console shows, locally or
 * on AWS (with a token). Without --api they call the running `npm start`, with an analyst
 * development token when none is given.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { Problem } from '../../shared/adapters/http/console-views';
import { LabelledCaseSchema } from '../../shared/use-cases/export-labels';
import type { SignalPrecisionReport } from '../../shared/use-cases/signal-precision-report';
import { SignalPrecisionReportSchema } from '../../shared/use-cases/signal-precision-report';
import { developmentToken } from '../local/development-token';
import { readPlatformAddress } from '../local/platform-address';
import type { CliIo } from './command';
import { errorText } from './command';

export interface ConsoleApiOptions {
  readonly api?: string;
  readonly token?: string;
}

export interface PeriodOptions {
  readonly from?: string;
  readonly to?: string;
}

/** A failure to reach or use the API: exit 2 with the reason. */
class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
}

/** A day given as `--to` is included whole: the period ends at the next midnight. */
const endOf = (to: string) => (to.endsWith('T00:00:00.000Z') ? new Date(Date.parse(to) + 86_400_000).toISOString() : to);

async function getJson<T extends z.ZodType>(schema: T, path: string, options: ConsoleApiOptions): Promise<z.infer<T>> {
  const local = options.api === undefined ? readPlatformAddress() : undefined;
  const base = options.api ?? local?.consoleUrl;
  if (base === undefined) throw new ApiCallError('no console API: start the local platform (npm start) or give --api URL');
  const token = options.token !== undefined && options.token !== '' ? options.token : await developmentToken('analyst', { subject: 'offside-cli' });
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new ApiCallError(`cannot reach ${base}: ${errorText(error)}`, { cause: error });
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = Problem.safeParse(payload);
    const issues = problem.success ? (problem.data.issues ?? []).map((issue) => `${issue.field}: ${issue.reason}`) : [];
    throw new ApiCallError(`GET ${path} answered ${response.status}${problem.success ? `: ${[problem.data.message, ...issues].join('; ')}` : ''}`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ApiCallError(`GET ${path} answered what this command does not understand: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function periodQuery(period: PeriodOptions): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', endOf(period.to));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function failing(command: string, io: Pick<CliIo, 'stderr'>, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    io.stderr.write(`offside ${command}: ${errorText(error)}\n`);
    return 2;
  }
}

export interface LabelsExportOptions extends ConsoleApiOptions, PeriodOptions {
  readonly out?: string;
}

/** Writes the settled cases as JSON Lines, one labelled case a line, to --out or standard output. */
export function labelsExportCommand(options: LabelsExportOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  return failing('labels export', io, async () => {
    const { cases } = await getJson(z.object({ cases: z.array(LabelledCaseSchema) }), `/v1/labels${periodQuery(options)}`, options);
    const out = options.out ? createWriteStream(options.out, { encoding: 'utf8' }) : io.stdout;
    for (const item of cases) if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
    if (options.out && 'close' in out) {
      out.end();
      await once(out, 'close');
    }
    const messages = cases.reduce((sum, item) => sum + item.messages.length, 0);
    io.stderr.write(`labels: ${cases.length} case${cases.length === 1 ? '' : 's'}, ${messages} flagged message${messages === 1 ? '' : 's'}${options.out ? ` written to ${options.out}` : ''}\n`);
    return 0;
  });
}

export interface SignalsReportOptions extends ConsoleApiOptions, PeriodOptions {
  readonly json?: boolean;
}

const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

function text(report: SignalPrecisionReport): string {
  const width = Math.max(...report.signals.map((row) => row.signal.length), 'signal'.length);
  return [
    `signal precision from analysts' outcomes, ${report.period.from ?? 'the beginning'} to ${report.period.to ?? 'now'}`,
    `settled cases: confirmed ${report.cases.confirmed}, false positive ${report.cases['false-positive']}, resolved otherwise ${report.cases.resolved}`,
    `${'signal'.padEnd(width)}  right  wrong  unjudged  precision`,
    ...report.signals.map((row) => `${row.signal.padEnd(width)}  ${String(row.right).padStart(5)}  ${String(row.wrong).padStart(5)}  ${String(row.unjudged).padStart(8)}  ${percent(row.precision).padStart(9)}`),
    '',
  ].join('\n');
}

export function signalsReportCommand(options: SignalsReportOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  return failing('report signals', io, async () => {
    const report = await getJson(SignalPrecisionReportSchema, `/v1/reports/signals${periodQuery(options)}`, options);
    io.stdout.write(options.json === true ? `${JSON.stringify(report)}\n` : text(report));
    return 0;
  });
}
