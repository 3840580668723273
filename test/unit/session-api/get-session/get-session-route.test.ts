import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../functions/api/session-bodies.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import { createGetSessionRoute } from '../../../../functions/session-api/get-session/get-session-route.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  ALICE,
  sessionContext as context,
  NOW,
  sessionEvent,
} from '../../../support/session-api/session-events.ts';

function setUp(views: { status?: SessionView } = {}) {
  const calls = { status: [] as SessionIdentity[] };
  const handler = createGetSessionRoute({
    logger: silentLogger(),
    getSessionStatus: async (identity) => {
      calls.status.push(identity);
      return views.status ?? { status: 'unpaired' };
    },
  });
  return { handler, calls };
}

describe('createGetSessionRoute', () => {
  it('answers GET /session for the identity the authorizer put in the context', async () => {
    // prepare
    const { handler, calls } = setUp({
      status: {
        status: 'paired',
        jid: '5511999999999@s.whatsapp.net',
        since: '2026-06-01T10:00:00.000Z',
      },
    });

    // act
    const response = await handler(sessionEvent('GET', '/session'), context);

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Cache-Control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({
      success: true,
      data: {
        status: 'paired',
        jid: '5511999999999@s.whatsapp.net',
        since: '2026-06-01T10:00:00.000Z',
      },
    });
    expect(calls.status).toEqual([ALICE]);
  });

  it('shows the QR payload and its expiry in GET /session while pairing', async () => {
    const { handler } = setUp({ status: { status: 'pairing', qr: 'Q', expiresAt: NOW + 20_000 } });

    const response = await handler(sessionEvent('GET', '/session'), context);

    expect(JSON.parse(response.body).data).toEqual({
      status: 'pairing',
      jid: null,
      since: null,
      qr: 'Q',
      expires_at: '2026-06-15T12:00:20Z',
    });
  });

  it('answers 401 when the request carries no authorized identity', async () => {
    const { handler, calls } = setUp();

    const response = await handler(sessionEvent('GET', '/session', { authorizer: null }), context);

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).error_code).toBe('UNAUTHORIZED');
    expect(calls.status).toEqual([]);
  });

  it.each([
    ['PUT', '/session'],
    ['GET', '/session/pair'],
    ['DELETE', '/session/pair'],
  ])('answers 404 NOT_FOUND for %s %s', async (method, resource) => {
    const { handler } = setUp();

    const response = await handler(sessionEvent(method, resource, { authorizer: null }), context);

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error_code).toBe('NOT_FOUND');
  });
});
