/**
 * The decisions a person may take on the case, with a required reason that goes into the audit;
 * what the role may not do is not offered, and the panel says why.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ActionAvailability, CaseView } from '../../../shared/adapters/http/console-views';
import { hasVisibleCharacters, MIN_REASON_CHARACTERS } from '../../../shared/domain/visible-text';
import { ApiError, post } from '../api';
import type { DismissalChoice } from './dismissal-fields';
import { DismissalFields, NO_DISMISSAL_CHOICE, dismissalBody } from './dismissal-fields';

type Choice = {
  readonly label: string;
  readonly done: string;
  readonly path: string;
  readonly body: (reason: string) => unknown;
  readonly tone?: 'danger';
  /** Why the choice cannot be sent yet (a dismissal without its category). */
  readonly incomplete?: string;
};

function choicesFor(action: ActionAvailability['action'], view: CaseView, dismissal: DismissalChoice): Choice[] {
  const cases = `/v1/cases/${encodeURIComponent(view.case.caseId)}`;
  switch (action) {
    case 'decide-suspension':
      return [
        { label: 'Approve suspension', done: 'Suspension approved: the ladder suspends the seller and sends the notice.', path: `${cases}/suspension-decision`, body: (reason) => ({ decision: 'approve', reason }), tone: 'danger' },
        { label: 'Deny suspension', done: 'Suspension denied: the case goes back to coaching.', path: `${cases}/suspension-decision`, body: (reason) => ({ decision: 'deny', reason }) },
      ];
    case 'decide-legal-hold':
      return [
        { label: 'Approve legal hold', done: 'Legal hold approved: the evidence is frozen and sealed.', path: `${cases}/legal-hold-decision`, body: (reason) => ({ decision: 'approve', reason }), tone: 'danger' },
        { label: 'Deny legal hold', done: 'Legal hold denied.', path: `${cases}/legal-hold-decision`, body: (reason) => ({ decision: 'deny', reason }) },
      ];
    case 'record-coaching':
      return [{ label: 'Coaching done', done: 'Coaching recorded as completed.', path: `/v1/sellers/${encodeURIComponent(view.case.sellerId)}/coaching-completions`, body: (reason) => ({ note: reason }) }];
    case 'escalate':
      return view.case.requestedRung === null
        ? [{ label: 'Ask for a warning', done: 'The case now asks for a warning: the ladder starts at warn.', path: `${cases}/escalation`, body: (reason) => ({ reason }) }]
        : [{ label: 'Escalate to the next rung', done: 'The case now asks for the next rung.', path: `${cases}/escalation`, body: (reason) => ({ reason }) }];
    case 'dismiss': {
      const fields = dismissalBody(dismissal);
      return [
        {
          label: 'Dismiss the case',
          done: 'Case dismissed: its strikes are withdrawn.',
          path: `${cases}/dismissal`,
          body: (reason) => ({ reason, ...(typeof fields === 'string' ? {} : fields) }),
          tone: 'danger',
          ...(typeof fields === 'string' ? { incomplete: fields } : {}),
        },
      ];
    }
  }
}

const ACTION_NAMES: Readonly<Record<ActionAvailability['action'], string>> = {
  'decide-suspension': 'Suspension decision',
  'decide-legal-hold': 'Legal-hold decision',
  'record-coaching': 'Coaching done',
  escalate: 'Escalation',
  dismiss: 'Dismissal',
};

export function DecisionPanel({ view }: { view: CaseView }) {
  const client = useQueryClient();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [dismissal, setDismissal] = useState<DismissalChoice>(NO_DISMISSAL_CHOICE);
  const mutation = useMutation({
    mutationFn: (choice: Choice) => post(choice.path, choice.body(reason.trim())),
    onSuccess: async (_answer, choice) => {
      setDone(choice.done);
      setReason('');
      setDismissal(NO_DISMISSAL_CHOICE);
      await client.invalidateQueries();
    },
    onError: (error) => setProblem(error instanceof ApiError && error.issues.length > 0 ? error.issues.map((issue) => issue.reason).join('; ') : error.message),
  });
  const offered = view.actions.filter((action) => action.allowed);
  const withheld = view.actions.filter((action) => !action.allowed);

  const act = (choice: Choice) => {
    setDone(undefined);
    if (!hasVisibleCharacters(reason, MIN_REASON_CHARACTERS)) {
      setProblem(`Give a reason of at least ${MIN_REASON_CHARACTERS} visible characters (spaces and invisible characters do not count): it is recorded in the audit trail.`);
      document.getElementById(reasonId)?.focus();
      return;
    }
    if (choice.incomplete !== undefined) {
      setProblem(choice.incomplete);
      return;
    }
    setProblem(undefined);
    mutation.mutate(choice);
  };

  return (
    <section aria-labelledby="decide-title" className="panel decision-panel">
      <h2 id="decide-title">Decide</h2>
      {offered.length > 0 ? (
        <form onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={reasonId}>Reason (required; recorded in the audit trail)</label>
          <textarea id={reasonId} value={reason} rows={3} onChange={(event) => setReason(event.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${reasonId}-problem` : undefined} />
          {problem ? (
            <p id={`${reasonId}-problem`} className="problem" role="alert">
              {problem}
            </p>
          ) : null}
          {offered.some((action) => action.action === 'dismiss') ? <DismissalFields rules={view.case.rules} choice={dismissal} onChange={setDismissal} /> : null}
          <div className="actions">
            {offered.flatMap((action) =>
              choicesFor(action.action, view, dismissal).map((choice) => (
                <button key={choice.label} type="button" className={choice.tone === 'danger' ? 'danger' : undefined} disabled={mutation.isPending} onClick={() => act(choice)}>
                  {choice.label}
                </button>
              )),
            )}
          </div>
        </form>
      ) : (
        <p>Nothing on this case waits for you.</p>
      )}
      <div role="status" className="done">
        {done}
      </div>
      {withheld.length > 0 ? (
        <div className="withheld">
          <h3>Not offered to you</h3>
          <ul>
            {withheld.map((action) => (
              <li key={action.action}>
                <strong>{ACTION_NAMES[action.action]}</strong>: {action.why}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
