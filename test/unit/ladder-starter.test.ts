/**
 * The ladder starter on the cases table's stream: a changed case starts what it asks for, once,
 * whatever the stream redelivers; items that are not cases are ignored.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/ladder-starter/make-handler';
import { InMemoryAuditLog } from '../../shared/adapters/memory/audit-log';
import { InMemoryCaseStore } from '../../shared/adapters/memory/case-store';
import { decideCase } from '../../shared/domain/cases/case';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { LadderExecutionInput, LadderWorkflow } from '../../shared/ports/ladder-workflow';

class RecordingWorkflow implements LadderWorkflow {
  readonly started = new Map<string, LadderExecutionInput>();
  readonly stopped: string[] = [];
  async start(name: string, input: LadderExecutionInput) {
    if (!this.started.has(name)) this.started.set(name, input);
  }
  async stop(name: string) {
    this.stopped.push(name);
  }
  async resume() {}
  async refuse() {}
}

const record = (image: Record<string, unknown>) => ({
  eventID: String(Math.random()),
  eventName: 'MODIFY' as const,
  eventSource: 'aws:dynamodb',
  dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }) as never, SequenceNumber: '1' },
});

describe('the ladder starter', () => {
  it('starts the rung a changed case asks for, once however often the stream delivers it', async () => {
    const cases = new InMemoryCaseStore();
    const workflow = new RecordingWorkflow();
    const decision = decideCase('S-1', [
      { signalId: 's1', sellerId: 'S-1', rule: 'seller-message', time: '2026-03-01T10:00:00.000Z', points: 60, explanation: 'asks to remove a review', evidenceIds: ['e1'], tags: ['review_manipulation', 'explicit'], configVersion: configVersionOf(config) },
    ], undefined, config);
    if (decision.action !== 'open') throw new Error('expected a case');
    await cases.saveCase(decision.case);
    const handler = makeHandler({ cases, audit: new InMemoryAuditLog(), workflow, now: () => new Date('2026-03-01T10:05:00.000Z'), logger: new Logger({ logLevel: 'ERROR' }) });
    const image = { pk: `CASE#${decision.case.caseId}`, sk: 'CASE', ...decision.case };
    const other = { pk: 'SELLER#S-1', sk: 'ACCOUNT', sellerId: 'S-1' };
    const event = { Records: [record(image), record(other), record(image)] } as DynamoDBStreamEvent;
    const answer = await handler(event);
    expect(answer).toEqual({ batchItemFailures: [] });
    expect([...workflow.started.values()]).toEqual([{ caseId: decision.case.caseId, sellerId: 'S-1', rung: 'warn' }]);
    expect((await cases.getCase(decision.case.caseId))?.execution?.rung).toBe('warn');
  });
});
