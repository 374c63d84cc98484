import { Aws, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { consoleContentSecurityPolicy } from './console-csp';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ensureConsoleBundle } from '../../console/bundle';
import { stageSettings } from '../stage';
import { wildcardResourceFinding } from './nag';
import type { Stage } from '../stage';

/** Where the console's single-page routes live: everything but its assets and its configuration. */
const SPA_ROUTES = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('/assets/') !== 0 && request.uri !== '/config.json') request.uri = '/index.html';
  return request;
}`;

export interface ConsoleHostingProps {
  readonly stage: Stage;
  /** The console's user pool (ConsoleIdentity, in the stateful stack). */
  readonly userPool: IUserPool;
  /**
   * The prefix of the hosted UI's domain, `<prefix>.auth.<region>.amazoncognito.com`; unique in
   * the region across all of AWS.
   * @default `offside-<stage>-<account id>`
   */
  readonly signInDomainPrefix?: string;
  /**
   * A domain of your own for the console, with its ACM certificate (us-east-1). With one, viewers
   * must speak TLS 1.2 or later; the default `*.cloudfront.net` certificate admits TLS 1.0.
   * @default - the distribution's cloudfront.net name
   */
  readonly customDomain?: { readonly domainName: string; readonly certificate: ICertificate };
  /**
   * A WAF web ACL (scope CLOUDFRONT, in us-east-1) in front of the console.
   * @default - none
   */
  readonly webAclId?: string;
  /**
   * The built console (console/dist); built when missing or stale.
   * @default ensureConsoleBundle().dir
   */
  readonly bundleDir?: string;
}

/**
 * The web console on AWS: its bundle in a private S3 bucket behind CloudFront (origin access
 * control, HTTPS only, HSTS and a strict content security policy), and its sign-in: the user
 * pool's hosted UI on a Cognito domain, with a public app client that only does the authorization
 * code flow (the console always sends a PKCE challenge) back to the distribution. The console
 * reads where to sign in and where the API is from /config.json, written here at deploy time.
 * Call `connectApi` once the API exists, with the clients its authorizer should accept.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly securityHeaders: ResponseHeadersPolicy;
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;
  /** https://<distribution or custom domain> */
  readonly url: string;
  private readonly props: ConsoleHostingProps;
  private readonly settings: ReturnType<typeof stageSettings>;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.props = props;
    const settings = stageSettings(props.stage);
    this.settings = settings;
    const region = Stack.of(this).region;

    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(settings.removalPolicy === RemovalPolicy.RETAIN ? 365 : 30) }],
      removalPolicy: settings.removalPolicy,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the console bucket’s and the distribution’s access logs; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Bundle', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: settings.removalPolicy,
    });

    this.domain = new UserPoolDomain(this, 'SignInDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? Fn.join('-', ['offside', props.stage, Aws.ACCOUNT_ID]) },
    });
    const signInOrigin = this.domain.baseUrl();

    this.securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Offside console: HSTS, a strict CSP, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentSecurityPolicy: {
          // The API and the token endpoint are the only other origins the console talks to.
          contentSecurityPolicy: consoleContentSecurityPolicy(Fn.join('', ['https://*.execute-api.', region, '.amazonaws.com ', signInOrigin])),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Offside console (${props.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaRoutes', { code: FunctionCode.fromInline(SPA_ROUTES), runtime: FunctionRuntime.JS_2_0, comment: 'Console pages are served by index.html' }),
          },
        ],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.customDomain
        ? { domainNames: [props.customDomain.domainName], certificate: props.customDomain.certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes; customDomain (a domain and its ACM certificate) makes viewers use TLS 1.2 or later. HTTPS is always required (HTTP redirects) and HSTS is sent.',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Analysts and lawyers work from several countries; who may use the console is decided by Cognito sign-in (MFA required), not by geography.',
    });
    if (!props.webAclId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'The distribution serves static files only; the API behind the console is throttled and needs a Cognito token. A web ACL (scope CLOUDFRONT, us-east-1) can be attached with webAclId.',
      });
    }

    this.client = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      userPoolClientName: 'offside-web-console',
      // A browser cannot keep a secret: the code flow with PKCE protects the exchange instead.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/callback`],
        logoutUrls: [`${this.url}/signin`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      authSessionValidity: Duration.minutes(5),
    });
  }

  /**
   * Uploads the bundle and its /config.json, which names the sign-in endpoints, this app client
   * and the API's URL (no trailing slash). The API must allow this console's origin (CORS) and
   * accept the client.
   */
  connectApi(apiUrl: string): BucketDeployment {
    const region = Stack.of(this).region;
    const signIn = this.domain.baseUrl();
    const issuer = `https://cognito-idp.${region}.amazonaws.com/${this.props.userPool.userPoolId}`;
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(this.props.bundleDir ?? ensureConsoleBundle().dir, { exclude: ['.inputs-sha256'] }),
        Source.jsonData('config.json', {
          issuer,
          clientId: this.client.userPoolClientId,
          authorizationEndpoint: `${signIn}/oauth2/authorize`,
          tokenEndpoint: `${signIn}/oauth2/token`,
          signOutUrl: `${signIn}/logout?client_id=${this.client.userPoolClientId}&logout_uri=${this.url}/signin`,
          environment: `Cognito (${this.props.stage})`,
          apiUrl,
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      prune: true,
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'DeploymentLog', { retention: this.settings.logRetention, removalPolicy: this.settings.removalPolicy }),
    });
    acknowledgeDeploymentHandler(deployment, this.bucket);
    return deployment;
  }
}

/**
 * The BucketDeployment's handler is CDK's own singleton function (a custom resource that copies
 * the asset into the bucket at deploy time): its runtime, managed policy and wildcards are CDK's.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, bucket: Bucket): void {
  const role = deployment.handlerRole;
  const handler = role.node.scope;
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'CDK’s BucketDeployment handler: its runtime is chosen by aws-cdk-lib and moves with it; it runs only during a deployment.',
    });
  }
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'CDK’s BucketDeployment handler writes its own logs with the basic execution role.',
  });
  const reason =
    'CDK’s BucketDeployment handler copies the console bundle from the CDK asset bucket into the console bucket (object-level wildcards on those two buckets only) and invalidates the distribution (CloudFront invalidations take no resource ARN).';
  for (const finding of ['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Resource::*']) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
  Validations.of(role).acknowledge({ id: wildcardResourceFinding(role, `${bucket.bucketArn}/*`), reason });
  Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason });
}
