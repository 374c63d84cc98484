import type { EvidenceVault } from '../../ports/evidence-vault';

/** Sealed bundles in memory: replay and unit tests. Like Object Lock, a key is written once. */
export class InMemoryEvidenceVault implements EvidenceVault {
  readonly objects = new Map<string, { readonly body: string; readonly contentType: string }>();

  async put(key: string, body: string, contentType: string): Promise<string> {
    const existing = this.objects.get(key);
    if (existing && existing.body !== body) throw new Error(`vault object ${key} exists with other content`);
    this.objects.set(key, { body, contentType });
    return `memory://vault/${key}`;
  }
}
