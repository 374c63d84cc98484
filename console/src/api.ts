/**
 * The console API from the browser (this origin under npm start, the HTTP API's URL on AWS), with
 * the signed-in person's ID token, and every
 * answer parsed with the schema the server declares it with (shared/adapters/http/console-views.ts).
 */
import type { z } from 'zod';
import { Problem } from '../../shared/adapters/http/console-views';
import { loadConfig } from './session';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly { field: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

let token: string | undefined;
let onUnauthenticated: () => void = () => undefined;

export function setApiSession(idToken: string | undefined, expired: () => void): void {
  token = idToken;
  onUnauthenticated = expired;
}

async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const { apiUrl } = await loadConfig();
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const payload: unknown = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  if (response.ok) return payload;
  if (response.status === 401) onUnauthenticated();
  const problem = Problem.safeParse(payload);
  throw new ApiError(response.status, problem.success ? problem.data.message : `${method} ${path} answered ${response.status}`, problem.success ? (problem.data.issues ?? []) : []);
}

export async function get<T extends z.ZodType>(schema: T, path: string): Promise<z.infer<T>> {
  return schema.parse(await request('GET', path));
}

export async function post(path: string, body: unknown): Promise<unknown> {
  return request('POST', path, body);
}

/** A query string from the set values only. */
export function query(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
