import { useQuery } from '@tanstack/react-query';
import { CaseStatements } from '../../../shared/adapters/http/console-views';
import { get } from '../api';
import { formatDate } from '../words';

const GROUNDS: Readonly<Record<string, string>> = {
  DECISION_GROUND_INCOMPATIBLE_CONTENT: 'incompatible with the terms',
  DECISION_GROUND_ILLEGAL_CONTENT: 'illegal content',
};
const AUTOMATED: Readonly<Record<string, string>> = {
  AUTOMATED_DECISION_FULLY: 'fully automated',
  AUTOMATED_DECISION_PARTIALLY: 'partly automated, approved by a person',
  AUTOMATED_DECISION_NOT_AUTOMATED: 'not automated',
};

/** The case's statements of reasons (Art. 17 DSA), as sent to the Transparency Database. */
export function StatementOfReasons({ caseId }: { caseId: string }) {
  const { data, error } = useQuery({
    queryKey: ['statements', caseId],
    queryFn: () => get(CaseStatements, `/v1/cases/${encodeURIComponent(caseId)}/statements`),
    refetchInterval: 10_000,
  });
  if (error) return <p role="alert">Could not load the statement of reasons: {error.message}</p>;
  if (!data || data.statements.length === 0) return null;
  return (
    <section aria-labelledby="statement-title" className="panel">
      <h2 id="statement-title">Statement of reasons</h2>
      {data.statements.map(({ issuedAt, revises, statement }) => (
        <article key={statement.puid} className="statement" aria-label={`Statement ${statement.puid}`}>
          <p>
            <strong>{revises ? 'Revised: the restriction ended' : 'Account suspended'}</strong> · issued {formatDate(issuedAt)} · <span className="muted">{statement.puid}</span>
          </p>
          <dl>
            <dt>Ground</dt>
            <dd>
              {GROUNDS[statement.decision_ground] ?? statement.decision_ground}: {statement.incompatible_content_ground ?? statement.illegal_content_legal_ground}
            </dd>
            <dt>Source</dt>
            <dd>{statement.source_type === 'SOURCE_ARTICLE_16' ? 'a notice (a buyer’s complaint, Art. 16)' : 'our own initiative'}</dd>
            <dt>Automation</dt>
            <dd>
              detection {statement.automated_detection === 'Yes' ? 'automated' : 'by people'}; decision {AUTOMATED[statement.automated_decision] ?? statement.automated_decision}
            </dd>
            <dt>Applied</dt>
            <dd>
              {statement.application_date}
              {statement.end_date_account_restriction ? `, ended ${statement.end_date_account_restriction}` : ''}
            </dd>
            <dt>Facts</dt>
            <dd className="statement-facts">{statement.decision_facts}</dd>
          </dl>
        </article>
      ))}
    </section>
  );
}
