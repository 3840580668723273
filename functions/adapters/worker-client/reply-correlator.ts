import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type ReceiveMessageCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { UpstreamTimeoutError } from '../../domain/errors/app-errors.ts';
import type * as z from '../../domain/validation/zod-mini.ts';
import { newQueueRetryPause, type ReplyQueue } from './reply-queue.ts';

export interface ReplyCorrelatorOptions {
  sqs: SQSClient;
  replyQueue: ReplyQueue;
  now?: () => number;
  onIgnoredReply?: (correlationId: string) => void;
}

interface ReplyWaiter {
  deadline: number;
  /** The reply's JSON, parsed; each waiter checks it against its own reply schema. */
  resolve(reply: unknown): void;
  reject(error: unknown): void;
}

const MAX_LONG_POLL_SECONDS = 20;

/**
 * Hands each reply on the reply queue to the request waiting for it. On Lambda an environment
 * serves one request at a time, but a host running the handler concurrently (the local gateway)
 * has several requests waiting on the same queue: one poller receives for all of them. Anything
 * else is a late reply to an earlier request: deleted and ignored.
 */
export class ReplyCorrelator {
  readonly #sqs: SQSClient;
  readonly #replyQueue: ReplyQueue;
  readonly #now: () => number;
  readonly #onIgnoredReply: ((correlationId: string) => void) | undefined;
  /** Requests waiting for their reply, by correlation id. */
  readonly #waiting = new Map<string, ReplyWaiter>();
  /** The one receive loop on the reply queue, running while anyone waits. */
  #poller: { queueUrl: string; stop: AbortController } | undefined;

  constructor(options: ReplyCorrelatorOptions) {
    this.#sqs = options.sqs;
    this.#replyQueue = options.replyQueue;
    this.#now = options.now ?? Date.now;
    this.#onIgnoredReply = options.onIgnoredReply;
  }

  /**
   * Waits until `deadline` for the reply with this correlation id, parsed with its schema. A
   * reply that does not match the schema is ignored: the waiter keeps waiting.
   */
  awaitReply<Reply>(
    replyQueueUrl: string,
    correlationId: string,
    deadline: number,
    replySchema: z.ZodMiniType<Reply>,
  ): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.stopWaiting(correlationId);
          reject(replyTimeout());
        },
        Math.max(0, deadline - this.#now()),
      );
      const settle = () => {
        clearTimeout(timer);
        this.#waiting.delete(correlationId);
      };
      this.#waiting.set(correlationId, {
        deadline,
        resolve: (received) => {
          const parsed = replySchema.safeParse(received);
          // A reply this request cannot read is ignored like any unreadable one: it times out.
          if (!parsed.success) {
            this.#onIgnoredReply?.(correlationId);
            return;
          }
          settle();
          resolve(parsed.data);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      if (this.#poller?.queueUrl !== replyQueueUrl) {
        this.#poller?.stop.abort();
        const stop = new AbortController();
        this.#poller = { queueUrl: replyQueueUrl, stop };
        void this.#pollReplies(replyQueueUrl, stop.signal);
      }
    });
  }

  /**
   * Stops waiting for a reply. The receive in flight is left to finish (it is bounded by the
   * latest deadline): an aborted long poll can still take a message off the queue, hiding the
   * next caller's reply for the queue's visibility timeout; a finished one hands it over.
   */
  stopWaiting(correlationId: string): void {
    this.#waiting.delete(correlationId);
  }

  async #pollReplies(replyQueueUrl: string, stopped: AbortSignal): Promise<void> {
    let failedPolls = 0;
    let missingQueueRetries = 0;
    try {
      while (this.#waiting.size > 0 && !stopped.aborted) {
        const latest = Math.max(...[...this.#waiting.values()].map((waiter) => waiter.deadline));
        const remainingMs = Math.max(1, latest - this.#now());
        let result: ReceiveMessageCommandOutput;
        try {
          result = await this.#sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: replyQueueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: Math.min(MAX_LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000)),
            }),
            // Stopped only when the reply queue changes; otherwise polls end by themselves.
            { abortSignal: stopped },
          );
          failedPolls = 0;
        } catch (error) {
          if (stopped.aborted) throw error;
          if (error instanceof QueueDoesNotExist) {
            // A queue created a moment ago may not be visible everywhere yet: keep it, retry.
            if (!this.#replyQueue.isNew(replyQueueUrl)) throw error;
            await sleep(newQueueRetryPause(missingQueueRetries++));
            continue;
          }
          // A poll left over from a frozen Lambda invocation finds its connection gone when the
          // environment thaws: one failure is retried before the waiters hear of it.
          if (++failedPolls > 1) throw error;
          continue;
        }
        const messages = result.Messages ?? [];
        if (messages.length === 0) continue;
        // Waiters get their replies first; the delete that follows is off their path.
        for (const message of messages) {
          const reply = parseReply(message.Body);
          const waiter = reply ? this.#waiting.get(reply.correlationId) : undefined;
          if (reply && waiter) waiter.resolve(reply.json);
          else this.#onIgnoredReply?.(reply?.correlationId ?? 'unparseable');
        }
        await this.#sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: replyQueueUrl,
            Entries: messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    } catch (error) {
      if (stopped.aborted) return;
      if (error instanceof QueueDoesNotExist) this.#replyQueue.forget();
      // Past their deadline waiters time out on their own; the others learn SQS failed.
      for (const waiter of [...this.#waiting.values()]) {
        if (waiter.deadline > this.#now()) waiter.reject(error);
      }
    } finally {
      if (this.#poller?.stop.signal === stopped) this.#poller = undefined;
    }
  }
}

function replyTimeout(): UpstreamTimeoutError {
  return new UpstreamTimeoutError(
    'the live profile lookup did not finish within the deadline; retry, it may be cached by then',
  );
}

/** A reply's JSON and its correlation id; its schema is its waiter's to check. */
function parseReply(body: string | undefined): { correlationId: string; json: unknown } | null {
  try {
    const json: unknown = JSON.parse(body ?? '');
    if (typeof json !== 'object' || json === null || !('correlationId' in json)) return null;
    const { correlationId } = json;
    return typeof correlationId === 'string' ? { correlationId, json } : null;
  } catch {
    return null;
  }
}
