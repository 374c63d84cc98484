import type { HandleHasher } from '../domain/evidence';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { Notifier } from '../ports/notifier';
import type { RingIndex } from '../ports/ring-index';
import type { SellerAccounts } from '../ports/seller-accounts';
import type { SellerDirectory } from '../ports/seller-directory';
import type { DependencyCheck } from '../ports/readiness';
import type { SellerEvents } from '../ports/seller-events';
import type { StatementStore } from '../ports/statement-store';
import type { NotifierLedger } from '../ports/notifier-ledger';
import type { BuyerRelay } from './notifier-notices';
import type { DetectionDeps } from './detect';
import type { RulesStore } from '../ports/rules-store';
import type { ShadowNamespace } from './shadow-judging';

/** What the console's use cases work with: the same ports the consumers and the ladder use. */
export interface ConsoleDeps extends DetectionDeps {
  readonly cases: CaseStore;
  readonly store: EvidenceStore;
  readonly rings: RingIndex;
  readonly accounts: SellerAccounts;
  readonly audit: AuditLog;
  readonly workflow: LadderWorkflow;
  readonly sellerEvents: SellerEvents;
  readonly notifier: Notifier;
  readonly directory: SellerDirectory;
  readonly hashHandle: HandleHasher;
  /** Statements of reasons, stored with their case. */
  readonly statements: StatementStore;
  /** Notices from buyers and their notifiers' standing (Art. 16, 23 DSA). */
  readonly notifiers: NotifierLedger;
  readonly buyerRelay: BuyerRelay;
  readonly now: () => Date;
  /** Where suspended sellers send a new plan of action (in an appeal-rejected notice). */
  readonly appealAddress: string;
  /** The services readiness (GET /ready) checks; none where nothing can be down (in memory). */
  readonly readiness: readonly DependencyCheck[];
  /** Detection's rules: versions, the live one, their changes (issue 17). */
  readonly rulesStore: RulesStore;
  /** A shadow version's signals and cases, for the comparison with the live ones; @default none kept (no shadow runs) */
  readonly shadowNamespace?: (version: number) => ShadowNamespace;
}
