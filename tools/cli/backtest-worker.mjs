// A worker thread of a distributed backtest run locally (./backtest-distributed.ts): TypeScript
// sources run through tsx's loader in this thread too, as in bin/offside.js.
import { register } from 'tsx/esm/api';

register();
await import('./backtest-worker.ts');
