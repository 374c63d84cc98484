/**
 * Requests for a property-based fuzz of the console, derived from its OpenAPI document alone: each
 * operation's path and query parameters, request body, roles (`x-offside-roles`) and query
 * constraints (`x-offside-constraints`) give fast-check arbitraries of requests the document calls
 * valid, and of requests it calls invalid by exactly one mutation (a value out of its schema, a
 * required field missing, a constraint broken, a body that is not JSON or not application/json).
 * The responses are checked against the same document with ajv.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { z } from 'zod';

type Schema = Record<string, unknown>;

const ParameterSchema = z.object({ name: z.string(), in: z.enum(['path', 'query']), required: z.boolean(), schema: z.record(z.string(), z.unknown()) });
const ConstraintSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exactlyOneOf'), fields: z.array(z.string()) }),
  z.object({ kind: z.literal('notAfter'), field: z.string(), other: z.string() }),
]);
const OperationSchema = z.looseObject({
  operationId: z.string(),
  'x-offside-roles': z.array(z.enum(['analyst', 'legal', 'admin', 'service'])).optional(),
  'x-offside-constraints': z.array(ConstraintSchema).optional(),
  'x-offside-body-rules': z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  parameters: z.array(ParameterSchema).optional(),
  requestBody: z.object({ content: z.object({ 'application/json': z.object({ schema: z.record(z.string(), z.unknown()) }) }) }).optional(),
  responses: z.record(z.string(), z.object({ content: z.object({ 'application/json': z.object({ schema: z.record(z.string(), z.unknown()) }) }).optional() })),
});
const DocumentSchema = z.looseObject({ paths: z.record(z.string(), z.record(z.string(), z.unknown())), components: z.object({ schemas: z.record(z.string(), z.unknown()) }) });

export type Role = 'analyst' | 'legal' | 'admin' | 'service';
export type Constraint = z.infer<typeof ConstraintSchema>;

export interface Operation {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly operationId: string;
  /** Undefined: the operation needs no token. */
  readonly roles: readonly Role[] | undefined;
  readonly parameters: readonly z.infer<typeof ParameterSchema>[];
  readonly body: Schema | undefined;
  readonly constraints: readonly Constraint[];
  /** Rules across body fields the schema cannot say: a body the schema calls valid may break one (400 naming it). */
  readonly bodyRules: readonly { readonly field: string; readonly reason: string }[];
  /** Status -> the JSON Schema of its body. */
  readonly responses: ReadonlyMap<number, Schema>;
}

export function operationsOf(document: unknown): { operations: Operation[]; validate: (schema: Schema, value: unknown) => string | undefined } {
  const doc = DocumentSchema.parse(document);
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const operation = OperationSchema.parse(raw);
      operations.push({
        method: method.toUpperCase() === 'POST' ? 'POST' : 'GET',
        path,
        operationId: operation.operationId,
        roles: operation['x-offside-roles'],
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json'].schema,
        constraints: operation['x-offside-constraints'] ?? [],
        bodyRules: operation['x-offside-body-rules'] ?? [],
        responses: new Map(Object.entries(operation.responses).map(([status, response]) => [Number(status), response.content?.['application/json'].schema ?? {}])),
      });
    }
  }
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'offside', components: doc.components });
  const compiled = new Map<Schema, ReturnType<typeof ajv.compile>>();
  const validate = (schema: Schema, value: unknown): string | undefined => {
    let check = compiled.get(schema);
    if (!check) {
      // `#/components/...` refers to the document: point it at the document registered above.
      check = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"offside#/components/')) as Schema);
      compiled.set(schema, check);
    }
    return check(value) ? undefined : ajv.errorsText(check.errors);
  };
  return { operations, validate };
}

// ---------------------------------------------------------------------------------------------
// Values

const VISIBLE_PATTERN = '\\p{C}';
const isVisibleText = (schema: Schema) => typeof schema.pattern === 'string' && schema.pattern.includes(VISIBLE_PATTERN);
const visibleMinimum = (schema: Schema) => Number(/\{(\d+)\}$/u.exec(String(schema.pattern))?.[1] ?? 1);
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u2066', '\u2069', '\u0001', '\u0007', ' ', '\t', '\n', '\u00a0', '\u2003'];

