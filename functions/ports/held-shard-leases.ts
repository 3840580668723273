/**
 * The shard leases this process holds, as the WhatsApp sessions read them: a session is served
 * only while its shard is held, and its credential writes are fenced by the lease's token.
 */
export interface HeldShardLeases {
  /** Whether this process holds the shard's lease now (acquired and not yet expired). */
  holds(shard: number): boolean;
  /** Fencing token of the held lease of a shard; undefined when it is not held. */
  fencingToken(shard: number): number | undefined;
}
