import { InMemoryCaseStore } from '../../shared/adapters/memory/case-store';
import { InMemoryRingIndex } from '../../shared/adapters/memory/ring-index';
import { describeCaseStore, describeRingIndex } from '../support/case-store-contract';

describeCaseStore('in-memory', () => new InMemoryCaseStore());
describeRingIndex('in-memory', () => new InMemoryRingIndex());