const timestamp = fc
  .tuple(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:59Z') }), fc.constantFrom('Z', '+02:00', '-05:30', '.123Z'))
  .map(([millis, zone]) => {
    const iso = new Date(millis).toISOString().slice(0, 19);
    if (zone === 'Z' || zone === '.123Z') return `${iso}${zone === 'Z' ? 'Z' : '.123Z'}`;
    return `${iso}${zone}`;
  });

/** Text with at least `min` visible characters, among invisible ones, within `max`. */
const visibleText = (min: number, max: number) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 3 }),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéßøçñ0123456789.,!?-証拠あЖ'.split('')), minLength: min, maxLength: Math.min(max, 60) }),
      fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 3 }),
    )
    .map(([before, text, after]) => `${before.join('')}${text}${after.join('')}`.slice(0, max));

/**
 * A value the schema takes. `ids` are known values for this name (real case and seller ids); an
 * object's properties take theirs from `byName`.
 */
export function validValue(schema: Schema, ids: readonly string[] = [], byName: Readonly<Record<string, readonly string[]>> = {}): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as Schema[]).map((option) => validValue(option, ids, byName)));
  // A discriminated union (a dismissal's category): its options are disjoint, so any one of them is valid.
  if (Array.isArray(schema.oneOf)) return fc.oneof(...(schema.oneOf as Schema[]).map((option) => validValue(option, ids, byName)));
  switch (schema.type) {
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      return fc.array(validValue(items, [], byName), { minLength: Number(schema.minItems ?? 0), maxLength: Math.min(Number(schema.maxItems ?? 5), 5) });
    }
    case 'string': {
      if (schema.format === 'date-time') return timestamp;
      if (isVisibleText(schema)) return visibleText(visibleMinimum(schema), Number(schema.maxLength ?? 200));
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern, 'u'));
      const minLength = Number(schema.minLength ?? 0);
      const maxLength = Math.min(Number(schema.maxLength ?? 40), 40);
      const random = fc.string({ unit: 'binary', minLength: Math.max(minLength, 1), maxLength: Math.max(minLength, maxLength) }).filter((text) => text.length <= Number(schema.maxLength ?? Infinity));
      return ids.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: random }) : random;
    }
    case 'integer':
      return fc.integer({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1000) });
    case 'number': {
      const above = schema.exclusiveMinimum === undefined ? undefined : Number(schema.exclusiveMinimum);
      const below = schema.exclusiveMaximum === undefined ? undefined : Number(schema.exclusiveMaximum);
      return fc
        .double({ min: Number(schema.minimum ?? above ?? -1000), max: Number(schema.maximum ?? below ?? 1000), noNaN: true })
        .filter((n) => (above === undefined || n > above) && (below === undefined || n < below));
    }
    case 'boolean':
      return fc.boolean();
    // A nullable value's other option (a shadow version's null, which clears it).
    case 'null':
      return fc.constant(null);
    case 'object': {
      // A property whose schema is `not: {}` takes no value: it is left out.
      const properties = Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Schema>).filter(([, property]) => property.not === undefined));
      const required = new Set((schema.required ?? []) as string[]);
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property, byName[name] ?? [], byName)])), {
        requiredKeys: [...required],
      });
    }
    default:
      return fc.anything();
  }
}

