/** AWS SDK clients pointed at the emulators started by ./global-setup.ts. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import { z } from 'zod';
import { EMULATOR_CREDENTIALS } from '../../tools/local/emulators';

export interface EmulatorClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  ses: SESv2Client;
}

/** New clients on every call; `destroy()` them in afterAll if the file makes many. */
export function emulatorClients(): EmulatorClients {
  const { dynamodbEndpoint, sqsEndpoint, sesEndpoint, region } = inject('emulators');
  const common = { region, credentials: { ...EMULATOR_CREDENTIALS } };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: dynamodbEndpoint }),
    sqs: new SQSClient({ ...common, endpoint: sqsEndpoint }),
    ses: new SESv2Client({ ...common, endpoint: sesEndpoint }),
  };
}

/**
 * One mail as aws-ses-v2-local stores it. Simple and raw SendEmail both end up in this shape (raw
 * MIME is parsed); template mail has its template rendered into subject and body.
 */
export const SentMail = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()).optional(),
  destination: z.object({
    to: z.array(z.string()),
    cc: z.array(z.string()).optional(),
    bcc: z.array(z.string()).optional(),
  }),
  subject: z.string(),
  body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  /** Epoch seconds. */
  at: z.number(),
});
export type SentMail = z.infer<typeof SentMail>;

const Store = z.object({ emails: z.array(SentMail) });

/**
 * Every mail the SES emulator has accepted, oldest first. The store is shared by the whole test
 * run, so filter on something unique to your test (a recipient, a subject).
 */
export async function sentMail(sesEndpoint: string = inject('emulators').sesEndpoint): Promise<SentMail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`GET ${sesEndpoint}/store: HTTP ${response.status}`);
  return Store.parse(await response.json()).emails;
}
