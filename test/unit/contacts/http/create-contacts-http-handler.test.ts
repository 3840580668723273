import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createGetContactPicture } from '../../../../functions/contacts/get-picture/get-contact-picture.ts';
import { createGetPictureRoute } from '../../../../functions/contacts/get-picture/get-picture-route.ts';
import { createGetProfileRoute } from '../../../../functions/contacts/get-profile/get-profile-route.ts';
import type {
  BatchProfileResult,
  GetContactProfilesRequest,
} from '../../../../functions/contacts/get-profiles/get-contact-profiles.ts';
import { createGetProfilesRoute } from '../../../../functions/contacts/get-profiles/get-profiles-route.ts';
import { createContactsHttpHandler } from '../../../../functions/contacts/http/create-contacts-http-handler.ts';
import type { ContactQuery } from '../../../../functions/domain/contact/contact-query.ts';
import type {
  ContactPicture,
  PictureType,
} from '../../../../functions/domain/contact/profile-picture.ts';
import { NotFoundError } from '../../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import type { CachedPicture, PictureCache } from '../../../../functions/ports/picture-cache.ts';
import type {
  LivePicture,
  PictureWorkerClient,
} from '../../../../functions/ports/worker-client.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const JID = '5511999999999@s.whatsapp.net';
const PICTURE: ContactPicture = {
  jid: JID,
  picture: {
    url: `https://pps.whatsapp.net/v/t61/abc.jpg?oe=${Math.floor((NOW + 600_000) / 1000).toString(16)}`,
    id: '1718000000',
    type: 'image',
    direct_path: '/v/t61/abc.jpg',
  },
};
const PROFILE_JSON = `{"jid":"${JID}","user_info":{"Status":"hi","PictureID":"","Devices":[],"VerifiedName":null},"business_profile":null}`;

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    resource: '/contacts/profile-picture',
    path: '/contacts/profile-picture',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: { jid: JID },
    multiValueQueryStringParameters: { jid: [JID] },
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      authorizer: { tenantId: 'acme', userId: 'alice', tokenId: 'tok_1' },
    } as unknown as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

class FakePictureCache implements PictureCache {
  entry: CachedPicture | null = null;
  async get() {
    return this.entry;
  }
  async put() {}
}

class FakePictureWorkerClient implements PictureWorkerClient {
  readonly calls: Array<{ contact: ContactQuery; type: PictureType; existingId?: string }> = [];
  readonly answer: LivePicture | Error;
  constructor(answer: LivePicture | Error) {
    this.answer = answer;
  }
  async requestPicture(
    _identity: SessionIdentity,
    contact: ContactQuery,
    options: { type: PictureType; existingId?: string },
  ) {
    this.calls.push({
      contact,
      type: options.type,
      ...(options.existingId ? { existingId: options.existingId } : {}),
    });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

function setup(
  answer: LivePicture | Error = { picture: PICTURE, fetchedAt: NOW, expiresAt: NOW + 600_000 },
) {
  const logger = silentLogger();
  const cache = new FakePictureCache();
  const workerClient = new FakePictureWorkerClient(answer);
  const batchRequests: GetContactProfilesRequest[] = [];
  const shared = { logger, freshSeconds: 3600, liveLookupDeadlineMs: 10_000, now: () => NOW };
  const handler = createContactsHttpHandler({
    profile: createGetProfileRoute({
      getContactProfile: async () => {
        throw new Error('not this route');
      },
      ...shared,
    }),
    picture: createGetPictureRoute({
      getContactPicture: createGetContactPicture({
        cache,
        workerClient,
        freshSeconds: 3600,
        staleFallbackAfterMs: 2000,
        now: () => NOW,
      }),
      ...shared,
    }),
    profiles: createGetProfilesRoute({
      getContactProfiles: async (request) => {
        batchRequests.push(request);
        return request.entries.map(
          (entry): BatchProfileResult =>
            'kind' in entry
              ? { ok: true, profileJson: PROFILE_JSON, cacheStatus: 'HIT' }
              : { ok: false, error: entry },
        );
      },
      ...shared,
    }),
  });
  return { handler, cache, workerClient, batchRequests };
}

describe('GET /contacts/profile-picture', () => {
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
    expect(workerClient.calls).toEqual([{ contact: { kind: 'jid', jid: JID }, type: 'image' }]);
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
      { contact: { kind: 'number', digits: '5511999999999' }, type: 'preview' },
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
});

describe('POST /contacts/profiles', () => {
  const post = (body: string | null) =>
    event({
      resource: '/contacts/profiles',
      path: '/contacts/profiles',
      httpMethod: 'POST',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body,
    });

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
    const response = await handler(
      event({ resource: '/contacts/profiles', path: '/contacts/profiles', httpMethod: 'GET' }),
      context,
    );

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'NOT_FOUND' });
  });
});
