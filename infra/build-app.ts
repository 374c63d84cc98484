/**
 * Builds the Offside CDK app. infra/app.ts (the `cdk` entry point) and the infrastructure tests
 * both call this, so the tests check exactly what `cdk synth` produces, cdk-nag included.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import type { Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { NoticeSettings } from './constructs/notice-sending';
import { bareAddress } from './constructs/notice-sending';
import { parseStage } from './stage';
import type { Stage } from './stage';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface BuildAppOptions {
  /**
   * Context values, as `-c key=value` would give them. Besides the feature flags of cdk.json:
   * `stage` (dev | prod, default dev); `account` and `region` (both, or the stacks stay
   * environment-agnostic); `alarmEmail` (comma-separated addresses subscribed to the alarm topic);
   * `marketplaceAccount` (the AWS account allowed to consume the seller-events queue); and the notice
   * settings of NOTICE_CONTEXT_KEYS (`noticeFrom`, `legalTeamAddress`, `sellerNoticeDomain`,
   * `buyerNoticeDomain`, `noticeContestAddress`, `courseUrl`, `appealAddress`), which have example defaults in dev and are required in prod.
   * @default - only what the cdk CLI passes
   */
  readonly context?: Record<string, unknown>;
  /**
   * Where the cloud assembly is written.
   * @default - cdk.out under the CLI, a temporary directory otherwise
   */
  readonly outdir?: string;
  /**
   * Function entry folders (one per function, each with handler.ts), for tests; must be inside the
   * repository (esbuild's project root).
   * @default <repository>/functions
   */
  readonly functionsDir?: string;
}

export interface OffsideApp {
  readonly app: App;
  readonly stage: Stage;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

type NoticeContext = Omit<NoticeSettings, 'configurationSetName'>;

const NOTICE_SETTING_NAMES = ['fromAddress', 'legalTeamAddress', 'sellerNoticeDomain', 'buyerNoticeDomain', 'noticeContestAddress', 'courseUrl', 'appealAddress'] as const satisfies readonly (keyof NoticeContext)[];

/** Context key of each notice setting. */
export const NOTICE_CONTEXT_KEYS: Readonly<Record<keyof NoticeContext, string>> = {
  fromAddress: 'noticeFrom',
  legalTeamAddress: 'legalTeamAddress',
  sellerNoticeDomain: 'sellerNoticeDomain',
  buyerNoticeDomain: 'buyerNoticeDomain',
  noticeContestAddress: 'noticeContestAddress',
  courseUrl: 'courseUrl',
  appealAddress: 'appealAddress',
};

/**
 * Dev defaults: the local platform's example marketplace. Nothing is delivered to `.example`
 * domains (SES cannot verify them), so a dev deployment that should send real mail sets its own.
 */
export const DEV_NOTICE_DEFAULTS: NoticeContext = {
  fromAddress: 'Marketplace Trust & Safety <trust-safety@marketplace.example>',
  legalTeamAddress: 'legal@marketplace.example',
  sellerNoticeDomain: 'sellers.marketplace.example',
  buyerNoticeDomain: 'buyers.marketplace.example',
  noticeContestAddress: 'notice-review@marketplace.example',
  courseUrl: 'https://sellercentral.marketplace.example/learn/communication-policy',
  appealAddress: 'appeals@marketplace.example',
};

function noticeSettings(app: App, stage: Stage): NoticeContext {
  const missing = NOTICE_SETTING_NAMES.filter((key) => optionalString(app, NOTICE_CONTEXT_KEYS[key]) === undefined);
  if (stage === 'prod' && missing.length > 0) {
    const flags = missing.map((key) => `-c ${NOTICE_CONTEXT_KEYS[key]}=...`).join(' ');
    throw new Error(`a prod deployment needs real notice settings: ${flags} (see docs/deploy.md)`);
  }
  const value = (key: keyof NoticeContext) => optionalString(app, NOTICE_CONTEXT_KEYS[key]) ?? DEV_NOTICE_DEFAULTS[key];
  const settings: NoticeContext = {
    fromAddress: value('fromAddress'),
    legalTeamAddress: value('legalTeamAddress'),
    sellerNoticeDomain: value('sellerNoticeDomain'),
    buyerNoticeDomain: value('buyerNoticeDomain'),
    noticeContestAddress: value('noticeContestAddress'),
    courseUrl: value('courseUrl'),
    appealAddress: value('appealAddress'),
  };
  // Fail at synth rather than at the first notice.
  bareAddress(settings.fromAddress);
  bareAddress(settings.legalTeamAddress);
  bareAddress(settings.appealAddress);
  bareAddress(settings.noticeContestAddress);
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(settings.buyerNoticeDomain)) {
    throw new Error(`context buyerNoticeDomain must be a domain name, got ${JSON.stringify(settings.buyerNoticeDomain)}`);
  }
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(settings.sellerNoticeDomain)) {
    throw new Error(`context sellerNoticeDomain must be a domain name, got ${JSON.stringify(settings.sellerNoticeDomain)}`);
  }
  if (!/^https:\/\/\S+$/.test(settings.courseUrl)) throw new Error(`context courseUrl must be an https URL, got ${JSON.stringify(settings.courseUrl)}`);
  return settings;
}

