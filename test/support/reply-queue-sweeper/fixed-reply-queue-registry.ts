import type {
  ListedReplyQueue,
  ReplyQueueRegistry,
} from '../../../functions/reply-queue-sweeper/reply-queue-registry.ts';

/** The reply-queue registry port over a fixed list of queues, recording the URLs it deletes. */
export function fixedReplyQueueRegistry(queues: ListedReplyQueue[]) {
  const deleted: string[] = [];
  const registry: ReplyQueueRegistry = {
    async *listReplyQueues() {
      yield* queues;
    },
    async deleteReplyQueue(url) {
      deleted.push(url);
    },
  };
  return { registry, deleted };
}

/** A listed reply queue last used `idleMs` before `now`. */
export function listedReplyQueue(name: string, idleMs: number, now: Date): ListedReplyQueue {
  return {
    url: `https://sqs.local/000000000000/${name}`,
    name,
    lastUsedAt: new Date(now.getTime() - idleMs),
  };
}
