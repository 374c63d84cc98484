/**
 * The submitter against the stand-in of the DSA Transparency Database: batches of at most 100,
 * idempotent by puid, retries through an outage, and a statement refused by the rules reported
 * without holding the others back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TransparencyDatabaseApi, TransparencyDatabaseAuthError } from '../../shared/adapters/transparency-database/api-client';
import { suspensionStatement } from '../../shared/domain/dsa/statement';
import type { StatementOfReasons } from '../../shared/domain/dsa/transparency-database';
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
