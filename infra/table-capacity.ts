/**
 * How each DynamoDB table is billed, per stage: on demand, or provisioned with auto scaling (target
 * tracking on consumed capacity). The choice is the table's traffic:
 *
 * - **Provisioned, auto scaled**: the evidence and cases tables. Their traffic is the event stream
 *   itself (a write per event on evidence, detection's reads and case saves on both), steady and
 *   predictable at a billion events a day: capacity that follows the daily profile at a 90% target
 *   costs about a third of on-demand for the same units (README, Benchmarks).
 * - **On demand**: the notices ledger (an item per notice, in bursts when the ladder acts), the
 *   audit log (ladder steps and analysts' work, in office-hours bursts) and the rules table (one
 *   small partition, written by operators, read at cold starts): tiny or spiky traffic that a
 *   provisioned floor would mostly pay for idle. And every table in dev, whose traffic is a
 *   developer's: the floors below would cost about $5.50 an hour there for nothing.
 *
 * The floors and ceilings are the capacity plan's (docs/capacity-plan.md, from `npm run bench`): a
 * billion events a day, the stream's hourly profile, units per event as measured. The floor is
 * about two thirds of the quietest hour's need at the target (so it does not bind at that volume,
 * and a lull upstream does not leave the table below what the next hour needs); the ceiling is the
 * busiest hour's (2.91x the mean hour) at the target, rounded up. Ceilings
 * past 40,000 units need the table's quota raised first (capacity plan, "What breaks first").
 */
import { EVIDENCE_TABLE, CASES_TABLE } from '../shared/adapters/dynamodb/tables';

/** The units a table (or index) may scale between. */
export interface CapacityRange {
  readonly min: number;
  readonly max: number;
}

export type TableCapacity =
  | { readonly mode: 'on-demand' }
  | {
      readonly mode: 'provisioned';
      /** Consumed over provisioned capacity that auto scaling keeps (DynamoDB accepts 20 to 90). */
      readonly targetUtilizationPercent: number;
      readonly read: CapacityRange;
      readonly write: CapacityRange;
      /** Each global secondary index's own capacity, scaled the same way. */
      readonly indexes?: Readonly<Record<string, { readonly read: CapacityRange; readonly write: CapacityRange }>>;
    };

export const ON_DEMAND: TableCapacity = { mode: 'on-demand' };

/**
 * The plan's target: 90%, DynamoDB's highest (its default is 70%). The headroom (11%) is thinner for
 * the minutes a scale-out takes, and what a rise asks above it in those minutes is throttled: the
 * bench's hourly model puts that at 0.45% of the units through the stream's profile, against 0.20%
 * at 70% (tools/bench/provisioned-capacity.ts, "Throttled share"). A throttled record is not lost:
 * the consumer fails it, SQS delivers it again after the visibility timeout (185 s) and the
 * consumers' idempotent writes make the second delivery the same as the first; five receives
 * before the dead-letter queue are some 15 minutes, three times the scale-out's five. For that the
 * capacity held falls from 1.6x to 1.24x what is consumed (62.6% to 80.5% utilisation).
 */
export const TARGET_UTILIZATION_PERCENT = 90;

/**
 * The production plan at a billion events a day, by table name; a table not named is on demand.
 * Evidence: 1.05 WCU and 0.65 RCU an event; cases: 0.10 WCU (about two thirds of it the table's,
 * a third its index's) and 0.21 RCU (bench of branch units3, docs/capacity-plan.md). Floors about
 * two thirds of the quietest hour's need at the target, ceilings the busiest hour's with a margin.
 */
export const PROD_TABLE_CAPACITY: Readonly<Record<string, TableCapacity>> = {
  [EVIDENCE_TABLE.name]: {
    mode: 'provisioned',
    targetUtilizationPercent: TARGET_UTILIZATION_PERCENT,
    write: { min: 4_000, max: 50_000 },
    read: { min: 2_500, max: 35_000 },
  },
  [CASES_TABLE.name]: {
    mode: 'provisioned',
    targetUtilizationPercent: TARGET_UTILIZATION_PERCENT,
    write: { min: 300, max: 8_000 },
    read: { min: 900, max: 12_000 },
    // byStatus is written with each case save (a compact item since the signals are packed) and
    // read by the console's queue only.
    indexes: { byStatus: { write: { min: 150, max: 5_000 }, read: { min: 5, max: 1_000 } } },
  },
};

export function capacityOf(plan: Readonly<Record<string, TableCapacity>>, tableName: string): TableCapacity {
  return plan[tableName] ?? ON_DEMAND;
}
