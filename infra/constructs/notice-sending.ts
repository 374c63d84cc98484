import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** Who sends the notices, and how: the environment of every function that sends one. */
export interface NoticeSettings {
  /**
   * NOTICE_FROM_ADDRESS: the sender, optionally with a display name (`Name <address>`); its address
   * or its domain must be a verified SES identity.
   */
  readonly fromAddress: string;
  /** SES_CONFIGURATION_SET_NAME: every notice is sent through it (TLS required, suppression list, metrics). */
  readonly configurationSetName: string;
  /** SELLER_NOTICE_DOMAIN: seller notices go to <sellerId>@<domain>, the marketplace's seller relay. */
  readonly sellerNoticeDomain: string;
  /** BUYER_NOTICE_DOMAIN: notices to buyers who complained go to <buyerId>@<domain>, the marketplace's buyer-messaging relay. */
  readonly buyerNoticeDomain: string;
  /** NOTICE_CONTEST_ADDRESS: where a notifier contests a decision about their complaints. */
  readonly noticeContestAddress: string;
  /** LEGAL_TEAM_ADDRESS: where legal-hold notices go. */
  readonly legalTeamAddress: string;
  /** COURSE_URL: the coaching course a coached seller must complete. */
  readonly courseUrl: string;
  /** APPEAL_ADDRESS: where a seller may appeal, quoted in every notice. */
  readonly appealAddress: string;
}

/**
 * The bare address of a sender, with or without a display name:
 * "Trust & Safety <trust-safety@marketplace.example>" -> "trust-safety@marketplace.example".
 */
export function bareAddress(sender: string): string {
  const address = (/<([^<>]+)>\s*$/.exec(sender)?.[1] ?? sender).trim();
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) throw new Error(`not an e-mail address: ${JSON.stringify(sender)}`);
  return address;
}

/** The domain of a sender's address, lower-cased. */
export function domainOf(sender: string): string {
  const address = bareAddress(sender);
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * ses:SendEmail as the notice sender only: on the sender's identities (SES authorizes against the
 * address identity if that is verified, else its domain, so both are named) and on the configuration
 * set every notice goes through. Recipients are not IAM resources; SES checks none.
 */
export function grantSendNotices(scope: Construct, grantee: IGrantable, settings: NoticeSettings): void {
  const stack = Stack.of(scope);
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        identity(domainOf(settings.fromAddress)),
        identity(bareAddress(settings.fromAddress)),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: settings.configurationSetName,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ],
    }),
  );
}
