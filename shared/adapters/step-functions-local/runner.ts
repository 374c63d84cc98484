/**
 * Runs the synthesized state machine definition in-process with aws-local-stepfunctions, adding
 * what that library lacks:
 *
 * - Lambda integrations (`arn:aws:states:::lambda:invoke`, and a bare function ARN) bound to
 *   in-process handlers by function name, with the integration's response shape
 *   (`{ Payload, StatusCode, ... }`) and its error shape (Error = errorType, Cause = JSON).
 * - `.waitForTaskToken`: `$$.Task.Token` gets a fresh token per task attempt; the handler is invoked
 *   with the payload, then the execution parks until `sendTaskSuccess` / `sendTaskFailure`, or until
 *   `TimeoutSeconds` (States.Timeout) or `HeartbeatSeconds` (States.HeartbeatTimeout) pass.
 * - Time on a `Clock`: Wait states, Retry backoff, task and execution timeouts sleep on it, so a
 *   `VirtualClock` replays weeks of ladder in milliseconds. The library's own wall-clock timers are
 *   neutralised (see `localDefinition`).
 * - Execution names: unique per runner, `start` is idempotent for a running execution with the same
 *   input, `describe`, `stop`. With a journal, names stay taken across runners: an execution that
 *   ended (succeeded, failed, timed out or was stopped) is remembered, and starting its name again
 *   is ExecutionAlreadyExists, as Step Functions answers for 90 days. Executions still running when
 *   the runner closes are not remembered: the next runner starts them afresh.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { z } from 'zod';
import { lambdaContext } from '../lambda/lambda-context';
import type { AslDefinition, AslState, JsonValue, Retrier } from './asl';
import { aslDefinitionSchema, allStates, functionNameOf, jsonValueSchema } from './asl';
import type { Clock } from './clock';
import { VirtualClock, systemClock } from './clock';

export type { Clock } from './clock';
export { VirtualClock, systemClock } from './clock';

/** An in-process stand-in for a Lambda function: the deployed handler, or a test double. */
export type LocalLambdaHandler = (event: JsonValue, context: ReturnType<typeof lambdaContext>) => unknown;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionDescription {
  readonly name: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  readonly input: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  /** Clock milliseconds. */
  readonly startDate: number;
  readonly stopDate?: number;
}

