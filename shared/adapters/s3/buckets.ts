/**
 * The S3 buckets, described once for the CDK app and the local platform (fauxqs's S3).
 * The evidence-bundle bucket holds the sealed bundles a legal hold writes: on AWS it has Object
 * Lock (write once, read many), versioning and a TLS-only policy; locally it is a plain bucket.
 */
export interface BucketDefinition {
  /** Logical name; the deployed physical name is chosen by CloudFormation, the local one is this. */
  readonly name: string;
}

export const EVIDENCE_BUNDLE_BUCKET: BucketDefinition = { name: 'offside-evidence-bundles' };
