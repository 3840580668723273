import { describe, expect, it } from 'vitest';
import { HeldLeases } from '../../../functions/worker/held-leases.ts';
import { ShardLease } from '../../../functions/worker/shard-lease.ts';
import { ShardOwnership } from '../../../functions/worker/shard-ownership.ts';
import { useSessionsTable } from '../../support/sessions-table.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const logger = silentLogger();
const table = useSessionsTable();

function worker(ownerId: string, shardCount: number, lease?: ShardLease) {
  const held = new Set<number>();
  const lost: number[] = [];
  const ownership = new ShardOwnership({
    leases: new HeldLeases(),
    lease:
      lease ??
      new ShardLease({
        client: table.newClient(),
        tableName: table.tableName,
        ownerId,
        durationMs: 600,
      }),
    shardCount,
    renewIntervalMs: 100,
    logger,
    onAcquired: (record) => {
      held.add(record.shard);
    },
    onLost: (shard) => {
      held.delete(shard);
      lost.push(shard);
    },
  });
  return { ownership, held, lost };
}

describe('ShardOwnership with two workers', () => {
  it('never lets both hold a shard, and the survivor takes over when one stops', async () => {
    const first = worker('first', 3);
    const second = worker('second', 3);
    let overlaps = 0;
    const watcher = setInterval(() => {
      for (const shard of first.held) if (second.held.has(shard)) overlaps += 1;
    }, 10);

    await Promise.all([first.ownership.start(), second.ownership.start()]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heldBeforeStop = first.held.size + second.held.size;
    await first.ownership.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const secondAfter = [...second.held].sort();
    await second.ownership.stop();
    clearInterval(watcher);

    expect(heldBeforeStop).toBe(3);
    expect(secondAfter).toEqual([0, 1, 2]);
    expect(overlaps).toBe(0);
  });

  it('gives a shard up once its lease expired while renewals kept failing', async () => {
    const real = new ShardLease({
      client: table.newClient(),
      tableName: table.tableName,
      ownerId: 'flaky',
      durationMs: 300,
    });
    const flaky = Object.assign(Object.create(real) as ShardLease, {
      acquire: (shard: number) => real.acquire(shard),
      renew: async () => {
        throw new Error('DynamoDB unreachable');
      },
      release: async () => undefined,
    });
    const { ownership, held, lost } = worker('flaky', 1, flaky);

    await ownership.start();
    const heldAtStart = held.has(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const lostBeforeExpiry = lost.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const lostAfterExpiry = lost.length;
    await ownership.stop();

    expect(heldAtStart).toBe(true);
    expect(lostBeforeExpiry).toBe(0);
    expect(lostAfterExpiry).toBeGreaterThanOrEqual(1);
  });
});