/** One entry of an execution's history: aws-local-stepfunctions' event log, stamped on the clock. */
export interface HistoryEvent {
  readonly type: string;
  readonly at: number;
  readonly stateName?: string;
  readonly stateType?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface PendingTask {
  readonly token: string;
  readonly executionName: string;
  readonly stateName: string;
  readonly functionName: string;
  readonly startedAt: number;
}

/**
 * Where a runner remembers the executions that ended, so that a runner started later (after an
 * `npm start` restart) refuses their names as Step Functions does. ./journal.ts keeps one in a file.
 */
export interface ExecutionJournal {
  /** The executions that ended, in the order they were recorded. */
  ended(): readonly ExecutionDescription[];
  record(execution: ExecutionDescription): void;
}

export interface LocalStateMachineRunnerOptions {
  /** The definition, as `extractStateMachines` returns it: one state machine, named `stateMachineName`... */
  readonly definition?: AslDefinition;
  /**
   * ...or several, by name: `start` names the one an execution runs on. Execution names are unique
   * across the runner's machines (on AWS, per machine), task tokens too (as on AWS).
   */
  readonly machines?: Readonly<Record<string, AslDefinition>>;
  /** Handlers by function name (the local name `extractStateMachines` put in each `FunctionName`). */
  readonly handlers: Readonly<Record<string, LocalLambdaHandler>>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** The name of the one machine of `definition`. @default 'local' */
  readonly stateMachineName?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Each history event as it happens (logging, the console's live view). */
  readonly onEvent?: (executionName: string, event: HistoryEvent) => void;
  /** @default none: names are remembered only as long as the runner lives */
  readonly journal?: ExecutionJournal;
  /**
   * The definitions passed `validateDefinition` where they were made (tools/local/ladder-definition.ts
   * checks each as it synthesizes it, before caching it): the library's validator is not run again.
   * It compiles its JSON schemas anew at every call (about half a second), twice per machine.
   * @default false: each definition, and its local rewrite, is validated here
   */
  readonly validated?: boolean;
}

/**
 * Checks a definition with the library's ASL validator, as deployed and as the runner rewrites it
 * (Wait -> Task): what a runner does at construction unless told it was done (`validated`).
 */
export function validateDefinition(definition: AslDefinition): void {
  new StateMachine(libraryDefinitionSchema.parse(definition));
  new StateMachine(libraryDefinitionSchema.parse(localDefinition(definition).definition));
}

/** Errors of the runner's API, named as the Step Functions API names them. */
export class StepFunctionsApiError extends Error {
  constructor(name: 'ExecutionAlreadyExists' | 'ExecutionDoesNotExist' | 'StateMachineDoesNotExist' | 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidName', message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The error a task hands to aws-local-stepfunctions. The library matches Retry/Catch `ErrorEquals`
 * against `error.name`, uses `error.message` as the Cause, and reads `isRetryable`/`isCatchable`.
 */
class StateError extends Error {
  readonly #retryable: boolean;
  readonly #catchable: boolean;

  constructor(name: string, cause: string, { retryable = true, catchable = true } = {}) {
    super(cause);
    this.name = name;
    this.#retryable = retryable;
    this.#catchable = catchable;
  }

  get isRetryable(): boolean {
    return this.#retryable;
  }

  get isCatchable(): boolean {
    return this.#catchable;
  }
}

/** Thrown into an execution that was stopped: neither retried nor caught, so it unwinds. */
const abortedError = (): StateError => new StateError('Offside.ExecutionAborted', 'execution stopped', { retryable: false, catchable: false });

/** Resource of the Task that stands in for a Wait state (see `localDefinition`). */
const WAIT_RESOURCE = 'arn:aws:states:::offside:wait';
/**
 * The library arms a wall-clock setTimeout of TimeoutSeconds (60 s when absent) around every Task;
 * the runner sets this instead, the longest setTimeout Node honours (24.8 days), and enforces the real
 * timeouts on the clock. The library clears its timer when the task settles.
 */
const LIBRARY_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const DEFAULT_FAIL_CAUSE = 'Execution failed because of a Fail state';

type TaskKind = 'lambda' | 'lambda-direct' | 'token' | 'wait';

interface TaskPlan {
  readonly stateName: string;
  readonly kind: TaskKind;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly retry: readonly Retrier[];
}

interface LocalDefinition {
  readonly definition: AslDefinition;
  readonly tasks: ReadonlyMap<string, TaskPlan>;
  readonly retryable: readonly string[];
  readonly timeoutSeconds?: number;
}

/**
 * The definition aws-local-stepfunctions runs: the same states, with
 * - every Task's TimeoutSeconds set to LIBRARY_TASK_TIMEOUT_SECONDS and HeartbeatSeconds removed
 *   (the runner enforces both on the clock);
 * - every Wait state turned into a Task (same name, InputPath, OutputPath, Next/End) whose local
 *   handler sleeps on the clock: the library's Wait only sleeps on the wall clock;
 * - `States.HeartbeatTimeout` added wherever `States.Timeout` is matched, as Step Functions does;
 * - the top-level TimeoutSeconds removed (the runner enforces it on the clock).
 */
export function localDefinition(original: AslDefinition): LocalDefinition {
  if (original.QueryLanguage === 'JSONata') throw new Error('JSONata state machines are not supported by aws-local-stepfunctions');
  const definition = aslDefinitionSchema.parse(structuredClone(original));
  const tasks = new Map<string, TaskPlan>();
  const retryable: string[] = [];
  const seen = new Set<string>();
  for (const [name, state] of allStates(definition)) {
    if (seen.has(name)) throw new Error(`state name ${name} is used twice; the local runner binds tasks by state name`);
    seen.add(name);
    if (state.Retry !== undefined) retryable.push(name);
    for (const rule of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
      if (rule.ErrorEquals.includes('States.Timeout') && !rule.ErrorEquals.includes('States.HeartbeatTimeout')) {
        rule.ErrorEquals.push('States.HeartbeatTimeout');
      }
    }
    if (state.Type === 'Task') tasks.set(name, planTask(name, state));
    if (state.Type === 'Wait') {
      tasks.set(name, { stateName: name, kind: 'wait', retry: [] });
      rewriteWait(state);
    }
  }
  const { TimeoutSeconds: timeoutSeconds, ...rest } = definition;
  return { definition: aslDefinitionSchema.parse(rest), tasks, retryable, timeoutSeconds };
}

function planTask(name: string, state: AslState): TaskPlan {
  if (state.TimeoutSecondsPath !== undefined || state.HeartbeatSecondsPath !== undefined) {
    throw new Error(`${name}: TimeoutSecondsPath/HeartbeatSecondsPath are not supported locally`);
  }
  const resource = state.Resource ?? '';
  let kind: TaskKind;
  if (/^arn:[^:]+:states:::lambda:invoke$/.test(resource)) kind = 'lambda';
  else if (/^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) kind = 'token';
  else if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) kind = 'lambda-direct';
  else throw new Error(`${name}: resource ${resource} has no local binding (only Lambda invoke, with or without a task token)`);
  const plan: TaskPlan = {
    stateName: name,
    kind,
    timeoutSeconds: state.TimeoutSeconds,
    heartbeatSeconds: state.HeartbeatSeconds,
    retry: state.Retry ?? [],
  };
  state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
  delete state.HeartbeatSeconds;
  return plan;
}

function rewriteWait(state: AslState): void {
  const parameters: Record<string, JsonValue> = { 'input.$': '$' };
  if (state.Seconds !== undefined) parameters['seconds'] = state.Seconds;
  if (state.Timestamp !== undefined) parameters['timestamp'] = state.Timestamp;
  if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
  if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
  for (const field of ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'] as const) delete state[field];
  state.Type = 'Task';
  state.Resource = WAIT_RESOURCE;
  state.Parameters = parameters;
  state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
}

const waitParametersSchema = z.object({
  input: jsonValueSchema,
  seconds: z.number().min(0).optional(),
  timestamp: z.string().optional(),
});

const lambdaParametersSchema = z.looseObject({
  FunctionName: z.string(),
  Payload: jsonValueSchema.optional(),
  InvocationType: z.enum(['RequestResponse', 'Event', 'DryRun']).optional(),
});

const libraryDefinitionSchema = z.custom<StateMachineDefinition>((value) => aslDefinitionSchema.safeParse(value).success);

const executionErrorCauseSchema = z.object({ name: z.string(), message: z.string() });

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

interface RetryBookkeeping {
  attempts: number[];
  retrying: boolean;
}

/** One state machine of a runner: its definition as run locally, and the library's machine. */
interface Machine {
  readonly name: string;
  readonly arn: string;
  readonly local: LocalDefinition;
  readonly library: StateMachine;
}

interface Execution {
  readonly name: string;
  readonly machine: Machine;
  readonly arn: string;
  readonly input: JsonValue;
  readonly inputKey: string;
  readonly startDate: number;
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  stopDate?: number;
  /** Aborted when the execution ends for any reason: cancels its sleeps and parked tasks. */
  readonly lifetime: AbortController;
  readonly history: HistoryEvent[];
  readonly retries: Map<string, RetryBookkeeping>;
  /** The token `$$.Task.Token` last produced, until a task claims it. */
  unclaimedToken?: string;
  abortLibrary: () => void;
  done: Promise<ExecutionDescription>;
}

interface ParkedTask extends PendingTask {
  readonly succeed: (output: JsonValue) => void;
  readonly fail: (error: StateError) => void;
  readonly heartbeat: () => void;
}

export class LocalStateMachineRunner {
  readonly #clock: Clock;
  readonly #machines = new Map<string, Machine>();
  readonly #handlers: Readonly<Record<string, LocalLambdaHandler>>;
  readonly #region: string;
  readonly #onEvent: LocalStateMachineRunnerOptions['onEvent'];
  readonly #executions = new Map<string, Execution>();
  readonly #journal: ExecutionJournal | undefined;
  /** Executions that ended under an earlier runner with the same journal. */
  readonly #ended = new Map<string, ExecutionDescription>();
  #closing = false;
  readonly #parked = new Map<string, ParkedTask>();
  readonly #closedTokens = new Set<string>();
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: LocalStateMachineRunnerOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#handlers = options.handlers;
    this.#region = options.region ?? 'us-east-1';
    this.#onEvent = options.onEvent;
    this.#journal = options.journal;
    for (const ended of this.#journal?.ended() ?? []) this.#ended.set(ended.name, ended);
    const definitions = { ...options.machines, ...(options.definition ? { [options.stateMachineName ?? 'local']: options.definition } : {}) };
    if (Object.keys(definitions).length === 0) throw new Error('a runner needs a definition, or machines');
    for (const [name, definition] of Object.entries(definitions)) {
      if (options.validated !== true) validateDefinition(definition);
      const local = localDefinition(definition);
      const library = new StateMachine(libraryDefinitionSchema.parse(local.definition), { validationOptions: { noValidate: true } });
      this.#machines.set(name, { name, arn: `arn:aws:states:${this.#region}:000000000000:stateMachine:${name}`, local, library });
    }
    if (this.#clock instanceof VirtualClock) this.#clock.addSettler(() => this.idle());
  }

  /**
   * Starts an execution. Like StartExecution on a standard workflow: starting a running execution's
   * name again with the same input returns that execution; any other reuse of a name throws
   * ExecutionAlreadyExists. `machine` names the state machine it runs on (needed when the runner
   * has several).
   */
  start(name: string, input: JsonValue = {}, machineName?: string): ExecutionDescription {
    const machine = this.#machineNamed(machineName);
    if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/.test(name)) throw new StepFunctionsApiError('InvalidName', `invalid execution name: ${name}`);
    const inputKey = canonicalJson(input);
    const existing = this.#executions.get(name);
    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.inputKey === inputKey) return this.#describe(existing);
      throw new StepFunctionsApiError('ExecutionAlreadyExists', `execution ${name} already exists`);
    }
    const ended = this.#ended.get(name);
    if (ended !== undefined) throw new StepFunctionsApiError('ExecutionAlreadyExists', `execution ${name} already exists (it ended ${ended.status})`);
    const execution: Execution = {
      name,
      machine,
      arn: `arn:aws:states:${this.#region}:000000000000:execution:${machine.name}:${name}`,
      input: jsonValueSchema.parse(JSON.parse(inputKey)),
      inputKey,
      startDate: this.#clock.now(),
      status: 'RUNNING',
      lifetime: new AbortController(),
      history: [],
      retries: new Map(),
      abortLibrary: () => undefined,
      done: Promise.resolve(this.#placeholder(name)),
    };
    this.#executions.set(name, execution);

    const tokens = { next: () => (execution.unclaimedToken ??= `${randomUUID()}${randomUUID()}`.replaceAll('-', '')) };
    const run = machine.library.run(execution.input, {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: this.#localHandlers(execution),
        retryIntervalOverrides: Object.fromEntries(machine.local.retryable.map((stateName) => [stateName, 0])),
      },
      context: {
        Execution: { Id: execution.arn, Name: name },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: {
          get Token(): string {
            return tokens.next();
          },
        },
      },
    });
    execution.abortLibrary = run.abort;
    void this.#record(execution, run.eventLogs);

    const timeoutSeconds = machine.local.timeoutSeconds;
    if (timeoutSeconds !== undefined) {
      this.#clock.sleep(timeoutSeconds * 1000, execution.lifetime.signal).then(
        () => this.#end(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'execution timed out' }),
        () => undefined,
      );
    }

