import { useInfiniteQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AuditPage } from '../../../shared/adapters/http/console-views';
import { get, query } from '../api';
import { AuditTable } from '../components/audit-table';
import { formText } from '../form';
import { usePageTitle } from '../page-title';

const BY = { caseId: 'Case id', sellerId: 'Seller id', actor: 'Person' } as const;
type By = keyof typeof BY;
const isBy = (value: string | null): value is By => value !== null && value in BY;

export function AuditSearch() {
  usePageTitle('Audit');
  const [params, setParams] = useSearchParams();
  const by = (Object.keys(BY) as By[]).find((name) => params.get(name)) ?? 'caseId';
  const value = params.get(by) ?? '';
  const { data, error, fetchNextPage, hasNextPage, isFetching } = useInfiniteQuery({
    queryKey: ['audit', by, value],
    queryFn: ({ pageParam }) => get(AuditPage, `/v1/audit${query({ [by]: value, limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: value !== '',
  });
  const entries = data?.pages.flatMap((page) => page.entries) ?? [];

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = formText(form, 'by');
    const text = formText(form, 'value');
    if (isBy(field) && text) setParams({ [field]: text });
  };

  return (
    <div>
      <header className="page-head">
        <h1>Audit</h1>
        <p className="muted">Who did what, when and why: every ladder transition and every decision, newest first. Entries are never edited or deleted.</p>
      </header>
      <form className="filters" onSubmit={search} role="search" key={params.toString()}>
        <label>
          Search by
          <select name="by" defaultValue={by}>
            {(Object.keys(BY) as By[]).map((name) => (
              <option key={name} value={name}>
                {BY[name]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input name="value" defaultValue={value} required placeholder="case_…, S-…, or a user" />
        </label>
        <button type="submit">Search</button>
      </form>
      {error ? <p role="alert">Could not search the audit log: {error.message}</p> : null}
      {value && data ? (
        <p aria-live="polite" className="muted">
          {entries.length} entr{entries.length === 1 ? 'y' : 'ies'} for {BY[by].toLowerCase()} {value}
          {hasNextPage ? ' (more below)' : ''}
        </p>
      ) : null}
      {entries.length > 0 ? (
        <AuditTable entries={entries} subjects />
      ) : null}
      {hasNextPage ? (
        <button type="button" disabled={isFetching} onClick={() => void fetchNextPage()}>
          Older entries
        </button>
      ) : null}
    </div>
  );
}
