/**
 * The console API's OpenAPI 3.1 document, generated from the route table's zod schemas (OpenAPI
 * 3.1 schemas are JSON Schema 2020-12, which zod emits), never written by hand.
 */
import { z } from 'zod';
import type { Route } from './routes';
import { ROUTES, describeConstraint } from './routes';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const ErrorBody: JsonSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
    },
  },
};

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The input is not valid: each issue names the field and the reason',
  401: 'No token, or a token that cannot be accepted',
  403: "The token's role may not do this",
  404: 'No such case, seller or appeal',
  409: 'The case or seller is not in a state that allows this (for example, a decision nobody waits for any more)',
  413: 'The body is larger than the host takes (1 MB on the local platform; API Gateway has its own limit)',
  415: 'The body is not application/json (issue field: header.content-type)',
  500: 'The request failed for a reason of the server; it has been logged',
  503: 'A service the console depends on is unavailable; try again (Retry-After), GET /ready says which',
};

/** The statuses a route answers, success aside: what the router does for its kind, then its own. */
export function documentedErrorStatuses(route: Route): number[] {
  const statuses = new Set<number>();
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.roles !== 'public') [401, 403].forEach((status) => statuses.add(status));
  for (const status of route.errors ?? []) statuses.add(status);
  if (route.body) [413, 415].forEach((status) => statuses.add(status));
  // Every route that reads or writes through the product can fail: a dependency out of reach (503) or a defect (500).
  if (route.roles !== 'public' || route.usesDependencies === true) [500, 503].forEach((status) => statuses.add(status));
  for (const response of route.otherResponses ?? []) statuses.delete(response.status);
  return [...statuses].sort((a, b) => a - b);
}

function parameters(route: Route): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [location, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...propertySchema } = property;
      list.push({
        name,
        in: location,
        required: location === 'path' || required.has(name),
        schema: propertySchema,
        ...(typeof description === 'string' ? { description } : {}),
      });
    }
  }
  return list;
}

function operation(route: Route): JsonSchema {
  const responses: Record<string, JsonSchema> = {
    [String(route.success.status)]: { description: route.success.description, content: { 'application/json': { schema: toSchema(route.success.schema, 'output') } } },
  };
  for (const response of route.otherResponses ?? []) {
    responses[String(response.status)] = { description: response.description, content: { 'application/json': { schema: toSchema(response.schema, 'output') } } };
  }
  for (const status of documentedErrorStatuses(route)) {
    responses[String(status)] = { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  const params = parameters(route);
  const constraints = route.constraints ?? [];
  const description = [
    route.roles === 'public' ? '' : `Roles: ${route.roles.join(', ')}.`,
    ...constraints.map((constraint) => `Query: ${describeConstraint(constraint)} (400 otherwise).`),
    ...(route.bodyRules ?? []).map((rule) => `Body: ${rule.field}: ${rule.reason} (400 otherwise).`),
  ]
    .filter((sentence) => sentence !== '')
    .join(' ');
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(description ? { description } : {}),
    ...(route.roles === 'public' ? { security: [] } : { 'x-offside-roles': route.roles }),
    ...(constraints.length > 0 ? { 'x-offside-constraints': constraints } : {}),
    ...(route.bodyRules && route.bodyRules.length > 0 ? { 'x-offside-body-rules': route.bodyRules } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'openApi',
      summary: 'This document',
      tags: ['platform'],
      security: [],
      responses: { '200': { description: 'The OpenAPI 3.1 document of the console API', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Offside console API',
      version: '1.0.0',
      description:
        'Cases, decisions on the enforcement ladder, sellers, buyer complaints and the audit log, for analysts (analyst), the legal team (legal) and administrators (admin). Responses carry buyer ids, never buyer contact data; contact handles appear only as their keyed hashes.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm start' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito on AWS; `npx offside token --role ...` locally' } },
      schemas: { Error: ErrorBody },
    },
    paths,
  };
}
