import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSessionHttpHandler } from '../../../functions/session-api/create-session-http-handler.ts';
import type { GetSessionRoute } from '../../../functions/session-api/get-session/get-session-route.ts';
import type { LogOutSessionRoute } from '../../../functions/session-api/log-out-session/log-out-session-route.ts';
import type { PairSessionRoute } from '../../../functions/session-api/pair-session/pair-session-route.ts';
import { sessionContext, sessionEvent } from '../../support/session-api/session-events.ts';

type RouteName = 'status' | 'pair' | 'logOut';

/** Each route a stub answering with its own name, so the test sees which one was reached. */
function setUp() {
  const reached: Array<{ route: RouteName; event: APIGatewayProxyEvent; context: Context }> = [];
  const route =
    (name: RouteName) =>
    async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
      reached.push({ route: name, event, context });
      return { statusCode: 200, body: name };
    };
  const handler = createSessionHttpHandler({
    status: route('status') as unknown as GetSessionRoute,
    pair: route('pair') as unknown as PairSessionRoute,
    logOut: route('logOut') as unknown as LogOutSessionRoute,
  });
  return { handler, reached };
}

describe('createSessionHttpHandler', () => {
  it.each([
    ['GET', '/session', 'status'],
    ['POST', '/session/pair', 'pair'],
    ['DELETE', '/session', 'logOut'],
  ] as const)(
    'hands %s %s to the %s route with its event and context',
    async (method, path, name) => {
      // prepare
      const { handler, reached } = setUp();
      const event = sessionEvent(method, path);

      // act
      const response = await handler(event, sessionContext);

      // assert
      expect(response.body).toBe(name);
      expect(reached).toEqual([{ route: name, event, context: sessionContext }]);
    },
  );

  it.each([
    ['PUT', '/session'],
    ['GET', '/session/pair'],
    ['DELETE', '/session/pair'],
  ])('leaves %s %s to the status route, whose envelope answers 404', async (method, path) => {
    // prepare
    const { handler, reached } = setUp();

    // act
    await handler(sessionEvent(method, path), sessionContext);

    // assert
    expect(reached.map((call) => call.route)).toEqual(['status']);
  });
});
