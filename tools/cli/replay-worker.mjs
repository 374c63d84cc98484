// A worker thread of a partitioned `offside replay` (./replay-partitioned.ts): TypeScript sources run
// through tsx's loader in this thread too, as in bin/offside.js.
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
