import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpRoute, routeDispatcher } from '../../../functions/api/http-route.ts';
import { NotFoundError } from '../../../functions/domain/errors/app-errors.ts';
import { recordingRoutes } from '../../support/http/recording-routes.ts';
import { proxyEvent } from '../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const context = fixedLambdaContext('test');

function request(resourcePath: string, httpMethod: string): APIGatewayProxyEvent {
  return { ...proxyEvent({ resourcePath }), httpMethod };
}

describe('httpRoute', () => {
  it('answers what the route serves, handing it the event and the context', async () => {
    // prepare
    const { routes, reached } = recordingRoutes(['served'] as const);
    const route = httpRoute(silentLogger(), routes.served);
    const event = request('/session', 'GET');

    // act
    const response = await route(event, context);

    // assert
    expect(response).toEqual({ statusCode: 200, body: 'served' });
    expect(reached).toEqual([{ route: 'served', event, context }]);
  });

  it('answers what the route throws in the error envelope', async () => {
    // prepare
    const route = httpRoute(silentLogger(), async () => {
      throw new NotFoundError('no such thing');
    });

    // act
    const response = await route(request('/session', 'GET'), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({
      success: false,
      error_code: 'NOT_FOUND',
      error: 'no such thing',
    });
  });

  it('answers 500 INTERNAL_ERROR without the message when the route fails unexpectedly', async () => {
    // prepare
    const route = httpRoute(silentLogger(), async () => {
      throw new Error('secret detail');
    });

    // act
    const response = await route(request('/session', 'GET'), context);

    // assert
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret detail');
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'INTERNAL_ERROR' });
  });
});

describe('routeDispatcher', () => {
  function setup() {
    const { routes, reached } = recordingRoutes(['status', 'pair', 'fallback'] as const);
    const dispatch = routeDispatcher(
      { 'GET /session': routes.status, 'POST /session/pair': routes.pair },
      routes.fallback,
    );
    return { dispatch, reached };
  }

  it.each([
    ['/session', 'GET', 'status'],
    ['/session/pair', 'POST', 'pair'],
  ] as const)('hands %s %s to the %s route', async (path, method, name) => {
    // prepare
    const { dispatch, reached } = setup();
    const event = request(path, method);

    // act
    const response = await dispatch(event, context);

    // assert
    expect(response.body).toBe(name);
    expect(reached).toEqual([{ route: name, event, context }]);
  });

  it.each([
    ['/session', 'POST'],
    ['/session/pair', 'GET'],
    ['/{proxy+}', 'GET'],
  ])('leaves %s %s to the route of everything else', async (path, method) => {
    // prepare
    const { dispatch, reached } = setup();

    // act
    await dispatch(request(path, method), context);

    // assert
    expect(reached.map((call) => call.route)).toEqual(['fallback']);
  });
});
