import { InMemoryNotifier } from '../../shared/adapters/memory/notifier';
import { describeNotifier } from '../support/notifier-contract';

describeNotifier('in-memory', () => {
  const notifier = new InMemoryNotifier();
  return { notifier, receivedBy: async (address) => notifier.delivered.filter((notice) => notice.to === address) };
});
