/**
 * Time for the local state machine runner: the wall clock for `npm start`, a virtual clock that the
 * caller advances for the tests and for `offside replay`. Wait states, Retry backoff and task
 * timeouts all sleep on it.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts, leaving no timer
   * behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout cannot wait longer than this; longer sleeps are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const due = Date.now() + Math.max(0, ms);
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      const arm = (): void => {
        const left = due - Date.now();
        if (left <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  },
};

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
  readonly detach: () => void;
}

/** Lets the code woken by a sleeper run until it is parked again (on the clock or on a human). */
export type Settler = () => Promise<void>;

/**
 * A clock that only moves when told to. `advanceTo` wakes sleepers one at a time in due order
 * (ties in the order they went to sleep), letting the woken code settle before the next, so a
 * sleep started by woken code that falls before the target is woken in the same advance.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #sleepers: Sleeper[] = [];
  readonly #settlers: Settler[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      if (ms <= 0) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        this.#remove(sleeper);
        reject(abortReason(signal));
      };
      const sleeper: Sleeper = {
        due: this.#now + ms,
        seq: this.#seq++,
        resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
      this.#sleepers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    });
  }

  /** Something to wait for before and after each wake-up; the runner registers its `idle()`. */
  addSettler(settler: Settler): void {
    this.#settlers.push(settler);
  }

  /** How many sleeps are pending. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** When the next sleeper is due, if any. */
  nextDue(): number | undefined {
    return this.#sleepers[0]?.due;
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.#sleepers[0];
      if (next === undefined || next.due > target) break;
      this.#sleepers.shift();
      this.#now = Math.max(this.#now, next.due);
      next.detach();
      next.resolve();
      await this.settle();
    }
    this.#now = Math.max(this.#now, target);
    await this.settle();
  }

  /** Lets pending work run: a turn of the event loop, then every settler. */
  async settle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const settler of this.#settlers) await settler();
  }

  #remove(sleeper: Sleeper): void {
    const index = this.#sleepers.indexOf(sleeper);
    if (index !== -1) this.#sleepers.splice(index, 1);
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
