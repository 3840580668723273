import { setTimeout as sleep } from 'node:timers/promises';
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';

/**
 * Runs an SQS call on a queue that may have just been created, retrying `QueueDoesNotExist`:
 * AWS documents that a new queue may not be usable for about a second after CreateQueue. Any
 * other error, or one whose next pause would end past `giveUpAt` (epoch ms), is thrown.
 */
export async function retryWhileQueueIsNew<T>(
  call: () => Promise<T>,
  options: { giveUpAt: number; pauseMs: (attempt: number) => number; now?: () => number },
): Promise<T> {
  const now = options.now ?? Date.now;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const pauseMs = options.pauseMs(attempt);
      if (!(error instanceof QueueDoesNotExist) || now() + pauseMs > options.giveUpAt) throw error;
      await sleep(pauseMs);
    }
  }
}
