/**
 * The server access log bucket of another bucket: S3-managed encryption (the only one S3 server
 * access logging delivers to), TLS only, no public access, ACLs disabled (S3 delivers the logs under
 * a bucket policy, so the caller sets S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY), logs expiring.
 */
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface AccessLogsBucketProps {
  /** What it logs, for cdk-nag's acknowledgement ("the backtest bucket"). */
  readonly of: string;
  readonly expiration: Duration;
  readonly removalPolicy: RemovalPolicy;
}

export function accessLogsBucket(scope: Construct, id: string, props: AccessLogsBucketProps): Bucket {
  const bucket = new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: props.expiration }],
    removalPolicy: props.removalPolicy,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: `This is the server access log bucket of ${props.of}; logging its own access into itself would log every log delivery, recursively. Its policy allows only S3 log delivery to write.`,
  });
  return bucket;
}
