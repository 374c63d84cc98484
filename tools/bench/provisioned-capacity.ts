/**
 * What provisioned DynamoDB capacity under target-tracking auto scaling pays for a given load,
 * hour by hour: the capacity the scaling would hold each hour, as its rules make it, and the units
 * actually consumed. Pure: the load is the stream's hourly profile (stream-shape.ts) scaled to the
 * plan's volume; the rules are DynamoDB's and Application Auto Scaling's, as modelled here:
 *
 * - **Scale-out** as soon as the hour's need (consumption over the target utilisation) is above the
 *   capacity: the alarm fires after two minutes above the target and an increase is never limited,
 *   and the headroom of the target (43% at 70%) with burst capacity carries those minutes.
 * - **Scale-in** only when utilisation has fallen 20 points under the target (the low alarm, after
 *   15 minutes) and, being an hour late, to the need of this hour or the last, whichever is more.
 * - DynamoDB's **decrease quota**: 4 decreases at any time in a UTC day, and one more in any hour
 *   after an hour without one.
 * - Never under the floor nor over the ceiling of the scalable target.
 *
 * Within an hour the load is taken as even: a minute's burst above the headroom is throttled, and
 * retried by the consumers (SQS redelivery), rather than paid for.
 *
 * **Throttled share** (what a higher target risks): a rise is met only once the scale-out takes
 * effect, SCALE_OUT_LAG_MINUTES into the hour (the alarm's two minutes above the target, then the
 * table update). Until then the hour runs on the capacity the last hour held, and what it asks
 * above that is throttled; so is what an hour asks above the ceiling. The step at the hour is
 * harsher than the ramp a real rise is, burst capacity (up to five minutes of unused capacity
 * kept per partition) is not counted, and bursts within an hour are not in the profile: the
 * share is the model's, not a measurement. Throttled writes are not lost: the consumer's record
 * fails, and SQS delivers it again after the visibility timeout.
 */

export interface AutoScaling {
  /** Consumed over provisioned capacity that the policy keeps, 0.2 to 0.9. */
  readonly targetUtilization: number;
  readonly min: number;
  readonly max: number;
}

export interface ProvisionedHours {
  /** Capacity units held, summed over the hours (what is billed, per unit-hour). */
  readonly provisionedUnitHours: number;
  /** Capacity units consumed, summed over the hours (units per second times hours). */
  readonly consumedUnitHours: number;
  /** Consumed over provisioned. */
  readonly utilization: number;
  /** Hours whose load was above what the ceiling serves. */
  readonly hoursOverCeiling: number;
  /** Units asked above the capacity held (a rise before the scale-out takes effect, or past the ceiling), summed over the hours. */
  readonly throttledUnitHours: number;
  /** Throttled over asked. */
  readonly throttledShare: number;
  readonly hours: number;
}

const DECREASES_AT_ANY_TIME = 4;
/** Minutes from a rise to the capacity that meets it: two minutes of alarm, then the table update. */
export const SCALE_OUT_LAG_MINUTES = 5;
const SCALE_IN_BAND = 0.2;

/** `load`: the units consumed per second in each hour, hour 0 starting a UTC day. */
export function autoScaledHours(load: readonly number[], scaling: AutoScaling): ProvisionedHours {
  const { targetUtilization, min, max } = scaling;
  if (!(targetUtilization >= 0.2 && targetUtilization <= 0.9)) throw new Error(`target utilization ${targetUtilization} is outside 0.2 to 0.9`);
  if (!(min > 0 && min <= max)) throw new Error(`capacity range ${min} to ${max} is not a range`);
  const clamp = (units: number) => Math.min(max, Math.max(min, units));
  let capacity = clamp((load[0] ?? 0) / targetUtilization);
  let decreasesToday = 0;
  let decreasedLastHour = false;
  let provisioned = 0;
  let consumed = 0;
  let overCeiling = 0;
  let throttled = 0;
  let asked = 0;
  load.forEach((units, hour) => {
    if (hour % 24 === 0) decreasesToday = 0;
    const need = units / targetUtilization;
    const before = capacity;
    let decreased = false;
    if (need > capacity) capacity = clamp(need);
    else if (units < (targetUtilization - SCALE_IN_BAND) * capacity && (decreasesToday < DECREASES_AT_ANY_TIME || !decreasedLastHour)) {
      const lower = clamp(Math.max(need, (load[hour - 1] ?? units) / targetUtilization));
      if (lower < capacity) {
        capacity = lower;
        decreased = true;
        decreasesToday++;
      }
    }
    decreasedLastHour = decreased;
    provisioned += capacity;
    consumed += Math.min(units, capacity);
    if (units > max) overCeiling++;
    const lag = SCALE_OUT_LAG_MINUTES / 60;
    asked += units;
    throttled += lag * Math.max(0, units - before) + (1 - lag) * Math.max(0, units - capacity);
  });
  return {
    provisionedUnitHours: provisioned,
    consumedUnitHours: consumed,
    utilization: provisioned === 0 ? 0 : consumed / provisioned,
    hoursOverCeiling: overCeiling,
    throttledUnitHours: throttled,
    throttledShare: asked === 0 ? 0 : throttled / asked,
    hours: load.length,
  };
}
