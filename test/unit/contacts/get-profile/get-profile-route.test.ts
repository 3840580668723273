import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { JSON_CONTENT_TYPE } from '../../../../functions/api/error-envelope.ts';
import type { ContactProfileResult } from '../../../../functions/contacts/get-profile/get-contact-profile.ts';
import { createGetProfileRoute } from '../../../../functions/contacts/get-profile/get-profile-route.ts';
import {
  NotFoundError,
  RateLimitedError,
  UpstreamTimeoutError,
} from '../../../../functions/domain/errors/app-errors.ts';
import {
  ALICE_JID_REQUEST,
  ISO_SECOND_UTC,
  NOW,
  PROFILE_JSON,
  RESULT,
  recordingGetContactProfile,
} from '../../../support/contacts/recording-get-contact-profile.ts';
import { proxyEvent } from '../../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function profileEvent(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    ...proxyEvent({
      query: { jid: '5511999999999@s.whatsapp.net' },
      authorizer: { tenantId: 'acme', userId: 'alice', tokenId: 'tok_1' },
    }),
    ...overrides,
  };
}

function lambdaContext(remainingMs?: number): Context {
  return fixedLambdaContext('profile', remainingMs);
}

/** The contract's error answer: the status, JSON never cached, the envelope with its timestamp. */
function expectErrorResponse(
  response: APIGatewayProxyResult,
  statusCode: number,
  errorCode: string,
  error: string,
): void {
  expect(response.statusCode).toBe(statusCode);
  expect(response.headers).toMatchObject({
    'Content-Type': JSON_CONTENT_TYPE,
    'Cache-Control': 'no-store',
  });
  expect(JSON.parse(response.body)).toEqual({
    success: false,
    error,
    error_code: errorCode,
    timestamp: expect.stringMatching(ISO_SECOND_UTC),
  });
}

function setup(answer: ContactProfileResult | Error = RESULT) {
  const { getContactProfile, requests } = recordingGetContactProfile(answer);
  const logger = silentLogger();
  const handler = createGetProfileRoute({
    getContactProfile,
    logger,
    freshSeconds: 3600,
    liveLookupDeadlineMs: 10_000,
    now: () => NOW,
  });
  return { handler, requests, logger };
}

