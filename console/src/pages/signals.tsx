/**
 * The kill switch's review list: for a signal, whether the live rules have it on, and the open cases
 * it opened or escalated. Switching a signal off (a new rules version, made live) stops it opening
 * or escalating cases; the cases it already opened stay open and are listed here for an analyst.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { SignalReview } from '../../../shared/adapters/http/console-views';
import { RULES } from '../../../shared/domain/detection/signals';
import type { RuleName } from '../../../shared/domain/detection/signals';
import { get } from '../api';
import { usePageTitle } from '../page-title';
import { askedWords, RUNG_NAMES } from '../words';

const isRule = (value: string | null): value is RuleName => RULES.some((rule) => rule === value);

export function SignalsPage() {
  usePageTitle('Signals');
  const [params, setParams] = useSearchParams();
  const chosen = params.get('signal');
  const signal: RuleName = isRule(chosen) ? chosen : 'seller-message';
  const { data, error } = useQuery({ queryKey: ['signal-review', signal], queryFn: () => get(SignalReview, `/v1/rules/signals/${signal}/cases`) });
  return (
    <div>
      <header className="page-head">
        <h1>Signals</h1>
        <p className="muted">A signal switched off in the live rules opens and escalates no case from the next event on. The cases it opened before stay open: review them here.</p>
      </header>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Signal
          <select name="signal" value={signal} onChange={(event) => setParams({ signal: event.currentTarget.value })}>
            {RULES.map((rule) => (
              <option key={rule} value={rule}>
                {rule}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <p role="alert">Could not read the signal: {error.message}</p> : null}
      {data ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">
            {data.signalId}: <span className={data.enabled ? 'signal-on' : 'signal-off'}>{data.enabled ? 'on' : 'switched off'}</span> in rules version {data.liveVersion}
          </h2>
          {data.cases.length === 0 ? (
            <p className="muted">No open case rests on it.</p>
          ) : (
            <table aria-label="Open cases to review">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Seller</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Asks for</th>
                  <th scope="col">Rungs this signal asked for</th>
                </tr>
              </thead>
              <tbody>
                {data.cases.map((item) => (
                  <tr key={item.caseId}>
                    <td>
                      <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link>
                    </td>
                    <td>
                      <Link to={`/sellers/${encodeURIComponent(item.sellerId)}`}>{item.sellerId}</Link>
                    </td>
                    <td>{item.openedAt.slice(0, 10)}</td>
                    <td>{askedWords(item.requestedRung)}</td>
                    <td>{item.askedRungs.map((rung) => RUNG_NAMES[rung]).join(', ') || 'none (evidence only)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
