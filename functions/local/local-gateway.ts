import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import {
  type ApiFunction,
  matchApiRoute,
  NO_FUNCTION,
  pathParametersOf,
} from '../api/api-routes.ts';
import { AUTHORIZER_TIMEOUT_SECONDS } from '../api/authorizer-timeout.ts';
import {
  apiGatewayRequestTime,
  type GatewayResponseType,
  renderEnvelopeTemplate,
  renderGatewayResponse,
  unknownRouteEnvelope,
} from '../api/gateway-response-envelopes.ts';
import {
  API_GATEWAY_MAX_PAYLOAD_BYTES,
  DEFAULT_TENANT_USAGE_PLAN,
  type TenantUsagePlan,
} from '../resources/tenant-usage-plan.ts';
import { localLambdaContext } from './lambda-context.ts';
import { LocalUsagePlan } from './local-usage-plan.ts';
import { singleAndMultiValued } from './single-and-multi-valued.ts';

export type LambdaFunction<Event, Result> = (event: Event, context: Context) => Promise<Result>;

export interface LocalGatewayOptions {
  authorizer: LambdaFunction<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>;
  /** The HTTP function of each name the routes use (see api-routes.ts). */
  functions: Record<ApiFunction, LambdaFunction<APIGatewayProxyEvent, APIGatewayProxyResult>>;
  port: number;
  host?: string;
  /** The authorizer function's timeout; defaults to the one the CDK stack deploys. */
  authorizerTimeoutMs?: number;
  /** Each tenant's throttle and quota; defaults to those the CDK stack deploys by default. */
  usagePlan?: TenantUsagePlan;
}

export interface LocalGateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** API Gateway's own limit for an integration. */
const INTEGRATION_TIMEOUT_MS = 29_000;
const STAGE = 'local';

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query parameters as API Gateway REST gives them: single (last value) and multi-valued. */
function queryParameters(search: string) {
  const pairs: [string, string][] = [];
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
    pairs.push([name, value]);
  }
  return singleAndMultiValued(pairs);
}

function requestHeaders(request: IncomingMessage) {
  const pairs: [string, string][] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    pairs.push([request.rawHeaders[index] as string, request.rawHeaders[index + 1] as string]);
  }
  const { single, multi } = singleAndMultiValued(pairs);
  return { single: single ?? {}, multi: multi ?? {} };
}

/**
 * A local stand-in for the REST API: turns each HTTP request into an API Gateway proxy event,
 * runs the real authorizer and the route's real handler in-process, and renders API Gateway's own
 * responses from the same envelope definitions the CDK API uses.
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const usagePlan = new LocalUsagePlan({ plan: options.usagePlan ?? DEFAULT_TENANT_USAGE_PLAN });
  const server = createServer((request, response) => {
    handle(request, response, options, usagePlan).catch((error: unknown) => {
      console.error('local gateway failure', error);
      send(response, gatewayResponse('DEFAULT_5XX', {}, 500));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function gatewayResponse(
  type: GatewayResponseType,
  context: Record<string, string>,
  defaultStatusCode?: number,
) {
  return renderGatewayResponse(
    type,
    { requestTime: apiGatewayRequestTime(), ...context },
    defaultStatusCode,
  );
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  if (response.headersSent) return;
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  response.writeHead(result.statusCode, headers);
  response.end(result.statusCode === 304 ? undefined : result.body);
}

/** The body, or 'too-large' past API Gateway's payload limit (the rest is read and dropped). */
async function readBody(request: IncomingMessage): Promise<string | null | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= API_GATEWAY_MAX_PAYLOAD_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > API_GATEWAY_MAX_PAYLOAD_BYTES) return 'too-large';
  return chunks.length === 0 ? null : Buffer.concat(chunks).toString('utf8');
}

