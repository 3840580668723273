import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../functions/api/session-bodies.ts';
import { RateLimitedError } from '../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { createSessionHttpHandler } from '../../../functions/session-api/create-session-http-handler.ts';
import { createGetSessionRoute } from '../../../functions/session-api/get-session/get-session-route.ts';
import { createLogOutSessionRoute } from '../../../functions/session-api/log-out-session/log-out-session-route.ts';
import { createPairSessionRoute } from '../../../functions/session-api/pair-session/pair-session-route.ts';
import type { StartPairingRequest } from '../../../functions/session-api/pair-session/start-pairing.ts';
import { allowedContext, proxyEvent } from '../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const ALICE = { tenantId: 'acme', userId: 'alice' };

function setUp(views: { status?: SessionView; pair?: SessionView | Error } = {}) {
  const calls = {
    status: [] as SessionIdentity[],
    pair: [] as Array<{ identity: SessionIdentity; request: StartPairingRequest }>,
    logOut: [] as Array<{ identity: SessionIdentity; deadline: number }>,
  };
  const logger = silentLogger();
  const handler = createSessionHttpHandler({
    status: createGetSessionRoute({
      logger,
      getSessionStatus: async (identity) => {
        calls.status.push(identity);
        return views.status ?? { status: 'unpaired' };
      },
    }),
    pair: createPairSessionRoute({
      logger,
      firstCodeWaitMs: 8_000,
      now: () => NOW,
      startPairing: async (identity, request) => {
        calls.pair.push({ identity, request });
        const answer = views.pair ?? { status: 'pairing', qr: 'QR', expiresAt: NOW + 60_000 };
        if (answer instanceof Error) throw answer;
        return answer;
      },
    }),
    logOut: createLogOutSessionRoute({
      logger,
      commandDeadlineMs: 20_000,
      now: () => NOW,
      logOutSession: async (identity, request) => {
        calls.logOut.push({ identity, deadline: request.deadline });
        return { status: 'unpaired', unlinked: true };
      },
    }),
  });
  return { handler, calls, logger };
}

function sessionEvent(
  method: string,
  resource: string,
  options: { body?: string | null; authorizer?: Record<string, string> | null } = {},
): APIGatewayProxyEvent {
  const event = proxyEvent({
    resourcePath: resource,
    authorizer: options.authorizer === undefined ? allowedContext(ALICE) : options.authorizer,
  });
  return { ...event, httpMethod: method, body: options.body ?? null };
}

const context = fixedLambdaContext('session', 25_000);

describe('session HTTP function', () => {
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
    [null, {}],
    ['', {}],
    ['{}', {}],
    ['{"phone":"+55 (11) 99999-9999"}', { phoneDigits: '5511999999999' }],
  ])('accepts the pair body %j', async (body, expected) => {
    const { handler, calls } = setUp();

    const response = await handler(sessionEvent('POST', '/session/pair', { body }), context);

    expect(response.statusCode).toBe(200);
    expect(calls.pair[0]).toEqual({
      identity: ALICE,
      request: { ...expected, waitUntil: NOW + 8_000 },
    });
  });

  it.each([
    ['{"phone":"12"}', 'phone must have 8 to 15 digits including the country code'],
    ['{"phone":12345678}', 'phone: phone must be a string: an international phone number'],
    ['{"phone":"+55 11 99999-9999","jid":"x"}', 'Unrecognized key: "jid"'],
    ['not json', 'the body must be JSON: {} or {"phone": "+55 11 99999-9999"}'],
    ['[]', 'Invalid input: expected object, received array'],
  ])('answers 400 VALIDATION_ERROR for the pair body %s', async (body, message) => {
    const { handler, calls } = setUp();

    const response = await handler(sessionEvent('POST', '/session/pair', { body }), context);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      success: false,
      error_code: 'VALIDATION_ERROR',
      error: message,
    });
    expect(calls.pair).toEqual([]);
  });

  it('answers the QR payload of POST /session/pair without jid or since', async () => {
    const { handler } = setUp();

    const response = await handler(sessionEvent('POST', '/session/pair', { body: '{}' }), context);

    expect(JSON.parse(response.body)).toEqual({
      success: true,
      data: { status: 'pairing', qr: 'QR', expires_at: '2026-06-15T12:01:00Z' },
    });
  });

  it('answers the pairing code as the phone shows it (ABCD-EFGH)', async () => {
    const { handler } = setUp({
      pair: { status: 'pairing', pairingCode: 'ABCDEFGH', expiresAt: NOW + 60_000 },
    });

    const response = await handler(
      sessionEvent('POST', '/session/pair', { body: '{"phone":"+5511999999999"}' }),
      context,
    );

    expect(JSON.parse(response.body).data).toEqual({
      status: 'pairing',
      pairing_code: 'ABCD-EFGH',
      expires_at: '2026-06-15T12:01:00Z',
    });
  });

  it('answers 429 RATE_LIMITED with Retry-After', async () => {
    const { handler } = setUp({ pair: new RateLimitedError('too many pairing attempts', 600) });

    const response = await handler(sessionEvent('POST', '/session/pair'), context);

    expect(response.statusCode).toBe(429);
    expect(response.headers?.['Retry-After']).toBe('600');
    expect(JSON.parse(response.body).error_code).toBe('RATE_LIMITED');
  });

  it('never logs the QR payload or the phone', async () => {
    // prepare
    const { handler, logger } = setUp();
    const info = vi.spyOn(logger, 'info');

    // act
    await handler(
      sessionEvent('POST', '/session/pair', { body: '{"phone":"+5511999999999"}' }),
      context,
    );

    // assert
    const logged = JSON.stringify(info.mock.calls);
    expect(info).toHaveBeenCalled();
    expect(logged).not.toContain('QR');
    expect(logged).not.toContain('5511999999999');
  });

  it('answers DELETE /session with unpaired and a deadline within the invocation', async () => {
    const { handler, calls } = setUp();

    const response = await handler(sessionEvent('DELETE', '/session'), context);

    expect(JSON.parse(response.body)).toEqual({ success: true, data: { status: 'unpaired' } });
    expect(calls.logOut).toEqual([{ identity: ALICE, deadline: NOW + 20_000 }]);
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
