import { describe, expect, it } from 'vitest';
import { ConfigurationError, ConsumerEnv, loadConfig } from '../../shared/config';

const complete = {
  EVIDENCE_TABLE_NAME: 'evidence',
  CASES_TABLE_NAME: 'cases',
  RULES_TABLE_NAME: 'rules',
  DEAD_LETTER_QUEUE_URL: 'https://sqs/queue-dlq',
  HANDLE_HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:k',
};

describe('consumer configuration', () => {
  it('defaults the evidence retention to 400 days', () => {
    expect(loadConfig(ConsumerEnv, complete).EVIDENCE_RETENTION_DAYS).toBe(400);
  });

  it('stops the cold start naming every missing variable', () => {
    const { EVIDENCE_TABLE_NAME: _a, DEAD_LETTER_QUEUE_URL: _b, ...partial } = complete;
    expect(() => loadConfig(ConsumerEnv, partial)).toThrow(ConfigurationError);
    expect(() => loadConfig(ConsumerEnv, partial)).toThrow(/EVIDENCE_TABLE_NAME is required.*DEAD_LETTER_QUEUE_URL is required/);
  });

  it('needs the handle hash key, directly or as a secret', () => {
    const { HANDLE_HASH_KEY_SECRET_ARN: _secret, ...withoutKey } = complete;
    expect(() => loadConfig(ConsumerEnv, withoutKey)).toThrow(/HANDLE_HASH_KEY or HANDLE_HASH_KEY_SECRET_ARN/);
    expect(() => loadConfig(ConsumerEnv, { ...withoutKey, HANDLE_HASH_KEY: 'short' })).toThrow(/at least 32/);
  });

  it('refuses a retention that is not a whole number of days', () => {
    expect(() => loadConfig(ConsumerEnv, { ...complete, EVIDENCE_RETENTION_DAYS: '30.5' })).toThrow(/EVIDENCE_RETENTION_DAYS/);
  });
});
