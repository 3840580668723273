import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { PROFILE_PATH } from '../../../functions/api/api-routes.ts';

/**
 * The events API Gateway (REST, proxy integration) and EventBridge deliver, for tests and the
 * bench. The local gateway builds its own from real HTTP requests (functions/local/).
 */

const STAGE = 'prod';

export interface ApiGatewayRequest {
  /** The route's resource path; the profile route unless given. */
  resourcePath?: string;
  /** Single-valued headers; the multi-valued ones follow from them unless given. */
  headers?: Record<string, string> | null;
  multiValueHeaders?: Record<string, string[]> | null;
  /** Single-valued query parameters; the multi-valued ones follow from them unless given. */
  query?: Record<string, string> | null;
  multiValueQuery?: Record<string, string[]> | null;
}

export interface ProxyRequest extends ApiGatewayRequest {
  /** The context the authorizer allowed the call with (tenantId, userId, …). */
  authorizer?: Record<string, string> | null;
}

export interface AuthorizerRequest extends ApiGatewayRequest {
  methodArn?: string;
}

/** The headers a client sends with a bearer token. */
export function bearerHeaders(token: string): Record<string, string> {
  return {
    Host: 'api.example.com',
    Accept: 'application/json',
    Authorization: `Bearer ${token}`,
    'User-Agent': 'test',
  };
}

/** The context API Gateway passes on from an authorizer that allowed the call. */
export function allowedContext(identity: {
  tenantId: string;
  userId: string;
  tokenId?: string;
}): Record<string, string> {
  return { ...identity, principalId: `${identity.tenantId}/${identity.userId}` };
}

function multiValued(single: Record<string, string> | null): Record<string, string[]> | null {
  return (
    single && Object.fromEntries(Object.entries(single).map(([name, value]) => [name, [value]]))
  );
}

function requestContext(resourcePath: string, authorizer: Record<string, string> | null) {
  return {
    accountId: '000000000000',
    apiId: 'test',
    httpMethod: 'GET',
    path: `/${STAGE}${resourcePath}`,
    protocol: 'HTTP/1.1',
    requestId: randomUUID(),
    requestTimeEpoch: Date.now(),
    resourceId: 'test',
    resourcePath,
    stage: STAGE,
    identity: { sourceIp: '127.0.0.1' },
    authorizer,
  };
}

/** What API Gateway tells every integration about the request: headers and query, both ways. */
function requestFields(request: ApiGatewayRequest, noQuery: Record<string, string> | null) {
  const resourcePath = request.resourcePath ?? PROFILE_PATH;
  const headers = request.headers === undefined ? {} : request.headers;
  const query = request.query === undefined ? noQuery : request.query;
  return {
    resourcePath,
    fields: {
      resource: resourcePath,
      path: resourcePath,
      httpMethod: 'GET',
      headers,
      multiValueHeaders:
        request.multiValueHeaders === undefined ? multiValued(headers) : request.multiValueHeaders,
      queryStringParameters: query,
      multiValueQueryStringParameters:
        request.multiValueQuery === undefined ? multiValued(query) : request.multiValueQuery,
    },
  };
}

/** The REQUEST authorizer event API Gateway sends before a GET on an authorized route. */
export function authorizerEvent(request: AuthorizerRequest = {}): APIGatewayRequestAuthorizerEvent {
  const { resourcePath, fields } = requestFields(request, {});
  return {
    type: 'REQUEST',
    methodArn:
      request.methodArn ??
      `arn:aws:execute-api:us-east-1:000000000000:test/${STAGE}/GET${resourcePath}`,
    ...fields,
    pathParameters: {},
    stageVariables: {},
    requestContext: requestContext(resourcePath, null),
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

/** The proxy event a route's function receives once the authorizer allowed the call. */
export function proxyEvent(request: ProxyRequest = {}): APIGatewayProxyEvent {
  const { resourcePath, fields } = requestFields(request, null);
  return {
    ...fields,
    pathParameters: null,
    stageVariables: null,
    requestContext: requestContext(resourcePath, request.authorizer ?? null),
    body: null,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

/** The event an EventBridge schedule delivers (the reply-queue sweeper's trigger). */
export function scheduledEvent() {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:000000000000:rule/test'],
    detail: {},
  };
}
