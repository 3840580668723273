import { describe, expect, it } from 'vitest';
import {
  type ProfileRequestMessage,
  profileReplyMessageSchema,
} from '../../../functions/contracts/shard-messages.ts';
import type { ContactProfile } from '../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import {
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
} from '../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { ProfileCache } from '../../../functions/ports/profile-cache.ts';
import type { WhatsAppDirectory } from '../../../functions/ports/whatsapp-directory.ts';
import { createHandleProfileRequest } from '../../../functions/worker/handle-profile-request.ts';
import { SEED_PROFILE } from '../../support/seed-profile.ts';
import { unusedDirectoryMethods } from '../../support/unused-directory-methods.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

const PROFILE: ContactProfile = SEED_PROFILE;

const REQUEST: ProfileRequestMessage = {
  kind: 'profile-lookup',
  version: 1,
  correlationId: 'corr-1',
  replyQueueUrl: 'http://127.0.0.1:4566/000000000000/replies-1',
  deadline: NOW + 10_000,
  tenantId: 'acme',
  userId: 'alice',
  contact: { kind: 'number', digits: '5511999999999' },
  refresh: false,
};

function setup(answer: ContactProfile | Error, cacheFailure?: Error) {
  const events: string[] = [];
  const puts: Array<{
    identity: SessionIdentity;
    askedAs: ContactQuery;
    profile: ContactProfile;
    fetchedAt: number;
  }> = [];
  const lookups: Array<{ identity: SessionIdentity; contact: ContactQuery; signal: AbortSignal }> =
    [];
  const directory: WhatsAppDirectory = {
    ...unusedDirectoryMethods,
    lookup: async (identity, contact, signal) => {
      events.push('lookup');
      lookups.push({ identity, contact, signal });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const cache: ProfileCache = {
    get: async () => null,
    put: async (identity, askedAs, profile, fetchedAt) => {
      events.push('put');
      if (cacheFailure) throw cacheFailure;
      puts.push({ identity, askedAs, profile, fetchedAt });
    },
  };
  const handle = createHandleProfileRequest({ directory, cache, now: () => NOW });
  return { handle, events, puts, lookups };
}

describe('handleProfileRequest', () => {
  it('writes the cache, then replies ok with the profile', async () => {
    // prepare
    const { handle, events, puts, lookups } = setup(PROFILE);
    const signal = new AbortController().signal;

    // act
    const outcome = await handle(REQUEST, signal);

    // assert
    expect(outcome).toEqual({
      kind: 'reply',
      reply: { version: 1, correlationId: 'corr-1', ok: true, profile: PROFILE, fetchedAt: NOW },
    });
    expect(events).toEqual(['lookup', 'put']);
    expect(puts).toEqual([
      {
        identity: { tenantId: 'acme', userId: 'alice' },
        askedAs: { kind: 'number', digits: '5511999999999' },
        profile: PROFILE,
        fetchedAt: NOW,
      },
    ]);
    expect(lookups[0]?.signal).toBe(signal);
    expect(profileReplyMessageSchema.safeParse(outcome.reply).success).toBe(true);
  });

  it('replies NOT_FOUND when the contact is not on WhatsApp, without writing the cache', async () => {
    // prepare
    const { handle, puts } = setup(new NotFoundError('the contact is not on WhatsApp'));

    // act
    const outcome = await handle(REQUEST, new AbortController().signal);

    // assert
    expect(outcome).toEqual({
      kind: 'reply',
      reply: {
        version: 1,
        correlationId: 'corr-1',
        ok: false,
        errorCode: 'NOT_FOUND',
        message: 'the contact is not on WhatsApp',
      },
    });
    expect(puts).toHaveLength(0);
  });

  it('replies SESSION_UNAVAILABLE when the session is not connected', async () => {
    const { handle } = setup(new SessionUnavailableError('the session is logged out'));
    const outcome = await handle(REQUEST, new AbortController().signal);
    expect(outcome.kind).toBe('reply');
    expect(outcome.reply).toMatchObject({ ok: false, errorCode: 'SESSION_UNAVAILABLE' });
  });

  it('carries retryAfterSeconds in a RATE_LIMITED reply', async () => {
    // prepare
    const { handle } = setup(new RateLimitedError('WhatsApp said rate-overlimit', 17));

    // act
    const outcome = await handle(REQUEST, new AbortController().signal);

    // assert
    expect(outcome.kind).toBe('reply');
    expect(outcome.reply).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: false,
      errorCode: 'RATE_LIMITED',
      message: 'WhatsApp said rate-overlimit',
      retryAfterSeconds: 17,
    });
    expect(profileReplyMessageSchema.safeParse(outcome.reply).success).toBe(true);
  });

  it('asks for a retry with an INTERNAL_ERROR reply when the lookup throws a plain Error', async () => {
    // prepare
    const failure = new Error('socket hang up at 10.0.0.5');
    const { handle, puts } = setup(failure);

    // act
    const outcome = await handle(REQUEST, new AbortController().signal);

    // assert
    expect(outcome).toEqual({
      kind: 'retry',
      error: failure,
      reply: {
        version: 1,
        correlationId: 'corr-1',
        ok: false,
        errorCode: 'INTERNAL_ERROR',
        message: 'internal error; the request was logged and can be retried',
      },
    });
    expect(JSON.stringify(outcome.reply)).not.toContain('10.0.0.5');
    expect(puts).toHaveLength(0);
  });

  it('asks for a retry when writing the cache fails', async () => {
    const failure = new Error('cache write failed');
    const { handle } = setup(PROFILE, failure);
    const outcome = await handle(REQUEST, new AbortController().signal);
    expect(outcome.kind).toBe('retry');
    expect(outcome.reply).toMatchObject({ ok: false, errorCode: 'INTERNAL_ERROR' });
  });
});
