import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { principalFromClaims } from '../../shared/adapters/http/auth';
import type { ConsoleApi } from '../../shared/adapters/http/router';

/** API Gateway (HTTP API, payload 2.0, JWT authorizer) to the console's one handler and back. */
export const makeHandler =
  (api: ConsoleApi) =>
  async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => {
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const answer = await api.handle(
      { method: event.requestContext.http.method, path: event.rawPath, query: event.queryStringParameters ?? {}, contentType: event.headers?.['content-type'], body },
      () => principalFromClaims(event.requestContext.authorizer?.jwt?.claims),
    );
    return { statusCode: answer.status, headers: { ...answer.headers }, body: answer.body };
  };
