import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { SellerProfile } from '../../../shared/adapters/http/console-views';
import type { Appeal } from '../../../shared/adapters/http/console-views';
import { permits } from '../../../shared/domain/ladder/policy';
import { hasVisibleCharacters, MIN_REASON_CHARACTERS } from '../../../shared/domain/visible-text';
import { get, post } from '../api';
import { SellerLinks } from '../components/audit-table';
import { formText } from '../form';
import { usePageTitle } from '../page-title';
import { useSession } from '../session-context';
import { askedWords, formatDate, formatTime, RUNG_NAMES, waitingWords } from '../words';

function useAct(sellerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => post(`/v1/sellers/${encodeURIComponent(sellerId)}${path}`, body),
    onSuccess: () => client.invalidateQueries(),
  });
}


function RecordAppeal({ sellerId }: { sellerId: string }) {
  const act = useAct(sellerId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    act.mutate({ path: '/appeals', body: { rootCause: formText(form, 'rootCause'), actionsTaken: formText(form, 'actionsTaken'), prevention: formText(form, 'prevention') } });
  };
  return (
    <form onSubmit={submit} className="panel stacked" aria-labelledby="appeal-title">
      <h3 id="appeal-title">Record an appeal (the seller’s plan of action)</h3>
      <label>
        Root cause
        <textarea name="rootCause" required rows={2} />
      </label>
      <label>
        What was fixed
        <textarea name="actionsTaken" required rows={2} />
      </label>
      <label>
        How it will not happen again
        <textarea name="prevention" required rows={2} />
      </label>
      <button type="submit" disabled={act.isPending}>
        Record the appeal
      </button>
      {act.error ? <p role="alert">{act.error.message}</p> : null}
    </form>
  );
}

function DecideAppeal({ sellerId, appeal }: { sellerId: string; appeal: Appeal }) {
  const act = useAct(sellerId);
  const [reason, setReason] = useState('');
  const decide = (outcome: 'accepted' | 'rejected') => act.mutate({ path: `/appeals/${encodeURIComponent(appeal.appealId)}/decision`, body: { outcome, reason: reason.trim() } });
  return (
    <div className="stacked">
      <label>
        Reason (required)
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} />
      </label>
      <div className="actions">
        <button type="button" disabled={act.isPending || !hasVisibleCharacters(reason, MIN_REASON_CHARACTERS)} onClick={() => decide('accepted')}>
          Accept: reinstate the seller
        </button>
        <button type="button" disabled={act.isPending || !hasVisibleCharacters(reason, MIN_REASON_CHARACTERS)} onClick={() => decide('rejected')}>
          Reject
        </button>
      </div>
      {act.error ? <p role="alert">{act.error.message}</p> : null}
    </div>
  );
}

export function SellerPage() {
  const { sellerId = '' } = useParams();
  const session = useSession();
  usePageTitle(`Seller ${sellerId}`);
  const { data: seller, error } = useQuery({ queryKey: ['seller', sellerId], queryFn: () => get(SellerProfile, `/v1/sellers/${encodeURIComponent(sellerId)}`) });
  if (error) return <p role="alert">Could not load the seller: {error.message}</p>;
  if (!seller) return <p aria-live="polite">Loading the seller…</p>;
  const pending = seller.appeals.some((appeal) => !appeal.decision);
  return (
    <div>
      <header className="page-head">
        <h1>Seller {seller.sellerId}</h1>
        <p>
          Standing <strong className={`standing standing-${seller.standing}`}>{seller.standing}</strong>, account {seller.status}
          {seller.suspension ? ` since ${formatTime(seller.suspension.at)} (case ${seller.suspension.caseId})` : ''}.
        </p>
      </header>
      <section aria-labelledby="strikes-title">
        <h2 id="strikes-title">Strikes</h2>
        {seller.strikes.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Rung</th>
                <th scope="col">Case</th>
                <th scope="col">Applied</th>
                <th scope="col">Expires</th>
                <th scope="col">Counts</th>
              </tr>
            </thead>
            <tbody>
              {seller.strikes.map((strike) => (
                <tr key={`${strike.caseId}:${strike.rung}`}>
                  <td>{RUNG_NAMES[strike.rung]}</td>
                  <td>
                    <Link to={`/cases/${encodeURIComponent(strike.caseId)}`}>{strike.caseId}</Link>
                  </td>
                  <td>{strike.appliedAt ? formatDate(strike.appliedAt) : '–'}</td>
                  <td>{formatDate(strike.expiresAt)}</td>
                  <td>{strike.withdrawnAt ? `withdrawn ${formatDate(strike.withdrawnAt)}` : seller.activeStrikes.some((active) => active.caseId === strike.caseId && active.rung === strike.rung) ? 'yes' : 'expired'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title">Cases</h2>
        <ul>
          {seller.cases.map((item) => (
            <li key={item.caseId}>
              <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link>: {item.status}, {item.points} points, asks for {askedWords(item.requestedRung)}, waits for{' '}
              {item.waitingFor ? waitingWords({ kind: item.waitingFor.startsWith('approval') ? 'approval' : 'coaching', rung: item.waitingFor.split(':')[1] ?? '' }) : 'nothing'}
            </li>
          ))}
        </ul>
      </section>
      {seller.ringLinks.length > 0 ? (
        <section aria-labelledby="rings-title">
          <h2 id="rings-title">Linked sellers</h2>
          <ul>
            {seller.ringLinks.map((link) => (
              <li key={`${link.kind}:${link.key}`}>
                {link.kind === 'app' ? `App ${link.key}` : 'A shared contact handle'}: <SellerLinks sellers={link.sellers} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="appeals-title">
        <h2 id="appeals-title">Appeals</h2>
        {seller.appeals.length === 0 ? <p className="muted">None.</p> : null}
        <ul className="appeals">
          {seller.appeals.map((appeal) => (
            <li key={appeal.appealId} className="panel">
              <div>
                Filed {formatTime(appeal.filedAt)}
                {appeal.filedBy ? ` by ${appeal.filedBy}` : ''} about case {appeal.caseId}
              </div>
              <dl>
                <dt>Root cause</dt>
                <dd>{appeal.rootCause}</dd>
                <dt>What was fixed</dt>
                <dd>{appeal.actionsTaken}</dd>
                <dt>How it will not happen again</dt>
                <dd>{appeal.prevention}</dd>
              </dl>
              {appeal.decision ? (
                <p>
                  {appeal.decision.outcome} by {appeal.decision.by}: “{appeal.decision.reason}”
                </p>
              ) : permits(session.role, 'decide-appeal') ? (
                <DecideAppeal sellerId={seller.sellerId} appeal={appeal} />
              ) : (
                <p className="muted">Waiting for an analyst’s decision.</p>
              )}
            </li>
          ))}
        </ul>
        {seller.status === 'suspended' && !pending && permits(session.role, 'record-appeal') ? <RecordAppeal sellerId={seller.sellerId} /> : null}
        {seller.status !== 'suspended' ? <p className="muted">Only a suspended seller can appeal.</p> : null}
      </section>
    </div>
  );
}
