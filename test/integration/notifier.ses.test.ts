import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { MessageRejected, SESv2ServiceException, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICES_TABLE } from '../../shared/adapters/dynamodb/tables';
import type { SesNotifierOptions } from '../../shared/adapters/ses/notifier';
import { SesNotifier } from '../../shared/adapters/ses/notifier';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { NoticeRejectedError, TransientNoticeError } from '../../shared/ports/notifier';
import { emulatorClients, sentMail } from '../support/aws-clients';
import type { ReceivedMail } from '../support/notifier-contract';
import { describeNotifier, newNotice } from '../support/notifier-contract';

const clients = emulatorClients();
const tableName = `notices-contract-${Date.now().toString(36)}`;
const FROM = 'Trust & Safety <trust-safety@marketplace.example>';
const extraClients: SESv2Client[] = [];

beforeAll(async () => {
  await ensureTables(clients.dynamodb, [NOTICES_TABLE], () => tableName);
});
afterAll(() => {
  clients.dynamodb.destroy();
  clients.ses.destroy();
  for (const client of extraClients) client.destroy();
});

const notifierWith = (overrides: Partial<SesNotifierOptions> = {}) =>
  new SesNotifier({ ses: clients.ses, dynamodb: clients.dynamodb, tableName, from: FROM, ...overrides });

async function receivedBy(address: string): Promise<ReceivedMail[]> {
  const mail = await sentMail();
  return mail
    .filter((item) => item.destination.to.includes(address))
    .map((item) => ({ subject: item.subject, text: item.body.text ?? '', html: item.body.html ?? '' }));
}

/** A fresh SES client whose next `times` SendEmail calls fail with `error` before reaching the emulator. */
function failingSes(error: () => Error, times: number) {
  const ses = emulatorClients().ses;
  extraClients.push(ses);
  let remaining = times;
  ses.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendEmailCommand' && remaining > 0) {
        remaining--;
        throw error();
      }
      return next(args);
    },
    { step: 'initialize', name: 'fail-send-email' },
  );
  return ses;
}

const ledgerRow = async (noticeId: string) => {
  const { Item } = await clients.dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: `NOTICE#${noticeId}` } }, ConsistentRead: true }),
  );
  return Item ? unmarshall(Item) : undefined;
};

describeNotifier('SES with a DynamoDB ledger', () => ({ notifier: notifierWith(), receivedBy }));

describe('SesNotifier', () => {
  it('sends from the configured address with a configuration set, and records the SES message id', async () => {
    const notice = newNotice();

    const receipt = await notifierWith({ configurationSetName: 'offside-notices' }).send(notice);

    const [mail] = (await sentMail()).filter((item) => item.destination.to.includes(notice.to));
    expect(mail?.from).toBe(FROM);
    expect(mail?.messageId).toBe(receipt.messageId);
    expect(await ledgerRow(notice.noticeId)).toMatchObject({ status: 'sent', messageId: receipt.messageId, to: notice.to });
  });

  const throttles: [string, () => Error][] = [
    ['ThrottlingException', () => new SESv2ServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: {}, message: 'Rate exceeded' })],
    ['TooManyRequestsException', () => new TooManyRequestsException({ $metadata: {}, message: 'Too many requests' })],
    ['LimitExceededException', () => new SESv2ServiceException({ name: 'LimitExceededException', $fault: 'client', $metadata: {}, message: 'Daily quota exceeded' })],
  ];
  it.each(throttles)('turns %s into a retryable error, and the retry sends exactly one mail', async (name, error) => {
    const notifier = notifierWith({ ses: failingSes(error, 1) });
    const notice = newNotice();

    const failure = await notifier.send(notice).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(TransientNoticeError);
    expect(failure).toHaveProperty('cause.name', name);
    expect(await receivedBy(notice.to)).toHaveLength(0);

    const retry = await notifier.send(notice);

    expect(retry.alreadySent).toBe(false);
    expect(await receivedBy(notice.to)).toHaveLength(1);
  });

  it('turns a rejected message into a NoticeRejectedError that is not retryable, and sends nothing', async () => {
    const notifier = notifierWith({ ses: failingSes(() => new MessageRejected({ $metadata: {}, message: 'Email address is not verified.' }), 1) });
    const notice = newNotice();

    const failure = await notifier.send(notice).catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(NoticeRejectedError);
    expect(failure).not.toBeInstanceOf(TransientNoticeError);
    expect(failure).toHaveProperty('cause.name', 'MessageRejected');
    expect(await receivedBy(notice.to)).toHaveLength(0);
    expect(await ledgerRow(notice.noticeId)).toBeUndefined();
  });

  it('keeps the lease after a failure that may have happened after SES accepted the mail', async () => {
    const notifier = notifierWith({ ses: failingSes(() => new Error('socket hang up'), 1) });
    const notice = newNotice();

    await expect(notifier.send(notice)).rejects.toThrow('socket hang up');

    expect(await ledgerRow(notice.noticeId)).toMatchObject({ status: 'sending' });
    await expect(notifier.send(notice)).rejects.toBeInstanceOf(TransientNoticeError);
    expect(await receivedBy(notice.to)).toHaveLength(0);
  });

  it('leaves a notice another attempt is sending to that attempt while its lease runs', async () => {
    const notice = newNotice();
    await writeLease(notice.noticeId, new Date(Date.now() - 60_000));

    await expect(notifierWith().send(notice)).rejects.toBeInstanceOf(TransientNoticeError);

    expect(await receivedBy(notice.to)).toHaveLength(0);
  });

  it('waits for another attempt that is sending the notice right now, and answers with its message id', async () => {
    const notice = newNotice();
    await writeLease(notice.noticeId, new Date());
    const holderFinishes = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await clients.dynamodb.send(
        new PutItemCommand({ TableName: tableName, Item: marshall({ pk: `NOTICE#${notice.noticeId}`, noticeId: notice.noticeId, status: 'sent', messageId: 'sent-by-the-holder' }) }),
      );
    })();

    const receipt = await notifierWith().send(notice);
    await holderFinishes;

    expect(receipt).toEqual({ messageId: 'sent-by-the-holder', alreadySent: true });
    expect(await receivedBy(notice.to)).toHaveLength(0);
  });

  it('sends a notice whose sender crashed once the lease has expired, and only once', async () => {
    const notice = newNotice();
    await writeLease(notice.noticeId, new Date(Date.now() - 6 * 60_000));

    const [first, second] = await Promise.allSettled([notifierWith().send(notice), notifierWith().send(notice)]);

    expect(await receivedBy(notice.to)).toHaveLength(1);
    expect([first, second].filter((outcome) => outcome.status === 'fulfilled' && !outcome.value.alreadySent)).toHaveLength(1);
    expect(await ledgerRow(notice.noticeId)).toMatchObject({ status: 'sent' });
  });
});

/** The ledger row a crashed (or still running) attempt leaves behind. */
async function writeLease(noticeId: string, leasedAt: Date) {
  await clients.dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: marshall({ pk: `NOTICE#${noticeId}`, noticeId, status: 'sending', leasedAt: leasedAt.toISOString(), to: 'someone' }),
    }),
  );
}
