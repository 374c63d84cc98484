/**
 * A case as the console reads it, built from what the read-case use case gathered: the case view
 * (standing, signals by rule, the ladder's rungs with their decisions and notices, the handles,
 * what the caller may do, the audit trail) and the chronology, condensed or in full, a page at a
 * time. Text reaches the console in pieces (./console-views.ts, TextPiece): labelled phrases
 * marked, each contact handle a reference and its links, never the hash nor the handle.
 */
import { z } from 'zod';
import { LABELS } from '../../domain/classify/labels';
import type { Case } from '../../domain/cases/case';
import { isForReview } from '../../domain/cases/case';
import { requestIndex, rungIndex } from '../../domain/ladder/rungs';
import type { DetectionConfig } from '../../domain/detection/config';
import { RUNGS } from '../../domain/ladder/rungs';
import type { RuleName } from '../../domain/detection/signals';
import { completesFlip, isNegativePosting, RULES } from '../../domain/detection/signals';
import type { Evidence, MessageEvidence, ReviewEvidence } from '../../domain/evidence';
import { caseActions } from '../../domain/ladder/case-actions';
import type { Role } from '../../domain/ladder/roles';
import { LADDER } from '../../domain/ladder/transitions';
import type { TextPiece as DomainPiece } from '../../domain/readable-text';
import { handleKeys, handleKindOf, readableText, textTemplate } from '../../domain/readable-text';
import type { QueueEntry } from '../../use-cases/case-queue';
import { pageCursor } from '../../use-cases/page-cursor';
import { summariseCase } from '../../use-cases/list-cases';
import type { CaseRecord } from '../../use-cases/read-case';
import { evidenceTexts } from '../../use-cases/read-case';
import type { CaseView, LadderRung, MessageEntry, QueueItem, SignalGroup, TextPiece, TimelineEntry, TimelinePage } from './console-views';

/** Runs of at least this many seller messages in a row are condensed into one entry. */
export const CONDENSE_MIN_RUN = 3;
export const DEFAULT_TIMELINE_PAGE_SIZE = 100;
export const MAX_TIMELINE_PAGE_SIZE = 500;
const SIGNAL_EXAMPLES = 3;

const waitingOf = (item: Case) => (item.waiting ? { kind: item.waiting.kind, rung: item.waiting.rung, since: item.waiting.since } : null);

export function queueItem(entry: QueueEntry): QueueItem {
  const summary = summariseCase(entry.case);
  const { review } = entry.case;
  return {
    ...summary,
    rules: summary.rules.filter(isRule),
    marketplace: entry.marketplace,
    waiting: waitingOf(entry.case),
    signalCount: entry.case.signals.length,
    appeal: entry.appeal,
    forReview: isForReview(entry.case),
    // Handles in the reason are references, never the handle (the queue links no other seller).
    review: review ? { ...review, because: new HandleBook(new Map(), [review.because]).text(review.because) } : null,
  };
}

const isRule = (rule: string): rule is RuleName => (RULES as readonly string[]).includes(rule);

