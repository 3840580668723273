import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { maskDigits, maskJid } from '../shared/logging/mask-personal-data.ts';
import {
  type ProfileRequestMessage,
  profileRequestMessageSchema,
} from '../shared/ports/profile-request-messages.ts';
import type { HandleProfileRequest } from './handle-profile-request.ts';

export interface SessionWorkerOptions {
  sqs: SQSClient;
  handleProfileRequest: HandleProfileRequest;
  logger: Logger;
  /** How long after its deadline a request is still worth fetching (it warms the cache). */
  lateRequestMaxAgeMs: number;
  /** Requests handled at once by this process. */
  maxInFlight: number;
  now?: () => number;
}

/**
 * Short enough that stopping waits little: a stopping worker lets its current poll finish and
 * handles what it returns, because an aborted long poll may still have taken messages off the
 * queue, which would then stay invisible until their visibility timeout.
 */
const LONG_POLL_SECONDS = 5;
const RECEIVE_RETRY_DELAY_MS = 1_000;

/**
 * Consumes the request queues of the shards this process holds. Each queue has one long-poll
 * loop; requests run concurrently up to `maxInFlight`. A message is deleted once answered; one
 * that failed unexpectedly stays, comes back after its visibility timeout and, after a bounded
 * number of receives, moves to the dead-letter queue.
 */
export class SessionWorker {
  readonly #options: SessionWorkerOptions;
  readonly #now: () => number;
  readonly #loops = new Map<string, { stop: AbortController; done: Promise<void> }>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: SessionWorkerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts consuming a queue (idempotent). */
  consume(queueUrl: string): void {
    if (this.#loops.has(queueUrl)) return;
    const stop = new AbortController();
    const done = this.#pollLoop(queueUrl, stop.signal);
    this.#loops.set(queueUrl, { stop, done });
  }

  /** Stops consuming a queue after its current poll, e.g. when its shard's lease is lost. */
  async stopConsuming(queueUrl: string): Promise<void> {
    const loop = this.#loops.get(queueUrl);
    if (!loop) return;
    this.#loops.delete(queueUrl);
    loop.stop.abort();
    await loop.done;
  }

  /** Stops every loop and waits for requests in flight to finish. */
  async stop(): Promise<void> {
    await Promise.all([...this.#loops.keys()].map((url) => this.stopConsuming(url)));
    await Promise.allSettled([...this.#inFlight]);
  }

  async #pollLoop(queueUrl: string, stopped: AbortSignal): Promise<void> {
    while (!stopped.aborted) {
      while (this.#inFlight.size >= this.#options.maxInFlight) {
        await Promise.race(this.#inFlight);
      }
      let messages: Message[];
      try {
        const result = await this.#options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, this.#options.maxInFlight - this.#inFlight.size),
            WaitTimeSeconds: LONG_POLL_SECONDS,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        );
        messages = result.Messages ?? [];
      } catch (error) {
        if (stopped.aborted) return;
        this.#options.logger.warn('receive failed; retrying', { error: error as Error });
        await new Promise((resolve) => setTimeout(resolve, RECEIVE_RETRY_DELAY_MS));
        continue;
      }
      for (const message of messages) {
        const task: Promise<void> = this.#process(queueUrl, message)
          .catch((error: unknown) =>
            this.#options.logger.error('request handling crashed', { error: error as Error }),
          )
          .finally(() => this.#inFlight.delete(task));
        this.#inFlight.add(task);
      }
    }
  }

  async #process(queueUrl: string, message: Message): Promise<void> {
    const { logger } = this.#options;
    const request = parseRequest(message.Body);
    if (!request) {
      // Left on the queue: after its last receive it moves to the dead-letter queue intact.
      logger.error('unreadable request message; leaving it for the dead-letter queue', {
        messageId: message.MessageId,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
      });
      return;
    }
    const context = {
      correlationId: request.correlationId,
      tenantId: request.tenantId,
      contact:
        request.contact.kind === 'jid'
          ? maskJid(request.contact.jid)
          : maskDigits(request.contact.digits),
    };
    const now = this.#now();
    if (now > request.deadline + this.#options.lateRequestMaxAgeMs) {
      logger.info('dropping a request long past its deadline', context);
      await this.#delete(queueUrl, message);
      return;
    }
    // Past its deadline the request still warms the cache, within the same budget of time.
    const budgetMs = Math.max(request.deadline - now, 0) + this.#options.lateRequestMaxAgeMs;
    const outcome = await this.#options.handleProfileRequest(
      request,
      AbortSignal.timeout(budgetMs),
    );
    try {
      if (this.#now() <= request.deadline) {
        await this.#options.sqs.send(
          new SendMessageCommand({
            QueueUrl: request.replyQueueUrl,
            MessageBody: JSON.stringify(outcome.reply),
          }),
        );
      }
    } catch (error) {
      // The caller's reply queue may be gone (swept, or its Lambda recycled): nothing waits.
      logger.warn('could not send the reply', { ...context, error: error as Error });
    }
    if (outcome.kind === 'retry') {
      logger.error('profile request failed; it will be retried', {
        ...context,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
        error: outcome.error as Error,
      });
      return;
    }
    logger.info('profile request answered', {
      ...context,
      ok: outcome.reply.ok,
      ...(outcome.reply.ok ? {} : { errorCode: outcome.reply.errorCode }),
    });
    await this.#delete(queueUrl, message);
  }

  async #delete(queueUrl: string, message: Message): Promise<void> {
    await this.#options.sqs
      .send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }))
      .catch((error: unknown) =>
        this.#options.logger.warn('could not delete a handled message', { error: error as Error }),
      );
  }
}

function parseRequest(body: string | undefined): ProfileRequestMessage | null {
  try {
    const parsed = profileRequestMessageSchema.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
