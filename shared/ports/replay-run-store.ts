/**
 * Where a distributed backtest keeps its run (shared/composition/replay/distributed.ts): the input,
 * the partitions, their results and the merged report, as objects under keys. On AWS an S3 bucket
 * (shared/adapters/s3/replay-run-store.ts), locally a directory (shared/adapters/files/replay-run-store.ts).
 */
export interface ReplayRunStore {
  /** The object's text, or undefined when there is none. */
  read(key: string): Promise<string | undefined>;
  /** The object's lines, read as it streams in (JSON Lines inputs can be larger than memory allows whole). */
  lines(key: string): AsyncIterable<string>;
  write(key: string, body: string): Promise<void>;
}
