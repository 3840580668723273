import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../functions/whatsapp/bounded-cache.ts';
import {
  createDirectoryReaderCaches,
  DIRECTORY_READER_CACHE_LIMITS,
  isIgnoredJid,
} from '../../../functions/whatsapp/directory-reader-socket.ts';

describe('BoundedCache', () => {
  it('drops the least recently used entry beyond its ceiling', () => {
    const cache = new BoundedCache({ maxEntries: 3, ttlMs: 60_000 });

    for (const key of ['a', 'b', 'c']) cache.set(key, key.toUpperCase());
    cache.get('a');
    cache.set('d', 'D');

    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
  });

  it('forgets an entry once its time to live passed', async () => {
    const cache = new BoundedCache({ maxEntries: 10, ttlMs: 30 });
    cache.set('retry', 1);

    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(cache.get('retry')).toBeUndefined();
  });

  it('serves the batch calls Baileys uses for device lists, and stores falsy values', async () => {
    const cache = new BoundedCache({ maxEntries: 10, ttlMs: 60_000 });

    cache.mset<unknown>([
      { key: 'u1', value: ['0', '2'] },
      { key: 'u2', value: 0 },
    ]);
    const found = await cache.mget(['u1', 'u2', 'u3']);
    const deleted = cache.mdel(['u1', 'u3']);

    expect(found).toEqual({ u1: ['0', '2'], u2: 0, u3: undefined });
    expect(deleted).toBe(1);
    expect(cache.get('u1')).toBeUndefined();
  });
});

describe('directory reader socket settings', () => {
  it('gives every session its own set of bounded caches', () => {
    const first = createDirectoryReaderCaches();
    const second = createDirectoryReaderCaches();

    first.retryCounters.set('m1:p', 1);

    expect(Object.keys(first).sort()).toEqual(Object.keys(DIRECTORY_READER_CACHE_LIMITS).sort());
    expect(second.retryCounters.get('m1:p')).toBeUndefined();
  });

  it.each([
    ['120363000000000001@g.us', true],
    ['1234567890@broadcast', true],
    ['status@broadcast', true],
    ['120363000000000002@newsletter', true],
    ['5511987654321@s.whatsapp.net', false],
    ['5511987654321:3@s.whatsapp.net', false],
    ['123456789012345@lid', false],
    ['s.whatsapp.net', false],
  ])('ignores %s: %s', (jid, ignored) => {
    expect(isIgnoredJid(jid)).toBe(ignored);
  });
});