/** Handle references of a case: A, B, ..., Z, AA, AB, ... in order of first appearance. */
function referenceName(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${referenceName(Math.floor(index / 26) - 1)}${letter}`;
}

/** Turns domain pieces into wire pieces, naming each handle by its reference in the case. */
class HandleBook {
  private readonly refs = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly links: ReadonlyMap<string, readonly string[]>,
    texts: readonly string[],
  ) {
    for (const key of texts.flatMap(handleKeys)) if (!this.refs.has(key)) this.refs.set(key, referenceName(this.refs.size));
  }

  pieces(domain: readonly DomainPiece[]): TextPiece[] {
    return domain.map((piece) => {
      if (piece.type === 'text') return piece;
      const { key, ...rest } = piece;
      return { ...rest, ref: this.refs.get(key) ?? '?', otherSellers: [...(this.links.get(key) ?? [])] };
    });
  }

  text(raw: string, phrases: MessageEvidence['matches'] = []): TextPiece[] {
    return this.pieces(readableText(raw, phrases));
  }

  countMessage(message: MessageEvidence): void {
    for (const piece of readableText(message.body)) if (piece.type === 'handle') this.counts.set(piece.key, (this.counts.get(piece.key) ?? 0) + 1);
  }

  summary(): CaseView['handles'] {
    return [...this.refs.entries()].map(([key, ref]) => ({
      ref,
      kind: handleKindOf(key),
      messages: this.counts.get(key) ?? 0,
      otherSellers: [...(this.links.get(key) ?? [])],
    }));
  }
}

/** An entry with what orders it: time, then evidence before signals before audit, then id. */
interface Sorted {
  readonly entry: TimelineEntry;
  readonly rank: number;
  /** Seller messages only: the form letter it is, to condense runs of them. */
  readonly template?: string;
}

function handleBook(record: CaseRecord): HandleBook {
  const texts = [...record.evidence.flatMap(evidenceTexts), ...record.item.signals.map((signal) => signal.explanation), ...(record.item.rungRequests ?? []).map((request) => request.because)];
  const book = new HandleBook(record.handleLinks, texts);
  for (const evidence of record.evidence) if (evidence.kind === 'message') book.countMessage(evidence);
  return book;
}

/** The case's negative postings in time order, read once: what each look-up entry says it covered. */
const negativePostings = (evidence: readonly Evidence[], config: DetectionConfig): ReviewEvidence[] =>
  evidence.filter((record): record is ReviewEvidence => record.kind === 'review' && isNegativePosting(record, config));

function evidenceEntry(record: Evidence, item: Case, negative: readonly ReviewEvidence[], book: HandleBook, config: DetectionConfig): Sorted {
  const base = { id: `${record.kind}:${record.eventId}`, at: record.time };
  switch (record.kind) {
    case 'message': {
      const signal = item.signals.find((candidate) => candidate.signalId === `seller-message:${record.eventId}`);
      const entry: MessageEntry = {
        kind: 'message',
        ...base,
        messageId: record.messageId,
        threadId: record.threadId,
        buyerId: record.buyerId,
        ...(record.orderId ? { orderId: record.orderId } : {}),
        sender: record.sender,
        labels: [...record.labels],
        text: book.text(record.body, record.matches),
        attachments: record.attachments?.length ?? 0,
        ...(signal ? { points: signal.points } : {}),
      };
      return { entry, rank: 0, ...(record.sender === 'seller' ? { template: textTemplate(record.body) } : {}) };
    }
    case 'review':
      return {
        rank: 0,
        entry: {
          kind: 'review',
          ...base,
          reviewId: record.reviewId,
          orderId: record.orderId,
          buyerId: record.buyerId,
          action: record.action,
          ...(record.rating !== undefined ? { rating: record.rating } : {}),
          ...(record.previousRating !== undefined ? { previousRating: record.previousRating } : {}),
          ...(record.removedBy ? { removedBy: record.removedBy } : {}),
          ...(record.marketplace ? { marketplace: record.marketplace } : {}),
          flip: completesFlip(record, config),
          ...(record.title ? { title: book.text(record.title) } : {}),
          ...(record.body ? { body: book.text(record.body) } : {}),
        },
      };
    case 'report-download': {
      const orders = new Set(record.orderIds);
      const covered = negative.filter((review) => orders.has(review.orderId));
      return {
        rank: 0,
        entry: {
          kind: 'lookup',
          ...base,
          downloadId: record.downloadId,
          reportType: record.reportType,
          actorId: record.actorId,
          ...(record.appId ? { appId: record.appId } : {}),
          containsBuyerPii: record.containsBuyerPii,
          orderCount: record.orderIds.length,
          covered: covered.map((review) => ({ reviewId: review.reviewId, orderId: review.orderId, ...(review.rating !== undefined ? { rating: review.rating } : {}) })),
        },
      };
    }
    case 'complaint':
      return {
        rank: 0,
        entry: { kind: 'complaint', ...base, buyerId: record.buyerId, ...(record.orderId ? { orderId: record.orderId } : {}), channel: record.channel, text: book.text(record.summary) },
      };
  }
}

/** Every entry of the case in time order, seller-message signals folded into their messages. */
function fullChronology(record: CaseRecord, book: HandleBook, config: DetectionConfig): Sorted[] {
  const { item, evidence, audit } = record;
  const messages = new Set(evidence.filter((entry) => entry.kind === 'message').map((entry) => `seller-message:${entry.eventId}`));
  const negative = negativePostings(evidence, config);
  const sorted: Sorted[] = [
    ...evidence.map((entry) => evidenceEntry(entry, item, negative, book, config)),
    ...item.signals
      .filter((signal) => !messages.has(signal.signalId))
      .map((signal) => ({
        rank: 1,
        entry: { kind: 'signal' as const, id: `signal:${signal.signalId}`, at: signal.time, rule: signal.rule, points: signal.points, explanation: book.text(signal.explanation) },
      })),
    ...audit.map((entry) => ({
      rank: 2,
      entry: {
        kind: 'audit' as const,
        id: `audit:${entry.entryId}`,
        at: entry.at,
        action: entry.action,
        actor: entry.actor,
        role: entry.role,
        ...(entry.rung ? { rung: entry.rung } : {}),
        ...(entry.reason ? { reason: entry.reason } : {}),
      },
    })),
  ];
  return sorted.sort((a, b) => compare(keyOf(a), keyOf(b)));
}

const Position = z.object({ at: z.string(), rank: z.number(), id: z.string() });
type Position = z.infer<typeof Position>;
const keyOf = (sorted: Sorted): Position => ({ at: sorted.entry.at, rank: sorted.rank, id: sorted.entry.id });
const compare = (a: Position, b: Position) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.rank !== b.rank ? a.rank - b.rank : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Runs of seller messages in a row become one entry: how many, to how many buyers, one sample per text. */
function condense(full: readonly Sorted[]): Sorted[] {
  const out: Sorted[] = [];
  let run: Sorted[] = [];
  const flush = () => {
    if (run.length >= CONDENSE_MIN_RUN) out.push(group(run));
    else out.push(...run);
    run = [];
  };
  for (const sorted of full) {
    if (sorted.entry.kind === 'message' && sorted.template !== undefined) run.push(sorted);
    else {
      flush();
      out.push(sorted);
    }
  }
  flush();
  return out;
}

function group(run: readonly Sorted[]): Sorted {
  const messages = run.flatMap((sorted) => (sorted.entry.kind === 'message' ? [{ message: sorted.entry, template: sorted.template ?? '' }] : []));
  const byTemplate = new Map<string, { count: number; message: MessageEntry }>();
  for (const { message, template } of messages) {
    const known = byTemplate.get(template);
    byTemplate.set(template, { count: (known?.count ?? 0) + 1, message: known?.message ?? message });
  }
  const first = messages[0]?.message;
  const last = messages.at(-1)?.message;
  const labels = new Set(messages.flatMap(({ message }) => message.labels));
  return {
    rank: 0,
    entry: {
      kind: 'message-group',
      id: `group:${first?.id ?? ''}`,
      at: first?.at ?? '',
      until: last?.at ?? '',
      count: messages.length,
      buyers: new Set(messages.map(({ message }) => message.buyerId)).size,
      labels: LABELS.filter((label) => labels.has(label)),
      points: messages.reduce((sum, { message }) => sum + (message.points ?? 0), 0),
      samples: [...byTemplate.values()].sort((a, b) => b.count - a.count),
    },
  };
}

export interface TimelineQuery {
  readonly view: 'condensed' | 'full';
  /** Entries at or after this time (inclusive). */
  readonly from?: string;
  /** Entries at or before this time (inclusive). */
  readonly to?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

const cursors = pageCursor(Position, 'this timeline');

/** One page of the chronology. */
export function timelinePage(record: CaseRecord, query: TimelineQuery, config: DetectionConfig): TimelinePage {
  const full = fullChronology(record, handleBook(record), config);
  const inRange = full.filter((sorted) => (query.from === undefined || sorted.entry.at >= query.from) && (query.to === undefined || sorted.entry.at <= query.to));
  const entries = query.view === 'condensed' ? condense(inRange) : inRange;
  const after = query.cursor === undefined ? undefined : cursors.decode(query.cursor);
  const remaining = after ? entries.filter((sorted) => compare(keyOf(sorted), after) > 0) : entries;
  const limit = query.limit ?? DEFAULT_TIMELINE_PAGE_SIZE;
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((sorted) => sorted.entry),
    total: entries.length,
    ...(remaining.length > limit && last ? { nextCursor: cursors.encode(keyOf(last)) } : {}),
  };
}

function ladder(item: Case, audit: CaseRecord['audit']): LadderRung[] {
  const opened = item.openedRung ?? 'warn';
  return RUNGS.map((rung) => {
    const about = audit.filter((entry) => entry.rung === rung).reverse();
    const applied = about.find((entry) => entry.action === 'rung-applied' || entry.action === 'legal-hold-applied');
    const approver = LADDER[rung].approval?.by ?? null;
    const waiting = item.waiting?.rung === rung ? item.waiting : undefined;
    const state: LadderRung['state'] = applied
      ? 'applied'
      : waiting
        ? 'waiting'
        : rungIndex(rung) < rungIndex(opened)
          ? 'skipped'
          : rungIndex(rung) <= requestIndex(item.requestedRung) && item.status === 'open'
            ? 'ahead'
            : 'not-asked';
    return {
      rung,
      state,
      approver: approver === 'analyst' || approver === 'legal' ? approver : null,
      ...(applied ? { appliedAt: applied.at } : {}),
      ...(waiting ? { waitingSince: waiting.since } : {}),
      decisions: (item.decisions ?? []).filter((decision) => decision.rung === rung).map(({ decision, actor, role, reason, at }) => ({ decision, actor, role, reason, at })),
      notices: about.filter((entry) => entry.action === 'notice-sent').map((entry) => ({ at: entry.at, description: entry.reason ?? 'notice sent' })),
    };
  });
}

function signalGroups(item: Case, book: HandleBook): SignalGroup[] {
  const groups = new Map<string, Case['signals'][number][]>();
  for (const signal of item.signals) groups.set(signal.rule, [...(groups.get(signal.rule) ?? []), signal]);
  return [...groups.values()]
    .map((signals) => {
      const latestFirst = [...signals].reverse();
      const first = signals[0];
      const last = latestFirst[0];
      return {
        rule: last?.rule ?? 'seller-message',
        count: signals.length,
        points: signals.reduce((sum, signal) => sum + signal.points, 0),
        firstAt: first?.time ?? '',
        lastAt: last?.time ?? '',
        examples: [...new Map(latestFirst.map((signal) => [textTemplate(signal.explanation), signal])).values()].slice(0, SIGNAL_EXAMPLES).map((signal) => book.text(signal.explanation)),
      };
    })
    .sort((a, b) => b.points - a.points);
}

/** The case view for someone in `role`. */
export function caseView(record: CaseRecord, role: Role, config: DetectionConfig): CaseView {
  const { item, account, audit } = record;
  const book = handleBook(record);
  const full = fullChronology(record, book, config);
  const summary = summariseCase(item);
  return {
    case: {
      ...summary,
      rules: summary.rules.filter(isRule),
      marketplace: record.marketplace,
      ...(item.openedRung ? { openedRung: item.openedRung } : {}),
      rungRequestedAt: item.rungRequestedAt,
      ...(item.review ? { review: { ...item.review, because: book.text(item.review.because) } } : {}),
      ...(item.rungRequests ? { rungRequests: item.rungRequests.map((request) => ({ ...request, because: book.text(request.because) })) } : {}),
      waiting: waitingOf(item),
      ...(item.closure ? { closure: item.closure } : {}),
      ...(item.legalHold ? { legalHold: item.legalHold } : {}),
    },
    seller: {
      sellerId: account.sellerId,
      status: account.status,
      standing: account.standing,
      ...(account.suspension ? { suspension: account.suspension } : {}),
      activeStrikes: [...account.activeStrikes],
      strikes: [...account.strikes],
    },
    signals: signalGroups(item, book),
    ladder: ladder(item, audit),
    handles: book.summary(),
    actions: caseActions(item, role),
    audit: audit.map((entry) => ({ ...entry, evidenceIds: [...entry.evidenceIds] })),
    timelineEntries: { condensed: condense(full).length, full: full.length },
  };
}
