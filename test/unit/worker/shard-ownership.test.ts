import { describe, expect, it } from 'vitest';
import type { ShardLeaseRecord } from '../../../functions/resources/shard-lease-record.ts';
import { HeldLeases } from '../../../functions/worker/held-leases.ts';
import type { ShardLease } from '../../../functions/worker/shard-lease.ts';
import {
  ShardOwnership,
  type ShardOwnershipOptions,
} from '../../../functions/worker/shard-ownership.ts';
import type { TaskPresence } from '../../../functions/worker/task-presence.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const logger = silentLogger();

/** An in-memory lease table with the real lease's rules: free, expired or ours to acquire. */
class FakeLeases {
  readonly items = new Map<number, { ownerId: string; fencingToken: number; expiresAt: number }>();
  readonly events: string[] = [];

  forOwner(ownerId: string): ShardLease {
    const fake = {
      acquire: async (shard: number): Promise<ShardLeaseRecord | null> => {
        const item = this.items.get(shard);
        const now = Date.now();
        if (item && item.expiresAt > now && item.ownerId !== ownerId) return null;
        const fencingToken = (item?.fencingToken ?? 0) + 1;
        this.items.set(shard, { ownerId, fencingToken, expiresAt: now + 60_000 });
        this.events.push(`acquire ${shard} ${ownerId} ${fencingToken}`);
        return { shard, ownerId, fencingToken, leaseExpiresAtMs: now + 60_000 };
      },
      renew: async (lease: ShardLeaseRecord): Promise<boolean> => {
        const item = this.items.get(lease.shard);
        return item?.ownerId === ownerId && item.fencingToken === lease.fencingToken;
      },
      release: async (lease: ShardLeaseRecord): Promise<void> => {
        const item = this.items.get(lease.shard);
        if (item?.ownerId !== ownerId || item.fencingToken !== lease.fencingToken) return;
        item.expiresAt = 0;
        this.events.push(`release ${lease.shard} ${ownerId} ${lease.fencingToken}`);
      },
    };
    return fake as unknown as ShardLease;
  }
}

function presenceOf(count: { live: number }): TaskPresence {
  return { announce: async () => count.live, withdraw: async () => undefined };
}

/** An ownership of 4 shards on `lease`, renewing every 10 s, doing nothing as shards come and go. */
function ownershipOf(lease: ShardLease, options: Partial<ShardOwnershipOptions> = {}) {
  return new ShardOwnership({
    leases: new HeldLeases(),
    lease,
    shardCount: 4,
    renewIntervalMs: 10_000,
    logger,
    onAcquired: () => undefined,
    onLost: () => undefined,
    ...options,
  });
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ShardOwnership fair share', () => {
  it('takes every free shard while it is the only live task', async () => {
    const leases = new FakeLeases();
    const ownership = ownershipOf(leases.forOwner('a'), {
      presence: presenceOf({ live: 1 }),
    });

    await ownership.start();
    const held = ownership.heldShards.sort();
    await ownership.stop();

    expect(held).toEqual([0, 1, 2, 3]);
  });

  it('takes no more than its share while other tasks are live', async () => {
    const leases = new FakeLeases();
    const ownership = ownershipOf(leases.forOwner('b'), {
      presence: presenceOf({ live: 2 }),
    });

    await ownership.start();
    const held = ownership.heldShards.sort();
    await ownership.stop();

    expect(held).toEqual([0, 1]);
  });

  it('hands its excess over: winds the shard down while still holding it, then releases it', async () => {
    const leases = new FakeLeases();
    const live = { live: 1 };
    const order: string[] = [];
    const record = new HeldLeases();
    const ownership = ownershipOf(leases.forOwner('a'), {
      leases: record,
      renewIntervalMs: 20,
      presence: presenceOf(live),
      onLost: (shard) => {
        order.push(`lost ${shard}`);
      },
      onHandOver: async (shard) => {
        order.push(`wind down ${shard} held=${record.holds(shard)}`);
        await tick(30);
        order.push(`wound down ${shard} held=${record.holds(shard)}`);
        leases.events.push(`closed ${shard}`);
      },
    });
    await ownership.start();

    live.live = 2;
    await tick(150);
    const held = ownership.heldShards.sort();
    const events = [...leases.events];
    await ownership.stop();

    expect(held).toEqual([0, 1]);
    expect(order).toContain('wind down 3 held=true');
    expect(order).toContain('wound down 3 held=true');
    expect(order).not.toContain('lost 3');
    // Closed before released, with the fencing token it was acquired with.
    expect(events.indexOf('closed 2')).toBeLessThan(events.indexOf('release 2 a 1'));
    expect(events.indexOf('closed 3')).toBeLessThan(events.indexOf('release 3 a 1'));
  });

  it('lets a joining task take the handed-over shards with the next fencing token', async () => {
    const leases = new FakeLeases();
    const live = { live: 1 };
    const a = ownershipOf(leases.forOwner('a'), {
      renewIntervalMs: 20,
      presence: presenceOf(live),
      onHandOver: async () => {
        await tick(10);
      },
    });
    await a.start();
    live.live = 2;
    const b = ownershipOf(leases.forOwner('b'), {
      renewIntervalMs: 20,
      presence: presenceOf(live),
    });
    await b.start();

    await tick(200);
    const heldByA = a.heldShards.sort();
    const heldByB = b.heldShards.sort();
    await Promise.all([a.stop(), b.stop()]);

    expect(heldByA).toEqual([0, 1]);
    expect(heldByB).toEqual([2, 3]);
    expect(leases.events).toContain('acquire 2 b 2');
    expect(leases.events).toContain('acquire 3 b 2');
    expect(leases.events.indexOf('release 2 a 1')).toBeLessThan(
      leases.events.indexOf('acquire 2 b 2'),
    );
  });

  it('hands over only its excess when a hand-over outlasts several heartbeats', async () => {
    const leases = new FakeLeases();
    const live = { live: 1 };
    const handedOver: number[] = [];
    const ownership = ownershipOf(leases.forOwner('a'), {
      renewIntervalMs: 10,
      presence: presenceOf(live),
      onHandOver: async (shard) => {
        handedOver.push(shard);
        await tick(100);
      },
    });
    await ownership.start();

    live.live = 2;
    await tick(250);
    const held = ownership.heldShards.sort();
    await ownership.stop();

    expect(handedOver.sort()).toEqual([2, 3]);
    expect(held).toEqual([0, 1]);
  });

  it('keeps its shards with the last known count when the live tasks cannot be counted', async () => {
    const leases = new FakeLeases();
    let failing = false;
    const ownership = ownershipOf(leases.forOwner('a'), {
      renewIntervalMs: 20,
      presence: {
        announce: async () => {
          if (failing) throw new Error('DynamoDB unreachable');
          return 1;
        },
        withdraw: async () => undefined,
      },
    });
    await ownership.start();

    failing = true;
    await tick(100);
    const held = ownership.heldShards.sort();
    await ownership.stop();

    expect(held).toEqual([0, 1, 2, 3]);
  });
});
