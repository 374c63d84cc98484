import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { CaseView } from '../../../shared/adapters/http/console-views';
import { get } from '../api';
import { AuditTable, SellerLinks } from '../components/audit-table';
import { Chronology } from '../components/chronology';
import { DecisionPanel } from '../components/decision-panel';
import { DismissalWords } from '../components/dismissal-fields';
import { EvidenceText } from '../components/evidence-text';
import { StatementOfReasons } from '../components/statement-of-reasons';
import { usePageTitle } from '../page-title';
import { age, askedWords, formatDate, formatTime, handleWords, RULE_NAMES, RUNG_NAMES, waitingWords } from '../words';

const STATE_WORDS: Readonly<Record<string, string>> = { applied: 'applied', waiting: 'waiting', ahead: 'asked for', skipped: 'skipped', 'not-asked': 'not asked for' };

function Ladder({ view }: { view: CaseView }) {
  return (
    <section aria-labelledby="ladder-title" className="panel">
      <h2 id="ladder-title">Ladder</h2>
      <ol className="ladder">
        {view.ladder.map((rung) => (
          <li key={rung.rung} className={`rung rung-${rung.state}`}>
            <div className="rung-head">
              <strong>{RUNG_NAMES[rung.rung]}</strong> <span className={`badge state-${rung.state}`}>{STATE_WORDS[rung.state]}</span>
              {rung.approver ? <span className="muted"> · needs the {rung.approver} role</span> : null}
            </div>
            {rung.appliedAt ? <div className="muted">applied {formatTime(rung.appliedAt)}</div> : null}
            {rung.waitingSince ? <div className="muted">waiting since {formatTime(rung.waitingSince)}</div> : null}
            {rung.decisions.map((decision) => (
              <div key={decision.at}>
                {decision.decision === 'approve' ? 'Approved' : 'Denied'} by {decision.actor} ({decision.role}): “{decision.reason}”
              </div>
            ))}
            {rung.notices.map((notice) => (
              <div key={notice.at} className="notice">
                Notice sent {formatTime(notice.at)}: {notice.description}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Seller({ view }: { view: CaseView }) {
  const { seller } = view;
  return (
    <section aria-labelledby="seller-title" className="panel">
      <h2 id="seller-title">Seller</h2>
      <p>
        <Link to={`/sellers/${encodeURIComponent(seller.sellerId)}`}>{seller.sellerId}</Link>: standing <strong className={`standing standing-${seller.standing}`}>{seller.standing}</strong>, account {seller.status}
        {seller.suspension ? ` since ${formatDate(seller.suspension.at)}` : ''}.
      </p>
      {seller.activeStrikes.length > 0 ? (
        <ul className="strikes">
          {seller.activeStrikes.map((strike) => (
            <li key={`${strike.caseId}:${strike.rung}`}>
              Strike: {RUNG_NAMES[strike.rung]}, expires {formatDate(strike.expiresAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No active strikes.</p>
      )}
    </section>
  );
}

function Signals({ view }: { view: CaseView }) {
  return (
    <section aria-labelledby="signals-title" className="panel">
      <h2 id="signals-title">Signals</h2>
      <ul className="signals">
        {view.signals.map((group) => (
          <li key={group.rule}>
            <div>
              <strong>{RULE_NAMES[group.rule]}</strong> ×{group.count} <span className="points">+{group.points}</span>
              <span className="muted">
                {' '}
                · {formatDate(group.firstAt)}
                {group.firstAt.slice(0, 10) !== group.lastAt.slice(0, 10) ? ` – ${formatDate(group.lastAt)}` : ''}
              </span>
            </div>
            {group.examples.map((example, index) => (
              <p key={index} className="explanation">
                <EvidenceText pieces={example} />
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Handles({ view }: { view: CaseView }) {
  if (view.handles.length === 0) return null;
  return (
    <section aria-labelledby="handles-title" className="panel">
      <h2 id="handles-title">Contact handles</h2>
      <ul className="handles">
        {view.handles.map((handle) => (
          <li key={handle.ref}>
            <span className={`chip chip-${handle.kind}`}>{handleWords(handle)}</span> in {handle.messages} message{handle.messages === 1 ? '' : 's'}
            {handle.otherSellers.length > 0 ? (
              <span>
                {' '}
                (also: <SellerLinks sellers={handle.otherSellers} />)
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AuditTrail({ view }: { view: CaseView }) {
  return (
    <section aria-labelledby="trail-title" className="panel">
      <h2 id="trail-title">Audit trail</h2>
      <AuditTable entries={view.audit} />
      <p>
        <Link to={`/audit?caseId=${encodeURIComponent(view.case.caseId)}`}>Search the audit log for this case</Link>
      </p>
    </section>
  );
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const { data: view, error } = useQuery({
    queryKey: ['case', caseId],
    queryFn: () => get(CaseView, `/v1/cases/${encodeURIComponent(caseId)}/summary`),
    // The ladder works on its own: keep what waits for whom current.
    refetchInterval: 4_000,
  });
  usePageTitle(view ? `Case of ${view.case.sellerId}` : 'Case');
  if (error) return <p role="alert">Could not load the case: {error.message}</p>;
  if (!view) return <p aria-live="polite">Loading the case…</p>;
  const { case: item } = view;
  return (
    <div className="case-page">
      <header className="page-head">
        <h1>
          Case of <Link to={`/sellers/${encodeURIComponent(item.sellerId)}`}>{item.sellerId}</Link>
        </h1>
        <p className="case-facts">
          <span className={`badge status-${item.status}`}>{item.status}</span> {item.points} points · asks for {item.requestedRung === null ? <strong>{askedWords(null)}</strong> : askedWords(item.requestedRung)} · applied: {item.appliedRung ? RUNG_NAMES[item.appliedRung] : 'nothing yet'} · waits for{' '}
          <strong>{waitingWords(item.waiting)}</strong>
          {item.waiting ? ` (${age(item.waiting.since)})` : ''} · {item.marketplace ?? 'marketplace unknown'} · opened {formatDate(item.openedAt)} · <span className="muted">{item.caseId}</span>
        </p>
        {item.review ? (
          <p className="review-reason">
            {item.requestedRung === null ? 'Opened for review' : 'Opened for review before the warning'} on {formatDate(item.review.at)}: <EvidenceText pieces={item.review.because} />
          </p>
        ) : null}
        {item.closure ? (
          <p>
            Dismissed by {item.closure.by} ({item.closure.role}) on {formatDate(item.closure.at)}: “{item.closure.reason}”
            <DismissalWords closure={item.closure} />
          </p>
        ) : null}
      </header>
      <div className="case-columns">
        <Chronology caseId={item.caseId} counts={view.timelineEntries} />
        <aside className="case-side" aria-label="Case summary">
          <DecisionPanel view={view} />
          <Seller view={view} />
          <Ladder view={view} />
          <StatementOfReasons caseId={item.caseId} />
          <Signals view={view} />
          <Handles view={view} />
          <AuditTrail view={view} />
        </aside>
      </div>
    </div>
  );
}
