/**
 * The most shards one task aims to hold while `liveTasks` tasks (itself included) run:
 * `ceil(shards ÷ tasks)`. Every shard fits under the tasks' shares together, so none is left
 * unowned once each task has taken up to its share.
 */
export function fairShare(shardCount: number, liveTasks: number): number {
  return Math.ceil(shardCount / Math.max(1, liveTasks));
}

/**
 * The held shards to hand over so that `share` remain: the highest-numbered ones, so that which
 * shards move is predictable (and a task keeps the same ones across heartbeats).
 */
export function shardsToHandOver(held: readonly number[], share: number): number[] {
  const excess = held.length - share;
  if (excess <= 0) return [];
  return [...held].sort((a, b) => a - b).slice(-excess);
}
