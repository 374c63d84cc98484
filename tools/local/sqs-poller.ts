/**
 * Runs a Lambda SQS handler against a real queue the way Lambda's event source mapping does:
 * long-poll a batch, invoke the handler, delete what succeeded, and leave the records it reported
 * in `batchItemFailures` (or the whole batch, if it threw) to reappear after the visibility timeout,
 * where the queue's redrive policy moves them to the dead-letter queue after `maxReceiveCount`.
 */
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { SqsBatchHandler } from '../../shared/adapters/lambda/ingestion-handler';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { sqsRecord } from '../../shared/adapters/sqs/sqs-record';

export interface QueuePollerOptions {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  /** @default 10 */
  readonly batchSize?: number;
  /** Long-poll wait per receive. @default 1 */
  readonly waitTimeSeconds?: number;
  /** The simulated function timeout, for Powertools' in-progress expiry. @default 30000 */
  readonly timeoutMillis?: number;
  readonly region?: string;
  readonly onError?: (error: unknown) => void;
}

export class QueuePoller {
  private running = false;
  /** While paused (a dependency is down), nothing is received: the events wait in their queue. */
  private paused = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();

  constructor(
    private readonly client: SQSClient,
    private readonly handler: SqsBatchHandler,
    private readonly options: QueuePollerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  /** Stops receiving after the batch in hand; `resume` starts again. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.paused) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      try {
        await this.pollOnce();
      } catch (error) {
        if (!this.running) break;
        this.options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Receives and handles at most one batch; resolves to the number of records received. */
  async pollOnce(): Promise<number> {
    const received = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queueUrl,
        MaxNumberOfMessages: this.options.batchSize ?? 10,
        WaitTimeSeconds: this.options.waitTimeSeconds ?? 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return 0;

    const event: SQSEvent = { Records: messages.map((message) => this.toRecord(message)) };
    let failed: Set<string>;
    try {
      const context = lambdaContext(this.options.functionName, this.options.timeoutMillis, this.options.region);
      const response = await this.handler(event, context);
      failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    } catch (error) {
      this.options.onError?.(error);
      failed = new Set(event.Records.map((record) => record.messageId));
    }
    const done = messages.filter((message) => message.MessageId && !failed.has(message.MessageId));
    if (done.length > 0) {
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: done.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
    return messages.length;
  }

  private toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    const now = String(Date.now());
    return sqsRecord({
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? now,
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? now,
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          { dataType: value.DataType ?? 'String', stringValue: value.StringValue },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSourceARN: this.options.queueArn,
      awsRegion: this.options.region ?? 'us-east-1',
    });
  }

}
