/** The small pure helpers of the CDK app: names, sender addresses, and cdk-nag finding ids. */
import { App, Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { bareAddress, domainOf } from '../../infra/constructs/notice-sending';
import { flattenCfnReference, wildcardResourceFinding } from '../../infra/constructs/nag';
import { stageQualifiedName } from '../../infra/naming';
import { INBOUND_QUEUES } from '../../shared/adapters/sqs/queues';

describe('stageQualifiedName', () => {
  it('puts the stage after the project prefix, keeping the <name> / <name>-dlq pair', () => {
    expect(stageQualifiedName('prod', 'offside-reviews')).toBe('offside-prod-reviews');
    expect(stageQualifiedName('prod', 'offside-reviews-dlq')).toBe('offside-prod-reviews-dlq');
    for (const definition of INBOUND_QUEUES) {
      expect(stageQualifiedName('dev', definition.deadLetterQueueName)).toBe(`${stageQualifiedName('dev', definition.name)}-dlq`);
    }
  });

  it('prefixes a name without the project prefix', () => {
    expect(stageQualifiedName('dev', 'notices')).toBe('offside-dev-notices');
  });
});

describe('sender addresses', () => {
  it('takes the address out of a display-name form', () => {
    expect(bareAddress('Marketplace Trust & Safety <trust-safety@marketplace.example>')).toBe('trust-safety@marketplace.example');
    expect(bareAddress('trust-safety@marketplace.example')).toBe('trust-safety@marketplace.example');
  });

  it('gives the domain, lower-cased', () => {
    expect(domainOf('T&S <Trust@Notices.Example.COM>')).toBe('notices.example.com');
  });

  it.each(['Trust & Safety', 'trust-safety@', '@example.com', 'a@b', 'a b@example.com'])('refuses %j', (sender) => {
    expect(() => bareAddress(sender)).toThrow(/not an e-mail address/);
  });
});

describe('cdk-nag finding ids', () => {
  it('flattens references the way cdk-nag does', () => {
    expect(flattenCfnReference('*')).toBe('*');
    expect(flattenCfnReference({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Fn123', 'Arn'] }, ':*']] })).toBe('<Fn123.Arn>:*');
    expect(flattenCfnReference({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b/*']] })).toBe('arn:<AWS::Partition>:s3:::b/*');
    expect(flattenCfnReference({ 'Fn::ImportValue': 'Stack:Export' })).toBe('Stack:Export');
    expect(flattenCfnReference({ 'Fn::Sub': 'arn:${AWS::Partition}:x' })).toBe('arn:<AWS::Partition>:x');
  });

  it('names the IAM5 finding of a wildcard resource built from local tokens', () => {
    const stack = new Stack(new App(), 'S');
    const queue = new Queue(stack, 'Q');
    expect(wildcardResourceFinding(stack, `${queue.queueArn}/*`)).toMatch(/^AwsSolutions-IAM5\[Resource::<Q[0-9A-F]{8}\.Arn>\/\*\]$/);
    const statement = new PolicyStatement({ actions: ['s3:PutObject'], resources: [`arn:${Aws.PARTITION}:s3:::bucket/*`] });
    expect(wildcardResourceFinding(stack, statement.resources[0] ?? '')).toBe('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::bucket/*]');
  });
});
