/**
 * Amazon States Language as the CDK synthesizes it, read back out of a CloudFormation template so
 * the local platform, the tests and `offside replay` run the very definition that is deployed.
 *
 * The CDK renders a state machine as `DefinitionString: { "Fn::Join": ["", [text, token, text, ...]] }`
 * where the tokens are `{ "Ref": ... }` / `{ "Fn::GetAtt": [...] }` (function ARNs, the partition).
 * Extraction resolves every token to a fixed local string; a Lambda function becomes
 * `arn:aws:lambda:<region>:<account>:function:<localName>`, so the runner binds handlers by function
 * (its local name), never by state name.
 */
import { z } from 'zod';
import { LOCAL_NAME_TAG } from './local-name';

export const jsonValueSchema = z.json();
export type JsonValue = z.infer<typeof jsonValueSchema>;

export const retrierSchema = z.looseObject({
  ErrorEquals: z.array(z.string()).min(1),
  IntervalSeconds: z.number().int().min(1).optional(),
  MaxAttempts: z.number().int().min(0).optional(),
  BackoffRate: z.number().min(1).optional(),
  MaxDelaySeconds: z.number().int().min(1).optional(),
  JitterStrategy: z.enum(['NONE', 'FULL']).optional(),
});
export type Retrier = z.infer<typeof retrierSchema>;

export const catcherSchema = z.looseObject({
  ErrorEquals: z.array(z.string()).min(1),
  Next: z.string(),
  ResultPath: z.string().nullable().optional(),
});

export const STATE_TYPES = ['Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice', 'Succeed', 'Fail'] as const;

/**
 * One state. Only the fields the local runner reads are typed; everything else is kept as is
 * (`looseObject`) and validated by aws-local-stepfunctions' own ASL validator.
 */
export const aslStateSchema = z.looseObject({
  Type: z.enum(STATE_TYPES),
  Comment: z.string().optional(),
  Next: z.string().optional(),
  End: z.boolean().optional(),
  Resource: z.string().optional(),
  Parameters: jsonValueSchema.optional(),
  TimeoutSeconds: z.number().int().min(1).optional(),
  TimeoutSecondsPath: z.string().optional(),
  HeartbeatSeconds: z.number().int().min(1).optional(),
  HeartbeatSecondsPath: z.string().optional(),
  Retry: z.array(retrierSchema).optional(),
  Catch: z.array(catcherSchema).optional(),
  Seconds: z.number().min(0).optional(),
  Timestamp: z.string().optional(),
  SecondsPath: z.string().optional(),
  TimestampPath: z.string().optional(),
  InputPath: z.string().nullable().optional(),
  OutputPath: z.string().nullable().optional(),
  get Branches() {
    return z.array(aslDefinitionSchema).optional();
  },
  get Iterator() {
    return aslDefinitionSchema.optional();
  },
  get ItemProcessor() {
    return aslDefinitionSchema.optional();
  },
});
export type AslState = z.infer<typeof aslStateSchema>;

export const aslDefinitionSchema = z.looseObject({
  Comment: z.string().optional(),
  StartAt: z.string(),
  TimeoutSeconds: z.number().int().min(1).optional(),
  QueryLanguage: z.enum(['JSONPath', 'JSONata']).optional(),
  get States() {
    return z.record(z.string(), aslStateSchema);
  },
});
export type AslDefinition = z.infer<typeof aslDefinitionSchema>;

/** Every state of a definition, including those inside Parallel branches and Map processors. */
export function allStates(definition: AslDefinition): [string, AslState][] {
  const found: [string, AslState][] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    found.push([name, state]);
    for (const branch of state.Branches ?? []) found.push(...allStates(branch));
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor !== undefined) found.push(...allStates(processor));
  }
  return found;
}

// --- CloudFormation -------------------------------------------------------------------------------

const refSchema = z.strictObject({ Ref: z.string() });
const getAttSchema = z.strictObject({
  'Fn::GetAtt': z.union([z.tuple([z.string(), z.string()]), z.string().regex(/^[^.]+\..+$/)]),
});
/** The intrinsic functions the CDK puts inside a rendered definition. */
export const cfnTokenSchema = z.union([refSchema, getAttSchema]);
export type CfnToken = z.infer<typeof cfnTokenSchema>;

const joinSchema = z.strictObject({
  'Fn::Join': z.tuple([z.string(), z.array(z.union([z.string(), cfnTokenSchema]))]),
});

const stateMachinePropertiesSchema = z.looseObject({
  DefinitionString: z.union([z.string(), joinSchema]).optional(),
  Definition: z.record(z.string(), z.unknown()).optional(),
  DefinitionSubstitutions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), cfnTokenSchema])).optional(),
  StateMachineName: z.string().optional(),
  StateMachineType: z.enum(['STANDARD', 'EXPRESS']).optional(),
});

const resourceSchema = z.looseObject({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).optional(),
});

const templateSchema = z.looseObject({
  Resources: z.record(z.string(), resourceSchema),
});
type CfnResource = z.infer<typeof resourceSchema>;

const tagsSchema = z.array(z.looseObject({ Key: z.string(), Value: z.unknown() }));


export interface ExtractOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly account?: string;
  /** @default 'aws' */
  readonly partition?: string;
  /**
   * The name a Lambda function is bound by locally.
   * @default - the function's `offside:local-name` tag when it is a plain string, else its logical id
   */
  readonly localName?: (logicalId: string, resource: CfnResource) => string;
}

/** One token of the template, and the string it became in the local definition. */
export interface Substitution {
  readonly token: CfnToken;
  readonly value: string;
  /** The resource the token refers to, if any (pseudo parameters have none). */
  readonly logicalId?: string;
}

