import type { Logger } from '@aws-lambda-powertools/logger';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { ShardLeaseRecord } from '../resources/shard-lease-record.ts';
import { HeldLeases } from './held-leases.ts';
import type { ShardLease } from './shard-lease.ts';

export interface ShardOwnershipOptions {
  lease: ShardLease;
  shardCount: number;
  renewIntervalMs: number;
  logger: Logger;
  /** Called when this process starts holding a shard: consume its queue, open its sessions. */
  onAcquired: (lease: ShardLeaseRecord) => void | Promise<void>;
  /** Called when a shard's lease is lost: stop its queue, close its sockets. */
  onLost: (shard: number) => void | Promise<void>;
}

/**
 * Keeps this process's shard leases: takes free shards, renews held ones on a heartbeat, and
 * gives up a shard at once when a renewal finds it taken over. It owns the record of held
 * leases; others read it through `leases`.
 */
export class ShardOwnership {
  readonly #options: ShardOwnershipOptions;
  readonly #held = new HeldLeases();
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(options: ShardOwnershipOptions) {
    this.#options = options;
  }

  get heldShards(): number[] {
    return this.#held.shards;
  }

  /** The leases held now, read by the WhatsApp sessions (serving and fencing). */
  get leases(): HeldShardLeases {
    return this.#held;
  }

  async start(): Promise<void> {
    await this.#heartbeat();
    this.#timer = setInterval(() => {
      this.#tick = this.#tick.then(() => this.#heartbeat());
    }, this.#options.renewIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#tick;
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
    const { lease, logger } = this.#options;
    for (let shard = 0; shard < this.#options.shardCount; shard++) {
      try {
        const held = this.#held.get(shard);
        if (held) {
          if (await lease.renew(held)) continue;
          this.#held.remove(shard);
          logger.warn('shard lease lost', { shard });
          await this.#options.onLost(shard);
          continue;
        }
        const acquired = await lease.acquire(shard);
        if (acquired) {
          this.#held.add(acquired);
          logger.info('shard lease acquired', { shard, fencingToken: acquired.fencingToken });
          await this.#options.onAcquired(acquired);
        }
      } catch (error) {
        logger.warn('shard lease heartbeat failed', { shard, error: error as Error });
        // Renewals failing (DynamoDB unreachable) past expiry: another worker may take the
        // shard now, so stop serving it rather than risk two connections to one session.
        const held = this.#held.get(shard);
        if (held && held.leaseExpiresAtMs <= Date.now()) {
          this.#held.remove(shard);
          logger.warn('shard lease expired while renewals failed', { shard });
          await Promise.resolve(this.#options.onLost(shard)).catch(() => undefined);
        }
      }
    }
  }
}