    execution.done = run.result.then(
      (output) => {
        // null on abort (noThrowOnAbort): the status was set by stop() or the execution timeout.
        if (execution.status === 'RUNNING') this.#end(execution, 'SUCCEEDED', { output });
        return this.#describe(execution);
      },
      (failure: unknown) => {
        if (execution.status === 'RUNNING') this.#end(execution, 'FAILED', this.#failureOf(failure));
        return this.#describe(execution);
      },
    );
    return this.#describe(execution);
  }

  describe(name: string): ExecutionDescription {
    const ended = this.#ended.get(name);
    if (ended !== undefined && !this.#executions.has(name)) return ended;
    return this.#describe(this.#get(name));
  }

  /** The executions of this runner, then those an earlier runner with the same journal ended. */
  list(): ExecutionDescription[] {
    return [...[...this.#executions.values()].map((execution) => this.#describe(execution)), ...[...this.#ended.values()].filter((ended) => !this.#executions.has(ended.name))];
  }

  history(name: string): readonly HistoryEvent[] {
    return [...this.#get(name).history];
  }

  /** Resolves when the execution has ended (succeeded, failed, timed out or stopped). */
  result(name: string): Promise<ExecutionDescription> {
    const ended = this.#ended.get(name);
    if (ended !== undefined && !this.#executions.has(name)) return Promise.resolve(ended);
    return this.#get(name).done;
  }

  /** StopExecution: the execution ends ABORTED; its parked tasks and sleeps are cancelled. */
  async stop(name: string, { error, cause }: { error?: string; cause?: string } = {}): Promise<ExecutionDescription> {
    const ended = this.#ended.get(name);
    if (ended !== undefined && !this.#executions.has(name)) return ended;
    const execution = this.#get(name);
    if (execution.status === 'RUNNING') {
      this.#end(execution, 'ABORTED', { error, cause });
      execution.abortLibrary();
    }
    return execution.done;
  }

  /** Stops every running execution; a journal does not remember them, so a later runner can start them again. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(
      [...this.#executions.values()].filter((execution) => execution.status === 'RUNNING').map((execution) => this.stop(execution.name, { cause: 'runner closed' })),
    );
  }

  sendTaskSuccess(token: string, output: JsonValue): void {
    this.#parkedTask(token).succeed(jsonValueSchema.parse(JSON.parse(canonicalJson(output))));
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.#parkedTask(token).fail(new StateError(error ?? '', cause ?? ''));
  }

  sendTaskHeartbeat(token: string): void {
    this.#parkedTask(token).heartbeat();
  }

  /** Tasks waiting for a token, oldest first. */
  pendingTasks(executionName?: string): PendingTask[] {
    return [...this.#parked.values()]
      .filter((task) => executionName === undefined || task.executionName === executionName)
      .map(({ token, executionName: execution, stateName, functionName, startedAt }) => ({ token, executionName: execution, stateName, functionName, startedAt }));
  }

  /**
   * Resolves once no handler is running: every execution has ended or is parked (on a token or on
   * the clock). A VirtualClock waits for this between wake-ups.
   */
  async idle(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#inFlight === 0) return;
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    }
  }

  // --- tasks --------------------------------------------------------------------------------------

  #localHandlers(execution: Execution): LocalHandlers {
    const handlers: LocalHandlers = {};
    for (const [stateName, plan] of execution.machine.local.tasks) {
      handlers[stateName] = (input) => this.#runTask(execution, plan, jsonValueSchema.parse(input));
    }
    return handlers;
  }

  async #runTask(execution: Execution, plan: TaskPlan, input: JsonValue): Promise<JsonValue> {
    const token = execution.unclaimedToken;
    execution.unclaimedToken = undefined;
    if (execution.lifetime.signal.aborted) throw abortedError();
    const bookkeeping = execution.retries.get(plan.stateName);
    const retries: RetryBookkeeping =
      bookkeeping?.retrying === true ? bookkeeping : { attempts: plan.retry.map(() => 0), retrying: false };
    retries.retrying = false;
    execution.retries.set(plan.stateName, retries);
    try {
      switch (plan.kind) {
        case 'wait':
          return await this.#wait(execution, input);
        case 'lambda':
        case 'lambda-direct':
          return await this.#invokeLambda(execution, plan, input);
        case 'token':
          return await this.#awaitToken(execution, plan, input, token);
      }
    } catch (thrown) {
      const error = toStateError(thrown);
      if (!execution.lifetime.signal.aborted && error.isRetryable) {
        const delay = planRetry(plan.retry, retries.attempts, error.name);
        if (delay !== undefined) {
          // The library retries at once (its interval is overridden to 0): back off on the clock here.
          retries.retrying = true;
          await this.#clock.sleep(delay, execution.lifetime.signal).catch(() => {
            throw abortedError();
          });
        }
      }
      throw error;
    }
  }

  async #wait(execution: Execution, input: JsonValue): Promise<JsonValue> {
    const { input: passThrough, seconds, timestamp } = waitParametersSchema.parse(input);
    let ms = 0;
    if (seconds !== undefined) ms = seconds * 1000;
    else if (timestamp !== undefined) {
      const at = Date.parse(timestamp);
      if (Number.isNaN(at)) throw new StateError('States.Runtime', `invalid timestamp ${timestamp}`, { retryable: false, catchable: false });
      ms = at - this.#clock.now();
    }
    await this.#clock.sleep(ms, execution.lifetime.signal).catch(() => {
      throw abortedError();
    });
    return passThrough;
  }

