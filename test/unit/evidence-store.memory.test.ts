import { InMemoryEvidenceStore } from '../../shared/adapters/memory/evidence-store';
import { describeEvidenceStore } from '../support/evidence-store-contract';

describeEvidenceStore('in-memory', () => new InMemoryEvidenceStore());
