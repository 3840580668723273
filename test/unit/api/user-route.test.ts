import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { UserRequest } from '../../../functions/api/user-route.ts';
import { userRoute } from '../../../functions/api/user-route.ts';
import { allowedContext, proxyEvent } from '../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const context = fixedLambdaContext('test');
const ALICE = { tenantId: 'acme', userId: 'alice' };

function setup(otherwise?: string) {
  const served: UserRequest[] = [];
  const route = userRoute(
    { method: 'POST', path: '/session/pair', logger: silentLogger(), otherwise },
    async (request) => {
      served.push(request);
      return { statusCode: 200, body: 'paired' };
    },
  );
  return { route, served };
}

function request(
  resourcePath: string,
  httpMethod: string,
  authorizer: Record<string, string> | null = allowedContext(ALICE),
): APIGatewayProxyEvent {
  return { ...proxyEvent({ resourcePath, authorizer }), httpMethod };
}

function errorOf(response: { statusCode: number; body: string }) {
  return { statusCode: response.statusCode, ...JSON.parse(response.body) };
}

describe('userRoute', () => {
  it("serves its method and path for the authorizer's caller, with the event and context", async () => {
    // prepare
    const { route, served } = setup();
    const event = request('/session/pair', 'POST');

    // act
    const response = await route(event, context);

    // assert
    expect(response.body).toBe('paired');
    expect(served).toEqual([{ event, context, identity: ALICE }]);
  });

  it.each([
    ['/session/pair', 'GET'],
    ['/session', 'POST'],
  ])('answers 404 naming the route to %s %s and serves nothing', async (path, method) => {
    // prepare
    const { route, served } = setup();

    // act
    const response = await route(request(path, method), context);

    // assert
    expect(errorOf(response)).toMatchObject({
      statusCode: 404,
      error_code: 'NOT_FOUND',
      error: `no route for ${method} ${path}; use POST /session/pair`,
    });
    expect(served).toEqual([]);
  });

  it('suggests what the definition says instead of its own route when told', async () => {
    // prepare
    const { route } = setup('POST /session/pair or GET /session');

    // act
    const response = await route(request('/session', 'PUT'), context);

    // assert
    expect(errorOf(response)).toMatchObject({
      error: 'no route for PUT /session; use POST /session/pair or GET /session',
    });
  });

  it('answers 401 when no authorizer identity came with the request', async () => {
    // prepare
    const { route, served } = setup();

    // act
    const response = await route(request('/session/pair', 'POST', null), context);

    // assert
    expect(errorOf(response)).toMatchObject({ statusCode: 401, error_code: 'UNAUTHORIZED' });
    expect(served).toEqual([]);
  });
});
