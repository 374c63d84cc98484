/**
 * The local platform watching its stand-ins: the same checks as GET /ready, every second. When a
 * dependency goes down or comes back it tells `onChange`, which `npm start` prints and acts on
 * (the consumers pause while the database or the queues are down, so events wait in their queues
 * instead of burning their receives; they resume when it is back).
 */
import type { DependencyCheck } from '../../shared/ports/readiness';
import type { DependencyState, Readiness } from '../../shared/use-cases/check-readiness';
import { checkReadiness } from '../../shared/use-cases/check-readiness';

export interface DependencyWatchOptions {
  readonly checks: readonly DependencyCheck[];
  /** @default 1000 */
  readonly intervalMillis?: number;
  /** The dependencies whose state changed since the last check (all of them, the first time one is down). */
  readonly onChange: (changed: readonly DependencyState[], readiness: Readiness) => void;
}

export class DependencyWatch {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #last = new Map<string, DependencyState['state']>();
  #checking: Promise<void> | undefined;

  constructor(private readonly options: DependencyWatchOptions) {}

  /** Whether the last check found `name` down. */
  isDown(name: string): boolean {
    return this.#last.get(name) === 'down';
  }

  start(): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#checking = this.check().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.options.intervalMillis ?? 1_000);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#checking;
  }

  private async check(): Promise<void> {
    const readiness = await checkReadiness(this.options.checks);
    const changed = readiness.dependencies.filter((dependency) => (this.#last.get(dependency.name) ?? 'up') !== dependency.state);
    for (const dependency of readiness.dependencies) this.#last.set(dependency.name, dependency.state);
    if (changed.length > 0) this.options.onChange(changed, readiness);
  }
}
