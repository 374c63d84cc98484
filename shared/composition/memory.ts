/**
 * The product in this process, every adapter in memory: `offside replay` (the whole pipeline in
 * virtual time) and the unit tests. One instance of each store serves every entry point, as one
 * table does on AWS, and each stays reachable for assertions. The ladder's workflow is the host's
 * (the local Step Functions runner), given in.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { hmacHandleHasher } from '../adapters/crypto/handle-hasher';
import { ConsoleApi } from '../adapters/http/router';
import { InMemoryAuditLog } from '../adapters/memory/audit-log';
import { InMemoryCaseStore } from '../adapters/memory/case-store';
import { InMemoryEvidenceStore } from '../adapters/memory/evidence-store';
import { InMemoryEvidenceVault } from '../adapters/memory/evidence-vault';
import { InMemoryNotifier } from '../adapters/memory/notifier';
import { InMemoryRejectedEventSink } from '../adapters/memory/rejected-event-sink';
import { InMemoryRingIndex } from '../adapters/memory/ring-index';
import { InMemoryRulesStore } from '../adapters/memory/rules-store';
import { InMemorySellerAccounts } from '../adapters/memory/seller-accounts';
import { DevelopmentSellerDirectory } from '../adapters/memory/seller-directory';
import { InMemorySellerEvents } from '../adapters/memory/seller-events';
import { InMemoryStatementStore } from '../adapters/memory/statement-store';
import { InMemoryNotifierLedger } from '../adapters/memory/notifier-ledger';
import { DETECTION_CONFIG } from '../domain/detection/config';
import type { DetectionConfig } from '../domain/detection/config';
import { ConfigurationError } from '../config';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { TransparencyDatabase } from '../ports/transparency-database';
import { DEVELOPMENT_BUYER_RELAY, DEVELOPMENT_HASH_KEY, DEVELOPMENT_LADDER_LINKS, NO_LADDER_WORKFLOW } from './development';
import type { Product } from './product';

export interface MemoryProductOptions {
  /**
   * Keep message and review text in the evidence store. A replay only needs what detection
   * derived from the text, so it drops it to keep memory flat. @default true
   */
  readonly keepText?: boolean;
  /** @default the system clock */
  readonly now?: () => Date;
  /** @default the ladder's workflow is not available */
  readonly workflow?: LadderWorkflow;
  /** @default a silent logger */
  readonly logger?: Logger;
  /** The detection configuration the consumers judge under (a backtest's candidate). @default version 1 */
  readonly config?: DetectionConfig;
  /** Where the statement submitter sends (a stand-in in tests). @default the submitter cannot be built */
  readonly transparencyDatabase?: TransparencyDatabase;
}

export function memoryProduct(options: MemoryProductOptions = {}) {
  const adapters = {
    store: new InMemoryEvidenceStore({ keepText: options.keepText ?? true }),
    cases: new InMemoryCaseStore(),
    rings: new InMemoryRingIndex(),
    accounts: new InMemorySellerAccounts(),
    audit: new InMemoryAuditLog(),
    vault: new InMemoryEvidenceVault(),
    sellerEvents: new InMemorySellerEvents(),
    notifier: new InMemoryNotifier(),
    directory: new DevelopmentSellerDirectory(),
    statements: new InMemoryStatementStore(),
    notifiers: new InMemoryNotifierLedger(),
    buyerRelay: DEVELOPMENT_BUYER_RELAY,
    rejected: new InMemoryRejectedEventSink(),
    hashHandle: hmacHandleHasher(DEVELOPMENT_HASH_KEY),
    config: options.config ?? DETECTION_CONFIG,
    // The console's rules routes work in memory too; detection here judges under `config` (replay is deterministic).
    rulesStore: new InMemoryRulesStore(options.config ?? DETECTION_CONFIG),
    workflow: options.workflow ?? NO_LADDER_WORKFLOW,
    now: options.now ?? (() => new Date()),
    logger: options.logger ?? new Logger({ serviceName: 'offside', logLevel: 'SILENT' }),
  };
  // Each shadow version's stores, kept apart as its key prefix keeps them on DynamoDB.
  const shadowStores = new Map<number, { cases: InMemoryCaseStore; rings: InMemoryRingIndex }>();
  const shadowNamespace = (version: number) => {
    let found = shadowStores.get(version);
    if (!found) shadowStores.set(version, (found = { cases: new InMemoryCaseStore(), rings: new InMemoryRingIndex() }));
    return found;
  };
  const { store, cases, rings, accounts, audit, vault, sellerEvents, notifier, directory, statements, notifiers, rejected, hashHandle, config, rulesStore, workflow, now, logger } = adapters;
  // Every in-memory consumer shares one set of stores, and one dead-letter sink.
  const consumer = { store, rejected, hashHandle, cases, rings, config, logger };
  const ladderStep = { cases, accounts, evidence: store, vault, sellerEvents, notifier, audit, directory, statements, notifiers, buyerRelay: DEVELOPMENT_BUYER_RELAY, now, ...DEVELOPMENT_LADDER_LINKS };
  // Nothing in memory can be down: always ready.
  const console = { cases, store, rings, config, accounts, audit, workflow, sellerEvents, notifier, directory, hashHandle, statements, notifiers, buyerRelay: DEVELOPMENT_BUYER_RELAY, now, appealAddress: DEVELOPMENT_LADDER_LINKS.appealAddress, readiness: [], rulesStore, shadowNamespace };
  return {
    ...adapters,
    shadowNamespace,
    consumer: () => consumer,
    ladderStep: () => ladderStep,
    ladderStarter: () => ({ cases, audit, workflow, now, logger }),
    consoleApi: () => new ConsoleApi(console, { error: (message, details) => logger.error(message, details) }),
    statementSubmitter: () => {
      if (!options.transparencyDatabase) throw new ConfigurationError('the in-memory product needs a Transparency Database for its submitter');
      return { database: options.transparencyDatabase, logger };
    },
  } satisfies Product & Record<string, unknown>;
}

export type MemoryProduct = ReturnType<typeof memoryProduct>;
