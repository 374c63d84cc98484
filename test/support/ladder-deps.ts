import { InMemoryAuditLog } from '../../shared/adapters/memory/audit-log';
import { InMemoryCaseStore } from '../../shared/adapters/memory/case-store';
import { InMemoryEvidenceStore } from '../../shared/adapters/memory/evidence-store';
import { InMemoryEvidenceVault } from '../../shared/adapters/memory/evidence-vault';
import { InMemoryNotifier } from '../../shared/adapters/memory/notifier';
import { InMemorySellerAccounts } from '../../shared/adapters/memory/seller-accounts';
import { DevelopmentSellerDirectory } from '../../shared/adapters/memory/seller-directory';
import { InMemorySellerEvents } from '../../shared/adapters/memory/seller-events';
import { DEVELOPMENT_LADDER_LINKS } from '../../tools/local/development-ladder';
import type { LadderStepDeps } from '../../shared/use-cases/ladder-steps/step';

/** The ladder step's dependencies in memory, each one reachable for assertions; any may be replaced. */
export function memoryLadderDeps<O extends Partial<LadderStepDeps>>(overrides: O = {} as O) {
  const deps = {
    cases: new InMemoryCaseStore(),
    accounts: new InMemorySellerAccounts(),
    evidence: new InMemoryEvidenceStore(),
    vault: new InMemoryEvidenceVault(),
    sellerEvents: new InMemorySellerEvents(),
    notifier: new InMemoryNotifier(),
    audit: new InMemoryAuditLog(),
    directory: new DevelopmentSellerDirectory(),
    now: () => new Date('2026-03-02T08:00:00.000Z'),
    ...DEVELOPMENT_LADDER_LINKS,
    ...overrides,
  };
  return deps satisfies LadderStepDeps;
}
