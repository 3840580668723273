import type { Logger } from '@aws-lambda-powertools/logger';
import type { ShardLeaseRecord } from '../resources/shard-lease-record.ts';
import { fairShare, shardsToHandOver } from './fair-share.ts';
import type { HeldLeases } from './held-leases.ts';
import type { ShardLease } from './shard-lease.ts';
import type { TaskPresence } from './task-presence.ts';

export interface ShardOwnershipOptions {
  lease: ShardLease;
  /** The record of held leases this ownership writes; the WhatsApp sessions read the same one. */
  leases: HeldLeases;
  shardCount: number;
  renewIntervalMs: number;
  logger: Logger;
  /**
   * How this task counts the live tasks; with it, the task holds at most its fair share of the
   * shards and hands the excess over to tasks that join. Without it, it takes every free shard.
   */
  presence?: TaskPresence;
  /** Called when this process starts holding a shard: consume its queue, open its sessions. */
  onAcquired: (lease: ShardLeaseRecord) => void | Promise<void>;
  /** Called when a shard's lease is lost: stop its queue, close its sockets. */
  onLost: (shard: number) => void | Promise<void>;
  /**
   * Called before a held shard is handed over (its lease is still held and renewed): stop taking
   * its requests, let those in flight finish, close its sockets. The lease is released after.
   * Defaults to `onLost`.
   */
  onHandOver?: (shard: number) => Promise<void>;
}

/**
 * Keeps this process's shard leases: takes free shards up to its fair share, renews held ones on
 * a heartbeat, hands shards above its share over (close, then release), and gives up a shard at
 * once when a renewal finds it taken over. It writes the record of held leases it is given;
 * others read that record as `HeldShardLeases`.
 */
export class ShardOwnership {
  readonly #options: ShardOwnershipOptions;
  readonly #held: HeldLeases;
  /** Shards being handed over: still held and renewed until their sockets are closed. */
  readonly #handingOver = new Map<number, Promise<void>>();
  #liveTasks = 1;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(options: ShardOwnershipOptions) {
    this.#options = options;
    this.#held = options.leases;
  }

  get heldShards(): number[] {
    return this.#held.shards;
  }

  async start(): Promise<void> {
    await this.#heartbeat();
    this.#timer = setInterval(() => {
      this.#tick = this.#tick.then(() => this.#heartbeat());
    }, this.#options.renewIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    // Gone from the count first, so the others take up the shards released below at once.
    await this.#options.presence?.withdraw().catch((error: unknown) => {
      this.#options.logger.warn('withdrawing worker presence failed', { error: error as Error });
    });
    await this.#tick;
    await Promise.all(this.#handingOver.values());
    const held = this.#held.removeAll();
    // Shards wind down together; each lease is released once its queue and sockets are closed.
    await Promise.all(
      held.map(async (lease) => {
        await this.#options.onLost(lease.shard);
        await this.#options.lease.release(lease).catch(() => undefined);
      }),
    );
  }

  async #heartbeat(): Promise<void> {
    for (const shard of this.#held.shards) await this.#renew(shard);
    const share = await this.#share();
    // Shards already being handed over are gone from the count: keep `share` of the others.
    const keeping = this.#held.shards.filter((shard) => !this.#handingOver.has(shard));
    for (const shard of shardsToHandOver(keeping, share)) {
      this.#handOver(shard);
    }
    for (let shard = 0; shard < this.#options.shardCount; shard++) {
      if (this.#held.shards.length >= share) break;
      if (this.#held.get(shard)) continue;
      await this.#acquire(shard);
    }
  }

  /** This task's fair share; the last known one when the live tasks cannot be counted now. */
  async #share(): Promise<number> {
    const { presence, shardCount, logger } = this.#options;
    if (!presence) return shardCount;
    try {
      this.#liveTasks = await presence.announce();
    } catch (error) {
      logger.warn('counting live worker tasks failed', { error: error as Error });
    }
    return fairShare(shardCount, this.#liveTasks);
  }

  async #renew(shard: number): Promise<void> {
    const { lease, logger } = this.#options;
    const held = this.#held.get(shard);
    if (!held) return;
    try {
      if (await lease.renew(held)) return;
      this.#held.remove(shard);
      logger.warn('shard lease lost', { shard });
      await this.#options.onLost(shard);
    } catch (error) {
      logger.warn('shard lease heartbeat failed', { shard, error: error as Error });
      // Renewals failing (DynamoDB unreachable) past expiry: another worker may take the
      // shard now, so stop serving it rather than risk two connections to one session.
      if (held.leaseExpiresAtMs <= Date.now()) {
        this.#held.remove(shard);
        logger.warn('shard lease expired while renewals failed', { shard });
        await Promise.resolve(this.#options.onLost(shard)).catch(() => undefined);
      }
    }
  }

  async #acquire(shard: number): Promise<void> {
    const { lease, logger } = this.#options;
    try {
      const acquired = await lease.acquire(shard);
      if (!acquired) return;
      this.#held.add(acquired);
      logger.info('shard lease acquired', { shard, fencingToken: acquired.fencingToken });
      await this.#options.onAcquired(acquired);
    } catch (error) {
      logger.warn('shard lease acquisition failed', { shard, error: error as Error });
    }
  }

  /**
   * Winds a shard down in the background while heartbeats keep renewing its lease, then
   * releases the lease: its sockets are closed before anyone else may take it, and the next
   * owner's acquisition increments the fencing token.
   */
  #handOver(shard: number): void {
    const { logger, lease } = this.#options;
    const windDown = this.#options.onHandOver ?? this.#options.onLost;
    logger.info('handing a shard over to a joining worker task', { shard });
    const done = (async () => {
      try {
        await windDown(shard);
      } catch (error) {
        logger.warn('winding a shard down for hand-over failed', { shard, error: error as Error });
      }
      const record = this.#held.get(shard);
      // Lost meanwhile (taken over or expired): already wound down by the renewal that saw it.
      if (!record) return;
      this.#held.remove(shard);
      await lease.release(record).catch((error: unknown) => {
        // The lease then expires on its own; the sockets are closed either way.
        logger.warn('releasing a handed-over shard failed', { shard, error: error as Error });
      });
      logger.info('shard handed over', { shard, fencingToken: record.fencingToken });
    })().finally(() => this.#handingOver.delete(shard));
    this.#handingOver.set(shard, done);
  }
}
