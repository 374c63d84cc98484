/**
 * Issue 16's seed journey on the real `npm start` platform (a child process, on free ports, in
 * memory, with the demo): the buyer's complaint relayed by the help centre is acknowledged through
 * the buyer relay; the case is decided (a suspension approved by one analyst); the buyer is told
 * the outcome once; the seller is suspended with a statement of reasons the Transparency
 * Database's stand-in (started by `npm start`) accepted from the submitter; the seller's appeal,
 * relayed by the marketplace, is refused to the approver and accepted by a second person; the
 * revised statement is accepted by the stand-in too.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CAST } from '../../events/demo/cast';
import { Appeal, SellerProfile } from '../../shared/adapters/http/console-views';
import { statementPuid } from '../../shared/domain/dsa/statement';
import { DEVELOPMENT_TRANSPARENCY_TOKEN } from '../../tools/local/transparency-database';
import { cliToken, consoleClient, eventually } from '../support/console-client';
import { freePort } from '../support/free-port';

const root = join(import.meta.dirname, '../..');
const SEED = DEMO_CAST.seed;
const BUYER_RELAY = `${SEED.buyerId}@buyers.marketplace.example`;
const scratch = mkdtempSync(join(tmpdir(), 'offside-dsa-journey-'));
let child: ChildProcess;
let output = '';

function waitForOutput(pattern: RegExp, timeoutMillis: number): Promise<RegExpMatchArray> {
  return eventually(async () => output.match(pattern) ?? undefined, `${String(pattern)} in the output of npm start:\n${output}`, timeoutMillis);
}

beforeAll(async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'local', '--in-memory'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), OFFSIDE_LOCAL_PLATFORM_FILE: join(scratch, 'local-platform.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForOutput(/offside local: running/, 240_000);
}, 300_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(scratch, { recursive: true, force: true });
}, 30_000);

const Mail = z.object({ emails: z.array(z.looseObject({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) });
const CasePage = z.object({ cases: z.array(z.looseObject({ caseId: z.string(), waitingFor: z.string().nullable(), appliedRung: z.string().nullable() })) });

describe('the seed journey on npm start (issue 16)', () => {
  it('acknowledges the buyer, decides, tells the buyer once, suspends with an accepted statement, and revises it on a second person’s appeal decision', async () => {
    const [, console] = output.match(/console API\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    const [, ses] = output.match(/SES mail\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    const [, database] = output.match(/DSA database\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    expect(console && ses && database, output).toBeTruthy();
    const api = consoleClient(console ?? '');
    const [helpCentre, marketplace, ana, bob] = await Promise.all([cliToken('service', 'help-centre'), cliToken('service', 'marketplace-relay'), cliToken('analyst', 'ana'), cliToken('analyst', 'bob')]);
    const mailTo = async (address: string) => Mail.parse(await (await fetch(`${ses ?? ''}/store`)).json()).emails.filter((mail) => mail.destination.to.includes(address));
    const heldByDatabase = async (puid: string) =>
      (await fetch(`${database ?? ''}/api/v1/statement/existing-puid/${puid}`, { headers: { authorization: `Bearer ${DEVELOPMENT_TRANSPARENCY_TOKEN}` }, redirect: 'manual' })).status === 302;

    // 1. The buyer's complaint, relayed by the help centre with its machine token: acknowledged at once.
    const complaint = await api.call('POST', '/v1/service/complaints', {
      token: helpCentre,
      body: {
        buyerId: SEED.buyerId,
        sellerId: SEED.sellerId,
        orderId: SEED.orderId,
        channel: 'email',
        summary: 'After my 1-star review the seller e-mailed me at jane.doe@example.com offering a $40 gift card to remove it.',
        receivedAt: SEED.complaintReceivedAt,
      },
    });
    expect(complaint.status, complaint.text).toBe(201);
    expect(complaint.text).not.toContain('jane.doe@example.com');
    const { reference, counted } = z.object({ reference: z.string(), counted: z.boolean() }).parse(complaint.body);
    expect(counted).toBe(true);
    const acknowledged = await eventually(async () => {
      const mails = (await mailTo(BUYER_RELAY)).filter((mail) => mail.subject === `We received your report (reference ${reference})`);
      return mails.length > 0 ? mails : undefined;
    }, 'the acknowledgement in the buyer relay');
    expect(acknowledged).toHaveLength(1);

    // 2. The case is decided: one analyst approves the suspension the ladder asks for.
    const seedCase = async () => CasePage.parse((await api.call('GET', `/v1/cases?sellerId=${SEED.sellerId}`, { token: ana })).body).cases[0];
    const waiting = await eventually(async () => {
      const item = await seedCase();
      return item?.waitingFor === 'approval:suspend' ? item : undefined;
    }, 'the seed case to wait for a suspension approval', 120_000);
    const approved = await api.call('POST', `/v1/cases/${waiting.caseId}/suspension-decision`, {
      token: ana,
      body: { decision: 'approve', reason: 'targeted look-ups, repeated off-platform offers, buyer complaint' },
    });
    expect(approved.status, approved.text).toBe(200);
    await eventually(async () => ((await api.read(SellerProfile, `/v1/sellers/${SEED.sellerId}`, ana)).status === 'suspended' ? true : undefined), 'the seed seller suspended');

    // 3. The statement of reasons reached the stand-in through the statements queue and the submitter.
    const puid = statementPuid(waiting.caseId);
    await eventually(async () => ((await heldByDatabase(puid)) ? true : undefined), `the stand-in to hold ${puid}`);
    expect(await heldByDatabase(statementPuid(waiting.caseId, true))).toBe(false);

    // 4. The seller's appeal, relayed by the marketplace: the approver may not decide it; a second person does.
    const filed = await api.call('POST', `/v1/service/sellers/${SEED.sellerId}/appeals`, {
      token: marketplace,
      body: { rootCause: 'A contractor ran our review outreach', actionsTaken: 'We ended the contract and removed the app', prevention: 'Only platform messaging from now on' },
    });
    expect(filed.status, filed.text).toBe(201);
    const appeal = Appeal.parse(filed.body);
    const decide = (token: string) => api.call('POST', `/v1/sellers/${SEED.sellerId}/appeals/${appeal.appealId}/decision`, { token, body: { outcome: 'accepted', reason: 'credible plan of action' } });
    const byApprover = await decide(ana);
    expect(byApprover.status).toBe(403);
    expect(byApprover.text).toContain('Art. 20');
    const bySecond = await decide(bob);
    expect(bySecond.status, bySecond.text).toBe(200);
    expect(Appeal.parse(bySecond.body).decision).toMatchObject({ outcome: 'accepted', by: 'bob' });
    await eventually(async () => ((await api.read(SellerProfile, `/v1/sellers/${SEED.sellerId}`, bob)).status === 'active' ? true : undefined), 'the seed seller reinstated');

    // 5. The revised statement (the restriction's end) is accepted by the stand-in too.
    await eventually(async () => ((await heldByDatabase(statementPuid(waiting.caseId, true))) ? true : undefined), 'the stand-in to hold the revised statement');

    // The buyer was told the outcome once, in the words the policy allows, however many rungs followed.
    const told = (await mailTo(BUYER_RELAY)).filter((mail) => mail.subject.startsWith(`Your report ${reference}`));
    expect(told.map((mail) => mail.subject)).toEqual([`Your report ${reference}: we took action`]);

    // Who did what, in the audit.
    const audit = z.object({ entries: z.array(z.looseObject({ actor: z.string(), action: z.string() })) }).parse((await api.call('GET', `/v1/audit?caseId=${waiting.caseId}&limit=500`, { token: bob })).body);
    const said = audit.entries.map((entry) => `${entry.actor}:${entry.action}`);
    expect(said).toEqual(expect.arrayContaining(['ana:approved', 'system:statement-issued']));
    expect(said.filter((entry) => entry === 'system:statement-issued')).toHaveLength(2);
  }, 400_000);
});
