/**
 * Each signal's precision from analysts' outcomes over a period of decisions (GET
 * /v1/reports/signals, the same use case as `offside report signals`): what a team reads before it
 * changes a signal's weight or switches it off.
 */
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SignalPrecisionReportSchema } from '../../../shared/use-cases/signal-precision-report';
import { get, query } from '../api';
import { formText } from '../form';
import { usePageTitle } from '../page-title';
import { RULE_NAMES } from '../words';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
/** A day of the date input as the instant the API takes: `from` at its midnight, `to` at the next. */
const dayStart = (day: string) => (day ? `${day}T00:00:00Z` : undefined);
const dayEnd = (day: string) => (day ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() : undefined);

export function SignalPrecisionPage() {
  usePageTitle('Signal precision');
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const { data, error } = useQuery({
    queryKey: ['signal-precision', from, to],
    queryFn: () => get(SignalPrecisionReportSchema, `/v1/reports/signals${query({ from: dayStart(from), to: dayEnd(to) })}`),
  });

  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of ['from', 'to']) {
      const value = formText(form, name);
      if (value) next[name] = value;
    }
    setParams(next);
  };

  return (
    <div>
      <header className="page-head">
        <h1>Signal precision</h1>
        <p className="muted">
          Of the cases analysts settled in the period, how often each signal was right: confirmed cases count for every signal they hold, a false positive against the signals it named; cases resolved otherwise count for neither.
        </p>
      </header>
      <form className="filters" onSubmit={choose} key={params.toString()}>
        <label>
          Decided from
          <input type="date" name="from" defaultValue={from} />
        </label>
        <label>
          to (included)
          <input type="date" name="to" defaultValue={to} />
        </label>
        <button type="submit">Show</button>
      </form>
      {error ? <p role="alert">Could not load the report: {error.message}</p> : null}
      {data ? (
        <>
          <p aria-live="polite">
            Settled cases: {data.cases.confirmed} confirmed, {data.cases['false-positive']} false positive{data.cases['false-positive'] === 1 ? '' : 's'}, {data.cases.resolved} resolved otherwise.
          </p>
          <table className="signal-precision">
            <thead>
              <tr>
                <th scope="col">Signal</th>
                <th scope="col">Right</th>
                <th scope="col">Wrong</th>
                <th scope="col">Unjudged</th>
                <th scope="col">Precision</th>
              </tr>
            </thead>
            <tbody>
              {data.signals.map((row) => (
                <tr key={row.signal}>
                  <th scope="row">{RULE_NAMES[row.signal] ?? row.signal}</th>
                  <td>{row.right}</td>
                  <td>{row.wrong}</td>
                  <td>{row.unjudged}</td>
                  <td>{percent(row.precision)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
