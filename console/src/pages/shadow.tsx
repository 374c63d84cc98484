/**
 * Shadow runs: a candidate rules version judged beside the live one on live traffic, acted on by
 * nothing. The page shows which version runs in shadow and since when, and per seller the shadow
 * judged the live outcome beside the shadow's, the sellers whose outcome would change first.
 * Everyone who reads cases can read it; only admins set or clear the shadow, with a reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { ShadowComparison } from '../../../shared/adapters/http/console-views';
import { permits } from '../../../shared/domain/ladder/policy';
import { ApiError, get, post, query } from '../api';
import { formText } from '../form';
import { usePageTitle } from '../page-title';
import { useSession } from '../session-context';
import { askedWords, RUNG_NAMES } from '../words';

type Outcome = ShadowComparison['sellers'][number]['live'];

const Versions = z.object({ live: z.number(), versions: z.array(z.object({ version: z.number(), description: z.string().optional(), live: z.boolean() })) });

const when = (time: string) => `${time.slice(0, 10)} ${time.slice(11, 16)} UTC`;

function OutcomeCell({ outcome, shadow }: { outcome: Outcome; shadow?: boolean }) {
  if (!outcome) return <td>No case</td>;
  return (
    <td>
      {askedWords(outcome.requestedRung)}{' '}
      <span className="muted">
        ({outcome.status}, {outcome.points} points{outcome.appliedRung ? `; applied: ${RUNG_NAMES[outcome.appliedRung] ?? outcome.appliedRung}` : ''})
      </span>
      {shadow ? null : (
        <>
          {' '}
          <Link to={`/cases/${encodeURIComponent(outcome.caseId)}`}>{outcome.caseId}</Link>
        </>
      )}
    </td>
  );
}

/** The admin's form: a version to run in shadow, or clearing it, always with a reason. */
function ShadowForm({ comparison }: { comparison: ShadowComparison }) {
  const queryClient = useQueryClient();
  const [issues, setIssues] = useState<Record<string, string>>({});
  const versions = useQuery({ queryKey: ['rules-versions'], queryFn: () => get(Versions, '/v1/rules/versions') });
  const change = useMutation({
    mutationFn: (body: { version: number | null; reason: string }) => post('/v1/rules/shadow', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['shadow'] }),
    onError: (error) => {
      if (error instanceof ApiError) setIssues(Object.fromEntries(error.issues.map((issue) => [issue.field.replace(/^body\./u, ''), issue.reason])));
    },
  });
  const submit = (clear: boolean) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = formText(form, 'reason');
    const version = Number(formText(form, 'version'));
    const problems: Record<string, string> = {};
    if (reason.length < 3) problems.reason = 'Give a reason of at least 3 characters.';
    if (!clear && !Number.isInteger(version)) problems.version = 'Choose a version.';
    setIssues(problems);
    if (Object.keys(problems).length === 0) change.mutate({ version: clear ? null : version, reason });
  };
  const candidates = (versions.data?.versions ?? []).filter((item) => !item.live && item.version !== comparison.pointer?.version);
  const clearing = comparison.pointer !== null;
  return (
    <section aria-labelledby="shadow-form-title" className="narrow">
      <h2 id="shadow-form-title">{clearing ? 'Stop the shadow' : 'Run a version in shadow'}</h2>
      <form onSubmit={submit(clearing)} noValidate className="stacked">
        {clearing ? null : (
          <div className="field">
            <label htmlFor="shadow-version">Rules version</label>
            <select id="shadow-version" name="version" aria-invalid={issues.version ? true : undefined} aria-describedby={issues.version ? 'shadow-version-problem' : undefined}>
              {candidates.map((item) => (
                <option key={item.version} value={item.version}>
                  {item.version}
                  {item.description ? `: ${item.description}` : ''}
                </option>
              ))}
            </select>
            {candidates.length === 0 ? <span className="hint">Every stored version is live: store a new version first (Rule operations).</span> : null}
            {issues.version ? (
              <span className="problem" id="shadow-version-problem" role="alert">
                {issues.version}
              </span>
            ) : null}
          </div>
        )}
        <div className="field">
          <label htmlFor="shadow-reason">Reason</label>
          <textarea id="shadow-reason" name="reason" rows={2} required aria-invalid={issues.reason ? true : undefined} aria-describedby={issues.reason ? 'shadow-reason-problem' : undefined} />
          {issues.reason ? (
            <span className="problem" id="shadow-reason-problem" role="alert">
              {issues.reason}
            </span>
          ) : null}
        </div>
        <button type="submit" disabled={change.isPending || (!clearing && candidates.length === 0)}>
          {clearing ? `Stop running version ${comparison.pointer?.version ?? ''} in shadow` : 'Run in shadow'}
        </button>
      </form>
      {change.error && !(change.error instanceof ApiError && change.error.issues.length > 0) ? <p role="alert">Could not change the shadow: {change.error.message}</p> : null}
    </section>
  );
}

