import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../../functions/api/session-bodies.ts';
import { RateLimitedError } from '../../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import { createPairSessionRoute } from '../../../../functions/session-api/pair-session/pair-session-route.ts';
import type { StartPairingRequest } from '../../../../functions/session-api/pair-session/start-pairing.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  ALICE,
  sessionContext as context,
  NOW,
  sessionEvent,
} from '../../../support/session-api/session-events.ts';

function setUp(views: { pair?: SessionView | Error } = {}) {
  const calls = {
    pair: [] as Array<{ identity: SessionIdentity; request: StartPairingRequest }>,
  };
  const logger = silentLogger();
  const handler = createPairSessionRoute({
    logger,
    firstCodeWaitMs: 8_000,
    now: () => NOW,
    startPairing: async (identity, request) => {
      calls.pair.push({ identity, request });
      const answer = views.pair ?? { status: 'pairing', qr: 'QR', expiresAt: NOW + 60_000 };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { handler, calls, logger };
}

describe('createPairSessionRoute', () => {
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

  it('leaves any other method or path to the 404 envelope without starting a pairing', async () => {
    // prepare
    const { handler, calls } = setUp();

    // act
    const response = await handler(sessionEvent('GET', '/session/pair'), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error_code).toBe('NOT_FOUND');
    expect(calls.pair).toEqual([]);
  });
});
