import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { BuyerComplaintInput, COMPLAINT_CHANNELS } from '../../../events/v1/complaint';
import { CaseSummary } from '../../../shared/adapters/http/console-views';
import { ApiError, post } from '../api';
import { PERMITTED, permits } from '../../../shared/domain/ladder/policy';
import { formText } from '../form';
import { usePageTitle } from '../page-title';
import { useSession } from '../session-context';
import { NotifierStanding } from '../components/notifier-standing';

const Filed = z.object({ complaintId: z.string(), reference: z.string(), counted: z.boolean(), sellerId: z.string(), case: CaseSummary.nullable() });
const CHANNEL_NAMES: Readonly<Record<string, string>> = { email: 'E-mail (outside the platform)', phone: 'Phone call', sms: 'Text message', social: 'Social network', other: 'Other' };

/** The local time of a datetime-local input now, minute precision. */
const nowLocal = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function ComplaintPage() {
  usePageTitle('Complaint intake');
  const session = useSession();
  const [issues, setIssues] = useState<Record<string, string>>({});
  const filing = useMutation({ mutationFn: async (body: BuyerComplaintInput) => Filed.parse(await post('/v1/complaints', body)) });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name);
    const received = value('receivedAt');
    const parsed = BuyerComplaintInput.safeParse({
      buyerId: value('buyerId'),
      sellerId: value('sellerId'),
      ...(value('orderId') ? { orderId: value('orderId') } : {}),
      channel: value('channel'),
      summary: value('summary'),
      receivedAt: received ? new Date(received).toISOString() : '',
    });
    if (!parsed.success) {
      setIssues(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setIssues({});
    filing.mutate(parsed.data, {
      onError: (error) => {
        if (error instanceof ApiError) setIssues(Object.fromEntries(error.issues.map((issue) => [issue.field.replace(/^body\./u, ''), issue.reason])));
      },
    });
  };

  const field = (name: string, label: string, input: React.ReactElement<{ id?: string }>, hint?: string) => (
    <div className="field">
      <label htmlFor={`complaint-${name}`}>{label}</label>
      {hint ? (
        <span className="hint" id={`complaint-${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {input}
      {issues[name] ? (
        <span className="problem" id={`complaint-${name}-problem`} role="alert">
          {issues[name]}
        </span>
      ) : null}
    </div>
  );
  const described = (name: string, hint?: boolean) => [hint ? `complaint-${name}-hint` : '', issues[name] ? `complaint-${name}-problem` : ''].filter(Boolean).join(' ') || undefined;

  if (!permits(session.role, 'file-complaint')) {
    return (
      <div className="narrow">
        <h1>Complaint intake</h1>
        <p>Complaints are taken in by the {PERMITTED['file-complaint'].join(' and ')} roles; you are signed in as {session.role}.</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <header className="page-head">
        <h1>Complaint intake</h1>
        <p className="muted">When a buyer calls or writes in about a seller contacting them outside the platform. Contact details the buyer gives are hashed before anything is stored.</p>
      </header>
      <form onSubmit={submit} noValidate className="stacked">
        {field('buyerId', 'Buyer id', <input id="complaint-buyerId" name="buyerId" required aria-invalid={issues.buyerId ? true : undefined} aria-describedby={described('buyerId')} />)}
        {field('sellerId', 'Seller id', <input id="complaint-sellerId" name="sellerId" required aria-invalid={issues.sellerId ? true : undefined} aria-describedby={described('sellerId')} />)}
        {field('orderId', 'Order id (if the buyer names one)', <input id="complaint-orderId" name="orderId" aria-describedby={described('orderId')} />)}
        {field(
          'channel',
          'How the seller reached the buyer',
          <select id="complaint-channel" name="channel" defaultValue="email" aria-describedby={described('channel')}>
            {COMPLAINT_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_NAMES[channel]}
              </option>
            ))}
          </select>,
        )}
        {field(
          'summary',
          'What the buyer says',
          <textarea id="complaint-summary" name="summary" rows={5} required aria-invalid={issues.summary ? true : undefined} aria-describedby={described('summary', true)} />,
          'In the buyer’s words: what the seller asked for or offered, and when.',
        )}
        {field('receivedAt', 'Received at (your local time)', <input id="complaint-receivedAt" name="receivedAt" type="datetime-local" defaultValue={nowLocal()} required aria-describedby={described('receivedAt')} />)}
        <button type="submit" disabled={filing.isPending}>
          File the complaint
        </button>
      </form>
      <div role="status">
        {filing.data ? (
          <p className="done">
            Complaint {filing.data.complaintId} filed against {filing.data.sellerId}.{' '}
            {filing.data.case ? (
              <>
                The seller’s open case now has {filing.data.case.points} points: <Link to={`/cases/${encodeURIComponent(filing.data.case.caseId)}`}>open the case</Link>.
              </>
            ) : (
              'The seller has no open case yet: the evidence counts toward one.'
            )}
          </p>
        ) : null}
        {filing.data ? <p>The buyer was acknowledged under reference {filing.data.reference}{filing.data.counted ? '.' : '; their complaints do not count for now, so it moves no case.'}</p> : null}
      </div>
      {filing.data && filing.variables ? <NotifierStanding buyerId={filing.variables.buyerId} /> : null}
      {filing.error && !(filing.error instanceof ApiError && filing.error.issues.length > 0) ? <p role="alert">Could not file the complaint: {filing.error.message}</p> : null}
    </div>
  );
}