export function ShadowPage() {
  usePageTitle('Shadow');
  const session = useSession();
  const [cursor, setCursor] = useState<string | undefined>();
  const { data, error } = useQuery({ queryKey: ['shadow', cursor], queryFn: () => get(ShadowComparison, `/v1/rules/shadow${query({ cursor })}`) });
  return (
    <div>
      <header className="page-head">
        <h1>Shadow</h1>
        <p className="muted">
          A candidate rules version judged beside the live one on the events arriving now. What it would have done is recorded apart and acted on by nothing: no ladder, no notice, no
          statement of reasons.
        </p>
      </header>
      {error ? <p role="alert">Could not read the shadow: {error.message}</p> : null}
      {data ? (
        <>
          <section aria-labelledby="shadow-title">
            <h2 id="shadow-title">
              {data.pointer
                ? `Rules version ${data.pointer.version} in shadow beside live version ${data.liveVersion}, since ${when(data.pointer.since)}`
                : `No version in shadow; version ${data.liveVersion} is live`}
            </h2>
            {data.pointer ? (
              <p>
                Set by {data.pointer.actorName ?? data.pointer.actor}: “{data.pointer.reason}”
              </p>
            ) : null}
            {data.version !== null ? (
              <p role="status">
                It judged {data.judgedSellers} seller{data.judgedSellers === 1 ? '' : 's'}: {data.changed} would change, {data.unchanged} unchanged.
              </p>
            ) : null}
            {data.sellers.length > 0 ? (
              <table aria-label="Live and shadow outcomes per seller">
                <thead>
                  <tr>
                    <th scope="col">Seller</th>
                    <th scope="col">Live (version {data.liveVersion})</th>
                    <th scope="col">Shadow (version {data.version})</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sellers.map((row) => (
                    <tr key={row.sellerId} className={row.changed ? 'needs-decision' : undefined}>
                      <th scope="row">
                        <Link to={`/sellers/${encodeURIComponent(row.sellerId)}`}>{row.sellerId}</Link>
                      </th>
                      <OutcomeCell outcome={row.live} />
                      <OutcomeCell outcome={row.shadow} shadow />
                      <td>{row.changed ? <strong>Would change</strong> : 'Same'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : data.version !== null ? (
              <p className="muted">No seller it judged has a case, live or in shadow.</p>
            ) : null}
            {cursor || data.nextCursor ? (
              <nav aria-label="Pages" className="pager">
                {cursor ? (
                  <button type="button" onClick={() => setCursor(undefined)}>
                    First page
                  </button>
                ) : null}
                {data.nextCursor ? (
                  <button type="button" onClick={() => setCursor(data.nextCursor)}>
                    Next page
                  </button>
                ) : null}
              </nav>
            ) : null}
          </section>
          {permits(session.role, 'change-rules') ? <ShadowForm comparison={data} /> : <p className="muted">Only an admin sets or stops the shadow.</p>}
        </>
      ) : null}
    </div>
  );
}
