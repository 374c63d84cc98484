/**
 * The composition roots (shared/composition/): each builds the same entry points for its
 * environment. On AWS a function's configuration is checked when it asks for its entry point, at
 * cold start, and a missing variable is named; nothing is called on AWS here.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config';
import { awsProduct } from '../../shared/composition/aws';
import { emulatorProduct } from '../../shared/composition/emulators';
import { memoryProduct } from '../../shared/composition/memory';

const consumerEnv = {
  EVIDENCE_TABLE_NAME: 'evidence',
  CASES_TABLE_NAME: 'cases',
  RULES_TABLE_NAME: 'rules',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/reviews-dlq',
  HANDLE_HASH_KEY: 'k'.repeat(32),
};

const ladderStepEnv = {
  CASES_TABLE_NAME: 'cases',
  EVIDENCE_TABLE_NAME: 'evidence',
  NOTICES_TABLE_NAME: 'notices',
  AUDIT_TABLE_NAME: 'audit',
  EVIDENCE_BUCKET_NAME: 'bundles',
  SELLER_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/seller-events',
  NOTICE_FROM_ADDRESS: 'ts@marketplace.example',
  LEGAL_TEAM_ADDRESS: 'legal@marketplace.example',
  COURSE_URL: 'https://marketplace.example/course',
  APPEAL_ADDRESS: 'appeals@marketplace.example',
  SELLER_NOTICE_DOMAIN: 'sellers.marketplace.example',
  BUYER_NOTICE_DOMAIN: 'buyers.marketplace.example',
  NOTICE_CONTEST_ADDRESS: 'notice-review@marketplace.example',
  STATEMENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/statements',
};

describe('the AWS composition root', () => {
  it('builds every consumer from its configuration, hashing contact handles under the one key', async () => {
    const deps = (await awsProduct(consumerEnv)).consumer('ingest-reviews');
    expect(deps.config.version).toBeGreaterThanOrEqual(1);
    // Detection judges under the live rules, read from the rules table through one cache per instance.
    expect(deps.rules).toBeDefined();
    expect((await awsProduct(consumerEnv)).consumer('ingest-messages').rules).toBeDefined();
    expect(deps.hashHandle('jane@example.com')).toBe((await awsProduct(consumerEnv)).consumer('ingest-messages').hashHandle('jane@example.com'));
  });

  it('stops a consumer’s cold start naming every missing variable', async () => {
    const { EVIDENCE_TABLE_NAME: _evidence, DEAD_LETTER_QUEUE_URL: _dlq, ...partial } = consumerEnv;
    const product = await awsProduct(partial);
    expect(() => product.consumer('ingest-reviews')).toThrow(ConfigurationError);
    expect(() => product.consumer('ingest-reviews')).toThrow(/EVIDENCE_TABLE_NAME is required.*DEAD_LETTER_QUEUE_URL is required/u);
  });

  it('builds the ladder step from its own configuration, which needs no hash key', async () => {
    const deps = (await awsProduct(ladderStepEnv)).ladderStep();
    expect(deps).toMatchObject({ courseUrl: ladderStepEnv.COURSE_URL, appealAddress: ladderStepEnv.APPEAL_ADDRESS, legalTeamAddress: ladderStepEnv.LEGAL_TEAM_ADDRESS });
  });

  it('builds the statement submitter from its endpoint and token secret, and the steps with the statements queue, naming what is missing', async () => {
    const submitterEnv = { TRANSPARENCY_DATABASE_ENDPOINT: 'https://transparency.dsa.ec.europa.eu', TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:tdb' };
    expect((await awsProduct(submitterEnv)).statementSubmitter().database).toBeDefined();
    const noEndpoint = await awsProduct({ ...submitterEnv, TRANSPARENCY_DATABASE_ENDPOINT: 'transparency' });
    expect(() => noEndpoint.statementSubmitter()).toThrow(/TRANSPARENCY_DATABASE_ENDPOINT must be a URL/u);
    const { STATEMENTS_QUEUE_URL: _statements, ...withoutQueue } = ladderStepEnv;
    const noQueue = await awsProduct(withoutQueue);
    expect(() => noQueue.ladderStep()).toThrow(/STATEMENTS_QUEUE_URL is required/u);
  });

  it('names what the ladder starter and the console miss', async () => {
    const product = await awsProduct({ CASES_TABLE_NAME: 'cases' });
    expect(() => product.ladderStarter()).toThrow(/STATE_MACHINE_ARNS is required/u);
    expect(() => product.consoleApi()).toThrow(/HANDLE_HASH_KEY_SECRET_ARN is required/u);
  });

  it('reads the ladder’s machines by starting rung from STATE_MACHINE_ARNS, naming a rung that is missing or a value that is not JSON', async () => {
    const arns = { warn: 'arn:aws:states:eu-west-1:1:stateMachine:w', coach: 'arn:aws:states:eu-west-1:1:stateMachine:c', suspend: 'arn:aws:states:eu-west-1:1:stateMachine:s', 'legal-hold': 'arn:aws:states:eu-west-1:1:stateMachine:l' };
    const env = { CASES_TABLE_NAME: 'cases', AUDIT_TABLE_NAME: 'audit' };
    expect((await awsProduct({ ...env, STATE_MACHINE_ARNS: JSON.stringify(arns) })).ladderStarter().workflow).toBeDefined();
    const { suspend: _suspend, ...withoutSuspend } = arns;
    await expect(awsProduct({ ...env, STATE_MACHINE_ARNS: JSON.stringify(withoutSuspend) }).then((product) => product.ladderStarter())).rejects.toThrow(/STATE_MACHINE_ARNS\.suspend/u);
    const notJson = await awsProduct({ ...env, STATE_MACHINE_ARNS: 'arn:aws:states:eu-west-1:1:stateMachine:w' });
    expect(() => notJson.ladderStarter()).toThrow(/STATE_MACHINE_ARNS must be a JSON object/u);
  });
});

describe('the emulators’ composition root', () => {
  const clients = { dynamodb: new DynamoDBClient({ region: 'us-east-1' }), sqs: new SQSClient({ region: 'us-east-1' }) };

  it('refuses a consumer whose dead-letter queue it was not given', () => {
    const product = emulatorProduct({ clients, deadLetterQueues: { 'ingest-reviews': 'http://127.0.0.1:1/queue/reviews-dlq' } });
    expect(product.consumer('ingest-reviews').rejected).toBeDefined();
    expect(() => product.consumer('ingest-messages')).toThrow(/dead-letter queue of ingest-messages/u);
  });

  it('refuses to build the ladder step without the services it sends through (SES, S3, the seller-events queue)', () => {
    expect(() => emulatorProduct({ clients }).ladderStep()).toThrow(/an S3 client|an SES client|seller-events queue/u);
  });
});

describe('the in-memory composition root', () => {
  it('serves every entry point from one set of stores', () => {
    const product = memoryProduct();
    expect(product.consumer().cases).toBe(product.ladderStep().cases);
    expect(product.ladderStep().evidence).toBe(product.consumer().store);
    expect(product.ladderStarter().audit).toBe(product.ladderStep().audit);
  });

  it('runs no ladder unless it is given a workflow', async () => {
    await expect(memoryProduct().ladderStarter().workflow.start('x', { caseId: 'c', sellerId: 's', rung: 'warn' })).rejects.toThrow(/no ladder workflow/u);
  });
});
