/**
 * Notices by email through SES, sent once per notice id thanks to a ledger on DynamoDB (the
 * notices table).
 *
 * | record | pk                   | attributes                                               |
 * | ------ | -------------------- | -------------------------------------------------------- |
 * | notice | `NOTICE#<noticeId>`  | status `sending` or `sent`, leasedAt, to, messageId, sentAt |
 *
 * Protocol: claim the notice with a conditional put (status `sending`, leasedAt now), send, then
 * mark it `sent` with the SES message id. Another attempt that finds `sent` returns the recorded
 * message id and sends nothing; one that finds a fresh `sending` lease waits a little for the
 * holder (which is sending it right now, in milliseconds) and returns its message id once it is
 * `sent`, or backs off with a TransientNoticeError when the holder takes longer than
 * `holderWaitMs` (a console request racing a ladder step for the same notice must not fail
 * because the other got there first); one that finds a lease older than
 * `leaseMs` takes it over (conditional on the lease it read, so only one attempt can) and sends.
 * When SES throttles or refuses the mail nothing went out, so the lease is released at once and a
 * retry may send immediately.
 *
 * The honest corner: this is at-least-once, not exactly-once. If the process dies (or the ledger
 * write fails) after SES accepted the mail but before the notice is marked `sent`, the ledger still
 * says `sending`; once the lease has expired a retry sends the mail a second time. No protocol
 * around a mail service without idempotency keys can close that window; the lease keeps it to
 * crashes, never to ordinary retries or concurrent attempts.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendEmailCommand, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { Notice, NoticeReceipt, Notifier } from '../../ports/notifier';
import { NoticeRejectedError, TransientNoticeError } from '../../ports/notifier';

/** SES answers these when we send too fast or exceed a quota: the same mail may be sent later. */
const THROTTLING_ERRORS: ReadonlySet<string> = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);

/** How long an attempt may hold a notice before another attempt presumes it crashed. */
const DEFAULT_LEASE_MS = 5 * 60 * 1000;

/** Claiming races (a lease released or taken over between our read and write) are retried this often. */
const CLAIM_ATTEMPTS = 3;

const DEFAULT_HOLDER_WAIT_MS = 3_000;
/** The first pause while waiting for a lease's holder; doubled each time, up to HOLDER_POLL_MAX_MS. */
const HOLDER_POLL_MS = 50;
const HOLDER_POLL_MAX_MS = 500;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SesNotifierOptions {
  readonly ses: SESv2Client;
  readonly dynamodb: DynamoDBClient;
  /** The notices table (NOTICES_TABLE). */
  readonly tableName: string;
  /** The verified sender, e.g. `Trust & Safety <trust-safety@marketplace.example>`. */
  readonly from: string;
  /** SES configuration set for delivery, bounce and complaint events. @default none */
  readonly configurationSetName?: string;
  /** @default 5 minutes */
  readonly leaseMs?: number;
  /** How long an attempt that finds a fresh lease waits for its holder to finish. @default 3 seconds */
  readonly holderWaitMs?: number;
  /** @default the system clock */
  readonly now?: () => Date;
}

const LedgerRow = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sending'), leasedAt: z.string() }),
  z.object({ status: z.literal('sent'), messageId: z.string() }),
]);

type Claim = { readonly claimed: true; readonly leasedAt: string } | { readonly claimed: false; readonly messageId: string };

const ledgerKey = (noticeId: string) => ({ pk: { S: `NOTICE#${noticeId}` } });

