import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, QueuePage } from '../../../shared/adapters/http/console-views';
import { RUNGS } from '../../../shared/domain/ladder/rungs';
import { RULES } from '../../../shared/domain/detection/signals';
import { get, query } from '../api';
import { formText } from '../form';
import { usePageTitle } from '../page-title';
import { EvidenceText } from '../components/evidence-text';
import { age, askedWords, formatDate, formatTime, isPast, RULE_NAMES, RUNG_NAMES, waitingWords } from '../words';

const FILTERS = ['status', 'rung', 'marketplace', 'signal', 'sellerId'] as const;
const PAGE_SIZE = 25;


export function Queue() {
  usePageTitle('Queue');
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? undefined]));
  const cursor = cursors.at(-1);
  const { data, error, isFetching } = useQuery({
    queryKey: ['queue', filters, cursor],
    queryFn: () => get(QueuePage, `/v1/queue${query({ ...filters, limit: PAGE_SIZE, cursor })}`),
    refetchInterval: 10_000,
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = formText(form, name);
      if (value) next.set(name, value);
    }
    setCursors([]);
    setParams(next);
  };

  return (
    <div>
      <header className="page-head">
        <h1>Queue</h1>
        <p className="muted">
          Cases waiting for a decision first (longest wait first), then the riskiest, then the oldest. A case <strong>for review</strong> rests on one kind of evidence, not
          corroborated: no notice was sent; dismiss it, or ask for a warning.
        </p>
      </header>
      <form className="filters" onSubmit={apply} aria-label="Filter the queue" key={params.toString()}>
        <label>
          Status
          <select name="status" defaultValue={filters.status ?? 'open'}>
            {CASE_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Asks for
          <select name="rung" defaultValue={filters.rung ?? ''}>
            <option value="">any rung</option>
            {RUNGS.map((rung) => (
              <option key={rung} value={rung}>
                {RUNG_NAMES[rung]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Marketplace
          <input name="marketplace" defaultValue={filters.marketplace ?? ''} size={4} maxLength={2} placeholder="US" pattern="[A-Za-z]{2}" title="a two-letter code" />
        </label>
        <label>
          Signal
          <select name="signal" defaultValue={filters.signal ?? ''}>
            <option value="">any signal</option>
            {RULES.map((rule) => (
              <option key={rule} value={rule}>
                {RULE_NAMES[rule] ?? rule}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seller
          <input name="sellerId" defaultValue={filters.sellerId ?? ''} placeholder="seller id" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error ? <p role="alert">Could not load the queue: {error.message}</p> : null}
      <div aria-live="polite" className="muted">
        {data ? `${data.total} case${data.total === 1 ? '' : 's'}` : 'Loading the queue…'}
        {isFetching && data ? ' · refreshing' : ''}
      </div>
      {data ? (
        <table className="queue">
          <caption className="visually-hidden">Cases in the queue</caption>
          <thead>
            <tr>
              <th scope="col">Seller</th>
              <th scope="col">Waits for</th>
              <th scope="col">Since</th>
              <th scope="col">Points</th>
              <th scope="col">Asks for</th>
              <th scope="col">Applied</th>
              <th scope="col">Signals</th>
              <th scope="col">Marketplace</th>
              <th scope="col">Opened</th>
              <th scope="col">Appeal: decide by</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.caseId} className={item.waiting?.kind === 'approval' || item.appeal ? 'needs-decision' : item.forReview ? 'for-review' : undefined}>
                <th scope="row">
                  <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.sellerId}</Link>
                </th>
                <td>
                  {item.waiting?.kind === 'approval' ? <strong>{waitingWords(item.waiting)}</strong> : item.appeal ? <strong>the seller’s appeal</strong> : waitingWords(item.waiting)}
                </td>
                <td>
                  {item.waiting ? (
                    <time dateTime={item.waiting.since} title={formatTime(item.waiting.since)}>{age(item.waiting.since)}</time>
                  ) : item.appeal ? (
                    <time dateTime={item.appeal.filedAt} title={formatTime(item.appeal.filedAt)}>{age(item.appeal.filedAt)}</time>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="number">{item.points}</td>
                <td>
                  {item.forReview ? <strong>{askedWords(null)}</strong> : askedWords(item.requestedRung)}
                  {item.forReview && item.review ? (
                    <div className="review-reason">
                      <EvidenceText pieces={item.review.because} />
                    </div>
                  ) : null}
                </td>
                <td>{item.appliedRung ? RUNG_NAMES[item.appliedRung] : '–'}</td>
                <td>{item.rules.map((rule) => RULE_NAMES[rule] ?? rule).join(', ')}</td>
                <td>{item.marketplace ?? '–'}</td>
                <td>
                  <time dateTime={item.openedAt}>{formatDate(item.openedAt)}</time>
                </td>
                <td>{item.appeal ? <AppealDeadline decideBy={item.appeal.decideBy} /> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <nav className="pager" aria-label="Queue pages">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button type="button" disabled={!data?.nextCursor} onClick={() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}>
          Next page
        </button>
      </nav>
    </div>
  );
}

/** When an appeal must be decided (Art. 20 DSA), and whether that day has passed. */
function AppealDeadline({ decideBy }: { decideBy: string }) {
  const late = isPast(decideBy);
  return (
    <span className={late ? 'overdue' : undefined}>
      <time dateTime={decideBy} title={formatTime(decideBy)}>
        {formatDate(decideBy)}
      </time>
      {late ? ' (overdue)' : ''}
    </span>
  );
}
