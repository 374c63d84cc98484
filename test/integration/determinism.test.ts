/**
 * The same decision whatever the delivery (issue 12): the demo stream delivered shuffled, with
 * duplicates, through several concurrent consumers per queue on DynamoDB Local and fauxqs, twice
 * with different shuffles, opens the same cases under the same ids at the same times asking for the
 * same rungs, requested at the same times, as the demo replayed in order does.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store';
import type { Case } from '../../shared/domain/cases/case';
import { replayWithState } from '../../tools/cli/replay';
import type { ConsumerHarness } from '../support/consumer-harness';
import { startConsumerHarness } from '../support/consumer-harness';

const demo = join(import.meta.dirname, '../../events/demo/marketplace.jsonl');

/** What must not depend on the delivery: each case's identity, opening time and rung requests. */
const decisions = (cases: readonly Case[]) =>
  cases
    .map((item) => ({
      sellerId: item.sellerId,
      caseId: item.caseId,
      openedAt: item.openedAt,
      requestedRung: item.requestedRung,
      rungRequestedAt: item.rungRequestedAt,
      rungRequests: (item.rungRequests ?? []).map(({ rung, at, signalId }) => ({ rung, at, signalId })),
    }))
    .sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));

/** A seeded shuffle of the lines, a tenth of them sent twice (some copies far from the first). */
function delivery(lines: readonly string[], seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const sent = lines.flatMap((line) => (next() < 0.1 ? [line, line] : [line]));
  for (let i = sent.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [sent[i], sent[j]] = [sent[j] ?? '', sent[i] ?? ''];
  }
  return sent;
}

let harness: ConsumerHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function deliveredShuffled(lines: readonly string[], seed: number): Promise<ReturnType<typeof decisions>> {
  harness = await startConsumerHarness({ consumersPerQueue: 3, visibilityTimeoutSeconds: 60, maxReceiveCount: 10 });
  const bodies = delivery(lines, seed).map((line) => JSON.parse(line) as unknown);
  // Sent in a few waves while the consumers already work, as a queue fills while it is drained.
  for (let i = 0; i < bodies.length; i += 200) await harness.send(bodies.slice(i, i + 200));
  await harness.drained(600_000);
  for (const consumer of ['ingest-reviews', 'ingest-messages', 'ingest-report-downloads'] as const) expect(await harness.deadLetters(consumer)).toEqual([]);
  const cases = await new DynamoCaseStore(harness.clients.dynamodb, harness.casesTable).listCases();
  await harness.stop();
  harness = undefined;
  return decisions(cases);
}

describe('the same decision whatever the delivery', () => {
  it('opens the same cases, at the same times, asking for the same rungs, delivered shuffled, twice and concurrently, as in order', async () => {
    const lines = readFileSync(demo, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const { deps } = await replayWithState(createInterface({ input: createReadStream(demo, { encoding: 'utf8' }), crlfDelay: Infinity }));
    const inOrder = decisions(await deps.cases.listCases());
    expect(inOrder.map((item) => item.sellerId)).toEqual(['S-COOKWELL', 'S-CUCINAFELICE', 'S-KUECHENPROFI']);

    const first = await deliveredShuffled(lines, 20260112);
    const second = await deliveredShuffled(lines, 20261202);
    expect(first).toEqual(inOrder);
    expect(second).toEqual(inOrder);
  }, 1_500_000);
});
