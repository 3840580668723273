import { describe, expect, it } from 'vitest';
import {
  InternalError,
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../../functions/domain/errors/app-errors.ts';
import {
  mapWhatsAppError,
  replyErrorCode,
} from '../../../functions/whatsapp/map-whatsapp-error.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';

/** Baileys' errors are Boom objects: a reply's code as `data`, a connection's as the status. */
function boom(options: { data?: unknown; statusCode?: number }) {
  return Object.assign(new Error('boom'), {
    isBoom: true as const,
    data: options.data,
    output: { statusCode: options.statusCode },
  });
}

describe('mapWhatsAppError', () => {
  it('maps a reply’s error code, stanza or Boom, to the contract’s errors', () => {
    expect(mapWhatsAppError(new WhatsAppStanzaError(404, 'item-not-found'), 60)).toBeInstanceOf(
      NotFoundError,
    );
    expect(mapWhatsAppError(boom({ data: 404 }), 60)).toBeInstanceOf(NotFoundError);
    expect(mapWhatsAppError(boom({ data: 401 }), 60)).toBeInstanceOf(SessionUnavailableError);
    expect(mapWhatsAppError(boom({ data: 408 }), 60)).toBeInstanceOf(UpstreamTimeoutError);
    expect(mapWhatsAppError(boom({ data: 500 }), 60)).toBeInstanceOf(InternalError);
  });

  it('maps a 463 no session acted on to RATE_LIMITED naming reachout_timelock', () => {
    // act
    const mapped = mapWhatsAppError(boom({ data: 463 }), 60);

    // assert
    expect(mapped).toBeInstanceOf(RateLimitedError);
    expect(mapped.message).toContain('reachout_timelock');
    expect((mapped as RateLimitedError).retryAfterSeconds).toBe(60);
  });

  it('takes WhatsApp’s own backoff for rate-overlimit, the configured one otherwise', () => {
    const withBackoff = mapWhatsAppError(new WhatsAppStanzaError(429, 'rate-overlimit', 12), 60);
    const withoutBackoff = mapWhatsAppError(boom({ data: 429 }), 60);

    expect(withBackoff).toBeInstanceOf(RateLimitedError);
    expect((withBackoff as RateLimitedError).retryAfterSeconds).toBe(12);
    expect((withoutBackoff as RateLimitedError).retryAfterSeconds).toBe(60);
  });

  it('maps connection trouble by its status: timed out, or the session not connected', () => {
    expect(mapWhatsAppError(boom({ statusCode: 408 }), 60)).toBeInstanceOf(UpstreamTimeoutError);
    expect(mapWhatsAppError(boom({ statusCode: 428 }), 60)).toBeInstanceOf(SessionUnavailableError);
  });

  it('keeps an AppError as it is and turns anything unknown into INTERNAL_ERROR', () => {
    const notFound = new NotFoundError('gone');

    expect(mapWhatsAppError(notFound, 60)).toBe(notFound);
    expect(mapWhatsAppError(new TypeError('x is undefined'), 60)).toBeInstanceOf(InternalError);
  });
});

describe('replyErrorCode', () => {
  it('reads the code of a refused reply, whichever way it was thrown', () => {
    expect(replyErrorCode(new WhatsAppStanzaError(403, 'forbidden'))).toBe(403);
    expect(replyErrorCode(boom({ data: 404 }))).toBe(404);
    expect(replyErrorCode(boom({ statusCode: 428 }))).toBeUndefined();
    expect(replyErrorCode(new Error('other'))).toBeUndefined();
  });
});
