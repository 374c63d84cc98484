/**
 * `offside redrive --queue NAME [--endpoint URL] [--region REGION] [--max N] [--dry-run]`: moves the
 * messages waiting on NAME-dlq back to NAME, once whatever made them fail is fixed. Each message is
 * received, sent to NAME with its body and message attributes unchanged (the rejection reason
 * included, so a second rejection is easy to compare), and deleted from the DLQ only once the send
 * succeeded: a failure leaves it on the DLQ, never loses it. A send that succeeds but whose delete
 * fails delivers the message twice, which the consumers absorb (they are idempotent on the event id).
 *
 * Queues are found by name (GetQueueUrl): on AWS the stage is part of it (`offside-prod-reviews`),
 * locally it is the shared definition's name (`offside-reviews`): with neither `--endpoint` nor
 * `--region`, such a name is looked up on the running `npm start` (../local/platform-address.ts).
 * Without `--max`, at most the number of messages on the DLQ when the run starts (waiting or in
 * flight) are moved, so a message that fails again while the run lasts is not moved round in circles.
 *
 * Prints one summary line on stdout (and, with --dry-run, one line per message: its id and
 * rejection reason). Exit 0 when everything was moved, 1 when some messages stayed on the DLQ,
 * 2 on bad arguments or an unknown queue. The command line is ./commands/redrive.ts.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import {
  DeleteMessageBatchCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { INBOUND_QUEUES, SELLER_EVENTS_QUEUE } from '../../shared/adapters/sqs/queues';
import { readPlatformAddress } from '../local/platform-address';
import { queueDepth } from '../local/queue-inspection';
import type { CliIo } from './command';
import { errorText } from './command';

/** The suffix of every dead-letter queue's name (shared/adapters/sqs/queues.ts). */
export const DEAD_LETTER_SUFFIX = '-dlq';
/** How long a received message stays hidden while it is being moved; a failed move shows it again after this. */
const MOVE_VISIBILITY_TIMEOUT_SECONDS = 60;
/** The largest dry-run listing, to keep the output readable. */
const DRY_RUN_LISTING_LIMIT = 1000;
/** Any credentials do for the local emulators (fauxqs); the same pair as tools/local/emulators.ts. */
const LOCAL_CREDENTIALS = { accessKeyId: 'offsidelocal', secretAccessKey: 'offsidelocal' };

export interface RedriveOptions {
  /** The queue to move messages back to; its DLQ is `<queueName>-dlq`. */
  readonly queueName: string;
  /**
   * Most messages to move.
   * @default - the number on the DLQ (waiting or in flight) when the run starts
   */
  readonly max?: number;
  /** List what would be moved; move nothing. */
  readonly dryRun?: boolean;
}

export interface RedriveResult {
  readonly deadLetterQueueUrl: string;
  readonly queueUrl: string;
  /** Sent back and deleted from the DLQ (or, with dryRun, what would be). */
  readonly moved: number;
  /** Could not be sent back; still on the DLQ. */
  readonly failed: number;
  /** Sent back but not deleted from the DLQ: it will be delivered again (harmless to idempotent consumers). */
  readonly notDeleted: number;
  /** With dryRun: the messages that would be moved. */
  readonly listed: readonly Message[];
}

/** The queue does not exist (GetQueueUrl answered QueueDoesNotExist). */
export class UnknownQueueError extends Error {}

async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new UnknownQueueError(`no queue named ${name}`);
    return QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist || (error instanceof Error && error.name === 'QueueDoesNotExist')) {
      throw new UnknownQueueError(`no queue named ${name}`, { cause: error });
    }
    throw error;
  }
}


/** The attributes as SendMessage takes them (the list forms are reserved by SQS and never set). */
function sendableAttributes(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, MessageAttributeValue> | undefined {
  if (attributes === undefined) return undefined;
  const entries = Object.entries(attributes).map(([name, value]): [string, MessageAttributeValue] => [
    name,
    { DataType: value.DataType, StringValue: value.StringValue, BinaryValue: value.BinaryValue },
  ]);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Lists up to `limit` messages of the DLQ without hiding them (a zero visibility timeout). */
async function list(sqs: SQSClient, url: string, limit: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, limit - seen.size),
        VisibilityTimeout: 0,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const fresh = Messages.filter((message) => message.MessageId !== undefined && !seen.has(message.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId ?? '', message);
  }
  return [...seen.values()];
}

/** Moves messages from `<queueName>-dlq` back to `<queueName>` (see the module comment). */
export async function redrive(sqs: SQSClient, options: RedriveOptions): Promise<RedriveResult> {
  const deadLetterQueueUrl = await queueUrl(sqs, `${options.queueName}${DEAD_LETTER_SUFFIX}`);
  const targetUrl = await queueUrl(sqs, options.queueName);
  // What the DLQ holds, waiting and in flight: a DLQ has no consumer, so what is in flight is what a
  // peek or an interrupted run received (fauxqs counts a message received with a zero visibility
  // timeout, as npm start looks at its DLQs, as in flight until the next receive).
  const limit = options.max ?? (await queueDepth(sqs, deadLetterQueueUrl));

  if (options.dryRun === true) {
    const listed = await list(sqs, deadLetterQueueUrl, Math.min(limit, DRY_RUN_LISTING_LIMIT));
    return { deadLetterQueueUrl, queueUrl: targetUrl, moved: listed.length, failed: 0, notDeleted: 0, listed };
  }

  let moved = 0;
  let failed = 0;
  let notDeleted = 0;
  while (moved + failed + notDeleted < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, limit - moved - failed - notDeleted),
        VisibilityTimeout: MOVE_VISIBILITY_TIMEOUT_SECONDS,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;

    const byEntryId = new Map(Messages.map((message, index) => [String(index), message]));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: targetUrl,
        Entries: [...byEntryId].map(([id, message]) => ({
          Id: id,
          MessageBody: message.Body ?? '',
          MessageAttributes: sendableAttributes(message.MessageAttributes),
        })),
      }),
    );
    failed += sent.Failed?.length ?? 0;
    const toDelete = (sent.Successful ?? []).flatMap(({ Id }) => {
      const receiptHandle = Id === undefined ? undefined : byEntryId.get(Id)?.ReceiptHandle;
      return Id === undefined || receiptHandle === undefined ? [] : [{ Id, ReceiptHandle: receiptHandle }];
    });
    if (toDelete.length === 0) continue;
    const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: deadLetterQueueUrl, Entries: toDelete }));
    notDeleted += deleted.Failed?.length ?? 0;
    moved += deleted.Successful?.length ?? 0;
  }
  return { deadLetterQueueUrl, queueUrl: targetUrl, moved, failed, notDeleted, listed: [] };
}