export class SesNotifier implements Notifier {
  private readonly leaseMs: number;
  private readonly holderWaitMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: SesNotifierOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.holderWaitMs = options.holderWaitMs ?? DEFAULT_HOLDER_WAIT_MS;
    this.now = options.now ?? (() => new Date());
  }

  async send(notice: Notice): Promise<NoticeReceipt> {
    const claim = await this.claim(notice);
    if (!claim.claimed) return { messageId: claim.messageId, alreadySent: true };

    let messageId: string;
    try {
      messageId = await this.deliver(notice);
    } catch (error) {
      throw await this.failed(notice, claim.leasedAt, error);
    }
    await this.options.dynamodb.send(
      new UpdateItemCommand({
        TableName: this.options.tableName,
        Key: ledgerKey(notice.noticeId),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt REMOVE leasedAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':sent': 'sent', ':messageId': messageId, ':sentAt': this.now().toISOString() }),
      }),
    );
    return { messageId, alreadySent: false };
  }

  /** Takes the notice's lease, or learns that it was already sent. */
  private async claim(notice: Notice): Promise<Claim> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const leasedAt = this.now().toISOString();
      const lease = new PutItemCommand({
        TableName: this.options.tableName,
        Item: { ...ledgerKey(notice.noticeId), ...marshall({ noticeId: notice.noticeId, status: 'sending', leasedAt, to: notice.to }) },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      if (await this.conditionally(this.options.dynamodb.send(lease))) return { claimed: true, leasedAt };

      const row = await this.settledRow(notice.noticeId);
      if (!row) continue; // released between our put and our read: claim again
      if (row.status === 'sent') return { claimed: false, messageId: row.messageId };

      const expires = Date.parse(row.leasedAt) + this.leaseMs;
      if (expires > this.now().getTime()) {
        throw new TransientNoticeError(
          `notice ${notice.noticeId} is being sent by another attempt (lease taken at ${row.leasedAt}, expires ${new Date(expires).toISOString()})`,
        );
      }
      // The holder presumably crashed: take the lease over, unless another attempt just did.
      const takeOver = new UpdateItemCommand({
        TableName: this.options.tableName,
        Key: ledgerKey(notice.noticeId),
        UpdateExpression: 'SET leasedAt = :now',
        ConditionExpression: '#status = :sending AND leasedAt = :previous',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':now': leasedAt, ':sending': 'sending', ':previous': row.leasedAt }),
      });
      if (await this.conditionally(this.options.dynamodb.send(takeOver))) return { claimed: true, leasedAt };
    }
    throw new TransientNoticeError(`notice ${notice.noticeId}: lost the race for its lease ${CLAIM_ATTEMPTS} times`);
  }

  /**
   * The notice's ledger row; while another attempt holds a fresh lease, read again with growing
   * pauses (for at most `holderWaitMs`) until it is sent, released or its lease has expired.
   */
  private async settledRow(noticeId: string): Promise<z.infer<typeof LedgerRow> | undefined> {
    const deadline = Date.now() + this.holderWaitMs;
    for (let wait = HOLDER_POLL_MS; ; wait = Math.min(wait * 2, HOLDER_POLL_MAX_MS)) {
      const { Item } = await this.options.dynamodb.send(
        new GetItemCommand({ TableName: this.options.tableName, Key: ledgerKey(noticeId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const row = LedgerRow.parse(unmarshall(Item));
      const leaseRuns = row.status === 'sending' && Date.parse(row.leasedAt) + this.leaseMs > this.now().getTime();
      if (!leaseRuns || Date.now() + wait > deadline) return row;
      await pause(wait);
    }
  }

  /** Runs a conditional write; false when its condition failed. */
  private async conditionally(write: Promise<unknown>): Promise<boolean> {
    try {
      await write;
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async deliver(notice: Notice): Promise<string> {
    const response = await this.options.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [notice.to] },
        Content: {
          Simple: {
            Subject: { Data: notice.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: notice.text, Charset: 'UTF-8' }, Html: { Data: notice.html, Charset: 'UTF-8' } },
          },
        },
        ...(this.options.configurationSetName === undefined ? {} : { ConfigurationSetName: this.options.configurationSetName }),
        EmailTags: [{ Name: 'offside-notice', Value: tagValue(notice.noticeId) }],
      }),
    );
    // SES always answers an accepted mail with its id; record something rather than resend.
    return response.MessageId ?? 'unknown';
  }

  /**
   * The error a failed delivery becomes. Throttling is retryable; any other SES error is a
   * rejection. When SES refused the request (throttled, or a client fault such as MessageRejected)
   * nothing was sent, so the lease is released for the next attempt. After a server fault or a
   * network failure the mail may or may not have gone out: the lease is kept, and only its expiry
   * lets a later attempt send (the at-least-once corner above).
   */
  private async failed(notice: Notice, leasedAt: string, error: unknown): Promise<Error> {
    const throttled = error instanceof Error && THROTTLING_ERRORS.has(error.name);
    const refused = throttled || (error instanceof SESv2ServiceException && error.$fault === 'client');
    if (refused) {
      // Best effort: if the release fails, the lease simply expires; the SES error is what matters.
      const release = new DeleteItemCommand({
        TableName: this.options.tableName,
        Key: ledgerKey(notice.noticeId),
        ConditionExpression: '#status = :sending AND leasedAt = :mine',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':sending': 'sending', ':mine': leasedAt }),
      });
      await this.conditionally(this.options.dynamodb.send(release)).catch(() => false);
    }
    if (throttled) return new TransientNoticeError(`SES throttled notice ${notice.noticeId}: ${error.message}`, { cause: error });
    if (error instanceof SESv2ServiceException) {
      return new NoticeRejectedError(`SES refused notice ${notice.noticeId}: ${error.name}: ${error.message}`, { cause: error });
    }
    return error instanceof Error ? error : new Error(`sending notice ${notice.noticeId} failed`, { cause: error });
  }
}

/** SES tag values allow only ASCII letters, digits, `_`, `-`, `.` and `@`, up to 256 characters. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
}
