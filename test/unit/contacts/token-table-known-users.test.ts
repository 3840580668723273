import { describe, expect, it } from 'vitest';
import { TokenTableKnownUsers } from '../../../functions/contacts/token-table-known-users.ts';
import { InMemoryTokenStore, tokenRecord } from '../../support/authorizer/in-memory-token-store.ts';

describe('TokenTableKnownUsers', () => {
  it('knows a user that holds an unrevoked token, and not one whose tokens are all revoked', async () => {
    // prepare
    const tokens = new InMemoryTokenStore([
      tokenRecord('11111111-1111-4111-8111-111111111111', { userId: 'alice' }),
      tokenRecord('22222222-2222-4222-8222-222222222222', {
        userId: 'bob',
        revokedAt: '2026-06-02T00:00:00.000Z',
      }),
    ]);
    const known = new TokenTableKnownUsers({ tokens, ttlMs: 60_000 });

    // act / assert
    expect(await known.exists({ tenantId: 'acme', userId: 'alice' })).toBe(true);
    expect(await known.exists({ tenantId: 'acme', userId: 'bob' })).toBe(false);
    expect(await known.exists({ tenantId: 'other', userId: 'alice' })).toBe(false);
  });

  it('remembers a known user for ttlMs, then asks the token table again', async () => {
    // prepare
    let now = 1_000;
    const token = '11111111-1111-4111-8111-111111111111';
    const tokens = new InMemoryTokenStore([tokenRecord(token)]);
    const known = new TokenTableKnownUsers({ tokens, ttlMs: 60_000, now: () => now });
    const alice = { tenantId: 'acme', userId: 'alice' };
    await known.exists(alice);
    await tokens.revoke(tokenRecord(token).tokenHash, '2026-06-02T00:00:00.000Z');

    // act
    const withinTtl = await known.exists(alice);
    now += 60_000;
    const afterTtl = await known.exists(alice);

    // assert
    expect(withinTtl).toBe(true);
    expect(afterTtl).toBe(false);
  });
});
