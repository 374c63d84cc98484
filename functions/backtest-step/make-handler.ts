/**
 * The backtest state machine's steps (infra/constructs/backtest.ts), one function for all four: the
 * state says which by `action`. Each step reads and writes the run in the backtest bucket and hands
 * back only keys and counts (a state's payload is limited to 256 KB).
 */
import { z } from 'zod';
import type { ReplayRunStore } from '../../shared/ports/replay-run-store';
import type { PartitionDeps } from '../../shared/composition/replay/distributed';
import { JobPrefix, PartitionItem, jobKey, manifestKey, mergeStep, partitionStep, regroupStep, runPartitionStep } from '../../shared/composition/replay/distributed';

export const BacktestStepEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('partition'), job: JobPrefix }),
  z.strictObject({ action: z.literal('run-partition'), item: PartitionItem }),
  z.strictObject({ action: z.literal('regroup'), job: JobPrefix }),
  z.strictObject({ action: z.literal('merge'), job: JobPrefix }),
]);
export type BacktestStepEvent = z.infer<typeof BacktestStepEvent>;

export type BacktestStepResult =
  | { readonly job: string; readonly manifest: string; readonly partitions: number }
  | { readonly sellers: number }
  | { readonly job: string; readonly manifest: string; readonly groups: number; readonly sellers: number; readonly partitions: number }
  | { readonly job: string; readonly report: string; readonly rejected: number; readonly statements: number };

export const makeHandler =
  (store: ReplayRunStore, deps: PartitionDeps) =>
  async (event: unknown): Promise<BacktestStepResult> => {
    const parsed = BacktestStepEvent.safeParse(event);
    if (!parsed.success) throw new Error(`backtest-step: not a step: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
    const step = parsed.data;
    switch (step.action) {
      case 'partition': {
        const { partitions } = await partitionStep(store, step.job);
        return { job: step.job, manifest: manifestKey(step.job, 1), partitions };
      }
      case 'run-partition':
        return runPartitionStep(store, step.item, deps);
      case 'regroup': {
        const regrouped = await regroupStep(store, step.job);
        return { ...regrouped, manifest: manifestKey(step.job, 2) };
      }
      case 'merge': {
        const merged = await mergeStep(store, step.job);
        return { job: step.job, report: jobKey(step.job, 'replay.json'), rejected: merged.rejected, statements: merged.statements };
      }
    }
  };