export interface RedriveCommandOptions {
  readonly queue: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly max?: number;
  readonly dryRun?: boolean;
}

/** An SQS client for the command line: AWS's default credential chain, or any credentials for a local endpoint. */
export function redriveClient(endpoint: string | undefined, region: string | undefined, env: NodeJS.ProcessEnv = process.env): SQSClient {
  const resolvedRegion = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint === undefined ? undefined : 'us-east-1');
  const localCredentials = endpoint !== undefined && env.AWS_ACCESS_KEY_ID === undefined && env.AWS_PROFILE === undefined;
  return new SQSClient({
    ...(resolvedRegion === undefined ? {} : { region: resolvedRegion }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(localCredentials ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
}

/** The queues' names as the shared definitions spell them: the local platform's (on AWS each carries its stage). */
const LOCAL_QUEUE_NAMES: ReadonlySet<string> = new Set([...INBOUND_QUEUES, SELLER_EVENTS_QUEUE].map((queue) => queue.name));

/** Neither --endpoint nor --region, and a local queue's name: the running `npm start`, which must exist. */
function localPlatformClient(args: RedriveCommandOptions, env: NodeJS.ProcessEnv): SQSClient | UnknownQueueError | undefined {
  if (args.endpoint !== undefined || args.region !== undefined || !LOCAL_QUEUE_NAMES.has(args.queue)) return undefined;
  const local = readPlatformAddress(env);
  if (local === undefined) {
    return new UnknownQueueError(
      `${args.queue} is the local platform's queue, and no local platform is running (start it with npm start, or give --endpoint); on AWS the queues carry their stage, e.g. offside-prod-${args.queue.replace(/^offside-/u, '')}`,
    );
  }
  return new SQSClient({ endpoint: local.sqs, region: local.region, credentials: local.credentials });
}

/** The command: exit 0 when everything was moved, 1 when some messages stayed on the DLQ, 2 for an unknown queue. */
export async function redriveCommandLine(
  args: RedriveCommandOptions,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  /** For tests: a client to use instead of one made from --endpoint and --region (it is not destroyed). */
  client?: SQSClient,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const local = client === undefined ? localPlatformClient(args, env) : undefined;
  if (local instanceof UnknownQueueError) {
    io.stderr.write(`offside redrive: ${local.message}\n`);
    return 2;
  }
  const sqs = client ?? local ?? redriveClient(args.endpoint, args.region);
  try {
    const result = await redrive(sqs, { queueName: args.queue, max: args.max, dryRun: args.dryRun });
    const from = `${args.queue}${DEAD_LETTER_SUFFIX}`;
    if (args.dryRun === true) {
      for (const message of result.listed) {
        const reason = message.MessageAttributes?.['offside-rejection-reason']?.StringValue ?? '-';
        io.stdout.write(`${message.MessageId ?? '?'}\t${reason}\n`);
      }
      io.stdout.write(`dry run: would move ${result.moved} message(s) from ${from} to ${args.queue}\n`);
      return 0;
    }
    io.stdout.write(
      `moved ${result.moved} message(s) from ${from} to ${args.queue}` +
        (result.failed > 0 ? `; ${result.failed} could not be sent and stay on ${from}` : '') +
        (result.notDeleted > 0 ? `; ${result.notDeleted} sent but not deleted from ${from} (they will be delivered again)` : '') +
        '\n',
    );
    return result.failed > 0 || result.notDeleted > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof Error && error.message === 'Region is missing') {
      io.stderr.write('offside redrive: no AWS region: give --region or set AWS_REGION (for the local platform, name its queue, e.g. offside-reviews, while npm start runs)\n');
      return 2;
    }
    io.stderr.write(`offside redrive: ${errorText(error)}\n`);
    return error instanceof UnknownQueueError ? 2 : 1;
  } finally {
    if (client === undefined) sqs.destroy();
  }
}
