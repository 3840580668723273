import type { ReplyQueueRegistry } from './reply-queue-registry.ts';

export interface SweepResult {
  /** Reply queues examined. */
  examined: number;
  /** Names of the queues deleted as idle. */
  deleted: string[];
}

/**
 * Deletes the reply queues nobody has used for longer than `idleSeconds`. Each profile
 * execution environment owns one queue and refreshes its last-used tag every few minutes while
 * it serves requests, so a queue idle for much longer belongs to an environment that is gone.
 * Should that environment come back after all, it re-creates its queue on first use.
 */
export async function sweepIdleReplyQueues(dependencies: {
  registry: ReplyQueueRegistry;
  idleSeconds: number;
  now: Date;
}): Promise<SweepResult> {
  const cutoff = dependencies.now.getTime() - dependencies.idleSeconds * 1000;
  const result: SweepResult = { examined: 0, deleted: [] };
  for await (const queue of dependencies.registry.listReplyQueues()) {
    result.examined += 1;
    if (queue.lastUsedAt.getTime() < cutoff) {
      await dependencies.registry.deleteReplyQueue(queue.url);
      result.deleted.push(queue.name);
    }
  }
  return result;
}
