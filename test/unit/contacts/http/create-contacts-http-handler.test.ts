import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { GetPictureRoute } from '../../../../functions/contacts/get-picture/get-picture-route.ts';
import type { GetProfileRoute } from '../../../../functions/contacts/get-profile/get-profile-route.ts';
import type { GetProfilesRoute } from '../../../../functions/contacts/get-profiles/get-profiles-route.ts';
import { createContactsHttpHandler } from '../../../../functions/contacts/http/create-contacts-http-handler.ts';
import { proxyEvent } from '../../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';

type RouteName = 'profile' | 'picture' | 'profiles';

/** Each route a stub answering with its own name, so the test sees which one was reached. */
function setup() {
  const reached: Array<{ route: RouteName; event: APIGatewayProxyEvent; context: Context }> = [];
  const route =
    (name: RouteName) =>
    async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
      reached.push({ route: name, event, context });
      return { statusCode: 200, body: name };
    };
  const handler = createContactsHttpHandler({
    profile: route('profile') as unknown as GetProfileRoute,
    picture: route('picture') as unknown as GetPictureRoute,
    profiles: route('profiles') as unknown as GetProfilesRoute,
  });
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