function optionalString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

export function buildApp(options: BuildAppOptions = {}): OffsideApp {
  const app = new App({ context: options.context, outdir: options.outdir });
  const stage = parseStage(app.node.tryGetContext('stage'));

  const account = optionalString(app, 'account');
  const region = optionalString(app, 'region');
  if ((account === undefined) !== (region === undefined)) {
    throw new Error('set both account and region context values, or neither (environment-agnostic stacks)');
  }
  const env: Environment | undefined = account !== undefined && region !== undefined ? { account, region } : undefined;
  const alarmEmailAddresses = (optionalString(app, 'alarmEmail') ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');

  const notices = noticeSettings(app, stage);
  const marketplaceAccountId = optionalString(app, 'marketplaceAccount');
  if (marketplaceAccountId !== undefined && !/^\d{12}$/.test(marketplaceAccountId)) {
    throw new Error(`context marketplaceAccount must be a 12-digit AWS account id, got ${JSON.stringify(marketplaceAccountId)}`);
  }

  const transparencyDatabaseEndpoint = optionalString(app, 'transparencyDatabaseEndpoint');
  if (transparencyDatabaseEndpoint !== undefined && !/^https:\/\/\S+$/.test(transparencyDatabaseEndpoint)) {
    throw new Error(`context transparencyDatabaseEndpoint must be an https URL, got ${JSON.stringify(transparencyDatabaseEndpoint)}`);
  }

  const prefix = `Offside-${stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    stackName: `${prefix}-Stateful`,
    description: `Offside (${stage}): tables, queues, evidence-bundle bucket, SES configuration set, console user pool, hash-key secret, alarm topic`,
    env,
    stage,
    alarmEmailAddresses,
    marketplaceAccountId,
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    stackName: `${prefix}-Stateless`,
    description: `Offside (${stage}): ingestion consumers, enforcement ladder, console API, alarms and dashboard`,
    env,
    stage,
    functionsDir: options.functionsDir,
    notices,
    evidenceTable: stateful.evidenceTable,
    casesTable: stateful.casesTable,
    noticesTable: stateful.noticesTable,
    auditTable: stateful.auditTable,
    rulesTable: stateful.rulesTable,
    inboundQueues: stateful.inboundQueues,
    sellerEvents: stateful.sellerEvents,
    statements: stateful.statements,
    transparencyDatabaseToken: stateful.transparencyDatabaseToken,
    transparencyDatabaseEndpoint,
    ladderStarterFailureQueue: stateful.ladderStarterFailureQueue,
    evidenceBundles: stateful.evidenceBundles,
    noticeConfigurationSetName: stateful.noticeConfigurationSetName,
    consoleUserPool: stateful.consoleUserPool,
    consoleUserPoolClient: stateful.consoleUserPoolClient,
    handleHashKeySecret: stateful.handleHashKeySecret,
    alarmTopic: stateful.alarmTopic,
  });

  Tags.of(app).add('Project', 'Offside');
  Tags.of(app).add('Stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  return { app, stage, stateful, stateless };
}
