import { describe, expect, it } from 'vitest';
import { sessionKey, sessionShard } from '../../../../functions/domain/session/session-identity.ts';

const identities = Array.from({ length: 400 }, (_, index) => ({
  tenantId: `tenant-${index % 7}`,
  userId: `user-${index}`,
}));

describe('sessionKey', () => {
  it('joins tenant and user', () => {
    expect(sessionKey({ tenantId: 'acme', userId: 'alice' })).toBe('acme#alice');
  });
});

describe('sessionShard', () => {
  it('gives the same shard for the same identity every time', () => {
    // prepare
    const identity = { tenantId: 'acme', userId: 'alice' };

    // act
    const shards = Array.from({ length: 5 }, () => sessionShard({ ...identity }, 16));

    // assert
    expect(new Set(shards).size).toBe(1);
  });

  it.each([1, 2, 3, 16, 1000])('stays within [0, %i) as an integer', (shardCount) => {
    for (const identity of identities) {
      const shard = sessionShard(identity, shardCount);
      expect(Number.isInteger(shard)).toBe(true);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(shardCount);
    }
  });

  it('spreads sessions over every shard', () => {
    // act
    const used = new Set(identities.map((identity) => sessionShard(identity, 8)));

    // assert
    expect(used.size).toBe(8);
  });

  it('tells apart identities whose key is the same set of characters', () => {
    // prepare: a hash that ignores order would put both on one shard
    const first = sessionShard({ tenantId: 'ab', userId: 'cd' }, 1_000_000);
    const second = sessionShard({ tenantId: 'ba', userId: 'dc' }, 1_000_000);

    // assert
    expect(first).not.toBe(second);
  });

  it('handles non-ASCII identifiers', () => {
    const shard = sessionShard({ tenantId: 'zürich', userId: '🙂' }, 4);
    expect(shard).toBe(sessionShard({ tenantId: 'zürich', userId: '🙂' }, 4));
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(4);
  });
});
