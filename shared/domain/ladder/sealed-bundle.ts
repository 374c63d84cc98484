/**
 * The sealed evidence bundle of a legal hold, as files: the case (without the workflow's task
 * token), every evidence record held, the case's audit trail, and a manifest giving each file's
 * size and SHA-256. The manifest's own SHA-256 is what the legal team is told, so any later change
 * to any file shows. Pure: the same inputs make the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Case } from '../cases/case';
import type { Evidence } from '../evidence';

export interface BundleFile {
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
}

export interface SealedBundle {
  /** The case, evidence and audit files, then the manifest, last. */
  readonly files: readonly BundleFile[];
  readonly manifest: BundleFile;
  readonly manifestSha256: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const jsonLines = (values: readonly unknown[]) => values.map((value) => `${JSON.stringify(value)}\n`).join('');

/** The bundle of a case sealed at `at`, under `legal-holds/<caseId>/<time>/`; audit entries oldest first. */
export function sealedBundle(item: Case, records: readonly Evidence[], audit: readonly unknown[], at: string): SealedBundle {
  const { waiting: _waiting, ...caseRecord } = item;
  const prefix = `legal-holds/${encodeURIComponent(item.caseId)}/${at.replace(/[^0-9]/gu, '')}`;
  const contents: Record<string, string> = {
    'case.json': `${JSON.stringify(caseRecord, null, 2)}\n`,
    'evidence.jsonl': jsonLines(records),
    'audit.jsonl': jsonLines(audit),
  };
  const files = Object.entries(contents).map(([name, body]) => ({
    key: `${prefix}/${name}`,
    body,
    contentType: name.endsWith('.json') ? 'application/json' : 'application/x-ndjson',
  }));
  const manifestBody = `${JSON.stringify(
    {
      caseId: item.caseId,
      sellerId: item.sellerId,
      sealedAt: at,
      algorithm: 'SHA-256',
      files: Object.entries(contents).map(([name, body]) => ({ name, bytes: Buffer.byteLength(body), sha256: sha256Hex(body) })),
    },
    null,
    2,
  )}\n`;
  return { files, manifest: { key: `${prefix}/manifest.json`, body: manifestBody, contentType: 'application/json' }, manifestSha256: sha256Hex(manifestBody) };
}
