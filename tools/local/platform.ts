/**
 * `npm start`: the whole platform on this machine. It starts the local stand-ins (DynamoDB Local,
 * fauxqs for SQS, aws-ses-v2-local for SES), creates the tables and queues from the same
 * definitions the CDK app deploys, runs the same consumer handlers against the queues the way
 * Lambda's event source mapping does, serves the console API, loads the demo stream, and prints
 * where to look. Ctrl-C stops everything it started.
 */
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { TABLES } from '../../shared/adapters/dynamodb/tables';
import { DevelopmentSellerDirectory } from '../../shared/adapters/memory/seller-directory';
import { EVIDENCE_BUNDLE_BUCKET } from '../../shared/adapters/s3/buckets';
import { CONSUMER_BATCH_SIZE, INBOUND_QUEUES, SELLER_EVENTS_QUEUE, STATEMENTS_BATCH_SIZE, STATEMENTS_QUEUE } from '../../shared/adapters/sqs/queues';
import { emulatorClients, emulatorProduct } from '../../shared/composition/emulators';
import type { LadderStarterDeps } from '../../shared/composition/product';
import type { CaseStore } from '../../shared/ports/case-store';
import type { ShadowNamespace } from '../../shared/use-cases/shadow-judging';
import { CaseConflictError } from '../../shared/ports/case-store';
import { advanceLadder } from '../../shared/use-cases/advance-ladder';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { DEMO_CAST } from '../../events/demo/cast';
import { LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';
import { consoleServer } from './console-host';
import { DependencyWatch } from './dependency-watch';
import { consoleSite } from './console-site';
import { CONSOLE_DIST, ensureConsoleBundle } from '../../console/bundle';
import { makeHandler as makeStatementSubmitter } from '../../functions/submit-statements/make-handler';
import { CONSUMER_HANDLERS } from './consumers';
import { ensureBucket, ensureQueues, ensureTables } from './dynamodb-admin';
import type { EnsuredQueue } from './dynamodb-admin';
import type { Emulators } from './emulators';
import { startEmulators } from './emulators';
import { ladderDefinitions } from './ladder-definition';
import { LocalLadderWorkflow, ladderMachines } from '../../shared/adapters/step-functions-local/local-workflow';
import { removePlatformAddress, writePlatformAddress } from './platform-address';
import { publishJsonLines } from './publish';
import { peekMessages, rejectionReason, waitUntilEmpty } from './queue-inspection';
import { QueuePoller } from './sqs-poller';
import type { TransparencyDatabaseStandIn } from './transparency-database';
import { DEVELOPMENT_TRANSPARENCY_TOKEN, startTransparencyDatabase } from './transparency-database';
import { fileExecutionJournal } from '../../shared/adapters/step-functions-local/journal';
import type { ExecutionJournal, LocalLambdaHandler } from '../../shared/adapters/step-functions-local/runner';
import { LocalStateMachineRunner } from '../../shared/adapters/step-functions-local/runner';

const ROOT = join(import.meta.dirname, '../..');
export const DEMO_STREAM = join(ROOT, 'events/demo/marketplace.jsonl');
export const DEMO_MALFORMED = join(ROOT, 'events/demo/malformed.jsonl');

/** Seconds before a failed record reappears; short locally so a retry is seen quickly. */
const LOCAL_VISIBILITY_TIMEOUT_SECONDS = 5;

export interface LocalPlatformOptions {
  /** Keep emulator state here across restarts; in memory when undefined. */
  readonly dataDir?: string;
  /** Console API port. @default 3000 */
  readonly port?: number;
  /** The Transparency Database stand-in's port. @default any free port */
  readonly transparencyDatabasePort?: number;
  readonly logLevel?: LogLevel;
  readonly say?: (line: string) => void;
  /** How long the consumers use the rules they read before reading them again. @default RULES_CACHE_MS (30 s, as on AWS) */
  readonly rulesCacheMs?: number;
}

export interface LocalPlatform {
  readonly emulators: Emulators;
  readonly consoleUrl: string;
  readonly queues: Readonly<Record<string, EnsuredQueue>>;
  readonly clients: { readonly dynamodb: DynamoDBClient; readonly sqs: SQSClient };
  /** Sends a JSON Lines file to the inbound queues by event type. */
  publish(file: string): Promise<number>;
  /** Resolves once every inbound queue is empty and nothing is in flight. */
  drained(timeoutMillis?: number): Promise<void>;
  /** Rejected or exhausted events waiting in each dead-letter queue. */
  deadLetters(): Promise<Record<string, { body: string; reason: string | undefined }[]>>;
  /** Cases and signals, as the consumers wrote them to DynamoDB Local. */
  readonly cases: CaseStore;
  /** A shadow version's signals, cases and rings, as the consumers wrote them (nothing acts on them). */
  readonly shadowNamespace: (version: number) => ShadowNamespace;
  /** The outbound seller-events queue (suspensions and reinstatements for the marketplace). */
  readonly sellerEventsQueueUrl: string;
  /** The local bucket legal holds write their sealed bundles to. */
  readonly evidenceBucket: string;
  /** The stand-in of the DSA Transparency Database the submitter sends statements of reasons to. */
  readonly transparencyDatabase: TransparencyDatabaseStandIn;
  stop(): Promise<void>;
}

export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const say = options.say ?? (() => undefined);
  // DynamoDB Local's banner is noise on a console; its failures still surface as errors.
  const emulators = await startEmulators({
    dataDir: options.dataDir,
    log: (line) => {
      if (!line.startsWith('dynamodb:')) say(`  ${line}`);
    },
  });
  const stoppers: (() => Promise<void>)[] = [() => emulators.stop()];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
  };
  try {
    const clients = emulatorClients({
      region: emulators.region,
      credentials: emulators.credentials,
      dynamodb: emulators.dynamodb.endpoint,
      sqs: emulators.sqs.endpoint,
      ses: emulators.ses.endpoint,
    });
    const { dynamodb, sqs } = clients;
    stoppers.push(async () => {
      clients.dynamodb.destroy();
      clients.sqs.destroy();
      clients.ses.destroy();
      clients.s3.destroy();
    });
    await ensureTables(dynamodb, TABLES);
    const queues = await ensureQueues(sqs, INBOUND_QUEUES, { visibilityTimeoutSeconds: LOCAL_VISIBILITY_TIMEOUT_SECONDS });
    const outbound = await ensureQueues(sqs, [SELLER_EVENTS_QUEUE]);
    const sellerEventsQueueUrl = outbound[SELLER_EVENTS_QUEUE.name]?.url ?? '';
    const statementsQueue = (await ensureQueues(sqs, [STATEMENTS_QUEUE], { visibilityTimeoutSeconds: LOCAL_VISIBILITY_TIMEOUT_SECONDS }))[STATEMENTS_QUEUE.name];
    if (!statementsQueue) throw new Error(`queue ${STATEMENTS_QUEUE.name} was not created`);
    await ensureBucket(clients.s3, EVIDENCE_BUNDLE_BUCKET.name);
    // The DSA Transparency Database's stand-in, with the API's rules: the submitter sends to it.
    const transparencyDatabase = await startTransparencyDatabase({ port: options.transparencyDatabasePort ?? 0 });
    stoppers.push(() => transparencyDatabase.close());

    const logger = new Logger({ serviceName: 'offside', logLevel: options.logLevel ?? 'WARN' });
    // The ladder's steps work on the product, and the product on the ladder's workflow: the runner
    // asks for the steps' dependencies only when it runs a step, once both exist.
    const ladder = await startLadder({
      step: (event) => ladderStep(event, product.ladderStep()),
      logger,
      // Kept with the emulators' state: a restart must not run again what already ended.
      journal: options.dataDir ? fileExecutionJournal(join(options.dataDir, 'step-functions', 'executions.jsonl')) : undefined,
    });
    stoppers.push(() => ladder.stop());
    const product = emulatorProduct({
      clients,
      deadLetterQueues: Object.fromEntries(INBOUND_QUEUES.map((queue) => [queue.consumer, queues[queue.name]?.deadLetterUrl])),
      inboundQueueUrls: Object.values(queues).map((queue) => queue.url),
      sellerEventsQueueUrl,
      statementsQueueUrl: statementsQueue.url,
      transparencyDatabase: { endpoint: transparencyDatabase.url, token: DEVELOPMENT_TRANSPARENCY_TOKEN },
      // Sellers of the demo get their marketplace's language.
      directory: new DevelopmentSellerDirectory(Object.fromEntries(DEMO_CAST.sellers.map((seller) => [seller.sellerId, { marketplace: seller.marketplace }]))),
      logger,
      workflow: ladder.workflow,
      ...(options.rulesCacheMs !== undefined ? { rulesCacheMs: options.rulesCacheMs } : {}),
    });
    // Version 1 of the rules is stored (and made live) on first start; a restart on kept data keeps what was live.
    const liveRules = await product.rulesStore.liveVersion();
    const shadowRules = await product.rulesStore.shadow();
    say(`  rules           version ${liveRules} live${shadowRules ? `, version ${shadowRules.version} in shadow since ${shadowRules.since}` : ''}`);

    const pollers = INBOUND_QUEUES.map((queue) => {
      const ensured = queues[queue.name];
      if (!ensured) throw new Error(`queue ${queue.name} was not created`);
      return new QueuePoller(sqs, CONSUMER_HANDLERS[queue.consumer](product.consumer(queue.consumer)), {
        queueUrl: ensured.url,
        queueArn: ensured.arn,
        functionName: queue.consumer,
        batchSize: CONSUMER_BATCH_SIZE,
        onError: (error) => logger.error('poller error', { consumer: queue.consumer, error }),
      });
    });
    // The submitter drains the statements queue as its Lambda does on AWS.
    pollers.push(
      new QueuePoller(sqs, makeStatementSubmitter(product.statementSubmitter()), {
        queueUrl: statementsQueue.url,
        queueArn: statementsQueue.arn,
        functionName: 'submit-statements',
        batchSize: STATEMENTS_BATCH_SIZE,
        onError: (error) => logger.error('poller error', { consumer: 'submit-statements', error }),
      }),
    );
    for (const poller of pollers) poller.start();
    stoppers.push(async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    });

    // The consumers and the ladder need the database and the queues: while either is down they
    // wait (events stay in their queues, nothing burns its receives), and say so.
    let consumersPaused = false;
    const watch = new DependencyWatch({
      checks: product.readiness,
      onChange: (changed) => {
        for (const dependency of changed) {
          if (dependency.state === 'down') say(`offside local: ${dependency.name} is down (${dependency.reason ?? 'no answer'}); GET /ready answers 503 until it is back`);
          else say(`offside local: ${dependency.name} is back`);
        }
        const blocked = CONSUMER_NEEDS.filter((name) => watch.isDown(name));
        const pause = blocked.length > 0;
        if (pause !== consumersPaused) {
          consumersPaused = pause;
          for (const poller of pollers) {
            if (pause) poller.pause();
            else poller.resume();
          }
          say(pause ? `offside local: consumers paused while ${blocked.join(' and ')} ${blocked.length === 1 ? 'is' : 'are'} down; events wait in their queues` : 'offside local: consumers resumed');
        }
      },
    });
    watch.start();
    stoppers.push(() => watch.stop());
    ladder.advanceEvery(product.ladderStarter(), say, () => watch.isDown('dynamodb'));

    const api = product.consoleApi();
    const server = await listen(consoleServer(api, consoleSite({ dist: CONSOLE_DIST })), options.port ?? 3000);
    stoppers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address();
    const consoleUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;

    const queueUrls = Object.fromEntries(Object.entries(queues).map(([name, queue]) => [name, queue.url]));
    const reviewsQueue = INBOUND_QUEUES[0]?.name ?? 'offside-reviews';

    return {
      emulators,
      consoleUrl,
      queues,
      clients: { dynamodb, sqs },
      publish: (file) => publishJsonLines(sqs, file, queueUrls, reviewsQueue),
      drained: (timeoutMillis = 120_000) =>
        waitUntilEmpty(sqs, Object.values(queues).map((queue) => queue.url), timeoutMillis),
      deadLetters: () => peekDeadLetters(sqs, queues),
      cases: product.cases,
      shadowNamespace: product.shadowNamespace,
      sellerEventsQueueUrl,
      evidenceBucket: EVIDENCE_BUNDLE_BUCKET.name,
      transparencyDatabase,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function peekDeadLetters(sqs: SQSClient, queues: Readonly<Record<string, EnsuredQueue>>) {
  const result: Record<string, { body: string; reason: string | undefined }[]> = {};
  for (const [name, queue] of Object.entries(queues)) {
    const messages = await peekMessages(sqs, queue.deadLetterUrl);
    result[name] = messages.map((message) => ({ body: message.Body ?? '', reason: rejectionReason(message) }));
  }
  return result;
}

/**
 * The enforcement ladder on this machine: the synthesized state machine run by the local runner
 * on the real clock, its steps on DynamoDB Local, fauxqs and the SES emulator. Every few seconds
 * the open cases are read and the ladder advanced for each, as the cases table's stream does on
 * AWS.
 */
async function startLadder(deps: { step: LocalLambdaHandler; logger: Logger; journal: ExecutionJournal | undefined }) {
  const runner = new LocalStateMachineRunner({
    machines: ladderMachines(await ladderDefinitions()),
    // Validated as they were synthesized (tools/local/ladder-definition.ts).
    validated: true,
    ...(deps.journal ? { journal: deps.journal } : {}),
    handlers: { [LADDER_STEP_LOCAL_NAME]: deps.step },
    onEvent: (execution, event) => {
      if (event.error === undefined) return;
      // A TransientError (a lost race with detection on the case) is retried by the workflow: routine.
      if (event.error === 'TransientError') deps.logger.info('ladder step retried', { execution, state: event.stateName });
      else deps.logger.warn('ladder step error', { execution, state: event.stateName, error: event.error, cause: event.cause });
    },
  });
  const workflow = new LocalLadderWorkflow(runner);
  let timer: NodeJS.Timeout | undefined;
  return {
    workflow,
    /** Polls the open cases and advances the ladder for each, as the cases stream does on AWS; not while `paused()`. */
    advanceEvery(starter: LadderStarterDeps, say: (line: string) => void, paused: () => boolean) {
      let polling = false;
      const poll = async () => {
        if (polling || paused()) return;
        polling = true;
        try {
          for (const item of await starter.cases.listCases({ status: 'open' })) {
            try {
              const started = await advanceLadder(item, starter);
              if (started && item.execution?.name !== started) say(`  ladder: ${started} started for seller ${item.sellerId}`);
            } catch (error) {
              // A lost race with detection or a step: the next poll sees the new version.
              if (!(error instanceof CaseConflictError)) throw error;
            }
          }
        } catch (error) {
          starter.logger.error('ladder poll failed', { error });
        } finally {
          polling = false;
        }
      };
      timer = setInterval(() => void poll(), LADDER_POLL_MILLIS);
    },
    async stop() {
      clearInterval(timer);
      await runner.close();
    },
  };
}

const LADDER_POLL_MILLIS = 2_000;
/** What the consumers cannot work without (readiness names). */
const CONSUMER_NEEDS = ['dynamodb', 'sqs'] as const;

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** The product's log levels (Powertools'), for OFFSIDE_LOG_LEVEL. */
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const satisfies readonly LogLevel[];
const isLogLevel = (level: string): level is (typeof LOG_LEVELS)[number] => (LOG_LEVELS as readonly string[]).includes(level);

