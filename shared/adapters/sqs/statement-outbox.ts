/**
 * The statement store with its outbox: every statement issued is put on the statements queue
 * (STATEMENTS_QUEUE) for the submitter, then stored with its case. The queue comes first: if the
 * store fails, the step is retried and the statement queued again, which the database recognises
 * by its puid; the other order could store a statement and never send it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { IssuedStatement, StatementStore } from '../../ports/statement-store';

export class QueuedStatementStore implements StatementStore {
  constructor(
    private readonly inner: StatementStore,
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async put(issued: IssuedStatement): Promise<{ readonly stored: boolean }> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(issued.statement),
        MessageAttributes: { puid: { DataType: 'String', StringValue: issued.statement.puid } },
      }),
    );
    return this.inner.put(issued);
  }

  byCase(caseId: string): Promise<IssuedStatement[]> {
    return this.inner.byCase(caseId);
  }
}
