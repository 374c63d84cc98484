/**
 * One worker of a partitioned replay (./replay-partitioned.ts): the in-process engine
 * (./replay-engine.ts) on its own product in memory, fed the dispatcher's calls in order, chunk by
 * chunk. Each chunk is acknowledged once done, so the dispatcher never runs far ahead of it. A
 * second pass runs in the same worker, on a fresh engine (`reset`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { localReplayEngine } from './replay-local';
import type { FromWorker, ToWorker, WorkerInit } from '../../shared/composition/replay/replay-protocol';

const port = parentPort;
if (!port) throw new Error('replay-worker runs as a worker thread of a partitioned replay');
const init = workerData as WorkerInit;
const newEngine = () => localReplayEngine({ approvals: init.approvals, keepText: false });
let engine = await newEngine();
const post = (message: FromWorker) => port.postMessage(message);

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue
    .then(async () => {
      if (message.t === 'reset') {
        // The next pass: a fresh engine (its own product in memory), the code already loaded.
        engine = await newEngine();
        return;
      }
      if (message.t === 'ops') {
        for (const op of message.ops) {
          if (op[0] === 'f') await engine.flush(op[1], op[2], op[3], op[4]);
          else if (op[0] === 'c') await engine.complaint(op[1], op[2], op[3]);
          else if (op[0] === 'e') await engine.evict(op[1]);
          else await engine.closeNotices(op[1], op[2]);
        }
        post({ t: 'ack' });
        return;
      }
      const result = await engine.finish(message.clock);
      const rings = engine.deps.rings;
      post({
        t: 'result',
        result,
        keys: rings.sellersByKey(),
        statements: engine.deps.statements.issued.map(({ sellerId, issuedAt, statement }) => ({ sellerId, issuedAt, statement })),
      });
    })
    .catch((error: unknown) => {
      post({ t: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
});
post({ t: 'ready' });
