import { describe, expect, it } from 'vitest';
import { createGetContactProfile } from '../../../../functions/contacts/get-profile/get-contact-profile.ts';
import type { ContactProfile } from '../../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../../functions/domain/contact/contact-query.ts';
import { profileEtag } from '../../../../functions/domain/contact/profile-etag.ts';
import {
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import type { CachedProfile, ProfileCache } from '../../../../functions/ports/profile-cache.ts';
import type {
  LiveProfile,
  ProfileWorkerClient,
} from '../../../../functions/ports/worker-client.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const FRESH_SECONDS = 3600;
const STALE_FALLBACK_AFTER_MS = 2000;
const IDENTITY: SessionIdentity = { tenantId: 'acme', userId: 'alice' };
const CONTACT: ContactQuery = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' };

function profile(status: string): ContactProfile {
  return {
    jid: '5511999999999@s.whatsapp.net',
    user_info: {
      Status: status,
      PictureID: '1718000000',
      Devices: ['5511999999999@s.whatsapp.net'],
      VerifiedName: null,
    },
    business_profile: null,
  };
}

function cachedEntry(fetchedAt: number): CachedProfile {
  const profileJson = JSON.stringify(profile('cached status'));
  return { profileJson, fetchedAt, etag: profileEtag(profileJson) };
}

class FakeProfileCache implements ProfileCache {
  readonly reads: Array<{ identity: SessionIdentity; contact: ContactQuery }> = [];
  readonly #entry: CachedProfile | null;
  constructor(entry: CachedProfile | null) {
    this.#entry = entry;
  }
  async get(identity: SessionIdentity, contact: ContactQuery) {
    this.reads.push({ identity, contact });
    return this.#entry;
  }
  async put() {
    throw new Error('the use case must not write the cache; the worker does');
  }
}

class FakeProfileWorkerClient implements ProfileWorkerClient {
  readonly calls: Array<{
    contact: ContactQuery;
    options: { deadline: number; refresh: boolean };
  }> = [];
  readonly #answer: LiveProfile | Error;
  constructor(answer: LiveProfile | Error) {
    this.#answer = answer;
  }
  async request(
    _identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean },
  ) {
    this.calls.push({ contact, options });
    if (this.#answer instanceof Error) throw this.#answer;
    return this.#answer;
  }
}

function setup(entry: CachedProfile | null, answer: LiveProfile | Error) {
  const cache = new FakeProfileCache(entry);
  const workerClient = new FakeProfileWorkerClient(answer);
  const dependencies = {
    cache,
    workerClient,
    freshSeconds: FRESH_SECONDS,
    staleFallbackAfterMs: STALE_FALLBACK_AFTER_MS,
    now: () => NOW,
  };
  const getContactProfile = createGetContactProfile(dependencies);
  return { cache, workerClient, getContactProfile };
}

const LIVE: LiveProfile = { profile: profile('live status'), fetchedAt: NOW - 5 };
const request = (refresh = false) => ({
  identity: IDENTITY,
  contact: CONTACT,
  refresh,
  deadline: NOW + 10_000,
});

describe('getContactProfile', () => {
  it('answers HIT from a fresh cache entry without asking the worker', async () => {
    // prepare
    const entry = cachedEntry(NOW - 60_000);
    const { cache, workerClient, getContactProfile } = setup(entry, LIVE);

    // act
    const result = await getContactProfile(request());

    // assert
    expect(result).toEqual({ ...entry, cacheStatus: 'HIT' });
    expect(workerClient.calls).toHaveLength(0);
    expect(cache.reads).toEqual([{ identity: IDENTITY, contact: CONTACT }]);
  });

  it('goes live with MISS when nothing is cached', async () => {
    // prepare
    const { workerClient, getContactProfile } = setup(null, LIVE);

    // act
    const result = await getContactProfile(request());

    // assert
    const profileJson = JSON.stringify(LIVE.profile);
    expect(result).toEqual({
      profileJson,
      fetchedAt: LIVE.fetchedAt,
      etag: profileEtag(profileJson),
      cacheStatus: 'MISS',
    });
    expect(workerClient.calls).toEqual([
      { contact: CONTACT, options: { deadline: NOW + 10_000, refresh: false } },
    ]);
  });

  it('gives the live lookup only the stale-fallback window when a stale entry exists', async () => {
    // prepare
    const { workerClient, getContactProfile } = setup(
      cachedEntry(NOW - 2 * FRESH_SECONDS * 1000),
      LIVE,
    );

    // act
    await getContactProfile(request());

    // assert
    expect(workerClient.calls[0]?.options.deadline).toBe(NOW + STALE_FALLBACK_AFTER_MS);
  });

  it('goes live with MISS when the cached entry is older than the fresh window', async () => {
    // prepare
    const { workerClient, getContactProfile } = setup(
      cachedEntry(NOW - FRESH_SECONDS * 1000),
      LIVE,
    );

    // act
    const result = await getContactProfile(request());

    // assert
    expect(result.cacheStatus).toBe('MISS');
    expect(JSON.parse(result.profileJson).user_info.Status).toBe('live status');
    expect(workerClient.calls).toHaveLength(1);
  });

  it('bypasses a fresh cache entry when refresh is asked', async () => {
    // prepare
    const { workerClient, getContactProfile } = setup(cachedEntry(NOW - 1000), LIVE);

    // act
    const result = await getContactProfile(request(true));

    // assert
    expect(result.cacheStatus).toBe('MISS');
    expect(workerClient.calls[0]?.options.refresh).toBe(true);
  });

  it.each([
    ['UpstreamTimeoutError', new UpstreamTimeoutError('the live fetch did not finish in time')],
    ['SessionUnavailableError', new SessionUnavailableError('the session is not connected')],
  ])('serves the cached entry as STALE on %s', async (_name, error) => {
    // prepare
    const entry = cachedEntry(NOW - 2 * FRESH_SECONDS * 1000);
    const { getContactProfile } = setup(entry, error);

    // act
    const result = await getContactProfile(request());

    // assert
    expect(result).toEqual({ ...entry, cacheStatus: 'STALE' });
  });

  it('serves STALE when a refresh of a fresh entry times out', async () => {
    const entry = cachedEntry(NOW - 1000);
    const { getContactProfile } = setup(entry, new UpstreamTimeoutError('too slow'));
    expect((await getContactProfile(request(true))).cacheStatus).toBe('STALE');
  });

  it('propagates UpstreamTimeoutError when nothing is cached', async () => {
    const { getContactProfile } = setup(null, new UpstreamTimeoutError('too slow'));
    await expect(getContactProfile(request())).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('propagates NotFoundError even when a stale entry exists', async () => {
    // prepare
    const { getContactProfile } = setup(
      cachedEntry(NOW - 2 * FRESH_SECONDS * 1000),
      new NotFoundError('the contact is not on WhatsApp'),
    );

    // act
    const outcome = getContactProfile(request());

    // assert
    await expect(outcome).rejects.toThrow(NotFoundError);
  });

  it('propagates RateLimitedError even when a stale entry exists', async () => {
    const { getContactProfile } = setup(
      cachedEntry(NOW - 2 * FRESH_SECONDS * 1000),
      new RateLimitedError('slow down', 5),
    );
    await expect(getContactProfile(request())).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('propagates an unexpected error even when a stale entry exists', async () => {
    const failure = new Error('boom');
    const { getContactProfile } = setup(cachedEntry(NOW - 2 * FRESH_SECONDS * 1000), failure);
    await expect(getContactProfile(request())).rejects.toBe(failure);
  });
});
