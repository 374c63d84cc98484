import { describe, expect, it } from 'vitest';
import { InMemoryEvidenceStore } from '../../shared/adapters/memory/evidence-store';
import { RelaySellerDirectory } from '../../shared/adapters/relay-seller-directory';
import { reviewEvidence } from '../../shared/domain/evidence';
import { reviewPosted } from '../support/events';

const hash = (canonical: string) => `h(${canonical.length})`;

describe('the seller relay directory', () => {
  it('addresses the seller through the relay, in the marketplace most of its recent reviews came from', async () => {
    const evidence = new InMemoryEvidenceStore();
    for (const marketplace of ['FR', 'FR', 'DE']) await evidence.put(reviewEvidence(reviewPosted({ sellerId: 'S/1', marketplace }, '2026-03-01T10:00:00Z'), hash));
    await evidence.put(reviewEvidence(reviewPosted({ sellerId: 'S/1', marketplace: 'DE' }, '2024-01-01T10:00:00Z'), hash));
    const directory = new RelaySellerDirectory('sellers.marketplace.example', evidence, () => new Date('2026-03-10T00:00:00Z'));
    expect(await directory.contact('S/1')).toEqual({ email: 'S%2F1@sellers.marketplace.example', marketplace: 'FR' });
  });

  it('leaves the marketplace out for a seller without reviews (the notice is in English)', async () => {
    const directory = new RelaySellerDirectory('sellers.marketplace.example', new InMemoryEvidenceStore());
    expect(await directory.contact('S-2')).toEqual({ email: 'S-2@sellers.marketplace.example' });
  });
});
