/**
 * The case's chronology: condensed by default (a run of seller messages is one entry with a
 * sample of each text), every entry on demand; a condensed run opens in place.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useState } from 'react';
import { TimelinePage } from '../../../shared/adapters/http/console-views';
import type { MessageEntry, TimelineEntry } from '../../../shared/adapters/http/console-views';
import { get, query } from '../api';
import { formatTime, LABEL_NAMES, RULE_NAMES, RUNG_NAMES, stars } from '../words';
import { EvidenceText } from './evidence-text';

const PAGE = 500;
const timelinePath = (caseId: string, params: Record<string, string | number | undefined>) => `/v1/cases/${encodeURIComponent(caseId)}/timeline${query(params)}`;

function Labels({ labels }: { labels: readonly string[] }) {
  return labels.length === 0 ? null : (
    <span className="labels">
      {labels.map((label) => (
        <span key={label} className={`badge label-${label}`}>
          {LABEL_NAMES[label] ?? label}
        </span>
      ))}
    </span>
  );
}

function Message({ message }: { message: MessageEntry }) {
  return (
    <div className="message">
      <div className="entry-meta">
        {message.sender === 'seller' ? 'Seller' : 'Buyer'} message {message.messageId} · buyer {message.buyerId}
        {message.orderId ? ` · order ${message.orderId}` : ''}
        {message.points !== undefined ? <span className="points"> +{message.points}</span> : null} <Labels labels={message.labels} />
      </div>
      <p className="quote">
        <EvidenceText pieces={message.text} />
      </p>
    </div>
  );
}

function GroupMessages({ caseId, from, to }: { caseId: string; from: string; to: string }) {
  const { data, error } = useQuery({ queryKey: ['timeline', caseId, 'range', from, to], queryFn: () => get(TimelinePage, timelinePath(caseId, { view: 'full', from, to, limit: PAGE })) });
  if (error) return <p role="alert">Could not load the messages: {error.message}</p>;
  if (!data) return <p aria-live="polite">Loading messages…</p>;
  return (
    <ol className="group-messages">
      {data.entries.map((entry) =>
        entry.kind === 'message' ? (
          <li key={entry.id}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            <Message message={entry} />
          </li>
        ) : null,
      )}
    </ol>
  );
}

function Group({ caseId, entry }: { caseId: string; entry: Extract<TimelineEntry, { kind: 'message-group' }> }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="group">
      <div className="entry-title">
        {entry.count} seller messages to {entry.buyers} buyers, until {formatTime(entry.until)} · {entry.samples.length} distinct text{entry.samples.length === 1 ? '' : 's'}
        <span className="points"> +{entry.points}</span> <Labels labels={entry.labels} />
      </div>
      {open ? (
        <GroupMessages caseId={caseId} from={entry.at} to={entry.until} />
      ) : (
        <ul className="samples">
          {entry.samples.map((sample) => (
            <li key={sample.message.id}>
              <span className="sample-count">×{sample.count}</span>
              <Message message={sample.message} />
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Show the samples only' : `Show all ${entry.count} messages`}
      </button>
    </div>
  );
}

function Entry({ caseId, entry }: { caseId: string; entry: TimelineEntry }) {
  switch (entry.kind) {
    case 'message':
      return <Message message={entry} />;
    case 'message-group':
      return <Group caseId={caseId} entry={entry} />;
    case 'review': {
      const what =
        entry.action === 'posted'
          ? `${entry.rating ?? '?'}-star review posted`
          : entry.action === 'edited'
            ? `Review edited from ${entry.previousRating ?? '?'} to ${entry.rating ?? '?'} stars`
            : `Review removed by the ${entry.removedBy ?? 'buyer'} (it had ${entry.previousRating ?? '?'} stars)`;
      return (
        <div className="review">
          <div className="entry-title">
            <span className="stars" aria-hidden="true">
              {stars(entry.rating ?? entry.previousRating)}
            </span>{' '}
            {what}
            {entry.flip ? <span className="badge flip">flip</span> : null}
          </div>
          <div className="entry-meta">
            {entry.reviewId} · buyer {entry.buyerId} · order {entry.orderId}
            {entry.marketplace ? ` · ${entry.marketplace}` : ''}
          </div>
          {entry.title || entry.body ? (
            <p className="quote">
              {entry.title ? (
                <strong>
                  <EvidenceText pieces={entry.title} />{' '}
                </strong>
              ) : null}
              {entry.body ? <EvidenceText pieces={entry.body} /> : null}
            </p>
          ) : null}
        </div>
      );
    }
    case 'lookup':
      return (
        <div className="lookup">
          <div className="entry-title">
            Report {entry.downloadId} downloaded ({entry.reportType}
            {entry.containsBuyerPii ? ', with buyer data' : ''}) by {entry.appId ? `app ${entry.appId}` : entry.actorId}
          </div>
          <div className="entry-meta">
            {entry.orderCount} order{entry.orderCount === 1 ? '' : 's'}
            {entry.covered.length > 0
              ? `; covered ${entry.covered.length} negatively reviewed: ${entry.covered.map((review) => `${review.reviewId} (${review.rating ?? '?'}★)`).join(', ')}`
              : '; no negatively reviewed order of the case'}
          </div>
        </div>
      );
    case 'complaint':
      return (
        <div className="complaint">
          <div className="entry-title">
            Buyer complaint ({entry.channel}) from {entry.buyerId}
            {entry.orderId ? ` about order ${entry.orderId}` : ''}
          </div>
          <p className="quote">
            <EvidenceText pieces={entry.text} />
          </p>
        </div>
      );
    case 'signal':
      return (
        <div className="signal">
          <div className="entry-title">
            {RULE_NAMES[entry.rule] ?? entry.rule} <span className="points">+{entry.points}</span>
          </div>
          <p>
            <EvidenceText pieces={entry.explanation} />
          </p>
        </div>
      );
    case 'audit':
      return (
        <div className="audit">
          <div className="entry-title">
            {entry.action.replaceAll('-', ' ')}
            {entry.rung ? `: ${RUNG_NAMES[entry.rung] ?? entry.rung}` : ''}
          </div>
          <div className="entry-meta">
            {entry.actor} ({entry.role}){entry.reason ? ` · ${entry.reason}` : ''}
          </div>
        </div>
      );
  }
}

const KIND_CLASS: Readonly<Record<TimelineEntry['kind'], string>> = {
  message: 'Message',
  'message-group': 'Messages',
  review: 'Review',
  lookup: 'Look-up',
  complaint: 'Complaint',
  signal: 'Signal',
  audit: 'Ladder',
};

export function Chronology({ caseId, counts }: { caseId: string; counts: { condensed: number; full: number } }) {
  const [view, setView] = useState<'condensed' | 'full'>('condensed');
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: ['timeline', caseId, view],
    queryFn: ({ pageParam }) => get(TimelinePage, timelinePath(caseId, { view, limit: PAGE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = data?.pages.flatMap((page) => page.entries) ?? [];
  useLayoutEffect(() => {
    // Marks when a view's entries are on the page, for the benchmark of drawing a long timeline.
    if (entries.length > 0) performance.mark(`chronology:${view}:${entries.length}`);
  }, [entries.length, view]);
  return (
    <section aria-labelledby="chronology-title" className="chronology">
      <div className="section-head">
        <h2 id="chronology-title">Chronology</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          <label>
            <input type="radio" name="view" value="condensed" checked={view === 'condensed'} onChange={() => setView('condensed')} /> Condensed ({counts.condensed})
          </label>
          <label>
            <input type="radio" name="view" value="full" checked={view === 'full'} onChange={() => setView('full')} /> Every entry ({counts.full})
          </label>
        </fieldset>
      </div>
      <p className="legend">
        Highlighted: <mark className="label label-review_manipulation">review manipulation</mark> <mark className="label label-off_platform_contact">off-platform contact</mark>{' '}
        <mark className="label label-intimidation">intimidation</mark>. Contact handles are never shown; each is named by its kind and a letter.
      </p>
      {error ? <p role="alert">Could not load the chronology: {error.message}</p> : null}
      {!data && !error ? <p aria-live="polite">Loading the chronology…</p> : null}
      <ol className="timeline" data-view={view}>
        {entries.map((entry) => (
          <li key={entry.id} className={`entry entry-${entry.kind}`} data-entry={entry.kind}>
            <div className="entry-when">
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
              <span className="entry-kind">{KIND_CLASS[entry.kind]}</span>
            </div>
            <div className="entry-body">
              <Entry caseId={caseId} entry={entry} />
            </div>
          </li>
        ))}
      </ol>
      {hasNextPage ? (
        <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : 'Show more entries'}
        </button>
      ) : null}
    </section>
  );
}
