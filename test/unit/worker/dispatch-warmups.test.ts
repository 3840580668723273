import { describe, expect, it } from 'vitest';
import type { WarmupLookupMessage } from '../../../functions/contracts/shard-messages.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { sessionShard } from '../../../functions/domain/session/session-identity.ts';
import type { CachedProfile, ProfileCache } from '../../../functions/ports/profile-cache.ts';
import { createDispatchWarmups } from '../../../functions/worker/dispatch-warmups.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const FRESH_SECONDS = 60;
const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const FRESH_JID = '5511911111111@s.whatsapp.net';

/** A cache that holds one fresh entry (FRESH_JID) and one stale one (any number). */
function cache(): ProfileCache {
  const entry = (fetchedAt: number): CachedProfile => ({ profileJson: '{}', fetchedAt, etag: 'e' });
  return {
    async get(_identity, contact: ContactQuery) {
      if (contact.kind === 'jid' && contact.jid === FRESH_JID) return entry(NOW - 1_000);
      if (contact.kind === 'number') return entry(NOW - (FRESH_SECONDS + 1) * 1000);
      return null;
    },
    put: () => Promise.reject(new Error('not used')),
  };
}

function dispatcher(options: { paired?: boolean } = {}) {
  const sent: Array<{ shard: number; request: WarmupLookupMessage }> = [];
  const dispatch = createDispatchWarmups({
    cache: cache(),
    sessionAcceptsWarmups: async () => options.paired ?? true,
    sendRequest: async (shard, request) => {
      sent.push({ shard, request });
    },
    shardCount: 4,
    freshSeconds: FRESH_SECONDS,
    warmupDeadlineMs: 60_000,
    now: () => NOW,
  });
  return { dispatch, sent };
}

describe('createDispatchWarmups', () => {
  it('drops a warm-up whose session does not accept warm-ups, requesting nothing', async () => {
    const { dispatch, sent } = dispatcher({ paired: false });

    const outcome = await dispatch({ ...IDENTITY, contacts: [{ number: '+55 11 98888-7777' }] });

    expect(outcome).toEqual({ requested: 0, alreadyFresh: 0, invalid: 0, dropped: true });
    expect(sent).toEqual([]);
  });

  it('skips fresh contacts, counts invalid ones and requests the rest on the session’s shard', async () => {
    const { dispatch, sent } = dispatcher();

    const outcome = await dispatch({
      ...IDENTITY,
      contacts: [{ jid: FRESH_JID }, { number: '+55 11 98888-7777' }, { number: 'not a number' }],
    });

    expect(outcome).toEqual({ requested: 1, alreadyFresh: 1, invalid: 1 });
    expect(sent).toEqual([
      {
        shard: sessionShard(IDENTITY, 4),
        request: {
          kind: 'warmup-lookup',
          version: 1,
          correlationId: expect.any(String),
          deadline: NOW + 60_000,
          ...IDENTITY,
          contact: { kind: 'number', digits: '5511988887777' },
          refresh: false,
        },
      },
    ]);
  });

  it('requests fresh contacts too when the message asks for a refresh', async () => {
    const { dispatch, sent } = dispatcher();

    const outcome = await dispatch({ ...IDENTITY, contacts: [{ jid: FRESH_JID }], refresh: true });

    expect(outcome).toEqual({ requested: 1, alreadyFresh: 0, invalid: 0 });
    expect(sent[0]?.request).toMatchObject({
      contact: { kind: 'jid', jid: FRESH_JID },
      refresh: true,
    });
  });
});
