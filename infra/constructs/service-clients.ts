import { Duration } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { OAuthScope, ResourceServerScope, UserPoolClient, UserPoolResourceServer } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { SERVICE_SCOPE } from '../../shared/domain/ladder/roles';

export interface ServiceClientsProps {
  /** The console's user pool; its domain serves the token endpoint. */
  readonly userPool: IUserPool;
  /**
   * Lifetime of a machine's access token.
   * @default Duration.hours(1)
   */
  readonly tokenValidity?: Duration;
}

/**
 * Machine credentials for the console API's service routes (DSA Art. 16, 20): a resource server
 * `offside` with the scope `intake`, and one confidential app client per caller (the help centre
 * relaying buyers' complaints, the marketplace relaying sellers' appeals) allowed only the
 * client-credentials grant for that scope. Their access tokens carry `scope: offside/intake` and
 * their `client_id`, which the product reads as the service role (shared/adapters/http/auth.ts);
 * no person's group is ever in them. The API's JWT authorizer takes their client ids as audiences.
 */
export class ServiceClients extends Construct {
  readonly helpCentre: UserPoolClient;
  readonly marketplaceRelay: UserPoolClient;

  constructor(scope: Construct, id: string, props: ServiceClientsProps) {
    super(scope, id);
    const [identifier = 'offside', scopeName = 'intake'] = SERVICE_SCOPE.split('/');
    const intake = new ResourceServerScope({ scopeName, scopeDescription: "Relay buyers' complaints and sellers' appeals to the console API" });
    const server = new UserPoolResourceServer(this, 'ResourceServer', { userPool: props.userPool, identifier, scopes: [intake] });
    const client = (clientId: string) =>
      new UserPoolClient(this, clientId, {
        userPool: props.userPool,
        generateSecret: true,
        authFlows: {},
        oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(server, intake)] },
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: props.tokenValidity ?? Duration.hours(1),
      });
    this.helpCentre = client('HelpCentreClient');
    this.marketplaceRelay = client('MarketplaceRelayClient');
  }
}
