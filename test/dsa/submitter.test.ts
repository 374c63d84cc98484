/**
 * The submitter against the stand-in of the DSA Transparency Database: batches of at most 100,
 * idempotent by puid, retries through an outage, and a statement refused by the rules reported
 * without holding the others back.
 */
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/submit-statements/make-handler';
import { TransparencyDatabaseApi, TransparencyDatabaseAuthError } from '../../shared/adapters/transparency-database/api-client';
import { suspensionStatement } from '../../shared/domain/dsa/statement';
import type { StatementOfReasons } from '../../shared/domain/dsa/transparency-database';
import { TransparencyDatabaseUnavailableError } from '../../shared/ports/transparency-database';
import { submitQueuedStatements } from '../../shared/use-cases/submit-queued-statements';
import { submitStatements } from '../../shared/use-cases/submit-statements';
import type { StandInOptions, TransparencyDatabaseStandIn } from '../../tools/local/transparency-database';
import { DEVELOPMENT_TRANSPARENCY_TOKEN, startTransparencyDatabase } from '../../tools/local/transparency-database';

const statement = (n: number): StatementOfReasons =>
  suspensionStatement({
    item: {
      caseId: `case_${n}`,
      signals: [{ signalId: `s${n}`, rule: 'targeted-lookup', time: '2026-03-01T10:00:00.000Z', points: 50, explanation: 'Report r covers 2 of its 3 orders', evidenceIds: ['e'], tags: ['targeted-lookup'] }],
    },
    appliedAt: '2026-03-04T10:00:00.000Z',
    approvedByPerson: true,
  });

let standIn: TransparencyDatabaseStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function database(options: StandInOptions = {}, token = DEVELOPMENT_TRANSPARENCY_TOKEN) {
  standIn = await startTransparencyDatabase(options);
  return new TransparencyDatabaseApi({ endpoint: standIn.url, token: async () => token, backoffMs: 1 });
}

describe('submitting statements of reasons', () => {
  it('sends them in batches of at most 100, and the database creates each once', async () => {
    const api = await database();
    const result = await submitStatements(Array.from({ length: 150 }, (_, n) => statement(n)), api);
    expect(result.created).toHaveLength(150);
    expect(standIn?.accepted).toHaveLength(150);
  });

  it('recognises a resubmission by puid: nothing is created twice, nothing is owed', async () => {
    const api = await database();
    await submitStatements([statement(1), statement(2)], api);
    const again = await submitStatements([statement(1), statement(2), statement(3)], api);
    expect(again).toEqual({ created: ['offside-case_3-suspend'], alreadyKnown: ['offside-case_1-suspend', 'offside-case_2-suspend'], refused: [] });
    expect(standIn?.accepted.map((accepted) => accepted.puid)).toEqual(['offside-case_1-suspend', 'offside-case_2-suspend', 'offside-case_3-suspend']);
  });

  it('retries through an outage', async () => {
    const api = await database({ unavailableFor: 2 });
    expect((await submitStatements([statement(1)], api)).created).toEqual(['offside-case_1-suspend']);
  });

  it('reports a statement the rules refuse, with the field and reason, and submits the others', async () => {
    const api = await database();
    const broken = { ...statement(2), decision_facts: '' };
    const result = await submitStatements([statement(1), broken, statement(3)], api);
    expect(result.refused).toEqual([{ puid: 'offside-case_2-suspend', errors: { decision_facts: ['The decision facts field is required.'] } }]);
    expect(result.created).toEqual(['offside-case_1-suspend', 'offside-case_3-suspend']);
  });

  it('stops on a token the database refuses', async () => {
    const api = await database({}, 'not-the-token');
    await expect(submitStatements([statement(1)], api)).rejects.toThrow(TransparencyDatabaseAuthError);
  });
});

describe('the statements queue’s consumer (functions/submit-statements)', () => {
  const silent = { info: () => undefined, error: () => undefined };
  const record = (messageId: string, body: unknown) => ({ messageId, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('submits a batch once per puid, a redelivered statement counting as submitted', async () => {
    const api = await database();
    const handler = makeHandler({ database: api, logger: silent });
    const event = (records: { messageId: string; body: string }[]) => ({ Records: records.map((item) => ({ ...item, receiptHandle: item.messageId, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'eu-west-1' })) }) as unknown as SQSEvent;
    expect(await handler(event([record('m1', statement(1)), record('m2', statement(2)), record('m3', statement(1))]))).toEqual({ batchItemFailures: [] });
    expect(standIn?.accepted.map((item) => item.puid)).toEqual([statement(1).puid, statement(2).puid]);
    expect(await handler(event([record('m4', statement(2))]))).toEqual({ batchItemFailures: [] });
    expect(standIn?.accepted).toHaveLength(2);
  });

  it('fails alone a record that is not a statement by the rules, and never sends it', async () => {
    const api = await database();
    const errors: unknown[] = [];
    const failed = await submitQueuedStatements([record('bad-json', '{'), record('bad-rule', { ...statement(3), decision_ground: 'DECISION_GROUND_WHIM' }), record('good', statement(4))], {
      database: api,
      logger: { info: () => undefined, error: (...details: unknown[]) => void errors.push(details) },
    });
    expect(failed).toEqual(['bad-json', 'bad-rule']);
    expect(standIn?.accepted.map((item) => item.puid)).toEqual([statement(4).puid]);
    expect(JSON.stringify(errors)).toContain('decision_ground');
  });

  it('throws while the database is out of reach, so the whole batch comes back', async () => {
    const api = await database({ unavailableFor: 10 });
    await expect(submitQueuedStatements([record('m1', statement(5))], { database: api, logger: silent })).rejects.toThrow(TransparencyDatabaseUnavailableError);
    expect(standIn?.accepted).toHaveLength(0);
  });
});
