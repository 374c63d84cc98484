import { InMemoryNotifierLedger } from '../../shared/adapters/memory/notifier-ledger';
import { InMemoryStatementStore } from '../../shared/adapters/memory/statement-store';
import { describeNotifierLedger, describeStatementStore } from '../support/dsa-stores-contract';

describeStatementStore('in-memory', () => new InMemoryStatementStore());
describeNotifierLedger('in-memory', () => new InMemoryNotifierLedger());
