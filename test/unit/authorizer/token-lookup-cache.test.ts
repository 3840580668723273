import { describe, expect, it } from 'vitest';
import { TokenLookupCache } from '../../../functions/authorizer/token-lookup-cache.ts';
import type { TokenRecord } from '../../../functions/ports/token-store.ts';

const RECORD: TokenRecord = {
  tokenHash: 'hash-a',
  tokenId: 'tok_a',
  tenantId: 'acme',
  userId: 'alice',
  createdAt: '2026-06-01T00:00:00.000Z',
};

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let clock = 1_000_000;
  const cache = new TokenLookupCache({
    ttlMs: options.ttlMs ?? 1000,
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    now: () => clock,
  });
  return {
    cache,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('TokenLookupCache', () => {
  it('returns undefined for a hash it has not seen', () => {
    const { cache } = setup();
    expect(cache.get('hash-a')).toBeUndefined();
  });

  it('returns a cached record within the TTL', () => {
    // prepare
    const { cache, advance } = setup();
    cache.set('hash-a', RECORD);
    advance(999);

    // act
    const cached = cache.get('hash-a');

    // assert
    expect(cached).toEqual(RECORD);
  });

  it('returns a cached "no such token" as null within the TTL', () => {
    const { cache, advance } = setup();
    cache.set('hash-b', null);
    advance(500);
    expect(cache.get('hash-b')).toBeNull();
  });

  it('forgets an entry once the TTL has passed', () => {
    // prepare
    const { cache, advance } = setup();
    cache.set('hash-a', RECORD);
    cache.set('hash-b', null);
    advance(1000);

    // act / assert
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.get('hash-b')).toBeUndefined();
  });

  it('caches nothing when the TTL is zero', () => {
    const { cache } = setup({ ttlMs: 0 });
    cache.set('hash-a', RECORD);
    expect(cache.get('hash-a')).toBeUndefined();
  });

  it('restarts the TTL when an entry is set again', () => {
    const { cache, advance } = setup();
    cache.set('hash-a', null);
    advance(800);
    cache.set('hash-a', RECORD);
    advance(800);
    expect(cache.get('hash-a')).toEqual(RECORD);
  });

  it('drops the oldest entry when full', () => {
    // prepare
    const { cache } = setup({ maxEntries: 2 });
    cache.set('hash-1', null);
    cache.set('hash-2', RECORD);

    // act
    cache.set('hash-3', RECORD);

    // assert
    expect(cache.get('hash-1')).toBeUndefined();
    expect(cache.get('hash-2')).toEqual(RECORD);
    expect(cache.get('hash-3')).toEqual(RECORD);
  });
});
