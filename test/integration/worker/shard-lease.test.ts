import { initAuthCreds } from 'baileys';
import { describe, expect, it } from 'vitest';
import {
  DynamoDbAuthStateStore,
  SessionFencedError,
} from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { ShardLease } from '../../../functions/worker/shard-lease.ts';
import { useSessionsTable } from '../../support/sessions-table.ts';

const table = useSessionsTable();
let shardCounter = 100;

/** Two worker processes: their own clients, ids and clocks. */
function twoWorkers(durationMs: number, clock: { now: number }) {
  const worker = (ownerId: string) =>
    new ShardLease({
      client: table.newClient(),
      tableName: table.tableName,
      ownerId,
      durationMs,
      now: () => clock.now,
    });
  return { old: worker('old-deploy'), next: worker('new-deploy') };
}

describe('shard lease with two workers racing (rolling deploy)', () => {
  it('gives a free shard to exactly one of two workers acquiring at once', async () => {
    const clock = { now: 1_000_000 };
    const { old, next } = twoWorkers(15_000, clock);
    const wins: string[] = [];

    for (let round = 0; round < 10; round++) {
      const shard = ++shardCounter;
      const [a, b] = await Promise.all([old.acquire(shard), next.acquire(shard)]);
      wins.push([a?.ownerId, b?.ownerId].filter(Boolean).join(','));
    }

    expect(wins.every((winner) => winner === 'old-deploy' || winner === 'new-deploy')).toBe(true);
  });

  it('keeps a live lease with its owner and hands an expired one over with a higher fencing token', async () => {
    const clock = { now: 2_000_000 };
    const { old, next } = twoWorkers(15_000, clock);
    const shard = ++shardCounter;
    const held = await old.acquire(shard);

    const whileLive = await next.acquire(shard);
    clock.now += 16_000;
    const takeover = await next.acquire(shard);

    expect(held).not.toBeNull();
    expect(whileLive).toBeNull();
    expect(takeover?.fencingToken).toBeGreaterThan(held?.fencingToken ?? Number.POSITIVE_INFINITY);
  });

  it('tells the old owner at its next heartbeat that it lost the lease', async () => {
    const clock = { now: 3_000_000 };
    const { old, next } = twoWorkers(15_000, clock);
    const shard = ++shardCounter;
    const held = await old.acquire(shard);
    clock.now += 16_000;
    await next.acquire(shard);

    const renewed = held ? await old.renew(held) : true;

    expect(renewed).toBe(false);
  });

  it('refuses session writes from the old owner once the new one wrote with its token', async () => {
    const clock = { now: 4_000_000 };
    const { old, next } = twoWorkers(15_000, clock);
    const shard = ++shardCounter;
    const identity = { tenantId: 't', userId: `fenced-${shard}` };
    const oldLease = await old.acquire(shard);
    clock.now += 16_000;
    const newLease = await next.acquire(shard);
    const storeOf = (token: number | undefined) =>
      new DynamoDbAuthStateStore({
        client: table.newClient(),
        tableName: table.tableName,
        identity,
        fencingToken: () => token,
      });
    await storeOf(newLease?.fencingToken).writeCreds(initAuthCreds());

    const staleWrite = storeOf(oldLease?.fencingToken).writeCreds(initAuthCreds());

    await expect(staleWrite).rejects.toBeInstanceOf(SessionFencedError);
  });
});
