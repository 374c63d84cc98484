/**
 * Where sealed evidence bundles go: an S3 bucket with Object Lock on AWS (written once, never
 * changed or deleted within the retention), a local stand-in on this machine.
 */
export interface EvidenceVault {
  /** Writes an object; writing the same key again with the same body is harmless. Resolves to its URI. */
  put(key: string, body: string, contentType: string): Promise<string>;
}
