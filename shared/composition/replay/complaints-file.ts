/**
 * A file of buyer complaints (JSON Lines, one console intake body a line: CONTRACTS.md, "Buyer
 * complaints"), as `offside replay --complaints` and `offside evaluate --complaints` read it:
 * every valid line in the order the console received them, every invalid one with its reason.
 */
import { readFile } from 'node:fs/promises';
import { BuyerComplaintInput } from '../../../events/v1/complaint';
import { formatPath, jsonSyntaxProblem } from '../../../events/v1/parse';

export interface ReceivedComplaint {
  /** `receivedAt` in UTC, as the replay's virtual clock reads time. */
  readonly at: string;
  readonly input: BuyerComplaintInput;
  /** Its line in the file (1-based). */
  readonly line: number;
}

export interface ComplaintsFile {
  /** Valid complaints, in `receivedAt` order (file order among equal times). */
  readonly complaints: readonly ReceivedComplaint[];
  readonly rejected: readonly { readonly line: number; readonly reason: string }[];
}

/** Parses the lines of a complaints file. Blank lines are skipped. */
export function parseComplaints(text: string): ComplaintsFile {
  const complaints: ReceivedComplaint[] = [];
  const rejected: { line: number; reason: string }[] = [];
  text.split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      rejected.push({ line, reason: `not valid JSON (${jsonSyntaxProblem(error)})` });
      return;
    }
    const parsed = BuyerComplaintInput.safeParse(value);
    if (!parsed.success) {
      rejected.push({ line, reason: parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ') });
      return;
    }
    complaints.push({ at: new Date(Date.parse(parsed.data.receivedAt)).toISOString(), input: parsed.data, line });
  });
  complaints.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line - b.line));
  return { complaints, rejected };
}

export async function readComplaintsFile(path: string): Promise<ComplaintsFile> {
  return parseComplaints(await readFile(path, 'utf8'));
}
