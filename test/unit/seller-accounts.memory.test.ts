import { InMemorySellerAccounts } from '../../shared/adapters/memory/seller-accounts';
import { describeSellerAccounts } from '../support/seller-accounts-contract';

describeSellerAccounts('in-memory', () => new InMemorySellerAccounts());
