/**
 * Issues the statement of reasons of a restriction (Art. 17 DSA): the suspension of a seller, or
 * its end (an accepted appeal, a dismissed case), which revises the suspension's statement. The
 * statement is stored with the case once per puid and its issue audited once; the submitter sends
 * it to the Transparency Database (Art. 24(5)) from the store's outbox (./submit-statements.ts).
 */
import type { Case } from '../domain/cases/case';
import type { RestrictionEnd } from '../domain/dsa/statement';
import { statementPuid, suspensionStatement } from '../domain/dsa/statement';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import { NotFoundError } from './errors';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import type { IssuedStatement, StatementStore } from '../ports/statement-store';

export interface IssueStatementDeps {
  readonly statements: StatementStore;
  readonly audit: AuditLog;
}

async function issue(issued: IssuedStatement, deps: IssueStatementDeps): Promise<IssuedStatement> {
  await deps.statements.put(issued);
  await recordOnce(deps.audit, {
    entryId: auditEntryIdFor({ caseId: issued.caseId, action: 'statement-issued', at: issued.statement.puid }),
    at: issued.issuedAt,
    actor: 'system',
    role: 'system',
    action: 'statement-issued',
    caseId: issued.caseId,
    sellerId: issued.sellerId,
    rung: 'suspend',
    reason: `statement of reasons ${issued.statement.puid}`,
    evidenceIds: [],
  });
  return issued;
}

/** The statement of the suspension `item` applied at `at` (approved by a person, as the ladder requires). */
export async function issueSuspensionStatement(item: Case, at: string, deps: IssueStatementDeps): Promise<IssuedStatement> {
  const stored = (await deps.statements.byCase(item.caseId)).find((issued) => issued.statement.puid === statementPuid(item.caseId));
  if (stored) return stored;
  return issue({ caseId: item.caseId, sellerId: item.sellerId, issuedAt: at, statement: suspensionStatement({ item, appliedAt: at, approvedByPerson: true }) }, deps);
}

/**
 * The revision of the case's suspension statement when the restriction ends; undefined when the
 * case never suspended anyone (nothing was restricted, so nothing is stated).
 */
export async function issueRestrictionEnd(item: Case, ended: RestrictionEnd, deps: IssueStatementDeps): Promise<IssuedStatement | undefined> {
  const statements = await deps.statements.byCase(item.caseId);
  const original = statements.find((issued) => issued.statement.puid === statementPuid(item.caseId));
  if (!original) return undefined;
  const revised = statements.find((issued) => issued.statement.puid === statementPuid(item.caseId, true));
  if (revised) return revised;
  const statement = suspensionStatement({ item, appliedAt: `${original.statement.application_date}T00:00:00.000Z`, approvedByPerson: true, ended });
  return issue({ caseId: item.caseId, sellerId: item.sellerId, issuedAt: ended.at, revises: original.statement.puid, statement }, deps);
}

/** The case's statements, oldest first, for the console; a case that does not exist is a NotFoundError. */
export async function caseStatements(caseId: string, deps: { readonly cases: Pick<CaseStore, 'getCase'>; readonly statements: StatementStore }): Promise<IssuedStatement[]> {
  if (!(await deps.cases.getCase(caseId))) throw new NotFoundError(`no case ${caseId}`);
  return deps.statements.byCase(caseId);
}