/** Values the schema refuses, each with what is wrong with it; none when every value fits. */
export function invalidValues(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const options: fc.Arbitrary<unknown>[] = [];
  if (Array.isArray(schema.enum)) options.push(fc.string({ minLength: 1, maxLength: 12 }).filter((text) => !(schema.enum as unknown[]).includes(text)));
  else if (schema.type === 'string') {
    if (Number(schema.minLength ?? 0) >= 1) options.push(fc.constant(''));
    if (schema.maxLength !== undefined) options.push(fc.integer({ min: 1, max: 20 }).map((extra) => 'x'.repeat(Number(schema.maxLength) + extra)));
    if (schema.format === 'date-time') options.push(fc.constantFrom('yesterday', '2026-13-01T00:00:00Z', '2026-03-01T10:00:00', '2026-02-30T10:00:00Z', '1'));
    else if (isVisibleText(schema)) options.push(fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')));
    else if (typeof schema.pattern === 'string') {
      // Only the candidates the pattern really refuses: "USA" is a valid 3-letter language tag, say.
      const pattern = new RegExp(schema.pattern, 'u');
      const refused = ['1x', 'USA', '', 'é', '-', '1 2', 'x\n'].filter((text) => !pattern.test(text));
      if (refused.length > 0) options.push(fc.constantFrom(...refused));
    }
  } else if (schema.type === 'integer') {
    if (schema.minimum !== undefined) options.push(fc.integer({ min: -1000, max: Number(schema.minimum) - 1 }));
    if (schema.maximum !== undefined) options.push(fc.integer({ min: Number(schema.maximum) + 1, max: Number(schema.maximum) + 10_000 }));
    options.push(fc.constantFrom(1.5, 'ten', '1e400'));
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  /** Path parameters as they go into the path (percent-encoded, or deliberately not). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType?: string;
  /** The raw body text, if any. */
  readonly body?: string;
  /** What makes it invalid, if anything (for the failure message). */
  readonly mutation?: string;
  /** Statuses that may come first for this mutation (a cursor is judged against its list: a list that does not exist is 404). */
  readonly orElse?: readonly number[];
}

const stringified = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function pathOf(operation: Operation, request: FuzzRequest): string {
  return operation.path.replace(/\{(\w+)\}/gu, (_, name: string) => request.params[name] ?? '');
}

type Ids = Readonly<Record<string, readonly string[]>>;

/** Query parameters the document calls valid, the operation's constraints kept; never a cursor (only the server makes those). */
function validQuery(operation: Operation, ids: Ids): fc.Arbitrary<Record<string, string>> {
  const query = operation.parameters.filter((parameter) => parameter.in === 'query' && parameter.name !== 'cursor');
  const schemaOf = (name: string): Schema => query.find((parameter) => parameter.name === name)?.schema ?? { type: 'string' };
  const exactlyOne = operation.constraints.flatMap((constraint) => (constraint.kind === 'exactlyOneOf' ? [constraint.fields] : []));
  const free = query.filter((parameter) => !exactlyOne.flat().includes(parameter.name));
  const values = fc.record(Object.fromEntries(free.map((parameter) => [parameter.name, validValue(parameter.schema, ids[parameter.name] ?? [])])), { requiredKeys: [] });
  const picks = exactlyOne.map((fields) => fc.constantFrom(...fields).chain((field) => validValue(schemaOf(field), ids[field] ?? []).map((value) => [field, value] as const)));
  return fc.tuple(values, fc.tuple(...picks)).map(([chosen, picked]) => {
    const out: Record<string, unknown> = { ...chosen, ...Object.fromEntries(picked) };
    for (const constraint of operation.constraints) {
      if (constraint.kind !== 'notAfter') continue;
      const [from, to] = [out[constraint.field], out[constraint.other]];
      if (typeof from === 'string' && typeof to === 'string' && Date.parse(from) > Date.parse(to)) [out[constraint.field], out[constraint.other]] = [to, from];
    }
    return Object.fromEntries(Object.entries(out).map(([name, value]) => [name, stringified(value)]));
  });
}

export function validRequest(operation: Operation, ids: Ids): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const params = fc.record(Object.fromEntries(pathParameters.map((parameter) => [parameter.name, validValue(parameter.schema, ids[parameter.name] ?? []).map((value) => encodeURIComponent(stringified(value)))])));
  const body = operation.body ? validValue(operation.body, [], ids).map((value) => JSON.stringify(value)) : fc.constant(undefined);
  return fc.record({ params, query: validQuery(operation, ids), body }).map(({ params: segments, query, body: text }) => ({
    params: segments,
    query,
    ...(text === undefined ? {} : { body: text, contentType: 'application/json' }),
  }));
}

type Mutation = fc.Arbitrary<(request: FuzzRequest) => FuzzRequest>;

function parameterMutations(operation: Operation): Mutation[] {
  const mutations: Mutation[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      mutations.push(
        fc.constantFrom('%ED%A0%80', '%E0%A4%A', 'x'.repeat(129)).map((raw) => (request: FuzzRequest) => ({ ...request, params: { ...request.params, [parameter.name]: raw }, mutation: `path.${parameter.name} = ${raw.slice(0, 20)}` })),
      );
      continue;
    }
    const bad = parameter.name === 'cursor' ? fc.constantFrom('not-a-cursor', 'eyJ4IjoxfQ', '%%%', '0') : invalidValues(parameter.schema);
    if (bad) {
      const orElse = parameter.name === 'cursor' ? { orElse: [404] } : {};
      mutations.push(bad.map((value) => (request: FuzzRequest) => ({ ...request, query: { ...request.query, [parameter.name]: stringified(value) }, mutation: `query.${parameter.name} = ${stringified(value).slice(0, 40)}`, ...orElse })));
    }
  }
  for (const constraint of operation.constraints) {
    if (constraint.kind === 'notAfter') {
      mutations.push(
        fc
          .tuple(timestamp, timestamp)
          .filter(([a, b]) => Date.parse(a) !== Date.parse(b))
          .map(([a, b]) => (request: FuzzRequest) => {
            const [early, late] = Date.parse(a) < Date.parse(b) ? [a, b] : [b, a];
            return { ...request, query: { ...request.query, [constraint.field]: late, [constraint.other]: early }, mutation: `${constraint.field} later than ${constraint.other}` };
          }),
      );
    } else {
      mutations.push(
        fc.boolean().map((none) => (request: FuzzRequest) => {
          const query = Object.fromEntries(Object.entries(request.query).filter(([name]) => !constraint.fields.includes(name)));
          return {
            ...request,
            query: none ? query : { ...query, ...Object.fromEntries(constraint.fields.map((field) => [field, 'x'])) },
            mutation: none ? `none of ${constraint.fields.join(', ')}` : `all of ${constraint.fields.join(', ')}`,
          };
        }),
      );
    }
  }
  return mutations;
}

