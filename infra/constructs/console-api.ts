import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { AUDIT_TABLE, CASES_TABLE, EVIDENCE_TABLE, NOTICES_TABLE, RULES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { DEFAULT_RETENTION_DAYS } from '../../shared/domain/evidence';
import { stageSettings } from '../stage';
import type { Stage } from '../stage';
import { notifyingAlarm } from './alarms';
import { EXECUTIONS_WILDCARD_REASON, stateMachineArnsJson } from './enforcement-ladder';
import { acknowledgeWildcardResources } from './nag';
import { grantSendNotices } from './notice-sending';
import type { NoticeSettings } from './notice-sending';
import { OffsideFunction } from './offside-function';
import { grantTableData } from './table-access';

/** The one route reachable without a token: a load balancer's or a deploy script's liveness probe. */
export const PUBLIC_ROUTE_KEYS = ['GET /health'] as const;

export interface ConsoleApiProps {
  readonly stage: Stage;
  /** The TypeScript entry file (functions/console-api/handler.ts), exporting `handler`. */
  readonly entry: string;
  /** Issuer of the tokens the JWT authorizer accepts. */
  readonly userPool: IUserPool;
  /** The audience: the app client the console signs in through. */
  readonly userPoolClient: IUserPoolClient;
  /**
   * More app clients whose ID tokens the authorizer accepts (the web console's).
   * @default - none
   */
  readonly additionalClients?: readonly IUserPoolClient[];
  /**
   * Browser origins allowed to call the API (CORS), such as the web console's distribution.
   * @default - none: no CORS
   */
  readonly allowedOrigins?: readonly string[];
  /** Read/write: CASES_TABLE_NAME, with its indexes. */
  readonly casesTable: ITable;
  /** Read/write: EVIDENCE_TABLE_NAME. */
  readonly evidenceTable: ITable;
  /** Read/write: AUDIT_TABLE_NAME, with its indexes. */
  readonly auditTable: ITable;
  /** Read/write: NOTICES_TABLE_NAME. */
  readonly noticesTable: ITable;
  /** Read/write: RULES_TABLE_NAME (admins create versions and make one live). */
  readonly rulesTable: ITable;
  /** The ladder's state machines by starting rung: task callbacks (approve, deny, coaching completed); stop and describe their executions. */
  readonly stateMachines: Readonly<Record<Rung, IStateMachine>>;
  /** sqs:SendMessage: SELLER_EVENTS_QUEUE_URL (a seller reinstated, for instance). */
  readonly sellerEventsQueue: IQueue;
  /** sqs:SendMessage: STATEMENTS_QUEUE_URL (statements of reasons issued, for the submitter). */
  readonly statementsQueue: IQueue;
  /** Read: HANDLE_HASH_KEY_SECRET_ARN (complaint intake hashes the contact handles it stores). */
  readonly handleHashKeySecret: ISecret;
  /** ses:SendEmail as the notice sender, and the notice environment. */
  readonly notices: NoticeSettings;
  readonly alarmTopic: ITopic;
  /**
   * EVIDENCE_RETENTION_DAYS, as the consumers have it.
   * @default 400
   */
  readonly evidenceRetentionDays?: number;
  /**
   * Steady-state requests per second across the API, and the burst above it.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Retention of the API's access log.
   * @default - the stage's log retention (one month in dev, one year in prod)
   */
  readonly accessLogRetention?: RetentionDays;
}

/**
 * The console API: an HTTP API (payload v2) in front of one function. `GET /health` is public;
 * every other route (`ANY /v1/{proxy+}`, `GET /openapi.json`, `GET /ready`) needs a Cognito ID token, checked by
 * a JWT authorizer (issuer: the user pool; audience: the console's app client). The `$default`
 * stage throttles and writes a JSON access log; alarms fire on 5xx responses and function errors.
 */
export class ConsoleApi extends Construct {
  readonly function: OffsideFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: readonly HttpRoute[];
  readonly accessLog: LogGroup;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ConsoleApiProps) {
    super(scope, id);
    const settings = stageSettings(props.stage);
    const { notices } = props;

    this.function = new OffsideFunction(this, 'Function', {
      stage: props.stage,
      entry: props.entry,
      serviceName: 'console-api',
      description: 'Offside console-api: the analysts and legal console behind the HTTP API',
      timeout: Duration.seconds(29), // API Gateway's own integration limit is 30 s
      environment: {
        CASES_TABLE_NAME: props.casesTable.tableName,
        EVIDENCE_TABLE_NAME: props.evidenceTable.tableName,
        AUDIT_TABLE_NAME: props.auditTable.tableName,
        NOTICES_TABLE_NAME: props.noticesTable.tableName,
        RULES_TABLE_NAME: props.rulesTable.tableName,
        STATE_MACHINE_ARNS: stateMachineArnsJson(this, props.stateMachines),
        SELLER_EVENTS_QUEUE_URL: props.sellerEventsQueue.queueUrl,
        STATEMENTS_QUEUE_URL: props.statementsQueue.queueUrl,
        HANDLE_HASH_KEY_SECRET_ARN: props.handleHashKeySecret.secretArn,
        EVIDENCE_RETENTION_DAYS: String(props.evidenceRetentionDays ?? DEFAULT_RETENTION_DAYS),
        NOTICE_FROM_ADDRESS: notices.fromAddress,
        SES_CONFIGURATION_SET_NAME: notices.configurationSetName,
        SELLER_NOTICE_DOMAIN: notices.sellerNoticeDomain,
        BUYER_NOTICE_DOMAIN: notices.buyerNoticeDomain,
        NOTICE_CONTEST_ADDRESS: notices.noticeContestAddress,
        APPEAL_ADDRESS: notices.appealAddress,
      },
    });
    const fn = this.function.function;

    grantTableData(fn, props.casesTable, CASES_TABLE, 'read-write');
    grantTableData(fn, props.evidenceTable, EVIDENCE_TABLE, 'read-write');
    grantTableData(fn, props.auditTable, AUDIT_TABLE, 'read-write');
    grantTableData(fn, props.noticesTable, NOTICES_TABLE, 'read-write');
    grantTableData(fn, props.rulesTable, RULES_TABLE, 'read-write');
    for (const machine of Object.values(props.stateMachines)) {
      machine.grantTaskResponse(fn);
      const executions = machine.grantExecution(fn, 'states:StopExecution', 'states:DescribeExecution');
      acknowledgeWildcardResources(this.function.role, executions.principalStatements, EXECUTIONS_WILDCARD_REASON);
    }
    props.sellerEventsQueue.grantSendMessages(fn);
    props.statementsQueue.grantSendMessages(fn);
    props.handleHashKeySecret.grantRead(fn);
    grantSendNotices(this, fn, notices);

    this.api = new HttpApi(this, 'Api', {
      description: `Offside console API (${props.stage})`,
      createDefaultStage: false,
      ...(props.allowedOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ['authorization', 'content-type'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
      defaultAuthorizer: new HttpUserPoolAuthorizer('Cognito', props.userPool, {
        userPoolClients: [props.userPoolClient, ...(props.additionalClients ?? [])],
        identitySource: ['$request.header.Authorization'],
      }),
    });

    this.accessLog = new LogGroup(this, 'AccessLog', {
      retention: props.accessLogRetention ?? settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLog),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Console', fn);
    const [health] = this.api.addRoutes({
      path: '/health',
      methods: [HttpMethod.GET],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    const authorized = [
      ...this.api.addRoutes({ path: '/v1/{proxy+}', methods: [HttpMethod.ANY], integration }),
      ...this.api.addRoutes({ path: '/openapi.json', methods: [HttpMethod.GET], integration }),
      // Readiness reads the tables and queues: a token on AWS (the local platform serves it open).
      ...this.api.addRoutes({ path: '/ready', methods: [HttpMethod.GET], integration }),
    ];
    if (health === undefined) throw new Error('the /health route was not created');
    this.routes = [health, ...authorized];
    Validations.of(health).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'GET /health is the liveness probe: it answers {"status":"ok"} and reads no data, so it needs no token. Every other route has the Cognito JWT authorizer (test/infra asserts this).',
    });

    this.alarms = [
      notifyingAlarm(this, 'ServerErrorsAlarm', {
        metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description: 'The console API answered 5xx in the last 5 minutes (a function error, a timeout or throttling downstream). See the access log and the console-api log.',
      }),
      notifyingAlarm(this, 'ErrorsAlarm', {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description: 'console-api invocations failed (unhandled errors or timeouts) in the last 5 minutes.',
      }),
    ];
  }
}
