import { describe, expect, it } from 'vitest';
import { HeldLeases } from '../../../functions/worker/held-leases.ts';

const NOW = 1_750_000_000_000;

describe('HeldLeases', () => {
  it('holds a shard whose lease has not expired, with its fencing token', () => {
    const leases = new HeldLeases({ now: () => NOW });

    leases.add({ shard: 2, ownerId: 'w-1', fencingToken: 7, leaseExpiresAtMs: NOW + 1 });

    expect(leases.holds(2)).toBe(true);
    expect(leases.fencingToken(2)).toBe(7);
    expect(leases.holds(1)).toBe(false);
    expect(leases.fencingToken(1)).toBeUndefined();
  });

  it('no longer holds a shard once its lease expired, even before it is removed', () => {
    const leases = new HeldLeases({ now: () => NOW });

    leases.add({ shard: 0, ownerId: 'w-1', fencingToken: 3, leaseExpiresAtMs: NOW });

    expect(leases.holds(0)).toBe(false);
  });

  it('sees a renewal made in place on the lease record', () => {
    let now = NOW;
    const leases = new HeldLeases({ now: () => now });
    const lease = { shard: 0, ownerId: 'w-1', fencingToken: 3, leaseExpiresAtMs: NOW + 10 };
    leases.add(lease);

    now = NOW + 20;
    const expired = leases.holds(0);
    lease.leaseExpiresAtMs = now + 10;

    expect(expired).toBe(false);
    expect(leases.holds(0)).toBe(true);
  });

  it('forgets a removed shard and returns every lease when all are removed', () => {
    const leases = new HeldLeases({ now: () => NOW });
    const first = { shard: 0, ownerId: 'w-1', fencingToken: 1, leaseExpiresAtMs: NOW + 10 };
    const second = { shard: 1, ownerId: 'w-1', fencingToken: 2, leaseExpiresAtMs: NOW + 10 };
    leases.add(first);
    leases.add(second);

    leases.remove(0);
    const shardsAfterRemove = leases.shards;
    const removed = leases.removeAll();

    expect(shardsAfterRemove).toEqual([1]);
    expect(removed).toEqual([second]);
    expect(leases.shards).toEqual([]);
    expect(leases.holds(1)).toBe(false);
  });
});
