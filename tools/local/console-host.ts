/**
 * The console API on a Node HTTP server (npm start): the same ConsoleApi the Lambda handler runs,
 * with the development token check in front, and the web console beside it (./console-site.ts).
 * The body is read only when the router asks for it (after the token and the role are checked),
 * and bodies over 1 MB are refused (413) as soon as they pass the limit.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { ConsoleApi } from '../../shared/adapters/http/router';
import { PayloadTooLargeError } from '../../shared/adapters/http/router';
import { verifyDevelopmentToken } from './development-token';
import type { ConsoleSite } from './console-site';

export const MAX_BODY_BYTES = 1_048_576;

async function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(`bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(`bodies are limited to ${MAX_BODY_BYTES} bytes`);
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
      const answer = await api.handle(
        {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType: request.headers['content-type'],
          body: () => readBody(request),
        },
        () => verifyDevelopmentToken(request.headers.authorization),
      );
      // A body left unread (refused before it was needed) is not waited for: close the connection.
      const unread = !request.complete;
      response.writeHead(answer.status, unread ? { ...answer.headers, connection: 'close' } : answer.headers);
      response.end(answer.body);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ error: 'internal_error', message: error instanceof Error ? error.name : 'error' }));
    });
  });
}
