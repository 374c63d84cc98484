import type { IssuedStatement, StatementStore } from '../../ports/statement-store';

/** Statements of reasons in memory: replay and unit tests; `issued` lists them in issue order. */
export class InMemoryStatementStore implements StatementStore {
  readonly issued: IssuedStatement[] = [];
  private readonly puids = new Set<string>();

  async put(issued: IssuedStatement): Promise<{ stored: boolean }> {
    if (this.puids.has(issued.statement.puid)) return { stored: false };
    this.puids.add(issued.statement.puid);
    this.issued.push(issued);
    return { stored: true };
  }

  async byCase(caseId: string): Promise<IssuedStatement[]> {
    return this.issued.filter((issued) => issued.caseId === caseId);
  }
}
