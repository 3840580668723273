/** Whether a live worker currently holds the lease of a session shard. */
export interface WorkerPresence {
  isShardServed(shard: number): Promise<boolean>;
}
