import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { ShardLeaseRecord } from '../resources/shard-lease-record.ts';

/**
 * The leases this process holds, by shard: the one record of them. `ShardOwnership` writes it
 * as leases are acquired, renewed (in place) and lost; everything else reads it as
 * `HeldShardLeases`.
 */
export class HeldLeases implements HeldShardLeases {
  readonly #byShard = new Map<number, ShardLeaseRecord>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get shards(): number[] {
    return [...this.#byShard.keys()];
  }

  get(shard: number): ShardLeaseRecord | undefined {
    return this.#byShard.get(shard);
  }

  add(lease: ShardLeaseRecord): void {
    this.#byShard.set(lease.shard, lease);
  }

  remove(shard: number): void {
    this.#byShard.delete(shard);
  }

  /** Forgets every lease and returns them, for a shutdown that releases them. */
  removeAll(): ShardLeaseRecord[] {
    const leases = [...this.#byShard.values()];
    this.#byShard.clear();
    return leases;
  }

  holds(shard: number): boolean {
    return (this.#byShard.get(shard)?.leaseExpiresAtMs ?? 0) > this.#now();
  }

  fencingToken(shard: number): number | undefined {
    return this.#byShard.get(shard)?.fencingToken;
  }
}
