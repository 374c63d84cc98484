/**
 * The kill switch's other half: the cases a signal opened or escalated that are still open, for an
 * analyst to review once the signal is switched off (they are listed, never closed by the switch).
 * A case is listed when one of its rung requests was asked for by a signal of that rule, or when
 * its evidence holds one.
 */
import type { SignalId } from '../domain/detection/config';
import type { Rung } from '../domain/ladder/rungs';
import type { CaseSummary } from './list-cases';
import { summariseCase } from './list-cases';
import type { ConsoleDeps } from './console-deps';

export interface SignalReview {
  readonly signalId: SignalId;
  readonly enabled: boolean;
  readonly liveVersion: number;
  /** Open cases resting on the signal, oldest first; `askedRungs`: the rungs the signal itself asked for. */
  readonly cases: (CaseSummary & { readonly askedRungs: Rung[] })[];
}

const ofRule = (signalId: string, rule: SignalId) => signalId.startsWith(`${rule}:`);

export async function signalReview(rule: SignalId, deps: Pick<ConsoleDeps, 'cases' | 'rulesStore'>): Promise<SignalReview> {
  const [live, open] = await Promise.all([deps.rulesStore.live(), deps.cases.listCases({ status: 'open' })]);
  const cases = open
    .filter((item) => item.signals.some((signal) => signal.rule === rule) || (item.rungRequests ?? []).some((request) => ofRule(request.signalId, rule)))
    .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0))
    .map((item) => ({ ...summariseCase(item), askedRungs: (item.rungRequests ?? []).filter((request) => ofRule(request.signalId, rule)).map((request) => request.rung) }));
  return { signalId: rule, enabled: live.signals[rule].enabled, liveVersion: live.version, cases };
}
