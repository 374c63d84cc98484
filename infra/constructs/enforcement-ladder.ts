/**
 * The enforcement ladder as one Step Functions standard workflow per (case, rung): warn, coach
 * (waits for the seller's completion, escalates after the coaching window), suspend (waits for an
 * analyst's approval; denied goes back to coaching) and legal hold (waits for the legal role's
 * approval). Every step is the same Lambda function with an `action`; human decisions and the
 * seller's completion arrive as task-token callbacks from the console API. Only transient errors
 * are retried; anything else ends the execution in `LadderFailed`, which an alarm watches.
 */
import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { COACHING_WINDOW_DAYS } from '../../shared/domain/ladder/policy';
import { LOCAL_NAME_TAG } from '../../shared/local/step-functions/asl';

/** Errors worth another try: Lambda's own throttling and service faults, and the step's TransientError. */
export const TRANSIENT_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'TransientError',
];

/** The local name the ladder's step function is bound to by the local runner. */
export const LADDER_STEP_LOCAL_NAME = 'ladder-step';

export interface EnforcementLadderProps {
  /** The function that carries out every step (functions/ladder-step). */
  readonly step: IFunction;
  /**
   * How long the seller has to complete a coaching course.
   * @default COACHING_WINDOW_DAYS (14 days)
   */
  readonly coachingWindow?: Duration;
  /**
   * How long an approval may wait before the execution fails and an alarm fires.
   * @default 30 days
   */
  readonly approvalTimeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

export class EnforcementLadder extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: EnforcementLadderProps) {
    super(scope, id);
    Tags.of(props.step).add(LOCAL_NAME_TAG, LADDER_STEP_LOCAL_NAME);

    const failed = new Fail(this, 'LadderFailed', { error: 'LadderFailed', cause: 'a ladder step failed for good' });
    const done = new Succeed(this, 'Done');

    /** A step: the function with `action`, retried on transient errors only, failures to LadderFailed. */
    const step = (name: string, action: string, resultPath: string) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: props.step,
        payload: TaskInput.fromObject({
          action,
          caseId: JsonPath.stringAt('$.caseId'),
          sellerId: JsonPath.stringAt('$.sellerId'),
          rung: JsonPath.stringAt('$.rung'),
          executionName: JsonPath.executionName,
        }),
        retryOnServiceExceptions: false,
        resultSelector: { 'Payload.$': '$.Payload' },
        resultPath,
      })
        .addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2 })
        .addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });

    /** A wait for a person: the function parks the task token on the case, a callback resumes it. */
    const waitFor = (name: string, action: string, timeout: Duration, resultPath: string) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: props.step,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          action,
          taskToken: JsonPath.taskToken,
          caseId: JsonPath.stringAt('$.caseId'),
          sellerId: JsonPath.stringAt('$.sellerId'),
          rung: JsonPath.stringAt('$.rung'),
          executionName: JsonPath.executionName,
        }),
        taskTimeout: Timeout.duration(timeout),
        retryOnServiceExceptions: false,
        resultPath,
      }).addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2 });

    const approvalTimeout = props.approvalTimeout ?? Duration.days(30);

    // warn
    const applyWarning = step('ApplyWarning', 'apply-warning', '$.applied').next(done);

    // suspend: approval, then apply or back to coaching
    const applySuspension = step('ApplySuspension', 'apply-suspension', '$.applied').next(done);
    const awaitSuspension = waitFor('AwaitSuspensionApproval', 'request-approval', approvalTimeout, '$.decision');
    const recordSuspensionDenial = step('RecordSuspensionDenial', 'record-denial', '$.denial');

    // coach: assign, wait for completion, escalate on timeout
    const assignCoaching = step('AssignCoaching', 'assign-coaching', '$.applied');
    const awaitCoaching = waitFor(
      'AwaitCoachingCompletion',
      'await-coaching',
      props.coachingWindow ?? Duration.days(COACHING_WINDOW_DAYS),
      '$.coaching',
    );
    const coachingTimedOut = step('CoachingTimedOut', 'coaching-timed-out', '$.timedOut');
    const toSuspend = coachingTimedOut.next(awaitSuspension);
    awaitCoaching.addCatch(toSuspend, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    awaitCoaching.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    const coach = assignCoaching.next(awaitCoaching).next(step('RecordCoachingCompleted', 'coaching-completed', '$.completed').next(done));

    awaitSuspension.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    awaitSuspension.next(
      new Choice(this, 'SuspensionDecision')
        .when(Condition.stringEquals('$.decision.decision', 'approve'), applySuspension)
        .otherwise(recordSuspensionDenial.next(coach)),
    );

    // legal hold: approval, then apply or leave things as they stand
    const applyLegalHold = step('ApplyLegalHold', 'apply-legal-hold', '$.applied').next(done);
    const awaitLegal = waitFor('AwaitLegalHoldApproval', 'request-approval', approvalTimeout, '$.decision');
    awaitLegal.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    awaitLegal.next(
      new Choice(this, 'LegalHoldDecision')
        .when(Condition.stringEquals('$.decision.decision', 'approve'), applyLegalHold)
        .otherwise(step('RecordLegalHoldDenial', 'record-denial', '$.denial').next(done)),
    );

    const route = new Choice(this, 'Rung')
      .when(Condition.stringEquals('$.rung', 'warn'), applyWarning)
      .when(Condition.stringEquals('$.rung', 'coach'), coach)
      .when(Condition.stringEquals('$.rung', 'suspend'), awaitSuspension)
      .when(Condition.stringEquals('$.rung', 'legal-hold'), awaitLegal)
      .otherwise(new Fail(this, 'UnknownRung', { error: 'UnknownRung', cause: 'rung must be warn, coach, suspend or legal-hold' }));

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(route),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      timeout: Duration.days(90),
    });
  }
}
