import { memoryProduct } from '../../shared/composition/memory';
import type { LadderStepDeps } from '../../shared/use-cases/ladder-steps/step';

/** The ladder step's dependencies in memory, each one reachable for assertions; any may be replaced. */
export function memoryLadderDeps<O extends Partial<LadderStepDeps>>(overrides: O = {} as O) {
  const deps = { ...memoryProduct({ now: () => new Date('2026-03-02T08:00:00.000Z') }).ladderStep(), ...overrides };
  return deps satisfies LadderStepDeps;
}
