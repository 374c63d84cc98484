import { Link } from 'react-router';
import type { AuditPage } from '../../../shared/adapters/http/console-views';
import { formatTime, RUNG_NAMES } from '../words';

/** Audit entries, newest first; with `subjects`, the case and seller of each (the audit search). */
export function AuditTable({ entries, subjects = false }: { entries: AuditPage['entries']; subjects?: boolean }) {
  return (
    <table className={subjects ? 'audit-table' : 'compact'}>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          {subjects ? (
            <>
              <th scope="col">Case</th>
              <th scope="col">Seller</th>
            </>
          ) : null}
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.entryId}>
            <td>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </td>
            <td>
              {entry.actorName ? <span title={entry.actor}>{entry.actorName}</span> : entry.actor} <span className="muted">({entry.role})</span>
            </td>
            <td>
              {entry.action.replaceAll('-', ' ')}
              {entry.rung ? `: ${RUNG_NAMES[entry.rung]}` : ''}
            </td>
            {subjects ? (
              <>
                <td>
                  <Link to={`/cases/${encodeURIComponent(entry.caseId)}`}>{entry.caseId}</Link>
                </td>
                <td>
                  <Link to={`/sellers/${encodeURIComponent(entry.sellerId)}`}>{entry.sellerId}</Link>
                </td>
              </>
            ) : null}
            <td>{entry.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Sellers as links, comma-separated. */
export function SellerLinks({ sellers }: { sellers: readonly string[] }) {
  return (
    <>
      {sellers.map((seller, index) => (
        <span key={seller}>
          {index > 0 ? ', ' : ''}
          <Link to={`/sellers/${encodeURIComponent(seller)}`}>{seller}</Link>
        </span>
      ))}
    </>
  );
}
