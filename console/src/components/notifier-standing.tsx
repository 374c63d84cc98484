import { useQuery } from '@tanstack/react-query';
import { NotifierStanding as Standing } from '../../../shared/adapters/http/console-views';
import { get } from '../api';
import { formatDate } from '../words';

/** A buyer's standing as a notifier (Art. 23 DSA): whether their complaints count, and why not. */
export function NotifierStanding({ buyerId }: { buyerId: string }) {
  const { data, error } = useQuery({
    queryKey: ['notifier', buyerId],
    queryFn: () => get(Standing, `/v1/notifiers/${encodeURIComponent(buyerId)}`),
  });
  if (error) return <p role="alert">Could not load the buyer’s standing as a notifier: {error.message}</p>;
  if (!data) return <p aria-live="polite">Loading the buyer’s standing…</p>;
  return (
    <section aria-labelledby="notifier-title" className="panel notifier-standing">
      <h2 id="notifier-title">Buyer {data.buyerId} as a notifier</h2>
      <p>
        {data.counted ? 'Their complaints count.' : <strong>Their complaints do not count until {formatDate(data.restriction?.until ?? '')} (Art. 23 DSA).</strong>}{' '}
        {data.unfoundedComplaints === 0 ? 'None found unfounded.' : `${data.unfoundedComplaints} found unfounded in the last year.`}
        {data.warnedAt ? ` Warned on ${formatDate(data.warnedAt)}.` : ''}
      </p>
      {data.contest ? (
        <p>
          Contested {data.contest.of} on {formatDate(data.contest.at)}:{' '}
          {data.contest.decision ? `${data.contest.decision.outcome} by ${data.contest.decision.by} (“${data.contest.decision.reason}”)` : 'waiting for a decision'}.
        </p>
      ) : null}
    </section>
  );
}
