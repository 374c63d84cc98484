/**
 * The console API on a Node HTTP server (npm start): the same ConsoleApi the Lambda handler runs,
 * with the development token check in front, and the web console beside it (./console-site.ts).
 * Bodies over 1 MB are refused.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { ConsoleApi } from '../../shared/adapters/http/router';
import { verifyDevelopmentToken } from './development-token';
import type { ConsoleSite } from './console-site';

const MAX_BODY_BYTES = 1_048_576;

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function consoleServer(api: ConsoleApi, site?: ConsoleSite): Server {
  return createServer((request, response) => {
    void (async () => {
      // The web console and its sign-in share the origin; the API answers whatever they do not.
      if (site && (await site(request, response))) return;
      const url = new URL(request.url ?? '/', 'http://localhost');
      let body: string;
      try {
        body = await readBody(request);
      } catch {
        response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        response.end(JSON.stringify({ error: 'payload_too_large', message: `bodies are limited to ${MAX_BODY_BYTES} bytes` }));
        return;
      }
      const answer = await api.handle(
        { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body },
        () => verifyDevelopmentToken(request.headers.authorization),
      );
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ error: 'internal_error', message: error instanceof Error ? error.message : String(error) }));
    });
  });
}