  async #invokeLambda(execution: Execution, plan: TaskPlan, input: JsonValue): Promise<JsonValue> {
    let functionName: string;
    let payload: JsonValue;
    if (plan.kind === 'lambda-direct') {
      functionName = functionNameOf(this.#resourceOf(execution.machine, plan.stateName));
      payload = input;
    } else {
      const parameters = lambdaParametersSchema.parse(input);
      functionName = functionNameOf(parameters.FunctionName);
      payload = parameters.Payload ?? {};
    }
    const scope = new TaskScope(execution.lifetime.signal);
    try {
      const result = await new Promise<JsonValue>((resolve, reject) => {
        scope.onAbort(() => reject(abortedError()));
        this.#armTimeouts(scope, plan, reject);
        this.#invoke(functionName, payload).then(resolve, reject);
      });
      if (plan.kind === 'lambda-direct') return result;
      return {
        ExecutedVersion: '$LATEST',
        Payload: result,
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: randomUUID() },
        StatusCode: 200,
      };
    } finally {
      scope.close();
    }
  }

  async #awaitToken(execution: Execution, plan: TaskPlan, input: JsonValue, token: string | undefined): Promise<JsonValue> {
    if (token === undefined || !canonicalJson(input).includes(JSON.stringify(token))) {
      throw new StateError('States.Runtime', `${plan.stateName}: a .waitForTaskToken task must pass $$.Task.Token in its Parameters`, { retryable: false, catchable: false });
    }
    const { FunctionName, Payload } = lambdaParametersSchema.parse(input);
    const functionName = functionNameOf(FunctionName);
    const scope = new TaskScope(execution.lifetime.signal);
    try {
      return await new Promise<JsonValue>((resolve, reject) => {
        let rearmHeartbeat = (): void => undefined;
        this.#parked.set(token, {
          token,
          executionName: execution.name,
          stateName: plan.stateName,
          functionName,
          startedAt: this.#clock.now(),
          succeed: resolve,
          fail: reject,
          heartbeat: () => rearmHeartbeat(),
        });
        scope.onAbort(() => reject(abortedError()));
        rearmHeartbeat = this.#armTimeouts(scope, plan, reject);
        // The callback pattern: the invocation's result is ignored, its failure fails the task.
        this.#invoke(functionName, Payload ?? {}).catch(reject);
      });
    } finally {
      scope.close();
      this.#parked.delete(token);
      this.#closedTokens.add(token);
    }
  }

  /** TimeoutSeconds and HeartbeatSeconds on the clock; returns what re-arms the heartbeat. */
  #armTimeouts(scope: TaskScope, plan: TaskPlan, reject: (error: StateError) => void): () => void {
    if (plan.timeoutSeconds !== undefined) {
      this.#clock.sleep(plan.timeoutSeconds * 1000, scope.signal).then(
        () => reject(new StateError('States.Timeout', `${plan.stateName} timed out after ${plan.timeoutSeconds} s`)),
        () => undefined,
      );
    }
    const heartbeatSeconds = plan.heartbeatSeconds;
    if (heartbeatSeconds === undefined) return () => undefined;
    let beat: { signal: AbortSignal; abort: () => void } | undefined;
    const arm = (): void => {
      beat?.abort();
      beat = scope.child();
      this.#clock.sleep(heartbeatSeconds * 1000, beat.signal).then(
        () => reject(new StateError('States.HeartbeatTimeout', `${plan.stateName} sent no heartbeat for ${heartbeatSeconds} s`)),
        () => undefined,
      );
    };
    arm();
    return arm;
  }

  /** Runs a handler as Lambda would: a JSON payload in, a JSON result out, errors as errorType. */
  async #invoke(functionName: string, payload: JsonValue): Promise<JsonValue> {
    const handler = this.#handlers[functionName];
    if (handler === undefined) {
      throw new StateError('Lambda.ResourceNotFoundException', `no local handler bound for function ${functionName}`);
    }
    this.#inFlight += 1;
    try {
      const event = jsonValueSchema.parse(JSON.parse(canonicalJson(payload)));
      const result = await handler(event, lambdaContext(functionName, 900_000, this.#region));
      return jsonValueSchema.parse(JSON.parse(JSON.stringify(result ?? null)));
    } catch (thrown) {
      throw lambdaFunctionError(thrown);
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  #resourceOf(machine: Machine, stateName: string): string {
    const state = allStates(machine.local.definition).find(([name]) => name === stateName)?.[1];
    return state?.Resource ?? '';
  }

  // --- bookkeeping --------------------------------------------------------------------------------

  async #record(execution: Execution, events: AsyncGenerator<unknown>): Promise<void> {
    for await (const raw of events) {
      const parsed = historyEventSchema.safeParse(raw);
      if (!parsed.success) continue;
      const { type, state, Error: error, Cause: cause } = parsed.data;
      const event: HistoryEvent = {
        type,
        at: this.#clock.now(),
        ...(state === undefined ? {} : { stateName: state.name, stateType: originalType(execution.machine, state.name, state.type) }),
        ...(error === undefined ? {} : { error }),
        ...(typeof cause === 'string' ? { cause } : {}),
      };
      execution.history.push(event);
      this.#onEvent?.(execution.name, event);
    }
  }

  #failureOf(failure: unknown): { error?: string; cause?: string } {
    const parsed = executionErrorCauseSchema.safeParse(failure instanceof Error ? failure.cause : undefined);
    if (!parsed.success) return { error: 'States.Runtime', cause: String(failure) };
    const { name, message } = parsed.data;
    // A Fail state without Error/Cause: the library fills in placeholders Step Functions does not.
    return {
      error: name === 'FailStateError' ? undefined : name,
      cause: message === DEFAULT_FAIL_CAUSE ? undefined : message,
    };
  }

  #end(execution: Execution, status: Exclude<ExecutionStatus, 'RUNNING'>, details: { output?: JsonValue; error?: string; cause?: string }): void {
    execution.status = status;
    execution.stopDate = this.#clock.now();
    if (details.output !== undefined) execution.output = details.output;
    if (details.error !== undefined) execution.error = details.error;
    if (details.cause !== undefined) execution.cause = details.cause;
    execution.lifetime.abort();
    if (status === 'TIMED_OUT') execution.abortLibrary();
    if (!this.#closing) this.#journal?.record(this.#describe(execution));
  }

  #machineNamed(name: string | undefined): Machine {
    if (name === undefined) {
      const [only, ...others] = this.#machines.values();
      if (only === undefined || others.length > 0) throw new Error(`name the state machine to start on: ${[...this.#machines.keys()].join(', ')}`);
      return only;
    }
    const machine = this.#machines.get(name);
    if (machine === undefined) throw new StepFunctionsApiError('StateMachineDoesNotExist', `no state machine named ${name}`);
    return machine;
  }

  #get(name: string): Execution {
    const execution = this.#executions.get(name);
    if (execution === undefined) throw new StepFunctionsApiError('ExecutionDoesNotExist', `no execution named ${name}`);
    return execution;
  }

  #parkedTask(token: string): ParkedTask {
    const task = this.#parked.get(token);
    if (task !== undefined) return task;
    if (this.#closedTokens.has(token)) throw new StepFunctionsApiError('TaskTimedOut', 'the task of this token has already ended');
    throw new StepFunctionsApiError('InvalidToken', 'unknown task token');
  }

  #describe(execution: Execution): ExecutionDescription {
    return {
      name: execution.name,
      executionArn: execution.arn,
      status: execution.status,
      input: execution.input,
      startDate: execution.startDate,
      ...(execution.output === undefined ? {} : { output: execution.output }),
      ...(execution.error === undefined ? {} : { error: execution.error }),
      ...(execution.cause === undefined ? {} : { cause: execution.cause }),
      ...(execution.stopDate === undefined ? {} : { stopDate: execution.stopDate }),
    };
  }

  #placeholder(name: string): ExecutionDescription {
    return { name, executionArn: '', status: 'RUNNING', input: null, startDate: this.#clock.now() };
  }
}