describe('createGetProfileRoute', () => {
  it('answers 200 with the profile and cache headers', async () => {
    // prepare
    const { handler, requests } = setup();

    // act
    const response = await handler(profileEvent(), lambdaContext());

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({
      'Content-Type': JSON_CONTENT_TYPE,
      'X-Cache': 'HIT',
      Age: '10',
      ETag: '"etag-1"',
      'Cache-Control': 'private, max-age=3590',
    });
    expect(JSON.parse(response.body)).toEqual({ success: true, data: JSON.parse(PROFILE_JSON) });
    expect(requests).toEqual([ALICE_JID_REQUEST]);
  });

  it('passes refresh and a number query to the use case', async () => {
    const { handler, requests } = setup();
    await handler(
      profileEvent({
        queryStringParameters: { number: '+55 11 99999-9999', refresh: '1' },
        multiValueQueryStringParameters: null,
      }),
      lambdaContext(),
    );
    expect(requests[0]).toMatchObject({
      contact: { kind: 'number', digits: '5511999999999' },
      refresh: true,
    });
  });

  it('keeps the deadline inside the Lambda remaining time', async () => {
    // prepare
    const { handler, requests } = setup();

    // act
    await handler(profileEvent(), lambdaContext(3000));

    // assert
    expect(requests[0]?.deadline).toBe(NOW + 3000 - 500);
  });

  it('answers 304 when If-None-Match holds the ETag, whatever the header case', async () => {
    const { handler } = setup();
    const response = await handler(
      profileEvent({ headers: { 'if-none-match': 'W/"etag-1"' } }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers?.ETag).toBe('"etag-1"');
  });

  it('answers 400 VALIDATION_ERROR when neither jid nor number is given', async () => {
    // prepare
    const { handler, requests } = setup();

    // act
    const response = await handler(
      profileEvent({ queryStringParameters: null, multiValueQueryStringParameters: null }),
      lambdaContext(),
    );

    // assert
    expectErrorResponse(response, 400, 'VALIDATION_ERROR', 'either jid or number is required');
    expect(requests).toHaveLength(0);
  });

  it('answers 400 when a parameter is repeated with different values', async () => {
    const { handler } = setup();
    const response = await handler(
      profileEvent({
        queryStringParameters: { jid: '2@lid' },
        multiValueQueryStringParameters: { jid: ['1@lid', '2@lid'] },
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toBe(
      'jid was given more than once with different values',
    );
  });

  it('answers 400 naming a group JID', async () => {
    const { handler } = setup();
    const response = await handler(
      profileEvent({
        queryStringParameters: { jid: '120363025246125486@g.us' },
        multiValueQueryStringParameters: null,
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toBe('jid must be a user JID; got a group JID');
  });

  it.each([
    ['an unknown path', { resource: '/{proxy+}', path: '/contacts/photo', httpMethod: 'GET' }],
    [
      'a wrong method',
      { resource: '/contacts/profile', path: '/contacts/profile', httpMethod: 'POST' },
    ],
    ['the root path', { resource: '/', path: '/', httpMethod: 'GET' }],
  ])('answers 404 NOT_FOUND for %s', async (_name, route) => {
    // prepare
    const { handler, requests } = setup();

    // act
    const response = await handler(
      profileEvent({ ...route, requestContext: {} as APIGatewayProxyEvent['requestContext'] }),
      lambdaContext(),
    );

    // assert
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['Content-Type']).toBe(JSON_CONTENT_TYPE);
    const body = JSON.parse(response.body);
    expect(body.error_code).toBe('NOT_FOUND');
    expect(body.error).toBe(
      `no route for ${route.httpMethod} ${route.path}; use GET /contacts/profile`,
    );
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['no authorizer context', undefined],
    ['an empty tenantId', { tenantId: '', userId: 'alice' }],
    ['no userId', { tenantId: 'acme' }],
  ])('answers 401 UNAUTHORIZED when there is %s', async (_name, authorizer) => {
    // prepare
    const { handler, requests } = setup();
    const event = profileEvent({
      requestContext: { authorizer } as unknown as APIGatewayProxyEvent['requestContext'],
    });

    // act
    const response = await handler(event, lambdaContext());

    // assert
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({
      success: false,
      error_code: 'UNAUTHORIZED',
      error: 'the request carries no authorized identity',
    });
    expect(requests).toHaveLength(0);
  });

  it('answers 404 when the use case says the contact is not on WhatsApp', async () => {
    const { handler } = setup(new NotFoundError('the contact is not on WhatsApp'));
    const response = await handler(profileEvent(), lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error).toBe('the contact is not on WhatsApp');
  });

  it('answers 429 with Retry-After when the use case is rate limited', async () => {
    const { handler } = setup(new RateLimitedError('live-lookup budget spent', 42));
    const response = await handler(profileEvent(), lambdaContext());
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['Retry-After']).toBe('42');
    expect(JSON.parse(response.body).error_code).toBe('RATE_LIMITED');
  });

  it('answers 504 UPSTREAM_TIMEOUT when the live fetch times out', async () => {
    const { handler } = setup(new UpstreamTimeoutError('the live fetch did not finish in time'));
    const response = await handler(profileEvent(), lambdaContext());
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body).error_code).toBe('UPSTREAM_TIMEOUT');
  });

  it('answers 500 INTERNAL_ERROR with a generic message when the use case throws a plain Error', async () => {
    // prepare
    const { handler, logger } = setup(new Error('DynamoDB table cache-prod does not exist'));
    const logged = vi.spyOn(logger, 'error');

    // act
    const response = await handler(profileEvent(), lambdaContext());

    // assert
    expectErrorResponse(
      response,
      500,
      'INTERNAL_ERROR',
      'internal error; the request was logged and can be retried',
    );
    expect(response.body).not.toContain('cache-prod');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('logs the contact masked, never the full JID', async () => {
    // prepare
    const { handler, logger } = setup();
    const logged = vi.spyOn(logger, 'info');

    // act
    await handler(profileEvent(), lambdaContext());

    // assert
    const serialised = JSON.stringify(logged.mock.calls);
    expect(serialised).not.toContain('5511999999999');
    expect(serialised).toContain('55*********99@s.whatsapp.net');
  });
});
