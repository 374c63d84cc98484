/**
 * A small ladder-shaped state machine built with the CDK, the way infra/ will build the real one:
 * Warn (Lambda) -> AwaitCoaching (Lambda with a task token, 14 days) -> Decided (Choice)
 * -> Cooldown (Wait, 7 days) -> Resolved, or -> Escalate (Lambda) -> Suspended.
 * test/ladder/fixtures/ladder-probe.asl.json is its definition as `extractStateMachines` reads it.
 */
import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Choice, Condition, DefinitionBody, Fail, IntegrationPattern, JsonPath, StateMachine, Succeed, TaskInput, Timeout, Wait, WaitTime } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { LOCAL_NAME_TAG } from '../../shared/adapters/step-functions-local/local-name';

export const LADDER_PROBE_FIXTURE = new URL('./fixtures/ladder-probe.asl.json', import.meta.url);

export function synthesizeLadderProbe(): unknown {
  const app = new App();
  const stack = new Stack(app, 'LadderProbe', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = (id: string, localName?: string): LambdaFunction => {
    const created = new LambdaFunction(stack, id, {
      code: Code.fromInline('exports.handler=async()=>({})'),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
    });
    if (localName !== undefined) Tags.of(created).add(LOCAL_NAME_TAG, localName);
    return created;
  };

  const failed = new Fail(stack, 'Failed', { error: 'LadderFailed', cause: 'a ladder step failed' });
  const suspended = new Succeed(stack, 'Suspended');
  const resolved = new Succeed(stack, 'Resolved');

  const warn = new LambdaInvoke(stack, 'Warn', {
    lambdaFunction: fn('WarnFn', 'warn'),
    retryOnServiceExceptions: false,
    resultSelector: { 'Payload.$': '$.Payload' },
    resultPath: '$.warning',
  })
    .addRetry({ errors: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'], interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2 })
    .addRetry({ errors: ['TransientError'], interval: Duration.seconds(30), maxAttempts: 3, backoffRate: 2 })
    .addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });

  const escalate = new LambdaInvoke(stack, 'Escalate', {
    lambdaFunction: fn('SuspendFn'),
    resultSelector: { 'Payload.$': '$.Payload' },
    resultPath: '$.suspension',
  })
    .addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' })
    .next(suspended);

  const awaitCoaching = new LambdaInvoke(stack, 'AwaitCoaching', {
    lambdaFunction: fn('CoachFn', 'coach'),
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: TaskInput.fromObject({ taskToken: JsonPath.taskToken, caseId: JsonPath.stringAt('$.caseId'), step: 'coach' }),
    taskTimeout: Timeout.duration(Duration.days(14)),
    resultPath: '$.coaching',
  }).addCatch(escalate, { errors: ['States.Timeout'], resultPath: '$.timeout' });

  const cooldown = new Wait(stack, 'Cooldown', { time: WaitTime.duration(Duration.days(7)) }).next(resolved);
  const decided = new Choice(stack, 'Decided').when(Condition.stringEquals('$.coaching.outcome', 'completed'), cooldown).otherwise(escalate);

  new StateMachine(stack, 'Ladder', {
    definitionBody: DefinitionBody.fromChainable(warn.next(awaitCoaching).next(decided)),
  });
  return Template.fromStack(stack).toJSON();
}
