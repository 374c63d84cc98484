import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EvidenceVault } from '../../ports/evidence-vault';

/**
 * Sealed bundles in S3. On AWS the bucket's default Object Lock retention applies to every new
 * object (infra), so nothing written here can be changed or deleted within the retention.
 */
export class S3EvidenceVault implements EvidenceVault {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string, contentType: string): Promise<string> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
    return `s3://${this.bucket}/${key}`;
  }
}
