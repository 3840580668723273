import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  type ContactsHttpRoutes,
  createContactsHttpHandler,
} from '../../../../functions/contacts/http/create-contacts-http-handler.ts';
import { recordingRoutes } from '../../../support/http/recording-routes.ts';
import { proxyEvent } from '../../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';

/** Each route a stub answering with its own name, so the test sees which one was reached. */
function setup() {
  const { routes, reached } = recordingRoutes(['profile', 'picture', 'profiles'] as const);
  const handler = createContactsHttpHandler(routes as unknown as ContactsHttpRoutes);
  return { handler, reached };
}

function request(resourcePath: string, httpMethod: string): APIGatewayProxyEvent {
  return { ...proxyEvent({ resourcePath }), httpMethod };
}

const context = fixedLambdaContext('contacts');

describe('createContactsHttpHandler', () => {
  it.each([
    ['/contacts/profile', 'GET', 'profile'],
    ['/contacts/profile-picture', 'GET', 'picture'],
    ['/contacts/profiles', 'POST', 'profiles'],
  ] as const)(
    'hands %s %s to the %s route with its event and context',
    async (path, method, name) => {
      // prepare
      const { handler, reached } = setup();
      const event = request(path, method);

      // act
      const response = await handler(event, context);

      // assert
      expect(response.body).toBe(name);
      expect(reached).toEqual([{ route: name, event, context }]);
    },
  );

  it.each([
    ['/contacts/profile-picture', 'DELETE'],
    ['/contacts/profiles', 'GET'],
    ['/{proxy+}', 'GET'],
    ['/', 'POST'],
  ])('leaves %s %s to the profile route, whose envelope answers 404', async (path, method) => {
    // prepare
    const { handler, reached } = setup();

    // act
    await handler(request(path, method), context);

    // assert
    expect(reached.map((call) => call.route)).toEqual(['profile']);
  });
});
