/**
 * The warn rung end to end on the local stand-ins: the synthesized ladder, the ladder-step use
 * case, the SES notifier on aws-ses-v2-local with its DynamoDB ledger. SES throttles the first
 * send; the workflow retries the step, and the seller receives exactly one warning.
 */
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { SesNotifier } from '../../shared/adapters/ses/notifier';
import { decideCase } from '../../shared/domain/cases/case';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { LocalLadderWorkflow, ladderMachines } from '../../shared/adapters/step-functions-local/local-workflow';
import { ladderDefinitions } from '../../tools/local/ladder-definition';
import { LocalStateMachineRunner, VirtualClock } from '../../shared/adapters/step-functions-local/runner';
import { LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';
import { advanceLadder } from '../../shared/use-cases/advance-ladder';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { memoryLadderDeps } from '../support/ladder-deps';
import { emulatorClients, sentMail } from '../support/aws-clients';

const clients = emulatorClients();
const tableName = `ladder-notices-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(clients.dynamodb, [NOTICES_TABLE], () => tableName);
});
afterAll(() => {
  clients.dynamodb.destroy();
  clients.ses.destroy();
});

describe('the warn rung on the local stand-ins', () => {
  it('retries a throttled SES send and delivers one warning', async () => {
    let throttles = 1;
    clients.ses.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'SendEmailCommand' && throttles > 0) {
          throttles--;
          throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} });
        }
        return next(args);
      },
      { step: 'initialize', name: 'throttle-once' },
    );
    const sellerId = `S-THROTTLED-${Date.now().toString(36)}`;
    const clock = new VirtualClock(Date.parse('2026-03-01T10:00:00.000Z'));
    const deps = memoryLadderDeps({
      notifier: new SesNotifier({ ses: clients.ses, dynamodb: clients.dynamodb, tableName, from: 'Trust & Safety <ts@marketplace.example>' }),
      now: () => new Date(clock.now()),
    });
    const { cases } = deps;
    const decision = decideCase(sellerId, [
        {
          signalId: 'sig-1',
          sellerId,
          rule: 'seller-message',
          time: '2026-03-01T10:00:00.000Z',
          points: 60,
          explanation: 'On-platform message M-1 asks to remove a review for a refund.',
          evidenceIds: ['evt-1'],
          tags: ['review_manipulation', 'explicit'],
          configVersion: configVersionOf(config),
        },
      ],
      undefined,
      config,
    );
    if (decision.action !== 'open') throw new Error('expected a case');
    await cases.saveCase(decision.case);

    let calls = 0;
    const runner = new LocalStateMachineRunner({
      machines: ladderMachines(await ladderDefinitions()),
      handlers: {
        [LADDER_STEP_LOCAL_NAME]: (event) => {
          calls++;
          return ladderStep(event, deps);
        },
      },
      clock,
    });
    const name = await advanceLadder(decision.case, { cases, audit: deps.audit, workflow: new LocalLadderWorkflow(runner), now: deps.now });
    await runner.idle();
    await clock.advanceBy(60_000);
    const result = await runner.result(name ?? '');
    await runner.close();

    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toBe(2);
    const address = `${sellerId.toLowerCase()}@sellers.marketplace.example`;
    const mail = (await sentMail()).filter((item) => item.destination.to.includes(address));
    expect(mail).toHaveLength(1);
    expect((await cases.getCase(decision.case.caseId))?.applied?.rung).toBe('warn');
  }, 60_000);
});
