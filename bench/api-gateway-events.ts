import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { PROFILE_PATH } from '../functions/api/api-routes.ts';

const METHOD_ARN = `arn:aws:execute-api:us-east-1:000000000000:bench/prod/GET${PROFILE_PATH}`;

function requestContext(authorizer: Record<string, string> | null, resourcePath = PROFILE_PATH) {
  return {
    accountId: '000000000000',
    apiId: 'bench',
    httpMethod: 'GET',
    path: `/prod${resourcePath}`,
    protocol: 'HTTP/1.1',
    requestId: randomUUID(),
    requestTimeEpoch: Date.now(),
    resourceId: 'bench',
    resourcePath,
    stage: 'prod',
    identity: { sourceIp: '127.0.0.1' },
    authorizer,
  };
}

function headers(token: string): Record<string, string> {
  return {
    Host: 'api.example.com',
    Accept: 'application/json',
    Authorization: `Bearer ${token}`,
    'User-Agent': 'bench',
  };
}

/** The REQUEST authorizer event API Gateway sends for GET /contacts/profile. */
export function authorizerEvent(token: string, query: Record<string, string>) {
  const single = headers(token);
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    resource: PROFILE_PATH,
    path: PROFILE_PATH,
    httpMethod: 'GET',
    headers: single,
    multiValueHeaders: Object.fromEntries(Object.entries(single).map(([k, v]) => [k, [v]])),
    pathParameters: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(
      Object.entries(query).map(([k, v]) => [k, [v]]),
    ),
    stageVariables: {},
    requestContext: requestContext(null),
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

/** The proxy event the profile function receives once the authorizer allowed the call. */
export function profileEvent(
  token: string,
  query: Record<string, string>,
  identity: { tenantId: string; userId: string; tokenId: string },
) {
  return proxyEvent(PROFILE_PATH, token, query, identity);
}

/** The proxy event a route's function receives once the authorizer allowed the call. */
export function proxyEvent(
  resourcePath: string,
  token: string,
  query: Record<string, string>,
  identity: { tenantId: string; userId: string; tokenId: string },
) {
  const single = headers(token);
  return {
    resource: resourcePath,
    path: resourcePath,
    httpMethod: 'GET',
    headers: single,
    multiValueHeaders: Object.fromEntries(Object.entries(single).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(
      Object.entries(query).map(([k, v]) => [k, [v]]),
    ),
    pathParameters: null,
    stageVariables: null,
    requestContext: requestContext(
      { ...identity, principalId: `${identity.tenantId}/${identity.userId}` },
      resourcePath,
    ),
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
    resources: ['arn:aws:events:us-east-1:000000000000:rule/bench'],
    detail: {},
  };
}

export function lambdaContext(functionName: string): Context {
  const startedAt = Date.now();
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, 15_000 - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
