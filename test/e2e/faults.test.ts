/**
 * The local platform when its stand-ins die mid-stream: DynamoDB Local killed (SIGKILL, as a
 * crash) and the SQS emulator stopped, each while events are being sent, then each brought back
 * on the same port with its state (the platform keeps it on disk, as `npm start` does). While a
 * dependency is down, readiness says which and the console answers 503 (liveness stays 200), the
 * platform says so and its consumers wait; afterwards nothing is lost and nothing is doubled, and
 * whatever reached a dead-letter queue carries its reason and goes back with `offside redrive`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { INBOUND_QUEUES } from '../../shared/adapters/sqs/queues';
import type { OffsideEvent } from '../../events/v1/schemas';
import { ReadinessSchema } from '../../shared/use-cases/check-readiness';
import { redrive } from '../../tools/cli/redrive';
import type { LocalPlatform } from '../../tools/local/platform';
import { startLocalPlatform } from '../../tools/local/platform';
import { cliToken, eventually } from '../support/console-client';
import { messageSent, reportDownloaded, reviewPosted } from '../support/events';
import { freePort } from '../support/free-port';
import { scanTable, sendToQueues } from '../support/platform-io';

const dataDir = mkdtempSync(join(tmpdir(), 'offside-faults-'));
let platform: LocalPlatform;
let analyst = '';
const said: string[] = [];

beforeAll(async () => {
  platform = await startLocalPlatform({ dataDir, port: await freePort(), say: (line) => said.push(line) });
  analyst = await cliToken('analyst', 'ana');
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A stream of events of every type, for sellers of its own. */
function stream(prefix: string, count: number): OffsideEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const sellerId = `S-${prefix}-${i % 5}`;
    if (i % 3 === 0) return reviewPosted({ sellerId });
    if (i % 3 === 1) return messageSent({ sellerId, body: `Order ${i} is on its way.` });
    return reportDownloaded({ sellerId, orderIds: [`O-${prefix}-${i}`] });
  });
}

async function readiness() {
  const answer = await fetch(`${platform.consoleUrl}/ready`);
  return { status: answer.status, body: ReadinessSchema.parse(await answer.json()) };
}

const stateOf = (body: { dependencies: { name: string; state: string }[] }) => Object.fromEntries(body.dependencies.map((dependency) => [dependency.name, dependency.state]));

/**
 * After the stream: every dead letter has its reason and goes back with a redrive; then the
 * evidence holds each event exactly once.
 */
async function expectEachEventStoredOnce(events: readonly OffsideEvent[]) {
  await platform.drained(120_000);
  const dead = Object.values(await platform.deadLetters()).flat();
  for (const letter of dead) expect(letter.reason, letter.body.slice(0, 120)).toMatch(/\S/u);
  if (dead.length > 0) {
    for (const queue of INBOUND_QUEUES) await redrive(platform.clients.sqs, { queueName: queue.name });
    await platform.drained(120_000);
  }
  const sent = new Set(events.map((event) => event.id));
  // Records only: a negative posting's index item (NEGATIVE#) carries its event id too.
  const stored = (await scanTable(platform.clients.dynamodb, EVIDENCE_TABLE.name))
    .filter((item) => !String(item.sk).startsWith('NEGATIVE#'))
    .map((item) => String(item.eventId))
    .filter((id) => sent.has(id));
  expect(stored.length, 'evidence items of the events sent').toBe(sent.size);
  expect(new Set(stored).size, 'distinct events stored').toBe(sent.size);
}

describe('the local platform through its stand-ins’ faults', () => {
  it('is ready, with each dependency up, before anything fails', async () => {
    expect(await readiness()).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(stateOf((await readiness()).body)).toEqual({ dynamodb: 'up', sqs: 'up', ses: 'up' });
  });

  it('DynamoDB Local killed mid-stream: readiness and the console say so while it lasts; nothing lost or doubled after', async () => {
    const events = stream('DDB', 60);
    await sendToQueues(platform, events.slice(0, 20));
    await platform.emulators.dynamodb.stop('SIGKILL');
    await sendToQueues(platform, events.slice(20, 40));

    const down = await eventually(async () => {
      const answer = await readiness();
      return answer.status === 503 ? answer : undefined;
    }, 'readiness to report the outage', 15_000);
    expect(stateOf(down.body)).toEqual({ dynamodb: 'down', sqs: 'up', ses: 'up' });
    expect(down.body.dependencies.find((dependency) => dependency.name === 'dynamodb')?.reason).toMatch(/ECONNREFUSED/u);
    expect((await fetch(`${platform.consoleUrl}/health`)).status).toBe(200);
    const cases = await fetch(`${platform.consoleUrl}/v1/cases`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(cases.status).toBe(503);
    expect(await cases.json()).toMatchObject({ error: 'unavailable' });
    await eventually(async () => (said.some((line) => /consumers paused while dynamodb is down/u.test(line)) ? true : undefined), 'the platform to say so', 10_000);
    expect(said).toContainEqual(expect.stringMatching(/^offside local: dynamodb is down \(.*ECONNREFUSED/u));

    await platform.emulators.dynamodb.start();
    await eventually(async () => ((await readiness()).status === 200 ? true : undefined), 'readiness to recover', 30_000);
    await eventually(async () => (said.includes('offside local: consumers resumed') ? true : undefined), 'the platform to resume', 10_000);
    expect(said).toContainEqual('offside local: dynamodb is back');
    await sendToQueues(platform, events.slice(40));
    await expectEachEventStoredOnce(events);
  }, 180_000);

  it('the SQS emulator stopped mid-stream: readiness says so while it lasts; nothing lost or doubled after', async () => {
    const events = stream('SQS', 60);
    await sendToQueues(platform, events.slice(0, 20));
    await platform.emulators.sqs.stop();
    // The producer keeps trying, as a producer does, while the queue service is away.
    const sending = sendToQueues(platform, events.slice(20, 40), { retryForMillis: 60_000 });

    const down = await eventually(async () => {
      const answer = await readiness();
      return answer.status === 503 ? answer : undefined;
    }, 'readiness to report the outage', 15_000);
    expect(stateOf(down.body)).toMatchObject({ dynamodb: 'up', sqs: 'down' });
    await eventually(async () => (said.some((line) => /consumers paused while sqs is down/u.test(line)) ? true : undefined), 'the platform to say so', 10_000);

    await platform.emulators.sqs.start();
    await sending;
    await eventually(async () => ((await readiness()).status === 200 ? true : undefined), 'readiness to recover', 30_000);
    await eventually(async () => (said.includes('offside local: sqs is back') ? true : undefined), 'the platform to say it is back', 10_000);
    await sendToQueues(platform, events.slice(40));
    await expectEachEventStoredOnce(events);
  }, 180_000);
});
