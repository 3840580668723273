/**
 * A worker owns a shard of sessions through a lease item in the sessions table. The profile
 * Lambda reads it to tell a stopped worker tier (503 at once) from a slow one.
 * `leaseExpiresAtMs` is deliberately not the table's TTL attribute: TTL would delete the item
 * and reset its fencing counter.
 */
export interface ShardLeaseRecord {
  shard: number;
  ownerId: string;
  /** Grows by one at every change of owner; writes fenced by it reject a stale owner. */
  fencingToken: number;
  leaseExpiresAtMs: number;
}