async function withIntegrationTimeout<T>(
  work: Promise<T>,
  startedAt: number,
): Promise<T | 'timeout'> {
  return withTimeout(work, INTEGRATION_TIMEOUT_MS - (Date.now() - startedAt));
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A greedy `{name+}` route's parameter as API Gateway sets it: the rest of the path. */
function greedyPathParameter(resource: string, path: string): Record<string, string> | null {
  const match = /^(.*)\{(\w+)\+\}$/.exec(resource);
  if (!match) return null;
  return { [match[2] as string]: decodeComponent(path.slice((match[1] as string).length)) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: LocalGatewayOptions,
  usagePlan: LocalUsagePlan,
): Promise<void> {
  const startedAt = Date.now();
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const route = matchApiRoute(method, url.pathname);
  const headers = requestHeaders(request);
  const query = queryParameters(url.search);
  const body = await readBody(request);
  // API Gateway refuses an oversized payload before anything else runs.
  if (body === 'too-large') {
    send(response, gatewayResponse('REQUEST_TOO_LARGE', {}));
    return;
  }
  if (route.function === NO_FUNCTION) {
    send(
      response,
      renderEnvelopeTemplate(unknownRouteEnvelope(route.path), {
        requestTime: apiGatewayRequestTime(),
        httpMethod: method,
      }),
    );
    return;
  }
  const requestId = randomUUID();
  const methodArn = `arn:aws:execute-api:local:000000000000:local/${STAGE}/${method}${url.pathname}`;
  const requestContext = {
    accountId: '000000000000',
    apiId: 'local',
    httpMethod: method,
    path: `/${STAGE}${url.pathname}`,
    protocol: `HTTP/${request.httpVersion}`,
    requestId,
    requestTimeEpoch: startedAt,
    resourceId: 'local',
    resourcePath: route.path,
    stage: STAGE,
    identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
    authorizer: undefined,
  } as unknown as APIGatewayRequestAuthorizerEvent['requestContext'];

  let authorizerContext: Record<string, unknown> | null = null;
  if (route.authorized) {
    const authorizerTimeoutMs = options.authorizerTimeoutMs ?? AUTHORIZER_TIMEOUT_SECONDS * 1000;
    let result: APIGatewayAuthorizerResult | 'timeout';
    try {
      result = await withTimeout(
        options.authorizer(
          {
            type: 'REQUEST',
            methodArn,
            resource: route.path,
            path: url.pathname,
            httpMethod: method,
            headers: headers.single,
            multiValueHeaders: headers.multi,
            pathParameters: {},
            queryStringParameters: query.single ?? {},
            multiValueQueryStringParameters: query.multi ?? {},
            stageVariables: {},
            requestContext,
          },
          localLambdaContext('authorizer', authorizerTimeoutMs, Date.now()),
        ),
        authorizerTimeoutMs,
      );
    } catch {
      result = 'timeout';
    }
    // API Gateway answers AUTHORIZER_CONFIGURATION_ERROR when the authorizer throws, times out
    // or returns something that is not a policy; so does this stand-in.
    if (result === 'timeout' || !Array.isArray(result?.policyDocument?.Statement)) {
      send(response, gatewayResponse('AUTHORIZER_CONFIGURATION_ERROR', {}));
      return;
    }
    const allowed = result.policyDocument.Statement.some(
      (statement) => 'Effect' in statement && statement.Effect === 'Allow',
    );
    const context = Object.fromEntries(
      Object.entries(result.context ?? {}).map(([key, value]) => [key, String(value)]),
    );
    if (!allowed) {
      send(
        response,
        gatewayResponse(
          'ACCESS_DENIED',
          Object.fromEntries(
            Object.entries(context).map(([key, value]) => [`authorizer.${key}`, value]),
          ),
        ),
      );
      return;
    }
    // The API key source is AUTHORIZER: a method that requires a key gets it from the
    // authorizer, and the key's usage plan admits the request or answers 429.
    const usageKey = result.usageIdentifierKey;
    if (!usageKey) {
      send(response, gatewayResponse('DEFAULT_4XX', { 'error.message': 'Forbidden' }, 403));
      return;
    }
    const verdict = usagePlan.admit(usageKey);
    if (verdict !== 'admitted') {
      send(response, gatewayResponse(verdict, {}));
      return;
    }
    authorizerContext = { ...context, principalId: result.principalId };
  }

  const event: APIGatewayProxyEvent = {
    resource: route.path,
    path: url.pathname,
    httpMethod: method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    // A greedy `{name+}` takes the rest of the path; `{name}` segments one each.
    pathParameters:
      greedyPathParameter(route.path, url.pathname) ?? pathParametersOf(route.path, url.pathname),
    stageVariables: null,
    requestContext: {
      ...requestContext,
      authorizer: authorizerContext,
    } as unknown as APIGatewayProxyEvent['requestContext'],
    body,
    isBase64Encoded: false,
  };
  let result: APIGatewayProxyResult | 'timeout';
  try {
    result = await withIntegrationTimeout(
      options.functions[route.function](
        event,
        localLambdaContext(route.function, INTEGRATION_TIMEOUT_MS, startedAt),
      ),
      startedAt,
    );
  } catch {
    // A function error under the proxy integration: API Gateway answers 502 (DEFAULT_5XX).
    send(response, gatewayResponse('DEFAULT_5XX', {}, 502));
    return;
  }
  send(response, result === 'timeout' ? gatewayResponse('INTEGRATION_TIMEOUT', {}) : result);
}
