import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type SQSClient,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { retryWhileQueueIsNew } from '../../platform/retry-while-queue-is-new.ts';
import {
  REPLY_QUEUE_ATTRIBUTES,
  REPLY_QUEUE_TAGS,
  replyQueueName,
} from '../../resources/queue-definitions.ts';

export interface ReplyQueueOptions {
  sqs: SQSClient;
  namePrefix: string;
  /** How often the queue's last-used tag is refreshed (and its existence re-checked). */
  touchIntervalMs?: number;
  /**
   * How long after CreateQueue a QueueDoesNotExist from the new queue is taken for SQS still
   * propagating it (AWS: a new queue may not be usable for about a second) and retried.
   */
  newQueueGraceMs?: number;
  now?: () => number;
}

const DEFAULT_TOUCH_INTERVAL_MS = 5 * 60_000;
const DEFAULT_NEW_QUEUE_GRACE_MS = 5_000;
/** Pauses between retries of a queue that does not exist yet: short, then a little longer. */
const NEW_QUEUE_RETRY_PAUSES_MS = [50, 100, 200, 400] as const;

/** The pause before the attempt-th retry of a queue that does not exist yet. */
export function newQueueRetryPause(attempt: number): number {
  return NEW_QUEUE_RETRY_PAUSES_MS[Math.min(attempt, NEW_QUEUE_RETRY_PAUSES_MS.length - 1)] ?? 400;
}

/**
 * The execution environment's own reply queue: created on first use under a fixed name prefix,
 * tagged with when it was last used so an idle one can be swept, and created again (under a
 * fresh name) when the sweeper has taken it.
 */
export class ReplyQueue {
  readonly #sqs: SQSClient;
  readonly #namePrefix: string;
  readonly #touchIntervalMs: number;
  readonly #newQueueGraceMs: number;
  readonly #now: () => number;
  #url: string | undefined;
  #touchedAt = 0;
  /** When the current queue was created (epoch ms); 0 for none. */
  #createdAt = 0;
  #ready: Promise<string> | undefined;

  constructor(options: ReplyQueueOptions) {
    this.#sqs = options.sqs;
    this.#namePrefix = options.namePrefix;
    this.#touchIntervalMs = options.touchIntervalMs ?? DEFAULT_TOUCH_INTERVAL_MS;
    this.#newQueueGraceMs = options.newQueueGraceMs ?? DEFAULT_NEW_QUEUE_GRACE_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The queue's URL; concurrent first requests share one creation instead of racing. */
  url(): Promise<string> {
    this.#ready ??= this.#ensure().finally(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  /** Whether a QueueDoesNotExist from this queue may still be SQS propagating its creation. */
  isNew(queueUrl: string): boolean {
    return queueUrl === this.#url && this.#now() - this.#createdAt < this.#newQueueGraceMs;
  }

  /** The queue is gone (the sweeper took it): the next request creates another. */
  forget(): void {
    this.#url = undefined;
  }

  async #ensure(): Promise<string> {
    const now = this.#now();
    if (this.#url && now - this.#touchedAt < this.#touchIntervalMs) return this.#url;
    const lastUsed = { [REPLY_QUEUE_TAGS.lastUsedAtTag]: new Date(now).toISOString() };
    if (this.#url) {
      try {
        // Refreshing the tag also proves the queue still exists (the sweeper may have taken it).
        await this.#sqs.send(new TagQueueCommand({ QueueUrl: this.#url, Tags: lastUsed }));
        this.#touchedAt = now;
        return this.#url;
      } catch (error) {
        if (!(error instanceof QueueDoesNotExist)) throw error;
      }
    }
    const created = await this.#sqs.send(
      new CreateQueueCommand({
        // A fresh name each time: SQS refuses a name deleted less than 60 s ago (the sweeper).
        QueueName: replyQueueName(this.#namePrefix, randomUUID()),
        Attributes: { ...REPLY_QUEUE_ATTRIBUTES },
        tags: { purpose: REPLY_QUEUE_TAGS.purpose, ...lastUsed },
      }),
    );
    if (!created.QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    this.#createdAt = now;
    await this.#untilUsable(created.QueueUrl);
    this.#url = created.QueueUrl;
    this.#touchedAt = now;
    return created.QueueUrl;
  }

  /**
   * No request names a reply queue before the queue answers a receive: AWS documents that a new
   * queue may not be usable for about a second after CreateQueue returns. An empty receive
   * (no wait, visibility 0, so nothing could be hidden) proves it; QueueDoesNotExist within
   * the grace period is retried. The worker also retries a reply that meets QueueDoesNotExist.
   */
  async #untilUsable(queueUrl: string): Promise<void> {
    await retryWhileQueueIsNew(
      () =>
        this.#sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: 0,
            VisibilityTimeout: 0,
          }),
        ),
      {
        giveUpAt: this.#createdAt + this.#newQueueGraceMs,
        pauseMs: newQueueRetryPause,
        now: this.#now,
      },
    );
  }
}
