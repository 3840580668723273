import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createGetProfilesRoute } from '../../../../functions/contacts/get-profiles/get-profiles-route.ts';
import {
  NOW,
  PROFILE_JSON,
  recordingGetContactProfiles,
} from '../../../support/contacts/recording-get-contact-profile.ts';
import { proxyEvent } from '../../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

const JID = '5511999999999@s.whatsapp.net';

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    ...proxyEvent({
      resourcePath: '/contacts/profiles',
      query: null,
      authorizer: { tenantId: 'acme', userId: 'alice', tokenId: 'tok_1' },
    }),
    httpMethod: 'POST',
    ...overrides,
  };
}

const context = fixedLambdaContext('contacts');

function setup() {
  const { getContactProfiles, requests: batchRequests } = recordingGetContactProfiles();
  const handler = createGetProfilesRoute({
    getContactProfiles,
    logger: silentLogger(),
    liveLookupDeadlineMs: 10_000,
    now: () => NOW,
  });
  return { handler, batchRequests };
}

describe('createGetProfilesRoute', () => {
  const post = (body: string | null) => event({ body });

  it('answers one body per contact, in order, each as the single lookup would', async () => {
    // prepare
    const { handler, batchRequests } = setup();

    // act
    const response = await handler(
      post(JSON.stringify({ contacts: [{ jid: JID }, { jid: '120363@g.us' }] })),
      context,
    );

    // assert
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.success).toBe(true);
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toEqual({ success: true, data: JSON.parse(PROFILE_JSON) });
    expect(body.data[1]).toEqual({
      success: false,
      error: expect.stringContaining('group'),
      error_code: 'VALIDATION_ERROR',
      timestamp: '2026-06-15T12:00:00Z',
    });
    expect(batchRequests).toHaveLength(1);
    expect(batchRequests[0]?.identity).toEqual({ tenantId: 'acme', userId: 'alice' });
    expect(batchRequests[0]?.deadline).toBe(NOW + 10_000);
    expect(response.headers).toMatchObject({ 'Cache-Control': 'private, no-store' });
  });

  it.each([
    ['a body that is not JSON', 'not json'],
    ['an empty list', '{"contacts":[]}'],
    ['an entry with neither jid nor number', '{"contacts":[{}]}'],
  ])('returns 400 VALIDATION_ERROR for %s', async (_case, body) => {
    // prepare
    const { handler, batchRequests } = setup();

    // act
    const response = await handler(post(body), context);

    // assert
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      success: false,
      error_code: 'VALIDATION_ERROR',
    });
    expect(batchRequests).toHaveLength(0);
  });

  it('leaves other methods of the path to the 404 envelope', async () => {
    // prepare
    const { handler } = setup();

    // act
    const response = await handler(event({ httpMethod: 'GET' }), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'NOT_FOUND' });
  });
});
