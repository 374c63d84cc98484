/**
 * Naming cdk-nag findings before synthesis, so each acknowledgement names exactly the wildcard it
 * excuses. cdk-nag 3 acknowledges findings one by one (`AwsSolutions-IAM5[Resource::<flattened>]`),
 * and a resource holding a token (a logical id, a pseudo parameter) is reported in cdk-nag's
 * flattened form; these helpers compute that form from the same tokens the policy uses.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** cdk-nag's flattening of a resolved CloudFormation value (cdk-nag src/utils/flatten-cfn-reference.ts). */
export function flattenCfnReference(reference: unknown): string {
  if (reference === undefined) return '';
  if (typeof reference === 'string') return reference.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (isRecord(reference)) {
    const join: unknown = reference['Fn::Join'];
    if (Array.isArray(join)) {
      const delimiter: unknown = join[0];
      const items: unknown = join[1];
      if (typeof delimiter === 'string' && Array.isArray(items)) return items.map(flattenCfnReference).join(delimiter);
    }
    if (reference['Fn::Sub'] !== undefined) return flattenCfnReference(reference['Fn::Sub']);
    const getAtt: unknown = reference['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flattenCfnReference(getAtt[0])}.${flattenCfnReference(getAtt[1])}>`;
    if (reference['Fn::ImportValue'] !== undefined) return flattenCfnReference(reference['Fn::ImportValue']);
    if (reference.Ref !== undefined) return `<${flattenCfnReference(reference.Ref)}>`;
  }
  return JSON.stringify(reference);
}

/**
 * The id of cdk-nag's AwsSolutions-IAM5 finding for a wildcard resource, as reported on a policy in
 * `scope`'s stack. Tokens must be local to that stack or pseudo parameters: a cross-stack reference
 * only becomes an import later in synthesis, so name such resources by a physical name instead.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/** Acknowledges, on the construct owning the policy (a role), the wildcard resources of `statements`. */
export function acknowledgeWildcardResources(policyOwner: IConstruct, statements: readonly PolicyStatement[], reason: string): void {
  const findings = new Set(
    statements.flatMap((statement) => statement.resources).filter((resource) => flattenCfnReference(Stack.of(policyOwner).resolve(resource)).includes('*')),
  );
  for (const resource of findings) {
    Validations.of(policyOwner).acknowledge({ id: wildcardResourceFinding(policyOwner, resource), reason });
  }
}
