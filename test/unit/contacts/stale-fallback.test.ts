import { describe, expect, it } from 'vitest';
import {
  allowsStaleAnswer,
  createStaleFallback,
} from '../../../functions/contacts/stale-fallback.ts';
import {
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../../functions/domain/errors/app-errors.ts';

const NOW = 1_800_000_000_000;
const rules = { freshSeconds: 60, staleFallbackAfterMs: 3000, now: () => NOW };

describe('createStaleFallback', () => {
  it('takes an entry younger than freshSeconds as fresh, and an older one as not', () => {
    // prepare
    const fallback = createStaleFallback(rules);

    // act / assert
    expect(fallback.isFresh({ fetchedAt: NOW - 59_999 }, false)).toBe(true);
    expect(fallback.isFresh({ fetchedAt: NOW - 60_000 }, false)).toBe(false);
  });

  it('never takes an entry a change notification marked stale as fresh, however young', () => {
    const fallback = createStaleFallback(rules);

    expect(fallback.isFresh({ fetchedAt: NOW - 1_000, stale: true }, false)).toBe(false);
  });

  it('never takes an entry as fresh when the caller asks to refresh', () => {
    const fallback = createStaleFallback(rules);

    expect(fallback.isFresh({ fetchedAt: NOW }, true)).toBe(false);
  });

  it('gives the live fetch only staleFallbackAfterMs when a cached entry can stand in', () => {
    const fallback = createStaleFallback(rules);

    expect(fallback.liveDeadline(NOW + 10_000, true)).toBe(NOW + 3000);
    expect(fallback.liveDeadline(NOW + 1000, true)).toBe(NOW + 1000);
  });

  it("keeps the request's deadline when no cached entry is at hand", () => {
    const fallback = createStaleFallback(rules);

    expect(fallback.liveDeadline(NOW + 10_000, false)).toBe(NOW + 10_000);
  });
});

describe('allowsStaleAnswer', () => {
  it('allows a stale answer after a timeout or an unavailable session or service', () => {
    expect(allowsStaleAnswer(new UpstreamTimeoutError('late'))).toBe(true);
    expect(allowsStaleAnswer(new SessionUnavailableError('no worker'))).toBe(true);
    expect(allowsStaleAnswer(new ServiceUnavailableError('down'))).toBe(true);
  });

  it('refuses one after a failure that says something about the contact or the caller', () => {
    expect(allowsStaleAnswer(new NotFoundError('not on WhatsApp'))).toBe(false);
    expect(allowsStaleAnswer(new RateLimitedError('slow down', 30))).toBe(false);
    expect(allowsStaleAnswer(new Error('bug'))).toBe(false);
  });
});
