import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createGetPictureRoute } from '../../../../functions/contacts/get-picture/get-picture-route.ts';
import type { ContactPicture } from '../../../../functions/domain/contact/profile-picture.ts';
import { NotFoundError } from '../../../../functions/domain/errors/app-errors.ts';
import type { LivePicture } from '../../../../functions/ports/worker-client.ts';
import {
  PICTURE_JID as JID,
  PICTURE,
  pictureUseCaseOverFakes,
} from '../../../support/contacts/picture-fakes.ts';
import { NOW } from '../../../support/contacts/recording-get-contact-profile.ts';
import { proxyEvent } from '../../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    ...proxyEvent({
      resourcePath: '/contacts/profile-picture',
      query: { jid: JID },
      authorizer: { tenantId: 'acme', userId: 'alice', tokenId: 'tok_1' },
    }),
    ...overrides,
  };
}

const context = fixedLambdaContext('contacts');

function setup(answer?: LivePicture | Error) {
  const { getContactPicture, cache, workerClient } = pictureUseCaseOverFakes(answer);
  const handler = createGetPictureRoute({
    getContactPicture,
    logger: silentLogger(),
    freshSeconds: 3600,
    liveLookupDeadlineMs: 10_000,
    now: () => NOW,
  });
  return { handler, cache, workerClient };
}

describe('createGetPictureRoute', () => {
  it('answers the picture with max-age capped by the URL expiry and the picture id as ETag', async () => {
    // prepare
    const { handler, workerClient } = setup();

    // act
    const response = await handler(event({}), context);

    // assert
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ success: true, data: PICTURE });
    expect(response.headers).toMatchObject({
      'X-Cache': 'MISS',
      ETag: '"1718000000"',
      'Cache-Control': 'private, max-age=600',
    });
    expect(workerClient.calls).toEqual([
      { contact: { kind: 'jid', jid: JID }, type: 'image', deadline: NOW + 10_000, refresh: false },
    ]);
  });

  it('asks for the thumbnail with preview=true', async () => {
    // prepare
    const { handler, workerClient } = setup();

    // act
    await handler(
      event({
        queryStringParameters: { number: '+55 11 99999-9999', preview: 'true' },
        multiValueQueryStringParameters: null,
      }),
      context,
    );

    // assert
    expect(workerClient.calls).toEqual([
      {
        contact: { kind: 'number', digits: '5511999999999' },
        type: 'preview',
        deadline: NOW + 10_000,
        refresh: false,
      },
    ]);
  });

  it('answers 304 when the cached picture id matches If-None-Match', async () => {
    // prepare
    const { handler, cache, workerClient } = setup();
    cache.entry = {
      pictureJson: JSON.stringify(PICTURE),
      fetchedAt: NOW - 60_000,
      expiresAt: NOW + 540_000,
      pictureId: '1718000000',
    };

    // act
    const response = await handler(
      event({ headers: { 'If-None-Match': '"1718000000"' } }),
      context,
    );

    // assert
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers).toMatchObject({ 'X-Cache': 'HIT', ETag: '"1718000000"' });
    expect(workerClient.calls).toHaveLength(0);
  });

  it('answers 304 when WhatsApp says the picture the caller holds is unchanged', async () => {
    // prepare
    const { handler, workerClient } = setup({
      picture: { jid: JID, unchanged: true },
      fetchedAt: NOW,
    });

    // act
    const response = await handler(
      event({ headers: { 'if-none-match': '"1718000000"' } }),
      context,
    );

    // assert
    expect(response.statusCode).toBe(304);
    expect(response.headers).toMatchObject({ ETag: '"1718000000"' });
    expect(workerClient.calls[0]?.existingId).toBe('1718000000');
  });

  it('answers picture null with visibility when the contact hides it', async () => {
    // prepare
    const hidden: ContactPicture = { jid: JID, picture: null, visibility: 'hidden' };
    const { handler } = setup({ picture: hidden, fetchedAt: NOW });

    // act
    const response = await handler(event({}), context);

    // assert
    expect(JSON.parse(response.body)).toEqual({ success: true, data: hidden });
    expect(response.headers?.ETag).toMatch(/^"[\w-]+"$/);
  });

  it('returns 404 NOT_FOUND when the contact is not on WhatsApp', async () => {
    // prepare
    const { handler } = setup(new NotFoundError('5511…99 is not on WhatsApp'));

    // act
    const response = await handler(event({}), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
  });

  it('returns 400 VALIDATION_ERROR for a group JID', async () => {
    // prepare
    const { handler } = setup();

    // act
    const response = await handler(
      event({
        queryStringParameters: { jid: '120363@g.us' },
        multiValueQueryStringParameters: null,
      }),
      context,
    );

    // assert
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('leaves any other method or path to the 404 envelope without asking for a picture', async () => {
    // prepare
    const { handler, workerClient } = setup();

    // act
    const response = await handler(event({ httpMethod: 'POST' }), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'NOT_FOUND' });
    expect(workerClient.calls).toHaveLength(0);
  });
});
