import { describe, expect, it } from 'vitest';
import { createGetContactProfiles } from '../../../../functions/contacts/get-profiles/get-contact-profiles.ts';
import type { ContactProfile } from '../../../../functions/domain/contact/contact-profile.ts';
import {
  type ContactQuery,
  contactCacheKey,
} from '../../../../functions/domain/contact/contact-query.ts';
import { profileEtag } from '../../../../functions/domain/contact/profile-etag.ts';
import {
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
  ValidationError,
} from '../../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import type {
  CachedProfile,
  ProfileCacheBatchReader,
} from '../../../../functions/ports/profile-cache.ts';
import type {
  BatchWorkerClient,
  LiveBatchItem,
} from '../../../../functions/ports/worker-client.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const IDENTITY: SessionIdentity = { tenantId: 'acme', userId: 'alice' };
const jid = (user: string): ContactQuery => ({ kind: 'jid', jid: `${user}@s.whatsapp.net` });

function profile(user: string, status: string): ContactProfile {
  return {
    jid: `${user}@s.whatsapp.net`,
    user_info: { Status: status, PictureID: '', Devices: [], VerifiedName: null },
    business_profile: null,
  };
}

function cached(user: string, fetchedAt: number): CachedProfile {
  const profileJson = JSON.stringify(profile(user, 'cached'));
  return { profileJson, fetchedAt, etag: profileEtag(profileJson) };
}

class FakeBatchCache implements ProfileCacheBatchReader {
  readonly calls: ContactQuery[][] = [];
  readonly entries: Map<string, CachedProfile>;
  constructor(entries: Map<string, CachedProfile>) {
    this.entries = entries;
  }
  async getMany(_identity: SessionIdentity, contacts: readonly ContactQuery[]) {
    this.calls.push([...contacts]);
    return contacts.map((contact) => this.entries.get(contactCacheKey(contact)) ?? null);
  }
}

class FakeBatchRequester implements BatchWorkerClient {
  readonly calls: ContactQuery[][] = [];
  readonly answer: (contact: ContactQuery) => LiveBatchItem | Error;
  constructor(answer: (contact: ContactQuery) => LiveBatchItem | Error) {
    this.answer = answer;
  }
  async requestMany(_identity: SessionIdentity, contacts: readonly ContactQuery[]) {
    this.calls.push([...contacts]);
    return contacts.map((contact) => {
      const item = this.answer(contact);
      if (item instanceof Error) throw item;
      return item;
    });
  }
}

function setup(
  entries: Array<[ContactQuery, CachedProfile]>,
  answer: (contact: ContactQuery) => LiveBatchItem | Error,
) {
  const cache = new FakeBatchCache(
    new Map(entries.map(([contact, entry]) => [contactCacheKey(contact), entry])),
  );
  const workerClient = new FakeBatchRequester(answer);
  const getContactProfiles = createGetContactProfiles({
    cache,
    workerClient,
    freshSeconds: 3600,
    staleFallbackAfterMs: 2000,
    now: () => NOW,
  });
  return { cache, workerClient, getContactProfiles };
}

describe('getContactProfiles', () => {
  it('mixes hits, misses, invalid entries, unknown numbers and a spent budget, in order', async () => {
    // prepare
    const { cache, workerClient, getContactProfiles } = setup(
      [[jid('551100000001'), cached('551100000001', NOW - 1000)]],
      (contact) => {
        if (contact.kind === 'number' && contact.digits === '551100000009') {
          return { ok: false, error: new NotFoundError('not on WhatsApp') };
        }
        if (contact.kind === 'jid' && contact.jid.startsWith('551100000003')) {
          return { ok: false, error: new RateLimitedError('budget spent', 30) };
        }
        const user = contact.kind === 'jid' ? contact.jid.split('@')[0] : contact.digits;
        return { ok: true, profile: profile(user ?? '', 'live'), fetchedAt: NOW };
      },
    );
    const invalid = new ValidationError('jid must be a user JID; got a group JID');

    // act
    const items = await getContactProfiles({
      identity: IDENTITY,
      entries: [
        jid('551100000001'),
        jid('551100000002'),
        invalid,
        { kind: 'number', digits: '551100000009' },
        jid('551100000003'),
      ],
      refresh: false,
      deadline: NOW + 10_000,
    });

    // assert
    expect(cache.calls).toHaveLength(1);
    expect(workerClient.calls).toEqual([
      [jid('551100000002'), { kind: 'number', digits: '551100000009' }, jid('551100000003')],
    ]);
    expect(items.map((item) => (item.ok ? item.cacheStatus : item.error))).toEqual([
      'HIT',
      'MISS',
      invalid,
      expect.any(NotFoundError),
      expect.any(RateLimitedError),
    ]);
    expect(items[1]).toMatchObject({
      profileJson: JSON.stringify(profile('551100000002', 'live')),
    });
  });

  it('asks the worker once about a contact named twice and answers both entries', async () => {
    // prepare
    const { workerClient, getContactProfiles } = setup([], () => ({
      ok: true,
      profile: profile('551100000002', 'live'),
      fetchedAt: NOW,
    }));

    // act
    const items = await getContactProfiles({
      identity: IDENTITY,
      entries: [jid('551100000002'), jid('551100000002')],
      refresh: false,
      deadline: NOW + 10_000,
    });

    // assert
    expect(workerClient.calls).toEqual([[jid('551100000002')]]);
    expect(items.every((item) => item.ok)).toBe(true);
  });

  it('never asks the worker when every contact is a fresh hit', async () => {
    // prepare
    const { workerClient, getContactProfiles } = setup(
      [[jid('551100000001'), cached('551100000001', NOW - 1000)]],
      () => new Error('must not be asked'),
    );

    // act
    const items = await getContactProfiles({
      identity: IDENTITY,
      entries: [jid('551100000001')],
      refresh: false,
      deadline: NOW + 10_000,
    });

    // assert
    expect(workerClient.calls).toHaveLength(0);
    expect(items).toEqual([expect.objectContaining({ ok: true, cacheStatus: 'HIT' })]);
  });

  it('serves stale entries when the session is unavailable and fails only the uncached', async () => {
    // prepare
    const { getContactProfiles } = setup(
      [[jid('551100000001'), cached('551100000001', NOW - 7200_000)]],
      () => new SessionUnavailableError('not paired'),
    );

    // act
    const items = await getContactProfiles({
      identity: IDENTITY,
      entries: [jid('551100000001'), jid('551100000002')],
      refresh: false,
      deadline: NOW + 10_000,
    });

    // assert
    expect(items[0]).toMatchObject({ ok: true, cacheStatus: 'STALE' });
    expect(items[1]).toMatchObject({ ok: false, error: expect.any(SessionUnavailableError) });
  });

  it('asks the worker about a fresh hit when refresh is set', async () => {
    // prepare
    const { workerClient, getContactProfiles } = setup(
      [[jid('551100000001'), cached('551100000001', NOW - 1000)]],
      () => ({ ok: true, profile: profile('551100000001', 'live'), fetchedAt: NOW }),
    );

    // act
    const items = await getContactProfiles({
      identity: IDENTITY,
      entries: [jid('551100000001')],
      refresh: true,
      deadline: NOW + 10_000,
    });

    // assert
    expect(workerClient.calls).toEqual([[jid('551100000001')]]);
    expect(items).toEqual([expect.objectContaining({ ok: true, cacheStatus: 'MISS' })]);
  });
});