/** One value of each JSON type; a field's "wrong type" mutation takes those its schema's type does not admit. */
const WRONG_TYPES: readonly unknown[] = [42, 1.5, 'text', true, null, ['x'], { x: 1 }];

/** Whether a value is of the JSON type the schema names (no type: any value; a type list: any of them). */
function ofType(schema: Schema, value: unknown): boolean {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return true;
  if (schema.nullable === true && value === null) return true;
  return types.some((type) => {
    switch (type) {
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'string':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      case 'array':
        return Array.isArray(value);
      case 'object':
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      default:
        return false;
    }
  });
}

function bodyMutations(operation: Operation): Mutation[] {
  if (!operation.body) return [];
  const mutations: Mutation[] = [];
  const properties = (operation.body.properties ?? {}) as Record<string, Schema>;
  const required = (operation.body.required ?? []) as string[];
  const parsed = (request: FuzzRequest): Record<string, unknown> => JSON.parse(request.body ?? '{}') as Record<string, unknown>;
  const withField = (name: string, value: unknown, what: string) => (request: FuzzRequest) => ({ ...request, body: JSON.stringify({ ...parsed(request), [name]: value }), mutation: what });
  for (const [name, property] of Object.entries(properties)) {
    const bad = invalidValues(property);
    if (bad) mutations.push(bad.map((value) => withField(name, value, `body.${name} = ${stringified(value).slice(0, 40)}`)));
    const wrongTypes = WRONG_TYPES.filter((value) => !ofType(property, value));
    if (wrongTypes.length > 0) mutations.push(fc.constantFrom<unknown>(...wrongTypes).map((value) => withField(name, value, `body.${name} of the wrong type`)));
    if (property.type === 'string' && !Array.isArray(property.enum)) mutations.push(fc.constant(withField(name, 'abc\ud800def', `body.${name} with an unpaired surrogate`)));
  }
  for (const name of required) {
    mutations.push(
      fc.constant((request: FuzzRequest) => {
        const rest = Object.fromEntries(Object.entries(parsed(request)).filter(([key]) => key !== name));
        return { ...request, body: JSON.stringify(rest), mutation: `body.${name} missing` };
      }),
    );
  }
  mutations.push(fc.constantFrom('{"reason": "abc"', 'reason=abc', '[1,', '"').map((text) => (request: FuzzRequest) => ({ ...request, body: text, mutation: `a body that is not JSON: ${text}` })));
  mutations.push(fc.constantFrom('[]', '"text"', '7', 'null').map((text) => (request: FuzzRequest) => ({ ...request, body: text, mutation: `a body that is not an object: ${text}` })));
  return mutations;
}

/** A valid request with exactly one thing wrong by the document (400); undefined for an operation that takes no input. */
export function invalidRequest(operation: Operation, ids: Ids): fc.Arbitrary<FuzzRequest> | undefined {
  const mutations = [...parameterMutations(operation), ...bodyMutations(operation)];
  if (mutations.length === 0) return undefined;
  return fc.tuple(validRequest(operation, ids), fc.oneof(...mutations)).map(([request, mutate]) => mutate(request));
}

/** A valid request whose body is sent as something other than application/json (415). */
export function wrongMediaType(operation: Operation, ids: Ids): fc.Arbitrary<FuzzRequest> | undefined {
  if (!operation.body) return undefined;
  return fc
    .tuple(validRequest(operation, ids), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/html; charset=utf-8', 'application/xml'))
    .map(([request, contentType]) => ({ ...request, contentType, mutation: `content-type ${contentType}` }));
}
