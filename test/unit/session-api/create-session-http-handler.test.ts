import { describe, expect, it } from 'vitest';
import {
  createSessionHttpHandler,
  type SessionHttpRoutes,
} from '../../../functions/session-api/create-session-http-handler.ts';
import { recordingRoutes } from '../../support/http/recording-routes.ts';
import { sessionContext, sessionEvent } from '../../support/session-api/session-events.ts';

/** Each route a stub answering with its own name, so the test sees which one was reached. */
function setUp() {
  const { routes, reached } = recordingRoutes(['status', 'pair', 'logOut'] as const);
  const handler = createSessionHttpHandler(routes as unknown as SessionHttpRoutes);
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