/** A Lambda function the definition invokes. */
export interface LocalFunction {
  readonly logicalId: string;
  /** What handlers are bound by. */
  readonly localName: string;
  /** The ARN the local definition carries in `FunctionName`. */
  readonly arn: string;
}

export interface ExtractedStateMachine {
  readonly logicalId: string;
  /** Its `offside:local-name` tag when it has one, else its logical id: what a local runner names it by. */
  readonly localName: string;
  readonly stateMachineType: 'STANDARD' | 'EXPRESS';
  readonly definition: AslDefinition;
  /** The definition's JSON text with the tokens resolved, keys in the order the CDK wrote them. */
  readonly definitionString: string;
  readonly substitutions: readonly Substitution[];
  /** The Lambda functions referenced anywhere in the definition. */
  readonly functions: readonly LocalFunction[];
}

export function defaultLocalName(logicalId: string, resource: CfnResource): string {
  const tags = tagsSchema.safeParse(resource.Properties?.['Tags']);
  const tagged = tags.success ? tags.data.find((tag) => tag.Key === LOCAL_NAME_TAG)?.Value : undefined;
  return typeof tagged === 'string' && tagged !== '' ? tagged : logicalId;
}

/** Every `AWS::StepFunctions::StateMachine` of a synthesized template, with its tokens resolved. */
export function extractStateMachines(template: unknown, options: ExtractOptions = {}): ExtractedStateMachine[] {
  const { Resources: resources } = templateSchema.parse(template);
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '000000000000';
  const partition = options.partition ?? 'aws';
  const localName = options.localName ?? defaultLocalName;

  const resolve = (token: CfnToken): Substitution => {
    if ('Ref' in token) {
      const pseudo: Record<string, string> = {
        'AWS::Partition': partition,
        'AWS::Region': region,
        'AWS::AccountId': account,
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::NoValue': '',
      };
      const value = pseudo[token.Ref];
      if (value !== undefined) return { token, value };
      const resource = resources[token.Ref];
      if (resource === undefined) throw new Error(`Ref to unknown resource ${token.Ref}`);
      // Ref of a function is its name; of anything else, its logical id stands in for the physical id.
      const name = resource.Type === 'AWS::Lambda::Function' ? localName(token.Ref, resource) : token.Ref;
      return { token, value: name, logicalId: token.Ref };
    }
    const getAtt = token['Fn::GetAtt'];
    const [logicalId, attribute] = typeof getAtt === 'string' ? splitOnce(getAtt) : getAtt;
    const resource = resources[logicalId];
    if (resource === undefined) throw new Error(`Fn::GetAtt of unknown resource ${logicalId}`);
    if (resource.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      return { token, value: lambdaArn(partition, region, account, localName(logicalId, resource)), logicalId };
    }
    return { token, value: `${logicalId}.${attribute}`, logicalId };
  };

  const machines: ExtractedStateMachine[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const properties = stateMachinePropertiesSchema.parse(resource.Properties ?? {});
    const substitutions: Substitution[] = [];
    let text: string;
    if (properties.DefinitionString === undefined) {
      if (properties.Definition === undefined) throw new Error(`${logicalId} has neither DefinitionString nor Definition`);
      text = JSON.stringify(properties.Definition);
    } else if (typeof properties.DefinitionString === 'string') {
      text = properties.DefinitionString;
    } else {
      const [separator, parts] = properties.DefinitionString['Fn::Join'];
      text = parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const substitution = resolve(part);
          substitutions.push(substitution);
          // The CDK joins tokens into JSON string literals: escape what we put there.
          return JSON.stringify(substitution.value).slice(1, -1);
        })
        .join(separator);
    }
    for (const [key, value] of Object.entries(properties.DefinitionSubstitutions ?? {})) {
      let plain: string;
      if (typeof value === 'object') {
        const replacement = resolve(value);
        substitutions.push(replacement);
        plain = replacement.value;
      } else {
        plain = String(value);
      }
      text = text.split(`\${${key}}`).join(JSON.stringify(plain).slice(1, -1));
    }
    const definition = aslDefinitionSchema.parse(JSON.parse(text));

    const functions = new Map<string, LocalFunction>();
    for (const substitution of substitutions) {
      const target = substitution.logicalId === undefined ? undefined : resources[substitution.logicalId];
      if (substitution.logicalId === undefined || target?.Type !== 'AWS::Lambda::Function') continue;
      const name = localName(substitution.logicalId, target);
      functions.set(substitution.logicalId, {
        logicalId: substitution.logicalId,
        localName: name,
        arn: lambdaArn(partition, region, account, name),
      });
    }
    machines.push({
      logicalId,
      localName: defaultLocalName(logicalId, resource),
      stateMachineType: properties.StateMachineType ?? 'STANDARD',
      definition,
      definitionString: text,
      substitutions,
      functions: [...functions.values()],
    });
  }
  return machines;
}

function lambdaArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:lambda:${region}:${account}:function:${name}`;
}

function splitOnce(dotted: string): [string, string] {
  const dot = dotted.indexOf('.');
  return [dotted.slice(0, dot), dotted.slice(dot + 1)];
}

/**
 * The function a `FunctionName` parameter names, as Lambda reads it: a name, a partial ARN
 * (`123456789012:function:name`) or a full ARN, any of them with a `:version`/`:alias` qualifier.
 */
export function functionNameOf(functionName: string): string {
  const match = /^(?:arn:[^:]+:lambda:[^:]*:)?(?:\d{12}:)?(?:function:)?([^:]+)(?::[^:]+)?$/.exec(functionName);
  return match?.[1] ?? functionName;
}