export interface LocalCommandOptions {
  /** Keep nothing: the emulators' state lives in memory. */
  readonly inMemory?: boolean;
  /** Clear the kept state first. */
  readonly reset?: boolean;
  /** Send the demo stream once everything listens. */
  readonly demo: boolean;
}

/** The `offside local` command (npm start; the command line is tools/cli/commands/local.ts). */
export async function runLocalPlatform(options: LocalCommandOptions): Promise<number> {
  const inMemory = options.inMemory === true;
  const withDemo = options.demo;
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`offside local: PORT must be a port number, got ${process.env.PORT ?? ''}\n`);
    return 2;
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const logLevel = process.env.OFFSIDE_LOG_LEVEL?.toUpperCase();
  if (logLevel !== undefined && !isLogLevel(logLevel)) {
    process.stderr.write(`offside local: OFFSIDE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${process.env.OFFSIDE_LOG_LEVEL ?? ''}\n`);
    return 2;
  }
  const dataDir = inMemory ? undefined : join(ROOT, '.offside', 'local-data');
  if (dataDir && options.reset === true) await rm(dataDir, { recursive: true, force: true });
  say(`offside local: starting (${dataDir ? `state kept in ${dataDir}; --reset clears it` : 'in memory'})`);
  try {
    const bundle = ensureConsoleBundle(say);
    if (bundle.built) say(`  console built in ${bundle.millis} ms`);
  } catch (error) {
    process.stderr.write(`offside local: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let platform: LocalPlatform;
  try {
    platform = await startLocalPlatform({ dataDir, port, say, ...(logLevel ? { logLevel } : {}) });
  } catch (error) {
    process.stderr.write(`offside local: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`\noffside local: ${signal}, stopping`);
      removePlatformAddress();
      void platform.stop().then(resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });

  const { emulators } = platform;
  writePlatformAddress({
    pid: process.pid,
    consoleUrl: platform.consoleUrl,
    dynamodb: emulators.dynamodb.endpoint,
    sqs: emulators.sqs.endpoint,
    ses: emulators.ses.endpoint,
    region: emulators.region,
    credentials: emulators.credentials,
  });
  say('offside local: ready');
  say(`  web console     ${platform.consoleUrl}/  (${platform.consoleUrl}/?as=analyst, ?as=legal or ?as=admin signs in a development user)`);
  say(`  console API     ${platform.consoleUrl}  (GET /health, GET /openapi.json; a token: npx offside token --role analyst|legal|admin)`);
  say(`  SES mail        ${emulators.ses.endpoint}/  (sent notices; JSON at /store)`);
  say(`  DynamoDB Local  ${emulators.dynamodb.endpoint}  (tables ${TABLES.map((table) => table.name).join(', ')})`);
  say(`  SQS (fauxqs)    ${emulators.sqs.endpoint}  (queues ${[...INBOUND_QUEUES, SELLER_EVENTS_QUEUE, STATEMENTS_QUEUE].map((queue) => queue.name).join(', ')}, each with -dlq)`);
  say(`  S3 (fauxqs)     ${emulators.sqs.endpoint}  (bucket ${platform.evidenceBucket}: sealed legal-hold bundles)`);
  say(`  DSA database    ${platform.transparencyDatabase.url}  (stand-in of the Transparency Database API, token ${DEVELOPMENT_TRANSPARENCY_TOKEN}; GET /api/v1/statement/existing-puid/<puid>)`);
  say(`  region ${emulators.region}, credentials ${emulators.credentials.accessKeyId}/${emulators.credentials.secretAccessKey}`);

  if (withDemo) {
    try {
      const sent = await platform.publish(DEMO_STREAM);
      const malformed = await platform.publish(DEMO_MALFORMED);
      say(`offside local: demo sent: ${sent} events from events/demo/marketplace.jsonl, ${malformed} malformed lines`);
      await platform.drained();
      const dead = await platform.deadLetters();
      say('offside local: demo ingested; dead-letter queues now hold:');
      for (const [queue, messages] of Object.entries(dead)) {
        say(`  ${queue}-dlq: ${messages.length}`);
        for (const message of messages.slice(0, 10)) say(`    - ${message.reason ?? '(no reason: retries exhausted)'}`);
      }
      const cases = await platform.cases.listCases({ status: 'open' });
      say(`offside local: ${cases.length} open case${cases.length === 1 ? '' : 's'}:`);
      for (const item of cases) {
        const rules = [...new Set(item.signals.map((signal) => signal.rule))].join(', ');
        say(`  ${item.caseId}  seller ${item.sellerId}  asks for ${item.requestedRung}  (${item.points} points: ${rules})`);
      }
      if (cases.length > 0) say(`offside local: the ladder is working them; follow along with GET ${platform.consoleUrl}/v1/cases (see the README)`);
    } catch (error) {
      if (!stopping) say(`offside local: demo failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!stopping) say('offside local: running; Ctrl-C stops everything');
  await stopped;
  return 0;
}
