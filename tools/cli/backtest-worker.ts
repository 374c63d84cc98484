/**
 * One worker thread of a distributed backtest run locally (./backtest-distributed.ts): the child of
 * the Distributed Map, replaying the partitions it is handed from a run directory, one at a time.
 */
import { parentPort } from 'node:worker_threads';
import { DirectoryRunStore } from '../../shared/adapters/files/replay-run-store';
import type { PartitionItem } from '../../shared/composition/replay/distributed';
import { runPartitionStep } from '../../shared/composition/replay/distributed';
import { CONSUMER_HANDLERS } from '../local/consumers';

export type ToBacktestWorker = { readonly root: string; readonly item: PartitionItem };
export type FromBacktestWorker = { readonly t: 'done'; readonly sellers: number } | { readonly t: 'error'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('backtest-worker runs as a worker thread of a distributed backtest');
const post = (message: FromBacktestWorker) => port.postMessage(message);
port.on('message', (message: ToBacktestWorker) => {
  runPartitionStep(new DirectoryRunStore(message.root), message.item, { handlers: CONSUMER_HANDLERS }).then(
    ({ sellers }) => post({ t: 'done', sellers }),
    (error: unknown) => post({ t: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
