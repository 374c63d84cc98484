/** How many partitions a distributed backtest may ask for (./distributed.ts; the Distributed Map runs them MaxConcurrency at a time). Apart so the command line can check it without loading the engine. */
export const MAX_PARTITIONS = 1_000;
