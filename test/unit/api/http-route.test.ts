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
  it('hands each request to the route of its method and resource, anything else to the rest', async () => {
    // prepare
    const { routes, reached } = recordingRoutes(['status', 'pair', 'rest'] as const);
    const dispatch = routeDispatcher(
      { 'GET /session': routes.status, 'POST /session/pair': routes.pair },
      routes.rest,
    );
    const requests = [
      request('/session', 'GET'),
      request('/session/pair', 'POST'),
      request('/session', 'POST'),
      request('/session/pair', 'GET'),
      request('/{proxy+}', 'GET'),
    ];

    // act
    for (const event of requests) await dispatch(event, context);

    // assert
    expect(reached).toEqual([
      { route: 'status', event: requests[0], context },
      { route: 'pair', event: requests[1], context },
      { route: 'rest', event: requests[2], context },
      { route: 'rest', event: requests[3], context },
      { route: 'rest', event: requests[4], context },
    ]);
  });
});