/** The type a state had in the definition as deployed (a Wait runs locally as a Task). */
function originalType(machine: Machine, stateName: string, type: string): string {
  return machine.local.tasks.get(stateName)?.kind === 'wait' ? 'Wait' : type;
}

const historyEventSchema = z.looseObject({
  type: z.string(),
  state: z.looseObject({ name: z.string(), type: z.string() }).optional(),
  Error: z.string().optional(),
  Cause: z.unknown().optional(),
});

/** The lifetime of one task attempt: ends when the execution ends or the task settles. */
class TaskScope {
  readonly #parent: AbortSignal;
  readonly #closed = new AbortController();
  /** Aborts when the execution ends or the scope is closed: what the task's sleeps listen to. */
  readonly signal: AbortSignal;

  constructor(parent: AbortSignal) {
    this.#parent = parent;
    this.signal = AbortSignal.any([parent, this.#closed.signal]);
  }

  /** Runs `listener` if the execution ends before the scope is closed. */
  onAbort(listener: () => void): void {
    if (this.#parent.aborted) listener();
    else this.#parent.addEventListener('abort', listener, { once: true, signal: this.#closed.signal });
  }

  /** A signal that also aborts on its own controller: for a timer that is re-armed. */
  child(): { signal: AbortSignal; abort: () => void } {
    const own = new AbortController();
    return { signal: AbortSignal.any([this.signal, own.signal]), abort: () => own.abort() };
  }

  close(): void {
    this.#closed.abort();
  }
}

/**
 * The pause before the next attempt, as Step Functions computes it, or undefined when no retrier
 * applies (or its attempts are spent). Mirrors aws-local-stepfunctions' own decision, which then
 * retries at once.
 */
export function planRetry(retriers: readonly Retrier[], attempts: number[], errorName: string): number | undefined {
  for (const [index, retrier] of retriers.entries()) {
    const matches = retrier.ErrorEquals.some(
      (name) => name === errorName || name === 'States.ALL' || (name === 'States.TaskFailed' && errorName !== 'States.Timeout' && errorName !== 'States.HeartbeatTimeout'),
    );
    if (!matches) continue;
    const attempt = attempts[index] ?? 0;
    if (attempt >= (retrier.MaxAttempts ?? 3)) return undefined;
    attempts[index] = attempt + 1;
    let seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
    if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
    const ms = seconds * 1000;
    return retrier.JitterStrategy === 'FULL' ? Math.random() * ms : ms;
  }
  return undefined;
}

function toStateError(thrown: unknown): StateError {
  if (thrown instanceof StateError) return thrown;
  return new StateError('States.Runtime', thrown instanceof Error ? thrown.message : String(thrown), { retryable: false, catchable: false });
}

/** A function error as the Lambda integration reports it: Error = errorType, Cause = the JSON. */
function lambdaFunctionError(thrown: unknown): StateError {
  if (thrown instanceof StateError) return thrown;
  const errorType = thrown instanceof Error ? thrown.name : 'Error';
  const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
  const trace = thrown instanceof Error ? (thrown.stack ?? '').split('\n') : [];
  return new StateError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

/** JSON with object keys sorted: equal inputs give equal strings. */
function canonicalJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested)) return nested;
    return Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
