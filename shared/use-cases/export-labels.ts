/**
 * Labelled data from analysts' decisions, for the classifier's and detection's next round: per
 * settled case its signals and outcome, and per flagged seller message its redacted text (contact
 * handles are stored as `[kind:hash]`, never in clear), the classifier's labels and the analyst's
 * verdict. Read-only; for `offside labels export` (through the console API).
 */
import { z } from 'zod';
import { CaseOutcomeSchema, SIGNAL_VERDICTS, signalVerdict } from '../domain/cases/outcome';
import { RULES } from '../domain/detection/signals';
import { LABELS } from '../domain/classify/labels';
import type { CaseStore } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import type { DecisionPeriod } from './settled-cases';
import { settledCases } from './settled-cases';

/** What a flagged message's verdict means: its signal right is a violation, wrong is not one. */
const MESSAGE_VERDICTS = { right: 'violation', wrong: 'not-a-violation', unjudged: 'unjudged' } as const;

export const LabelledCaseSchema = z.object({
  caseId: z.string(),
  sellerId: z.string(),
  openedAt: z.string(),
  configVersion: z.string(),
  outcome: CaseOutcomeSchema,
  signals: z.array(
    z.object({
      signalId: z.string(),
      rule: z.enum(RULES),
      time: z.string(),
      points: z.number(),
      tags: z.array(z.string()),
      verdict: z.enum(SIGNAL_VERDICTS),
    }),
  ),
  messages: z.array(
    z.object({
      eventId: z.string(),
      messageId: z.string(),
      time: z.string(),
      language: z.string().optional(),
      /** The message as stored: contact handles replaced by their keyed hash. */
      text: z.string(),
      labels: z.array(z.enum(LABELS)),
      verdict: z.enum(Object.values(MESSAGE_VERDICTS)),
    }),
  ),
});
export type LabelledCase = z.infer<typeof LabelledCaseSchema>;

export async function exportLabels(period: DecisionPeriod, deps: { readonly cases: CaseStore; readonly store: EvidenceStore }): Promise<LabelledCase[]> {
  const labelled: LabelledCase[] = [];
  for (const { item, outcome } of await settledCases(period, deps)) {
    const signals = item.signals.filter((signal) => signal.withdrawn !== true);
    const flagged = new Set(signals.filter((signal) => signal.rule === 'seller-message').flatMap((signal) => signal.evidenceIds));
    const messages = flagged.size === 0 ? [] : (await deps.store.sellerMessages(item.sellerId)).filter((message) => flagged.has(message.eventId));
    const messageVerdict = MESSAGE_VERDICTS[signalVerdict(outcome, 'seller-message')];
    labelled.push({
      caseId: item.caseId,
      sellerId: item.sellerId,
      openedAt: item.openedAt,
      configVersion: item.configVersion,
      outcome,
      signals: signals.map((signal) => ({ signalId: signal.signalId, rule: signal.rule, time: signal.time, points: signal.points, tags: [...signal.tags], verdict: signalVerdict(outcome, signal.rule) })),
      messages: messages.map((message) => ({
        eventId: message.eventId,
        messageId: message.messageId,
        time: message.time,
        ...(message.language ? { language: message.language } : {}),
        text: message.body,
        labels: [...message.labels],
        verdict: messageVerdict,
      })),
    });
  }
  return labelled;
}
